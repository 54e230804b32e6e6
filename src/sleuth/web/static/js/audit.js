// The audit page (admins): who searched what, opened which document, exported or decided
// what, and when; newest first, filtered by user, action and date.
import {api, clear, docLink, el, number, page, showError} from "./lib.js";

const main = page();
const params = new URLSearchParams(location.search);
const field = (name, label, attrs = {}) => el("label", {}, label,
  el("input", {type: "text", name, value: params.get(name) || "", maxlength: 100, ...attrs}));
const user = field("user", "User", {list: "audit-users"});
const action = field("action", "Action", {list: "audit-actions", maxlength: 40});
const since = field("since", "Since (UTC)", {placeholder: "2026-12-01 or 2026-12-01T09:30", maxlength: 40});
const limit = el("label", {}, "Show", el("select", {name: "limit"},
  [100, 500, 2000, 10000].map((n) => el("option", {value: n, selected: String(n) === (params.get("limit") || "500")}, number(n)))));
const users = el("datalist", {id: "audit-users"});
const actions = el("datalist", {id: "audit-actions"});
const form = el("form", {class: "audit-form", on: {submit: (e) => { e.preventDefault(); go(); }}},
  user, action, since, limit, el("button", {type: "submit"}, "Filter"), users, actions);
const summary = el("p", {class: "summary", "aria-live": "polite"});
const table = el("table", {class: "audit"},
  el("thead", {}, el("tr", {}, ["When (UTC)", "User", "Action", "Target", "Details", "From"].map((h) => el("th", {scope: "col"}, h)))));
const body = el("tbody");
table.append(body);
main.append(form, summary, table);
const seenActions = new Set();

function values() {
  const q = new URLSearchParams();
  for (const input of form.querySelectorAll("input[name], select[name]")) if (input.value.trim()) q.set(input.name, input.value.trim());
  return q;
}

function go() {
  history.replaceState(null, "", "/audit?" + values());
  run();
}

function target(entry) {
  // a document's number links to it
  if (entry.target && /^\d+$/.test(entry.target) && /document|download|open/.test(entry.action)) {
    return docLink(Number(entry.target));
  }
  return el("span", {dir: "auto"}, entry.target || "");
}

function details(detail) {
  return Object.entries(detail || {}).map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`).join(" ");
}

async function run() {
  main.querySelectorAll(":scope > .error").forEach((e) => e.remove());
  summary.textContent = "Loading…";
  let entries;
  try {
    entries = await api("/api/audit?" + values());
  } catch (error) {
    summary.textContent = "";
    showError(main, error);
    return;
  }
  entries.reverse();  // the API gives the newest entries oldest first
  clear(body);
  for (const e of entries) {
    body.append(el("tr", {class: /failed/.test(e.action) ? "failed" : null},
      el("td", {class: "when"}, e.at.replace("T", " ").replace("+00:00", "")),
      el("td", {dir: "auto"}, e.user), el("td", {}, e.action), el("td", {}, target(e)),
      el("td", {class: "detail", dir: "auto"}, details(e.detail)), el("td", {}, e.address || "")));
    if (!seenActions.has(e.action)) {
      seenActions.add(e.action);
      actions.append(el("option", {value: e.action}));
    }
  }
  summary.textContent = entries.length ? `${number(entries.length)} entries, newest first.` : "No entries match.";
}

async function loadUsers() {
  try {
    for (const u of await api("/api/users")) users.append(el("option", {value: u.name}));
  } catch (error) { /* suggestions only */ }
}

loadUsers();
run();
