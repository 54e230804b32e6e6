// An event and its evidence, as the timeline and findings pages show them: who did what to
// whom, where and when, then each telling as a link to the document at its page with the
// quoted sentence. Everything from the trove is text (el), never markup.
import {docLink, el, entityLink} from "./lib.js";

const MODALITY = {negated: "negated", planned: "planned", hypothetical: "hypothetical", reported: "reported"};

export function quadClass(q) {
  return (q || "").replace(" ", "-");  // "material cooperation" -> CSS class "material-cooperation"
}

export function actor(a) {
  if (!a) return el("span", {class: "actor none"}, "–");
  return a.entity ? entityLink(a.entity, a.name) : el("span", {class: "actor", dir: "auto"}, a.name);
}

// "2016-03-05 · RETREAT (withdraw) · Islamic State → Syrian Arab Army · at Palmyra · 5 sources"
export function eventHead(e) {
  const cooperation = (e.quad_class || "").endsWith("cooperation");
  return el("div", {class: "event-head"},
    el("span", {class: "event-date"}, e.date || "undated"),
    el("span", {class: `event-type ${quadClass(e.quad_class)}`, title: e.quad_class},
      cooperation ? "▲ " : "▼ ", e.type, e.mode ? ` (${e.mode})` : ""),
    MODALITY[e.modality] ? el("span", {class: "badge modality"}, MODALITY[e.modality]) : null,
    e.arranged ? el("span", {class: "badge"}, "by arrangement") : null,
    el("span", {class: "event-actors"}, actor(e.source), e.reciprocal ? " ↔ " : " → ", actor(e.target)),
    e.place ? el("span", {class: "event-place", dir: "auto"}, "at ", e.place) : null,
    el("span", {class: "event-sources"},
      `${e.independent_sources} independent source${e.independent_sources === 1 ? "" : "s"}`));
}

export function evidenceList(e) {
  const list = el("ul", {class: "evidence"});
  for (const ev of e.evidence) {
    list.append(el("li", {},
      docLink(ev.document, {page: ev.page, label: `DOC ${ev.document} p.${ev.page}`}), " ",
      el("span", {class: "evidence-title", dir: "auto"}, ev.title || ""),
      el("blockquote", {class: "text", dir: "auto"}, ev.sentence)));
  }
  if (e.evidence_total > e.evidence.length) {
    list.append(el("li", {class: "hint"}, `… and ${e.evidence_total - e.evidence.length} more tellings`));
  }
  return list;
}

export function eventItem(e, tag = "li") {
  return el(tag, {class: `event ${quadClass(e.quad_class)}`}, eventHead(e), evidenceList(e));
}
