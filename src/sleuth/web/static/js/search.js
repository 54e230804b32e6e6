// The search page: the query language of `sleuth search`, hits with marked snippets,
// facets (a click adds a filter), pages, saved searches and batch search.
import {api, append, clear, docLink, el, highlighted, number, page, renderPager, showError} from "./lib.js";

const main = page();
const params = new URLSearchParams(location.search);
const SORTS = {relevance: "Best match", newest: "Newest first", oldest: "Oldest first", number: "Document number"};
const state = {q: params.get("q") || "", offset: Number(params.get("offset") || 0), limit: 20,
               sort: Object.hasOwn(SORTS, params.get("sort")) ? params.get("sort") : "relevance"};

// Facet name -> the filter a click adds (a year facet value 2016 becomes date:2016).
const FACET_FILTER = {kind: "type", language: "lang", entity: "entity", event: "event", tag: "tag", year: "date"};
const FACET_TITLE = {kind: "File type", language: "Language", entity: "Entity", event: "Event type", tag: "Tag", year: "Year"};

const input = el("input", {type: "search", name: "q", value: state.q, dir: "auto", "aria-label": "Search",
                           placeholder: 'e.g. "heavy weapons" AND (Palmyra OR تدمر) type:pdf', maxlength: 1000});
const sortSelect = el("select", {name: "sort", "aria-label": "Sort by",
                                on: {change: () => { state.sort = sortSelect.value; go(input.value, 0); }}},
  ...Object.entries(SORTS).map(([value, label]) => el("option", {value, selected: value === state.sort}, label)));
const form = el("form", {class: "search-form", role: "search", on: {submit: (e) => { e.preventDefault(); go(input.value, 0); }}},
  input, sortSelect, el("button", {type: "submit"}, "Search"),
  el("button", {type: "button", class: "secondary", on: {click: saveSearch}}, "Save search"));
const summary = el("p", {class: "summary", "aria-live": "polite"});
const facets = el("aside", {class: "facets", "aria-label": "Facets"});
const results = el("ol", {class: "hits"});
const pager = el("nav", {class: "pager", "aria-label": "Pages"});
const saved = el("section", {class: "saved"}, el("h2", {}, "Saved searches"));
const batch = batchPanel();
append(main, form, summary, el("div", {class: "search-body"}, facets, el("section", {class: "results"}, results, pager)),
       el("div", {class: "search-tools"}, saved, batch));

function go(q, offset) {
  state.q = q; state.offset = offset;
  const url = new URLSearchParams();
  if (q) url.set("q", q);
  if (offset) url.set("offset", offset);
  if (state.sort !== "relevance") url.set("sort", state.sort);
  history.pushState(null, "", "/search" + (url.toString() ? "?" + url : ""));
  run();
}

window.addEventListener("popstate", () => {
  const p = new URLSearchParams(location.search);
  state.q = p.get("q") || ""; state.offset = Number(p.get("offset") || 0);
  state.sort = Object.hasOwn(SORTS, p.get("sort")) ? p.get("sort") : "relevance";
  input.value = state.q; sortSelect.value = state.sort;
  run();
});

async function run() {
  main.querySelectorAll(".error").forEach((e) => e.remove());
  if (!state.q.trim()) {
    summary.textContent = "Type a query: words, \"phrases\", AND/OR/NOT, prefix*, type: lang: entity: event: tag: date: filters.";
    clear(results); clear(facets); clear(pager);
    return;
  }
  summary.textContent = "Searching…";
  let data;
  try {
    data = await api(`/api/search?q=${encodeURIComponent(state.q)}&offset=${state.offset}&limit=${state.limit}&sort=${state.sort}`);
  } catch (error) {
    summary.textContent = "";
    showError(main, error);
    return;
  }
  summary.textContent = `${number(data.total)} documents match (${data.took_ms} ms)`;
  renderHits(data);
  renderFacets(data.facets, data.facet_labels || {});
  renderPager(pager, data, (offset) => go(state.q, offset));
}

function renderHits(data) {
  clear(results);
  results.start = data.offset + 1;
  for (const hit of data.hits) {
    const snippets = el("div", {class: "snippets"});
    for (const s of hit.snippets) {
      snippets.append(el("p", {class: "snippet", dir: "auto"},
        docLink(hit.id, {page: s.page, q: data.query, label: `p.${s.page}`}), " ",
        el("span", {class: "text", dir: "auto"}, highlighted(s.text, s.highlights))));
    }
    results.append(el("li", {class: "hit", dataset: {doc: hit.id, kind: hit.kind}},
      el("div", {class: "hit-head"},
        docLink(hit.id, {q: data.query, label: hit.title || hit.path.split("/").pop() || `DOC ${hit.id}`}),
        el("span", {class: "badge"}, hit.kind), el("span", {class: "badge"}, hit.language),
        hit.date ? el("time", {class: "badge", datetime: hit.date}, hit.date) : null,
        el("span", {class: "doc-number"}, `DOC ${hit.id}`)),
      el("div", {class: "path", dir: "ltr"}, hit.path),
      snippets));
  }
}

function renderFacets(all, labels) {
  clear(facets);
  for (const [name, counts] of Object.entries(all || {})) {
    const entries = Object.entries(counts);
    if (!entries.length) continue;
    const list = el("ul");
    for (const [value, count] of entries.slice(0, 15)) {
      const filter = `${FACET_FILTER[name] || name}:${/\s/.test(value) ? '"' + value + '"' : value}`;
      const active = state.q.includes(filter);
      list.append(el("li", {},
        el("button", {type: "button", class: active ? "facet active" : "facet", dir: "auto", "aria-pressed": String(active),
                      on: {click: () => go(active ? state.q.replace(filter, "").trim() : `${state.q} ${filter}`.trim(), 0)}},
          (labels[name] || {})[value] || value, " ", el("span", {class: "count"}, number(count)))));
    }
    facets.append(el("section", {class: "facet-group"}, el("h2", {}, FACET_TITLE[name] || name), list));
  }
}


async function loadSaved() {
  const list = el("ul");
  try {
    for (const s of await api("/api/saved-searches")) {
      list.append(el("li", {},
        el("a", {href: `/search?q=${encodeURIComponent(s.query)}`, dir: "auto",
                 on: {click: (e) => { e.preventDefault(); input.value = s.query; go(s.query, 0); }}}, s.name),
        " ", el("code", {dir: "auto"}, s.query),
        el("button", {type: "button", class: "link", title: "Delete", on: {click: async () => {
          await api(`/api/saved-searches/${s.id}`, {method: "DELETE"}); loadSaved(); }}}, "×")));
    }
  } catch (error) { showError(saved, error); }
  saved.querySelector("ul")?.remove();
  saved.append(list);
}

async function saveSearch() {
  if (!input.value.trim()) return;
  const name = prompt("Name this search:", input.value);
  if (!name) return;
  try {
    await api("/api/saved-searches", {body: {name, query: input.value}});
    loadSaved();
  } catch (error) { showError(saved, error); }
}

function batchPanel() {
  const terms = el("textarea", {name: "terms", rows: 6, dir: "auto", placeholder: "One name or term a line", maxlength: 200000});
  const file = el("input", {type: "file", name: "upload", accept: ".txt,.csv,text/plain,text/csv"});
  const out = el("div", {class: "batch-results"});
  const send = async (asCsv) => {
    const body = new FormData();
    body.set("terms", terms.value);
    if (file.files[0]) body.set("upload", file.files[0]);
    if (asCsv) body.set("as_csv", "true");
    clear(out).append("Searching…");
    try {
      if (asCsv) {
        const response = await api("/api/search/batch", {body, raw: true});
        const url = URL.createObjectURL(await response.blob());
        const a = el("a", {href: url, download: "batch-search.csv"});
        document.body.append(a); a.click(); a.remove();
        clear(out).append("CSV downloaded.");
        return;
      }
      const data = await api("/api/search/batch", {body});
      clear(out);
      const table = el("table", {class: "batch"}, el("thead", {}, el("tr", {}, el("th", {}, "Term"), el("th", {}, "Documents"), el("th", {}, "Best hits"))));
      const tbody = el("tbody");
      for (const r of data.results) {
        tbody.append(el("tr", {class: r.total ? "" : "none"},
          el("td", {dir: "auto"}, el("a", {href: `/search?q=${encodeURIComponent(r.query)}`}, r.term)),
          el("td", {class: "num"}, r.error ? el("span", {class: "error"}, r.error) : number(r.total)),
          el("td", {}, r.documents.map((d) => [docLink(d.id, {page: d.page, q: r.query}), " "]))));
      }
      table.append(tbody);
      out.append(table);
    } catch (error) { clear(out); showError(out, error); }
  };
  return el("section", {class: "batch-search"}, el("h2", {}, "Batch search"),
    el("p", {class: "hint"}, "Paste a list of names or terms, or upload a text or CSV file (first column)."),
    terms, el("div", {}, file),
    el("button", {type: "button", on: {click: () => send(false)}}, "Search each"), " ",
    el("button", {type: "button", class: "secondary", on: {click: () => send(true)}}, "Export CSV"),
    out);
}

run();
loadSaved();
