// Shared by every page: building elements (text is always text, never markup), calling
// the JSON API with the session's CSRF token, and marking highlights in text.

export const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content || "";

// el("a", {href: "/x", class: "y", on: {click: f}}, "text", child...)
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "on") {
      for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    } else if (key === "dataset") {
      Object.assign(node.dataset, value);
    } else if (key.startsWith("on")) {
      throw new Error("use {on: {...}} for handlers");
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(node, children);
  return node;
}

export function append(node, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

// GET when no body; a plain object body is sent as JSON, a FormData as a form.
export async function api(path, {method, body, raw} = {}) {
  const options = {method: method || (body ? "POST" : "GET"), credentials: "same-origin", headers: {}};
  if (options.method !== "GET") options.headers["X-CSRF-Token"] = csrf();
  if (body instanceof FormData) {
    options.body = body;
  } else if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  if (response.status === 401) {
    location.href = "/login?next=" + encodeURIComponent(location.pathname + location.search);
    throw new ApiError("Log in first.", 401);
  }
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
    throw new ApiError(message, response.status);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  return response.json();
}

// Text with [start, end) code-point spans wrapped in <mark> (or another tag/class).
export function highlighted(text, spans, {tag = "mark", className = null, title = null} = {}) {
  const chars = Array.from(text || "");
  const fragment = document.createDocumentFragment();
  let pos = 0;
  for (const span of [...(spans || [])].sort((a, b) => a[0] - b[0])) {
    const [start, end] = span;
    if (start < pos) continue;
    fragment.append(chars.slice(pos, start).join(""));
    const mark = el(tag, {class: className || span[2] || null, title: title || span[3] || null});
    mark.append(chars.slice(start, end).join(""));
    fragment.append(mark);
    pos = end;
  }
  fragment.append(chars.slice(pos).join(""));
  return fragment;
}

export function docLink(id, {page = null, q = null, label = null} = {}) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  const query = params.toString() ? "?" + params : "";
  const hash = page ? "#page-" + page : "";
  return el("a", {href: `/documents/${id}${query}${hash}`, class: "doc-link"}, label || `DOC ${id}${page ? " p." + page : ""}`);
}

export function entityLink(id, label) {
  return el("a", {href: `/entities/${id}`, class: "entity-link", dir: "auto"}, label);
}

export function showError(container, error) {
  const box = el("p", {class: "error", role: "alert"}, error.message || String(error));
  container.prepend(box);
  return box;
}

export function page() {
  const main = document.getElementById("app");
  main.querySelector(".loading")?.remove();
  return main;
}

export function number(n) {
  return (n ?? 0).toLocaleString("en");
}

// Page buttons for a list of `total` items shown `limit` at a time from `offset`;
// `onOffset(newOffset)` is called on a click.
export function renderPager(pager, {total, offset, limit}, onOffset) {
  clear(pager);
  const pages = Math.ceil(total / limit);
  const current = Math.floor(offset / limit);
  if (pages <= 1) return;
  const button = (label, p) => el("button", {type: "button", disabled: p === current || p < 0 || p >= pages,
    "aria-current": p === current ? "page" : null, on: {click: () => onOffset(p * limit)}}, label);
  pager.append(button("‹ Previous", current - 1));
  for (let p = Math.max(0, current - 4); p < Math.min(pages, current + 5); p++) pager.append(button(String(p + 1), p));
  pager.append(button("Next ›", current + 1));
}
