// The timeline page: month by month, the events of an actor or between two, cooperation
// above the axis (green) and conflict below it (red), material darker than verbal; a click
// on a month lists its events with their evidence. The chart is plain SVG drawn here.
import {api, clear, el, number, page, showError} from "./lib.js";
import {eventItem, quadClass} from "./evidence.js";

const SVG = "http://www.w3.org/2000/svg";
// Stacked from the axis outwards: material nearest the axis, verbal outside it.
const UP = ["material cooperation", "verbal cooperation"];
const DOWN = ["material conflict", "verbal conflict"];
const LABEL = {"material cooperation": "material cooperation (trade, aid, withdrawal)",
               "verbal cooperation": "verbal cooperation (agreements, talks, support)",
               "material conflict": "material conflict (attacks, arrests, sanctions)",
               "verbal conflict": "verbal conflict (accusations, threats, demands)"};

const main = page();
const params = new URLSearchParams(location.search);
const actorInputs = [0, 1].map((i) => el("input", {type: "text", name: "actor", dir: "auto", list: "actor-names",
  value: params.getAll("actor")[i] || "", maxlength: 200,
  placeholder: i ? "second actor (optional): e.g. Syrian government" : "actor: e.g. Islamic State, داعش",
  "aria-label": i ? "Second actor" : "First actor"}));
const names = el("datalist", {id: "actor-names"});
const from = el("input", {type: "text", name: "from", value: params.get("from") || "", placeholder: "2016-01",
  pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", size: 10, "aria-label": "From (YYYY or YYYY-MM)"});
const to = el("input", {type: "text", name: "to", value: params.get("to") || "", placeholder: "2016-12",
  pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", size: 10, "aria-label": "To (YYYY or YYYY-MM)"});
const showAll = el("input", {type: "checkbox", name: "all", checked: params.get("all") === "true"});
const types = el("fieldset", {class: "types"}, el("legend", {}, "Event types (none ticked: all)"));
const form = el("form", {class: "timeline-form", on: {submit: (e) => { e.preventDefault(); go(); }}},
  el("div", {class: "actors"}, actorInputs[0], el("span", {"aria-hidden": "true"}, "↔"), actorInputs[1], names),
  el("div", {class: "dates"}, el("label", {}, "From ", from), el("label", {}, "to ", to),
    el("label", {}, showAll, " also negated, planned, reported"),
    el("button", {type: "submit"}, "Show")),
  types);
const summary = el("p", {class: "summary", "aria-live": "polite"});
const chart = el("figure", {class: "chart"});
const detail = el("section", {class: "month-detail", "aria-live": "polite"});
main.append(form, summary, chart, detail);

function query() {
  const q = new URLSearchParams();
  for (const input of actorInputs) if (input.value.trim()) q.append("actor", input.value.trim());
  for (const box of types.querySelectorAll("input:checked")) q.append("type", box.value);
  if (from.value.trim()) q.set("from", from.value.trim());
  if (to.value.trim()) q.set("to", to.value.trim());
  if (showAll.checked) q.set("all", "true");
  return q;
}

function go() {
  const q = query();
  history.pushState(null, "", "/timeline" + (q.toString() ? "?" + q : ""));
  run();
}

window.addEventListener("popstate", () => location.reload());

async function run() {
  main.querySelectorAll(":scope > .error").forEach((e) => e.remove());
  summary.textContent = "Loading…";
  clear(detail);
  let data;
  try {
    data = await api("/api/timeline?" + query());
  } catch (error) {
    summary.textContent = "";
    clear(chart);
    showError(main, error);
    return;
  }
  const total = data.months.reduce((n, m) => n + m.events_total, 0);
  const coop = data.months.reduce((n, m) => n + m.cooperation, 0);
  const who = data.actors.length === 2 ? `between ${data.actors[0]} and ${data.actors[1]}`
    : data.actors.length ? `of ${data.actors[0]}` : "of the whole case";
  summary.textContent = `${number(total)} events ${who}: ${number(coop)} cooperation, ${number(total - coop)} conflict` +
    (data.months.length ? `, ${data.months[0].month} to ${data.months[data.months.length - 1].month}.` : ".");
  drawChart(data.months);
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function drawChart(months) {
  clear(chart);
  if (!months.length) {
    chart.append(el("p", {class: "hint"}, "No events match."));
    return;
  }
  const up = (m) => UP.reduce((n, q) => n + m.counts[q], 0);
  const down = (m) => DOWN.reduce((n, q) => n + m.counts[q], 0);
  const peak = Math.max(1, ...months.map((m) => Math.max(up(m), down(m))));
  const col = Math.max(14, Math.min(48, Math.floor(1100 / months.length)));
  const half = 130, left = 44, top = 10, labels = 56;
  const width = left + col * months.length + 10, height = top + 2 * half + labels;
  const axis = top + half;
  const scale = (n) => (n / peak) * (half - 4);
  const root = svg("svg", {viewBox: `0 0 ${width} ${height}`, width, height, class: "timeline-chart", role: "group",
    "aria-label": "Events per month: cooperation above the line, conflict below"});
  const step = niceStep(peak);
  for (let v = step; v <= peak; v += step) {
    for (const y of [axis - scale(v), axis + scale(v)]) {
      root.append(svg("line", {x1: left, x2: width - 10, y1: y, y2: y, class: "grid"}));
      root.append(svg("text", {x: left - 4, y: y + 4, class: "tick", "text-anchor": "end"}, String(v)));
    }
  }
  const every = Math.ceil(28 / col);  // a label every n months so they do not overlap
  months.forEach((m, i) => {
    const x = left + i * col;
    const bar = svg("g", {class: "month", tabindex: 0, role: "button", "data-month": m.month,
      "aria-label": `${m.month}: ${m.cooperation} cooperation, ${m.conflict} conflict events. Show them.`});
    bar.append(svg("title", {}, `${m.month}\n▲ cooperation ${m.cooperation} (material ${m.counts["material cooperation"]}, verbal ${m.counts["verbal cooperation"]})\n▼ conflict ${m.conflict} (material ${m.counts["material conflict"]}, verbal ${m.counts["verbal conflict"]})`));
    bar.append(svg("rect", {x, y: top, width: col, height: 2 * half, class: "hit"}));
    let y = axis;
    for (const q of UP) {
      const h = scale(m.counts[q]);
      if (h) { y -= h; bar.append(svg("rect", {x: x + 2, y, width: col - 4, height: h, class: `bar ${quadClass(q)}`})); }
    }
    y = axis;
    for (const q of DOWN) {
      const h = scale(m.counts[q]);
      if (h) { bar.append(svg("rect", {x: x + 2, y, width: col - 4, height: h, class: `bar ${quadClass(q)}`})); y += h; }
    }
    if (i % every === 0 || m.month === "undated") {
      const lx = x + col / 2, ly = axis + half + 8;
      bar.append(svg("text", {x: lx, y: ly, class: "month-label", "text-anchor": "end",
                              transform: `rotate(-50 ${lx} ${ly})`}, m.month));
    }
    const open = () => showMonth(m, bar, root);
    bar.addEventListener("click", open);
    bar.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } });
    root.append(bar);
  });
  root.append(svg("line", {x1: left, x2: width - 10, y1: axis, y2: axis, class: "axis"}));
  // the side names run up the left edge, away from the count labels
  root.append(svg("text", {x: 12, y: axis - 6, class: "side-label", "text-anchor": "start",
                           transform: `rotate(-90 12 ${axis - 6})`}, "cooperation ▲"));
  root.append(svg("text", {x: 12, y: axis + 6, class: "side-label", "text-anchor": "end",
                           transform: `rotate(-90 12 ${axis + 6})`}, "▼ conflict"));
  chart.append(el("div", {class: "chart-scroll"}, root), legend(),
    el("figcaption", {class: "hint"}, "Click a month (or Tab to it and press Enter) to list its events with their evidence."));
}

function legend() {
  const item = (q, mark) => el("li", {}, el("span", {class: `swatch ${quadClass(q)}`, "aria-hidden": "true"}),
    `${mark} ${LABEL[q]}`);
  return el("ul", {class: "legend"},
    el("li", {class: "legend-head"}, "Above the line, cooperation:"), UP.map((q) => item(q, "▲")),
    el("li", {class: "legend-head"}, "Below the line, conflict:"), DOWN.map((q) => item(q, "▼")));
}

function niceStep(peak) {
  for (const s of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]) if (peak / s <= 5) return s;
  return Math.ceil(peak / 5);
}

function showMonth(m, bar, root) {
  root.querySelectorAll(".month.selected").forEach((b) => b.classList.remove("selected"));
  bar.classList.add("selected");
  clear(detail);
  detail.append(el("h2", {}, `${m.month}: ${m.cooperation} cooperation, ${m.conflict} conflict`));
  if (!m.events.length) { detail.append(el("p", {class: "hint"}, "No events this month.")); return; }
  const list = el("ol", {class: "events"});
  for (const e of m.events) list.append(eventItem(e));
  detail.append(list);
  if (m.events_total > m.events.length) {
    detail.append(el("p", {class: "hint"}, `The first ${m.events.length} of ${number(m.events_total)} events; narrow the types or actors to see the rest.`));
  }
  detail.scrollIntoView({behavior: "smooth", block: "start"});
}

async function loadTypes() {
  try {
    const all = await api("/api/event-types");
    const wanted = new Set(params.getAll("type").map((t) => t.toUpperCase()));
    const groups = {};
    for (const t of all) (groups[t.quad_class] ||= []).push(t.type);
    for (const q of [...UP, ...DOWN]) {
      if (!groups[q]) continue;
      types.append(el("div", {class: `type-group ${quadClass(q)}`},
        el("span", {class: "type-group-name"}, q), " ",
        groups[q].map((t) => el("label", {}, el("input", {type: "checkbox", name: "type", value: t, checked: wanted.has(t)}), " ", t))));
    }
  } catch (error) { showError(types, error); }
}

// Suggestions for the actor fields, when the entities API lists organisations; free text
// works without them (any spelling, either script).
async function loadNames() {
  try {
    const data = await api("/api/entities?type=ORG&limit=500");
    const rows = Array.isArray(data) ? data : (data.entities || data.items || data.results || []);
    for (const r of rows) {
      const name = r.canonical || r.name;
      if (name) names.append(el("option", {value: name}));
    }
  } catch (error) { /* no suggestions */ }
}

await loadTypes();
loadNames();
run();
