// One entity: its names in both scripts, documents, the sentences that name it, the events
// it takes part in, the entities named with it, and (for editors) merge, split and rename.
import {api, append, clear, docLink, el, entityLink, highlighted, number, page, showError} from "./lib.js";
import {eventItem} from "./evidence.js";
import {typeBadge} from "./types.js";

const main = page();
const entityId = Number(main.dataset.entityId);
const heading = main.querySelector("h1");
const body = el("div", {class: "entity"});
main.append(body);
const DOCUMENTS_SHOWN = 50;
// A document's title may be Arabic: its link finds its own direction.
const titled = (link) => { link.setAttribute("dir", "auto"); return link; };

async function load() {
  main.querySelectorAll(".error").forEach((e) => e.remove());
  let data, session;
  try {
    [data, session] = await Promise.all([api(`/api/entities/${entityId}`), api("/api/session")]);
  } catch (error) { showError(main, error); return; }
  const e = data.entity;
  document.title = `${e.canonical} · ${document.title.split(" · ").slice(1).join(" · ")}`;
  clear(heading).append(el("span", {dir: "auto"}, e.canonical), " ", typeBadge(e.type));
  clear(body);
  // lib's append skips the sections that are null (no decisions yet)
  append(body, [headline(e), aliases(data.aliases), linked(data.linked),
                documents(data.documents), sentences(data.sentences), events(data), decisions(data.decisions)]);
  if (session.role === "editor" || session.role === "admin") body.append(tools(data));
}

function headline(e) {
  const seen = e.first_seen ? `${e.first_seen} to ${e.last_seen}` : "no dated document";
  return el("section", {class: "card headline wide"},
    e.canonical_ar && e.canonical_ar !== e.canonical ? el("p", {class: "canonical-ar", dir: "auto", lang: "ar"}, e.canonical_ar) : null,
    el("p", {class: "facts"}, `${number(e.documents)} documents · ${number(e.mentions)} mentions · seen ${seen}`,
      e.entry ? el("span", {class: "entry"}, " · gazetteer ", el("code", {}, e.entry)) : null,
      el("span", {class: "entity-number"}, ` · #${e.id}`)));
}

function aliases(list) {
  const column = (title, items, lang) => el("div", {class: "alias-column"}, el("h3", {}, title),
    items.length ? el("ul", {class: "aliases", dir: lang === "ar" ? "rtl" : "ltr"}, items.map((a) => el("li", {},
      el("span", {class: "alias", dir: "auto", lang}, a.text), " ", el("span", {class: "count"}, `${number(a.mentions)}×`))))
      : el("p", {class: "hint"}, "none"));
  return el("section", {class: "card"}, el("h2", {}, `Names (${list.length})`),
    el("div", {class: "alias-columns"},
      column("Latin script", list.filter((a) => a.script !== "ar"), "en"),
      column("Arabic script", list.filter((a) => a.script === "ar"), "ar")));
}

function linked(list) {
  return el("section", {class: "card"}, el("h2", {}, "Named with"),
    list.length ? el("ol", {class: "linked"}, list.map((o) => el("li", {},
      entityLink(o.id, o.canonical), " ", typeBadge(o.type), " ",
      el("span", {class: "count"}, `${number(o.weight)} pages`))))
      : el("p", {class: "hint"}, "No other entity is named on its pages."),
    el("p", {}, el("a", {href: `/graph?focus=${entityId}`}, "See it in the graph")));
}

function documents(list) {
  const tbody = el("tbody");
  const rows = list.map((d) => el("tr", {},
    el("td", {}, titled(docLink(d.id, {label: d.title || (d.path || "").split("/").pop() || `DOC ${d.id}`}))),
    el("td", {class: "date"}, d.date || ""), el("td", {}, d.kind ? el("span", {class: "badge"}, d.kind) : null),
    el("td", {class: "num"}, number(d.mentions))));
  tbody.append(...rows.slice(0, DOCUMENTS_SHOWN));
  const more = rows.length > DOCUMENTS_SHOWN ? el("button", {type: "button", class: "secondary", on: {click: () => {
    tbody.append(...rows.slice(DOCUMENTS_SHOWN)); more.remove(); }}}, `Show all ${number(rows.length)}`) : null;
  return el("section", {class: "card wide"}, el("h2", {}, `Documents (${number(list.length)})`),
    el("table", {class: "documents"}, el("thead", {}, el("tr", {}, el("th", {}, "Document"), el("th", {}, "Date"),
      el("th", {}, "Kind"), el("th", {class: "num"}, "Mentions"))), tbody), more);
}

function sentences(list) {
  return el("section", {class: "card wide"}, el("h2", {}, "What the documents say"),
    list.length ? el("ul", {class: "sentences"}, list.map((s) => el("li", {class: "sentence"},
      titled(docLink(s.document, {page: s.page, label: `${s.title || "DOC " + s.document} p.${s.page}`})),
      el("p", {class: "text", dir: "auto"}, highlighted(s.text, [s.mention])))))
      : el("p", {class: "hint"}, "No sentence to quote."));
}

function events(data) {
  const shown = data.events.length < data.events_total ? ` (first ${number(data.events.length)} of ${number(data.events_total)})` : ` (${number(data.events_total)})`;
  return el("section", {class: "card wide"}, el("h2", {}, "Events" + shown),
    data.events.length ? el("ul", {class: "events"}, data.events.map((e) => eventItem(e)))
      : el("p", {class: "hint"}, "It takes part in no coded event."));
}

function decisions(list) {
  if (!list.length) return null;
  const what = (d) => d.action === "rename" ? `renamed to “${d.object}”` : d.action === "merge" ? `merged ${d.object} into ${d.subject}` : `split “${d.object}” off ${d.subject}`;
  return el("section", {class: "card wide"}, el("h2", {}, "Decisions"),
    el("ul", {class: "decisions"}, list.map((d) => el("li", {},
      el("span", {dir: "auto"}, what(d)), " · ", d.made_by || "command line", " · ",
      new Date(d.made_at * 1000).toLocaleString("en-GB")))));
}

function tools(data) {
  const out = el("p", {class: "tool-result", "aria-live": "polite"});
  const run = async (path, body, after) => {
    clear(out).append("Resolving the case again…");
    try {
      after(await api(path, {body}));
    } catch (error) { clear(out); showError(out, error); }
  };
  const goTo = (result) => {
    if (result.id === entityId) { clear(out).append("Done."); load(); } else { location.href = `/entities/${result.id}`; }
  };
  const name = el("input", {name: "name", required: true, dir: "auto", value: data.entity.canonical, maxlength: 500, "aria-label": "New name"});
  const rename = el("form", {class: "tool", on: {submit: (ev) => { ev.preventDefault();
    run(`/api/entities/${entityId}/rename`, {name: name.value}, goTo); }}},
    el("h3", {}, "Rename"), name, el("button", {type: "submit"}, "Rename"));
  const other = el("input", {name: "other", required: true, dir: "auto", maxlength: 500, placeholder: "#number or a name", "aria-label": "Entity to merge in"});
  const merge = el("form", {class: "tool", on: {submit: (ev) => { ev.preventDefault();
    if (!confirm(`Merge “${other.value}” into “${data.entity.canonical}”?`)) return;
    run(`/api/entities/${entityId}/merge`, {other: other.value}, goTo); }}},
    el("h3", {}, "Merge another entity into this one"), other, el("button", {type: "submit"}, "Merge"));
  const alias = el("select", {name: "alias", "aria-label": "Spelling to split off"},
    data.aliases.map((a) => el("option", {value: a.text, dir: "auto"}, `${a.text} (${a.mentions})`)));
  const split = el("form", {class: "tool", on: {submit: (ev) => { ev.preventDefault();
    run(`/api/entities/${entityId}/split`, {alias: alias.value}, (result) => {
      clear(out).append("Split off: ", entityLink(result.id, result.entity.canonical));
      if (!result.remaining) location.href = `/entities/${result.id}`;
      else if (result.remaining.id !== entityId) location.href = `/entities/${result.remaining.id}`;
      else load().then(() => body.querySelector(".tools")?.append(out));
    }); }}},
    el("h3", {}, "Split a spelling off"), alias, el("button", {type: "submit", disabled: data.aliases.length < 2}, "Split"));
  return el("section", {class: "card wide tools"}, el("h2", {}, "Decisions (editors)"),
    el("p", {class: "hint"}, "Each decision is kept in the case, replayed by every resolution and recorded in the audit log."),
    el("div", {class: "tool-forms"}, rename, merge, split), out);
}

load();
