// The findings page: what `sleuth collusion` finds. One card per pair of enemies: the
// plain-words summary, why they count as enemies, the handovers of ground, then each
// cooperation event, every one with its evidence (one click to the document at the page).
import {api, el, number, page, showError} from "./lib.js";
import {actor, eventItem} from "./evidence.js";

const main = page();
const summary = el("p", {class: "summary", "aria-live": "polite"}, "Looking for cooperation between enemies…");
const cards = el("div", {class: "findings"});
main.append(el("p", {class: "hint"},
  "Two sides count as enemies when much of what lies between them is fighting (or the analyst says so in " +
  "sleuth.toml). Listed: their agreements, trade, concessions and arranged withdrawals, and handovers: one side " +
  "leaves a place, the other takes it with no fighting recorded in between."), summary, cards);

function timeTaken(data) {
  return data.computed_ms ? ` (found in ${number(Math.round(data.computed_ms))} ms; kept until the case changes)` : "";
}

function handover(h) {
  return el("li", {class: "handover"},
    el("h4", {dir: "auto"}, `Handover of ${h.place}`),
    el("p", {class: "text", dir: "auto"}, h.phrase),
    el("ol", {class: "events"},
      eventItem(h.withdrawal), eventItem(h.takeover)));
}

function card(pair, index) {
  const [a, b] = pair.actors;
  const id = `pair-${index + 1}`;
  const body = el("article", {class: "finding card", id, "aria-labelledby": `${id}-title`},
    el("h2", {id: `${id}-title`}, actor(a), " ↔ ", actor(b),
      el("span", {class: "badge"}, `score ${pair.score}`)),
    el("p", {class: "finding-summary", dir: "auto"}, pair.summary),
    el("p", {class: "why"}, el("strong", {}, "Why enemies: "), pair.why_enemies,
      pair.declared ? " — named in the case's settings" : " — by the weight of the evidence"));
  if (pair.handovers.length) {
    body.append(el("h3", {}, `Handovers (${pair.handovers.length})`),
      el("ol", {class: "handovers"}, pair.handovers.map(handover)));
  }
  if (pair.cooperation.length) {
    body.append(el("h3", {}, `Cooperation (${pair.cooperation.length})`),
      el("ol", {class: "events"}, pair.cooperation.map((e) => eventItem(e))));
  }
  return body;
}

async function load() {
  let data;
  try {
    data = await api("/api/findings");
  } catch (error) {
    summary.textContent = "";
    showError(main, error);
    return;
  }
  if (!data.pairs.length) {
    summary.textContent = "No cooperation between enemies found." + timeTaken(data);
    return;
  }
  summary.textContent = `${data.pairs.length} pair${data.pairs.length === 1 ? "" : "s"} of enemies who cooperate` +
    timeTaken(data) + ".";
  if (data.pairs.length > 1) {
    cards.append(el("nav", {class: "finding-index", "aria-label": "Pairs"}, el("ol", {},
      data.pairs.map((p, i) => el("li", {}, el("a", {href: `#pair-${i + 1}`, dir: "auto"},
        `${p.actors[0].name} ↔ ${p.actors[1].name}`))))));
  }
  data.pairs.forEach((p, i) => cards.append(card(p, i)));
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

load();
