// The entities page: every entity of the case, searchable by any of its names in either
// script, filtered by type, sorted by mentions, documents or name, a page at a time.
import {api, clear, el, entityLink, number, page, renderPager, showError} from "./lib.js";
import {typeBadge} from "./types.js";

const main = page();
const params = new URLSearchParams(location.search);
const state = {q: params.get("q") || "", type: params.get("type") || "", sort: params.get("sort") || "mentions",
               offset: Number(params.get("offset") || 0), limit: 50};

const input = el("input", {type: "search", name: "q", value: state.q, dir: "auto", "aria-label": "Name",
                           placeholder: "Any name or alias, e.g. داعش or Raqqa", maxlength: 200});
const typeSelect = el("select", {name: "type", "aria-label": "Type"}, el("option", {value: ""}, "All types"));
const sortSelect = el("select", {name: "sort", "aria-label": "Sort by"},
  [["mentions", "Most mentions"], ["documents", "Most documents"], ["name", "Name"]].map(([v, label]) =>
    el("option", {value: v, selected: v === state.sort}, label)));
const form = el("form", {class: "entity-filters", role: "search", on: {submit: (e) => { e.preventDefault(); go(0); }}},
  input, typeSelect, sortSelect, el("button", {type: "submit"}, "Filter"));
const summary = el("p", {class: "summary", "aria-live": "polite"});
const tbody = el("tbody");
const table = el("table", {class: "entities"},
  el("thead", {}, el("tr", {}, el("th", {}, "Name"), el("th", {}, "Type"), el("th", {class: "num"}, "Documents"),
    el("th", {class: "num"}, "Mentions"), el("th", {}, "First seen"), el("th", {}, "Last seen"), el("th", {}, "Also written"))),
  tbody);
const pager = el("nav", {class: "pager", "aria-label": "Pages"});
main.append(form, summary, table, pager);

let timer = null;
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => go(0), 300); });
typeSelect.addEventListener("change", () => go(0));
sortSelect.addEventListener("change", () => go(0));

function go(offset) {
  state.q = input.value.trim(); state.type = typeSelect.value; state.sort = sortSelect.value; state.offset = offset;
  const url = new URLSearchParams();
  if (state.q) url.set("q", state.q);
  if (state.type) url.set("type", state.type);
  if (state.sort !== "mentions") url.set("sort", state.sort);
  if (offset) url.set("offset", offset);
  history.replaceState(null, "", "/entities" + (url.toString() ? "?" + url : ""));
  load();
}

async function load() {
  main.querySelectorAll(".error").forEach((e) => e.remove());
  const query = new URLSearchParams({sort: state.sort, offset: state.offset, limit: state.limit});
  if (state.q) query.set("q", state.q);
  if (state.type) query.set("type", state.type);
  let data;
  try { data = await api("/api/entities?" + query); } catch (error) { showError(main, error); return; }
  renderTypes(data.types);
  summary.textContent = `${number(data.total)} entities` + (state.q ? ` matching “${state.q}”` : "")
    + (state.type ? ` of type ${state.type}` : "");
  clear(tbody);
  for (const e of data.entities) {
    const names = el("div", {class: "names"}, entityLink(e.id, e.canonical));
    if (e.canonical_ar && e.canonical_ar !== e.canonical) names.append(el("span", {class: "ar", dir: "auto", lang: "ar"}, e.canonical_ar));
    tbody.append(el("tr", {dataset: {entity: e.id}},
      el("td", {}, names),
      el("td", {}, typeBadge(e.type)),
      el("td", {class: "num"}, number(e.documents)),
      el("td", {class: "num"}, number(e.mentions)),
      el("td", {class: "date"}, e.first_seen || ""),
      el("td", {class: "date"}, e.last_seen || ""),
      el("td", {class: "also"}, e.also.map((a, i) => [i ? " · " : null, el("span", {class: "alias", dir: "auto"}, a)]),
        e.aliases_total > e.also.length + 2 ? el("span", {class: "more"}, "…") : null)));
  }
  if (!data.entities.length) tbody.append(el("tr", {}, el("td", {colspan: 7, class: "hint"}, "No entity has that name.")));
  renderPager(pager, data, (offset) => go(offset));
}

function renderTypes(types) {
  const current = state.type;
  clear(typeSelect).append(el("option", {value: ""}, "All types"));
  const all = {...types};
  if (current && !(current in all)) all[current] = 0;
  for (const [type, n] of Object.entries(all)) {
    typeSelect.append(el("option", {value: type, selected: type === current}, `${type} (${number(n)})`));
  }
}


load();
