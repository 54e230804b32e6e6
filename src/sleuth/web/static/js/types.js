// Entity types: their colours (as in app.css .type.t-*) and a badge.
import {el} from "./lib.js";

export const TYPE_COLOURS = {
  PERSON: "#1f5fa8", ORG: "#b03a2e", GPE: "#2e8b57", LOC: "#5d8c3a", FACILITY: "#8e6c1f", NORP: "#7d3c98",
  PHONE: "#4a6670", EMAIL: "#2c7a8c", ID: "#6b5b45", DOCUMENT: "#59606b",
};

export const typeColour = (type) => TYPE_COLOURS[type] || "#7a8494";

export function typeBadge(type) {
  return el("span", {class: `type t-${String(type || "").toLowerCase()}`, title: "type"}, type);
}
