// The case overview: counts per type and stage, OCR, entities, a running ingest, problems.
import {api, append, clear, docLink, el, number, page, showError} from "./lib.js";

const main = page();
const body = el("div", {class: "overview"});
main.append(body);

function table(title, rows, headers = null) {
  const t = el("table", {class: "counts"});
  if (headers) t.append(el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))));
  t.append(el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c, i) => el(i ? "td" : "th", {class: i ? "num" : null}, c))))));
  return el("section", {class: "card"}, el("h2", {}, title), t);
}

async function load() {
  let data;
  try { data = await api("/api/overview"); } catch (error) { showError(main, error); return; }
  clear(body);
  const ingest = data.ingest;
  if (ingest && ingest.running) {
    const ocr = ingest.ocr_total ? ` · OCR ${number(ingest.ocr_done)} of ${number(ingest.ocr_total)} pages` : "";
    const bar = ingest.ocr_total ? el("progress", {max: ingest.ocr_total, value: ingest.ocr_done}) : el("progress");
    body.append(el("section", {class: "card running", "aria-live": "polite"}, el("h2", {}, "Ingest running"),
      el("p", {}, `${ingest.phase}: ${number(ingest.files)} files${ocr}`), bar));
  }
  body.append(el("section", {class: "card"}, el("h2", {}, "Documents"),
    el("p", {class: "big"}, number(data.documents)),
    el("p", {}, `at ${number(data.paths)} paths · ${number(data.failures)} paths not ingested · ${number(data.events)} events`)));
  body.append(table("By file type", Object.entries(data.kinds).map(([k, n]) => [k, number(n)])));
  body.append(table("Stages", Object.entries(data.stages).map(([s, c]) => [s, Object.entries(c).map(([k, n]) => `${k} ${number(n)}`).join(", ")])));
  const ocr = data.ocr;
  body.append(table("OCR", [["pages without a text layer", number(ocr.pages)], ["read", number(ocr.ok)],
                           ["failed", number(ocr.failed)], ["waiting", number(ocr.waiting)]]));
  if (ocr.unavailable) body.append(el("p", {class: "error"}, ocr.unavailable));
  body.append(table("Entities", Object.entries(data.entities).sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, number(n)])));
  const problems = el("tbody");
  for (const p of data.problems) {
    problems.append(el("tr", {}, el("td", {}, p.document ? docLink(p.document) : "–"), el("td", {}, p.status),
                        el("td", {class: "path", dir: "ltr"}, p.path || ""), el("td", {}, p.reason || "")));
  }
  body.append(el("section", {class: "card wide"}, el("h2", {}, `Problems (${number(data.problems_total)})`),
    data.problems.length ? el("table", {class: "problems"}, el("thead", {}, el("tr", {}, ["Document", "Status", "Path", "Reason"].map((h) => el("th", {}, h)))), problems)
                         : el("p", {}, "Every file was read.")));
  if (ingest && ingest.running) setTimeout(load, 5000);
}

load();
