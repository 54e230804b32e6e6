// The entity network: filters (types, edge kind, dates, weight, size), a Cytoscape canvas
// laid out with fCoSE, and a side panel for the clicked node (its documents, which can be
// added as nodes) or edge (the pages naming both, quoted).
import cytoscape from "/static/vendor/graph.js";
import {api, append, clear, docLink, el, entityLink, highlighted, number, page, showError} from "./lib.js";
import {typeBadge, typeColour} from "./types.js";

const main = page();
const params = new URLSearchParams(location.search);
const state = {
  types: new Set((params.get("types") || "").split(",").filter(Boolean)),
  kind: params.get("kind") || "all", since: params.get("since") || "", until: params.get("until") || "",
  min_weight: Number(params.get("min_weight") || 1), max_nodes: Number(params.get("max_nodes") || 500),
  colour: params.get("colour") || "type", focus: params.get("focus") || "",
};
const COMMUNITY_COLOURS = ["#1f5fa8", "#b03a2e", "#2e8b57", "#8e6c1f", "#7d3c98", "#2c7a8c", "#c0662b", "#4a6670",
                           "#a23b72", "#5d8c3a", "#6b5b45", "#3b4f9e"];

const typeBox = el("fieldset", {class: "types"}, el("legend", {}, "Types"));
const kindSelect = el("select", {name: "kind", "aria-label": "Edges"}, el("option", {value: "all"}, "All links"),
  el("option", {value: "co-mention"}, "Named on the same page"), el("option", {value: "relation"}, "Form relations"));
const since = el("input", {name: "since", value: state.since, placeholder: "YYYY-MM-DD", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", "aria-label": "From date"});
const until = el("input", {name: "until", value: state.until, placeholder: "YYYY-MM-DD", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", "aria-label": "To date"});
const minWeight = el("input", {name: "min_weight", type: "number", min: 1, value: state.min_weight, "aria-label": "Minimum shared pages"});
const maxNodes = el("input", {name: "max_nodes", type: "number", min: 1, max: 3000, value: state.max_nodes, "aria-label": "Most nodes"});
const colourSelect = el("select", {name: "colour", "aria-label": "Colour by"},
  el("option", {value: "type", selected: state.colour === "type"}, "Colour by type"),
  el("option", {value: "community", selected: state.colour === "community"}, "Colour by community"));
const find = el("input", {type: "search", name: "find", dir: "auto", placeholder: "Find a node", "aria-label": "Find a node"});
const filters = el("form", {class: "graph-filters", on: {submit: (e) => { e.preventDefault(); apply(); }}},
  typeBox,
  el("label", {}, "Edges ", kindSelect),
  el("label", {}, "From ", since), el("label", {}, "to ", until),
  el("label", {}, "Min. pages ", minWeight), el("label", {}, "Max. nodes ", maxNodes),
  colourSelect, el("button", {type: "submit"}, "Draw"));
const summary = el("p", {class: "summary", "aria-live": "polite"});
const canvas = el("div", {id: "graph", class: "graph-canvas", role: "img", "aria-label": "Entity graph"});
const panel = el("aside", {class: "graph-panel", "aria-live": "polite"},
  el("p", {class: "hint"}, "Click a node for its documents, an edge for the pages that name both."));
const legend = el("div", {class: "legend"});
main.append(filters, el("div", {class: "graph-bar"}, summary, find), el("div", {class: "graph-body"}, canvas, panel), legend);

let cy = null;
let knownTypes = null;
// A document's title may be Arabic: its link finds its own direction.
const titled = (link) => { link.setAttribute("dir", "auto"); return link; };
// Cytoscape adds a <style> element (position: relative on its container) unless an
// element with this id exists; the CSP refuses inline styles, so graph.css has the rule.
if (!document.getElementById("__________cytoscape_stylesheet")) {
  document.head.append(el("meta", {id: "__________cytoscape_stylesheet", name: "cytoscape-stylesheet", content: "graph.css"}));
}

function apply() {
  state.types = new Set([...typeBox.querySelectorAll("input:checked")].map((i) => i.value));
  if (knownTypes && state.types.size === knownTypes.length) state.types = new Set();
  state.kind = kindSelect.value; state.since = since.value.trim(); state.until = until.value.trim();
  state.min_weight = Number(minWeight.value) || 1; state.max_nodes = Number(maxNodes.value) || 500;
  state.colour = colourSelect.value;
  history.replaceState(null, "", "/graph?" + query(true));
  load();
}

function query(forPage = false) {
  const q = new URLSearchParams();
  if (state.types.size) q.set("types", [...state.types].join(","));
  if (state.kind !== "all") q.set("kind", state.kind);
  if (state.since) q.set("since", state.since);
  if (state.until) q.set("until", state.until);
  if (state.min_weight > 1) q.set("min_weight", state.min_weight);
  q.set("max_nodes", state.max_nodes);
  if (forPage && state.colour !== "type") q.set("colour", state.colour);
  if (forPage && state.focus) q.set("focus", state.focus);
  return q.toString();
}

function renderFilters(data) {
  if (!knownTypes) {
    knownTypes = Object.keys(data.types);
    for (const [type, n] of Object.entries(data.types)) {
      typeBox.append(el("label", {class: "type-choice"},
        el("input", {type: "checkbox", value: type, checked: !state.types.size || state.types.has(type)}),
        typeBadge(type), el("span", {class: "count"}, number(n))));
    }
  }
  const have = new Set([...kindSelect.options].map((o) => o.value));
  for (const r of data.relations) if (!have.has(r)) kindSelect.append(el("option", {value: r}, `Only “${r}”`));
  kindSelect.value = state.kind;
}

const nodeColour = (d) => state.colour === "community" ? COMMUNITY_COLOURS[d.community % COMMUNITY_COLOURS.length] : typeColour(d.type);

async function load() {
  main.querySelectorAll(".error").forEach((e) => e.remove());
  summary.textContent = "Loading the graph…";
  let data;
  try { data = await api("/api/graph?" + query()); } catch (error) { summary.textContent = ""; showError(main, error); return; }
  renderFilters(data);
  const maxMentions = Math.max(1, ...data.nodes.map((n) => n.mentions));
  const maxWeight = Math.max(1, ...data.edges.map((e) => e.weight));
  const elements = [
    ...data.nodes.map((n) => ({group: "nodes", data: {...n, id: `e${n.id}`, entity: n.id, colour: nodeColour(n),
      size: 14 + 46 * Math.sqrt(n.mentions / maxMentions), font: 7 + 9 * Math.sqrt(n.mentions / maxMentions), name: n.label}})),
    ...data.edges.map((e) => ({group: "edges", data: {id: `e${e.source}-e${e.target}`, source: `e${e.source}`, target: `e${e.target}`,
      weight: e.weight, relation: e.relation, width: 1 + 7 * Math.log1p(e.weight) / Math.log1p(maxWeight),
      formal: e.relation !== "co-mention" ? 1 : 0}})),
  ];
  const shown = data.nodes.length < data.total_nodes ? ` (the ${number(data.nodes.length)} most connected of ${number(data.total_nodes)})` : "";
  summary.textContent = `${number(data.nodes.length)} entities, ${number(data.edges.length)} links${shown}. Laying out…`;
  draw(elements, data);
  renderLegend(data);
}

function draw(elements, data) {
  if (cy) cy.destroy();
  const big = data.nodes.length > 800;
  cy = cytoscape({
    container: canvas, elements, textureOnViewport: big, hideEdgesOnViewport: big,
    minZoom: 0.05, maxZoom: 4,
    style: [
      {selector: "node", style: {"background-color": "data(colour)", width: "data(size)", height: "data(size)",
        label: "data(name)", "font-size": "data(font)", "font-family": "Noto Sans, Noto Naskh Arabic, sans-serif",
        "text-valign": "bottom", "text-margin-y": 2, color: "#1d2430", "text-outline-color": "#fff", "text-outline-width": 2,
        "min-zoomed-font-size": 9, "border-width": 0}},
      {selector: "node[type = 'DOCUMENT']", style: {shape: "round-rectangle", width: 14, height: 18, "font-size": 8}},
      {selector: "edge", style: {width: "data(width)", "line-color": "#9aa5b5", opacity: 0.55, "curve-style": "haystack"}},
      {selector: "edge[formal = 1]", style: {"line-color": "#c0662b", "line-style": "dashed", opacity: 0.9, "curve-style": "straight"}},
      {selector: "edge.document", style: {"line-color": "#59606b", width: 1, opacity: 0.5}},
      {selector: ":selected", style: {"border-width": 3, "border-color": "#ffb300", "line-color": "#ffb300", opacity: 1}},
      {selector: ".faded", style: {opacity: 0.12}},
    ],
    layout: {name: "preset"},
  });
  cy.on("tap", "node", (ev) => showNode(ev.target));
  cy.on("tap", "edge", (ev) => showEdge(ev.target));
  cy.on("tap", (ev) => { if (ev.target === cy) { cy.elements().removeClass("faded"); } });
  const layout = cy.layout({name: "fcose", quality: big ? "draft" : "default", randomize: true, animate: false,
    nodeDimensionsIncludeLabels: false, idealEdgeLength: 90, nodeRepulsion: 20000, gravity: 0.2, numIter: big ? 1200 : 2500,
    packComponents: true});
  layout.one("layoutstop", () => {
    canvas.dataset.nodes = cy.nodes().length;
    canvas.dataset.edges = cy.edges().length;
    summary.textContent = summary.textContent.replace(" Laying out…", "");
    if (state.focus) {
      const node = cy.getElementById(`e${state.focus}`);
      if (node.nonempty()) { node.select(); cy.animate({center: {eles: node}, zoom: 1.2}, {duration: 300}); showNode(node); }
    }
  });
  layout.run();
}

function renderLegend(data) {
  clear(legend);
  if (state.colour === "type") {
    const present = [...new Set(data.nodes.map((n) => n.type))];
    legend.append(...present.map((t) => typeBadge(t)));
  } else {
    legend.append(el("span", {class: "hint"}, "Colours: communities (groups named together more than with the rest)."));
  }
  legend.append(el("span", {class: "hint"}, " Size: mentions. Dashed orange: a form relation (e.g. recommended)."));
}

find.addEventListener("change", () => {
  if (!cy) return;
  const wanted = find.value.trim().toLowerCase();
  const hits = cy.nodes().filter((n) => (n.data("label") || "").toLowerCase().includes(wanted) || (n.data("label_ar") || "").includes(find.value.trim()));
  if (!wanted || hits.empty()) return;
  cy.elements().unselect();
  hits.select();
  cy.animate({fit: {eles: hits, padding: 80}}, {duration: 300});
  if (hits.length === 1) showNode(hits[0]);
});

function highlight(eles) {
  cy.elements().addClass("faded");
  eles.removeClass("faded");
}

async function showNode(node) {
  const d = node.data();
  highlight(node.closedNeighborhood());
  if (d.type === "DOCUMENT") {
    clear(panel).append(el("h2", {}, docLink(d.document, {label: d.name})), el("p", {class: "hint"}, d.date || "undated"));
    return;
  }
  append(clear(panel), [
    el("h2", {}, entityLink(d.entity, d.label), " ", typeBadge(d.type)),
    d.label_ar && d.label_ar !== d.label ? el("p", {class: "ar", dir: "auto", lang: "ar"}, d.label_ar) : null,
    el("p", {}, `${number(d.mentions)} mentions in ${number(d.documents)} documents · ${number(node.degree())} links here · community ${d.community}`),
    el("p", {}, el("a", {href: `/entities/${d.entity}`}, "Open the entity page"))]);
  const list = el("div", {class: "node-documents"}, "Loading its documents…");
  panel.append(list);
  let docs;
  try { docs = await api(`/api/graph/node/${d.entity}/documents?limit=50`); } catch (error) { clear(list); showError(list, error); return; }
  append(clear(list), [el("h3", {}, `Documents (${number(docs.total)})`),
    el("button", {type: "button", class: "secondary", on: {click: () => addDocuments(node, docs.documents)}}, "Add them to the graph"),
    el("ul", {}, docs.documents.map((doc) => el("li", {}, titled(docLink(doc.id, {label: doc.title || `DOC ${doc.id}`})),
      el("div", {class: "count"}, [doc.date, `${number(doc.mentions)} mentions`].filter(Boolean).join(" · "))))),
    docs.total > docs.documents.length ? el("p", {class: "hint"}, `and ${number(docs.total - docs.documents.length)} more (see the entity page)`) : null]);
}

function addDocuments(node, documents) {
  const centre = node.position();
  const radius = 60 + 4 * documents.length;
  const added = [];
  documents.forEach((doc, i) => {
    const id = `d${doc.id}`;
    const angle = (2 * Math.PI * i) / documents.length;
    if (cy.getElementById(id).empty()) {
      added.push({group: "nodes", data: {id, type: "DOCUMENT", document: doc.id, name: doc.title || `DOC ${doc.id}`, date: doc.date,
        colour: typeColour("DOCUMENT")}, position: {x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle)}});
    }
    const edge = `${node.id()}-${id}`;
    if (cy.getElementById(edge).empty()) added.push({group: "edges", classes: "document", data: {id: edge, source: node.id(), target: id, width: 1}});
  });
  cy.add(added);
  highlight(node.closedNeighborhood());
  canvas.dataset.nodes = cy.nodes().length;
}

async function showEdge(edge) {
  const d = edge.data();
  if (edge.hasClass("document")) return;
  const a = cy.getElementById(d.source).data(), b = cy.getElementById(d.target).data();
  highlight(edge.union(edge.connectedNodes()));
  clear(panel).append(el("h2", {}, entityLink(a.entity, a.label), " — ", entityLink(b.entity, b.label)),
    el("p", {}, `${number(d.weight)} pages name both` + (d.relation !== "co-mention" ? ` · ${d.relation.replace("co-mention,", "")} (form)` : "")));
  const list = el("div", {class: "edge-evidence"}, "Loading the pages…");
  panel.append(list);
  let ev;
  try { ev = await api(`/api/graph/edge?a=${a.entity}&b=${b.entity}`); } catch (error) { clear(list); showError(list, error); return; }
  append(clear(list), [el("h3", {}, `Pages (${number(ev.total)})`),
    el("ul", {class: "evidence"}, ev.pages.map((p) => el("li", {},
      titled(docLink(p.document, {page: p.page, label: `${p.title || "DOC " + p.document} p.${p.page}`})),
      p.date ? el("div", {class: "count"}, p.date) : null,
      p.quotes.map((q) => el("p", {class: "text quote", dir: "auto"}, highlighted(q.text, q.marks.map((m) => [m[0], m[1], `mark-${m[2]}`]))))))),
    ev.total > ev.pages.length ? el("p", {class: "hint"}, `and ${number(ev.total - ev.pages.length)} more pages`) : null]);
}

load();
