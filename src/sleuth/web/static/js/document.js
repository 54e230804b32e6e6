// The document page: header and download, each page's image with the query's words boxed
// next to its text (mentions, events and query matches marked), metadata, where the file
// was found, tags and notes. Everything from the trove is inserted as text, never markup.
import {api, append, clear, docLink, el, entityLink, number, page, showError} from "./lib.js";

const main = page();
const docId = Number(main.dataset.docId);
const params = new URLSearchParams(location.search);
const state = {q: params.get("q") || "", doc: null, session: null};

const KIND_LABEL = {ocr: "OCR", text: "text layer", none: "no text"};
const MENTION_TYPES = ["PERSON", "ORG", "GPE", "LOC", "FACILITY", "NORP", "DATE", "MONEY", "PHONE", "EMAIL", "ID"];

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function when(seconds) {
  return seconds ? new Date(seconds * 1000).toISOString().replace("T", " ").slice(0, 16) : "";
}

const canEdit = () => state.session && (state.session.role === "editor" || state.session.role === "admin");

// ---- text with overlapping marks ------------------------------------------------------

// Spans over one page's text: {start, end, kind: "event"|"trigger"|"mention"|"match", data}.
function pageSpans(doc, pageNo, matches) {
  const spans = [];
  for (const e of doc.events) {
    if (e.page !== pageNo) continue;
    spans.push({start: e.sentence[0], end: e.sentence[1], kind: "event", data: e});
    spans.push({start: e.trigger[0], end: e.trigger[1], kind: "trigger", data: e});
  }
  for (const m of doc.mentions) if (m.page === pageNo) spans.push({start: m.start, end: m.end, kind: "mention", data: m});
  for (const [start, end] of matches || []) spans.push({start, end, kind: "match"});
  return spans.filter((s) => s.end > s.start);
}

function eventTitle(e) {
  const who = (a) => (a ? a.name || a.text : "?");
  const parts = [`${e.type} (${e.quad_class}, ${e.mode}${e.modality !== "asserted" ? ", " + e.modality : ""})`,
                 `${who(e.source)} → ${e.target ? who(e.target) : "—"}`];
  if (e.place) parts.push(`at ${who(e.place)}`);
  if (e.date) parts.push(`on ${e.date}`);
  return parts.join("\n");
}

// The node for one piece of text inside these spans (innermost: the query's mark).
function wrap(text, active) {
  let node = document.createTextNode(text);
  const match = active.find((s) => s.kind === "match");
  if (match) node = el("mark", {}, node);
  const mention = active.find((s) => s.kind === "mention");
  if (mention) {
    const m = mention.data;
    const title = `${m.type}${m.canonical ? ": " + m.canonical : m.value ? " = " + m.value : ""}`;
    node = m.entity_id
      ? el("a", {href: `/entities/${m.entity_id}`, class: `mention m-${m.type}`, title}, node)
      : el("span", {class: `mention m-${m.type}`, title}, node);
  }
  if (active.some((s) => s.kind === "trigger")) node = el("span", {class: "trigger"}, node);
  const events = active.filter((s) => s.kind === "event").map((s) => s.data);
  if (events.length) {
    const e = events[0];
    const klass = `ev ${e.quad_class.includes("cooperation") ? "coop" : "conflict"}` +
                  (e.quad_class.startsWith("verbal") ? " verbal" : "") + (e.modality !== "asserted" ? " unsure" : "");
    node = el("span", {class: klass, title: events.map(eventTitle).join("\n\n")}, node);
  }
  return node;
}

// One paragraph per line (each finds its own direction); spans may cross lines.
function renderText(text, spans) {
  const chars = Array.from(text || "");
  const cuts = new Set([0, chars.length]);
  for (const s of spans) { cuts.add(Math.max(0, Math.min(chars.length, s.start))); cuts.add(Math.max(0, Math.min(chars.length, s.end))); }
  chars.forEach((c, i) => { if (c === "\n") { cuts.add(i); cuts.add(i + 1); } });
  const points = [...cuts].sort((a, b) => a - b);
  const box = el("div", {class: "page-text"});
  let line = [];
  const flush = () => {
    // layout text pads lines with spaces; they carry no marks, so they are left out
    while (line.length && typeof line[0] === "string" && !line[0].trim()) line.shift();
    while (line.length && typeof line[line.length - 1] === "string" && !line[line.length - 1].trim()) line.pop();
    if (line.length && typeof line[0] === "string") line[0] = line[0].replace(/^\s+/, "");
    if (line.length && typeof line[line.length - 1] === "string") line[line.length - 1] = line[line.length - 1].replace(/\s+$/, "");
    box.append(line.length ? append(el("p", {dir: "auto"}), line) : el("p", {class: "blank"}));
    line = [];
  };
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    if (piece === "\n") { flush(); continue; }
    const active = spans.filter((s) => s.start <= a && s.end >= b);
    line.push(active.length ? wrap(piece, active) : piece);
  }
  flush();
  // runs of blank lines say "new paragraph" once
  for (const p of [...box.querySelectorAll("p.blank + p.blank")]) p.remove();
  return box;
}

// ---- pages ------------------------------------------------------------------------------

function pageLabel(p) {
  const bits = [KIND_LABEL[p.method] || p.method];
  if (p.method === "ocr" && p.confidence !== null && p.confidence !== undefined) bits.push(`confidence ${Math.round(p.confidence)}%`);
  if (p.ocr_languages && p.method === "ocr") bits.push(p.ocr_languages);
  if (p.ocr_status === "failed") bits.push(`OCR failed: ${p.ocr_error || "unknown reason"}`);
  else if (p.needs_ocr && !p.ocr_status) bits.push("waiting for OCR");
  return bits.join(" · ");
}

async function drawBoxes(frame, p) {
  if (!state.q.trim() || !p.has_words) return;
  let data;
  try {
    data = await api(`/api/documents/${docId}/pages/${p.number}/words?q=${encodeURIComponent(state.q)}`);
  } catch (error) {
    if (error.status !== 404) showError(frame.parentElement, error);
    return;
  }
  frame.querySelectorAll(".word-box").forEach((b) => b.remove());
  for (const i of data.matches) {
    const w = data.words[i];
    const box = el("div", {class: "word-box", title: w.text});
    const [x, y, width, height] = w.box;
    Object.assign(box.style, {left: `${x * 100}%`, top: `${y * 100}%`, width: `${width * 100}%`, height: `${height * 100}%`});
    frame.append(box);
  }
  frame.dataset.matches = String(data.matches.length);
}

// Word boxes are fetched when a page comes near the screen (long PDFs have many pages).
const nearScreen = "IntersectionObserver" in window ? new IntersectionObserver((entries) => {
  for (const entry of entries) {
    if (!entry.isIntersecting) continue;
    nearScreen.unobserve(entry.target);
    entry.target.loadBoxes?.();
  }
}, {rootMargin: "600px"}) : null;

function renderPage(doc, p) {
  const section = el("section", {class: "doc-page card", id: `page-${p.number}`},
    el("h2", {}, el("a", {href: `#page-${p.number}`}, `Page ${p.number}`), " ",
       el("span", {class: "page-method"}, pageLabel(p)),
       p.matches.length ? el("span", {class: "badge"}, `${p.matches.length} match${p.matches.length > 1 ? "es" : ""}`) : null));
  const body = el("div", {class: p.has_image ? "page-body with-image" : "page-body"});
  if (p.has_image) {
    const img = el("img", {src: `/api/documents/${docId}/pages/${p.number}/image`, alt: `Page ${p.number}`,
                           loading: "lazy", class: "pending"});
    const frame = el("div", {class: "page-frame"}, img);
    // until it loads, the image holds an A4 page's place, so #page-N lands where it should
    img.addEventListener("load", () => {
      img.classList.remove("pending");
      if (location.hash === `#page-${p.number}` && !userScrolled) scrollToHash();
    });
    img.addEventListener("error", () => { frame.classList.add("no-image"); clear(frame).append(el("p", {class: "hint"}, "No image of this page.")); });
    frame.loadBoxes = () => drawBoxes(frame, p);
    if (nearScreen) nearScreen.observe(frame); else frame.loadBoxes();
    body.append(el("figure", {class: "page-image"}, frame));
  }
  body.append(p.text.trim() ? renderText(p.text, pageSpans(doc, p.number, p.matches))
                            : el("p", {class: "hint"}, "This page has no text."));
  section.append(body);
  return section;
}

// ---- the rest of the document ------------------------------------------------------------

function header(doc) {
  main.querySelector("h1").textContent = doc.title || (doc.provenance[0]?.path || "").split(/[/!]/).pop() || `Document ${doc.id}`;
  main.querySelector("h1").setAttribute("dir", "auto");
  document.title = `${doc.title || "DOC " + doc.id} · Sleuth`;
  return el("div", {class: "doc-head"},
    el("span", {class: "doc-number"}, `DOC ${doc.id}`),
    el("span", {class: "badge"}, doc.kind), doc.language ? el("span", {class: "badge"}, doc.language) : null,
    el("span", {class: "badge"}, `${doc.page_count} page${doc.page_count === 1 ? "" : "s"}`),
    el("span", {class: "size"}, size(doc.size)), el("span", {class: "mime"}, doc.mime),
    el("code", {class: "sha", title: "sha256 of the original"}, doc.sha256),
    doc.has_original ? el("a", {class: "button", href: `/api/documents/${docId}/original`, download: ""}, "Download original") : null);
}

function queryForm() {
  const input = el("input", {type: "search", name: "q", value: state.q, dir: "auto", maxlength: 1000,
                             "aria-label": "Mark words in this document", placeholder: "Mark words in this document"});
  return el("form", {class: "doc-query", role: "search", on: {submit: (e) => {
    e.preventDefault();
    state.q = input.value;
    const url = new URLSearchParams();
    if (state.q) url.set("q", state.q);
    history.replaceState(null, "", location.pathname + (url.toString() ? "?" + url : "") + location.hash);
    load();
  }}}, input, el("button", {type: "submit"}, "Mark"),
  state.q ? el("a", {href: `/search?q=${encodeURIComponent(state.q)}`}, "back to search") : null);
}

function legend(doc) {
  const types = MENTION_TYPES.filter((t) => doc.mentions.some((m) => m.type === t));
  if (!types.length && !doc.events.length) return null;
  return el("p", {class: "legend"}, types.map((t) => [el("span", {class: `mention m-${t}`}, t), " "]),
    doc.events.length ? [el("span", {class: "ev coop"}, "cooperation"), " ", el("span", {class: "ev conflict"}, "conflict")] : null);
}

function metadataTable(doc) {
  const rows = Object.entries(doc.metadata || {});
  if (!rows.length) return el("p", {class: "hint"}, "No metadata.");
  return el("table", {class: "metadata"}, el("tbody", {}, rows.map(([key, values]) =>
    el("tr", {}, el("th", {}, key), el("td", {dir: "auto"}, values.map((v) => el("div", {}, v)))))));
}

function provenanceList(doc) {
  const list = el("ol", {class: "provenance"});
  for (const p of doc.provenance) {
    const chain = el("div", {class: "chain"});
    if (!p.chain.length) chain.append(el("span", {class: "hint"}, "file on disk"));
    p.chain.forEach((c, i) => {
      chain.append(i ? " › " : "", docLink(c.document_id, {label: `DOC ${c.document_id}`}), " ",
                   el("span", {class: "badge"}, c.kind || "?"), " ",
                   el("span", {class: "path", dir: "ltr"}, i ? c.path.split("!/").pop() : c.path));
    });
    if (p.chain.length) chain.append(" › ", el("strong", {}, "this document"));
    list.append(el("li", {}, el("div", {class: "path", dir: "ltr"}, p.path), chain,
                   el("div", {class: "hint"}, `${size(p.size)}${p.mtime ? " · modified " + when(p.mtime) : ""}`)));
  }
  return list;
}

function childList(doc) {
  if (!doc.children.length) return el("p", {class: "hint"}, "None.");
  return el("ul", {class: "children"}, doc.children.map((c) => el("li", {},
    docLink(c.document_id, {label: c.title || c.path.split("!/").pop()}), " ", el("span", {class: "badge"}, c.kind || "?"),
    el("div", {class: "path", dir: "ltr"}, c.path))));
}

function tagBox(doc) {
  const box = el("section", {class: "tags card"}, el("h2", {}, "Tags"));
  const list = el("ul", {class: "tag-list"});
  const show = (tags) => {
    clear(list);
    if (!tags.length) list.append(el("li", {class: "hint"}, "No tags."));
    for (const tag of tags) {
      list.append(el("li", {class: "tag", dir: "auto"},
        el("a", {href: `/search?q=${encodeURIComponent(`tag:"${tag}"`)}`}, tag),
        canEdit() ? el("button", {type: "button", class: "link", title: `Remove tag ${tag}`, "aria-label": `Remove tag ${tag}`,
          on: {click: async () => {
            try { show((await api(`/api/documents/${docId}/tags/${encodeURIComponent(tag)}`, {method: "DELETE"})).tags); } catch (error) { showError(box, error); }
          }}}, "×") : null));
    }
  };
  show(doc.tags);
  box.append(list);
  if (canEdit()) {
    const input = el("input", {type: "text", name: "tag", maxlength: 100, dir: "auto", placeholder: "New tag", "aria-label": "New tag", required: true});
    box.append(el("form", {class: "tag-form", on: {submit: async (e) => {
      e.preventDefault();
      try { show((await api(`/api/documents/${docId}/tags`, {body: {tag: input.value}})).tags); input.value = ""; } catch (error) { showError(box, error); }
    }}}, input, el("button", {type: "submit"}, "Add")));
  }
  return box;
}

function noteBox(doc) {
  const box = el("section", {class: "notes card"}, el("h2", {}, "Notes"));
  const list = el("ul", {class: "note-list"});
  if (!doc.notes.length) list.append(el("li", {class: "hint"}, "No notes."));
  for (const n of doc.notes) {
    const mine = state.session && (n.user === state.session.user || state.session.role === "admin");
    list.append(el("li", {class: "note"},
      el("div", {class: "note-head"}, el("strong", {}, n.user), " ", el("span", {class: "hint"}, when(n.at)),
         n.page ? [" ", el("a", {href: `#page-${n.page}`}, `p.${n.page}`)] : null,
         canEdit() && mine ? el("button", {type: "button", class: "link", title: "Delete note", "aria-label": "Delete note",
           on: {click: async () => {
             try {
               await api(`/api/notes/${n.id}`, {method: "DELETE"});
               doc.notes = doc.notes.filter((x) => x.id !== n.id);
               box.replaceWith(noteBox(doc));
             } catch (error) { showError(box, error); }
           }}}, "×") : null),
      el("p", {class: "note-text", dir: "auto"}, n.text)));
  }
  box.append(list);
  if (canEdit()) {
    const text = el("textarea", {name: "text", rows: 3, maxlength: 10000, dir: "auto", placeholder: "Add a note", "aria-label": "Note", required: true});
    const pageSel = el("select", {name: "page", "aria-label": "Page"}, el("option", {value: ""}, "whole document"),
      doc.pages.map((p) => el("option", {value: p.number}, `page ${p.number}`)));
    box.append(el("form", {class: "note-form", on: {submit: async (e) => {
      e.preventDefault();
      try {
        const note = await api(`/api/documents/${docId}/notes`, {body: {text: text.value, page: pageSel.value ? Number(pageSel.value) : null}});
        doc.notes.push({...note, at: Date.now() / 1000});
        box.replaceWith(noteBox(doc));
      } catch (error) { showError(box, error); }
    }}}, text, el("div", {}, pageSel, " ", el("button", {type: "submit"}, "Add note"))));
  }
  return box;
}

function render(doc) {
  const content = el("div", {class: "doc-content"});
  if (doc.query_error) content.append(el("p", {class: "error"}, doc.query_error));
  const total = doc.pages.reduce((n, p) => n + p.matches.length, 0);
  if (state.q && !doc.query_error) content.append(el("p", {class: "hint"}, `${number(total)} ${total === 1 ? "match" : "matches"} of the query in the text.`));
  const pages = el("div", {class: "doc-pages"}, doc.pages.map((p) => renderPage(doc, p)));
  const side = el("aside", {class: "doc-side"},
    tagBox(doc), noteBox(doc),
    el("section", {class: "card"}, el("h2", {}, "Metadata"), metadataTable(doc)),
    el("section", {class: "card"}, el("h2", {}, `Found at (${doc.provenance.length})`), provenanceList(doc),
       doc.duplicates.length ? [el("h2", {}, "Duplicates"), el("p", {class: "hint"}, "The same content at other paths:"),
                                el("ul", {class: "duplicates"}, doc.duplicates.map((d) => el("li", {class: "path", dir: "ltr"}, d)))] : null),
    el("section", {class: "card"}, el("h2", {}, `Contains (${doc.children.length})`), childList(doc)));
  content.append(legend(doc) || "", el("div", {class: "doc-layout"}, pages, side));
  return content;
}

function scrollToHash() {
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target) target.scrollIntoView({block: "start"});
}

let headBuilt = false;
async function load() {
  main.querySelectorAll(".error").forEach((e) => e.remove());
  try {
    const [doc, session] = await Promise.all([
      api(`/api/documents/${docId}${state.q ? "?q=" + encodeURIComponent(state.q) : ""}`),
      state.session ? Promise.resolve(state.session) : api("/api/session")]);
    state.doc = doc; state.session = session;
  } catch (error) {
    showError(main, error);
    return;
  }
  main.querySelector(".doc-content")?.remove();
  if (!headBuilt) { append(main, [header(state.doc), queryForm()]); headBuilt = true; }
  main.append(render(state.doc));
  scrollToHash();
}

let userScrolled = false;
for (const event of ["wheel", "touchmove", "keydown"]) window.addEventListener(event, () => { userScrolled = true; }, {once: true, passive: true});
window.addEventListener("hashchange", scrollToHash);
load();
