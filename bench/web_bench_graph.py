"""The graph page in a browser, for bench/web_bench.py: Playwright with Debian's Chromium.

Measures, for /graph?max_nodes=N: the time until `#graph` has `data-nodes` (set when the
fCoSE layout stops), the /api/graph request inside it, build + layout (from the API's
last byte to data-nodes), frames while the view is zoomed and panned through the page's
Cytoscape instance (requestAnimationFrame intervals; the same page idle is the baseline),
and a click on a node until the side panel lists its documents.

When the case's graph has fewer than N entity nodes, the same page is also measured with a
synthetic graph of N nodes (bench/graph_bench.py's generator, through the library's
`graph_view`) answered in place of /api/graph, so the browser's share can be seen at N.

Can be run alone against a running server:
    python bench/web_bench_graph.py http://127.0.0.1:PORT USER PASSWORD
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

CHROMIUM = "/usr/bin/chromium"
#: tests/web/browser.py's flags: without the background-networking ones Chromium tries to
#: reach Google's hosts at every start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-default-apps"]
WAIT_S = 1200  #: for the page to lay out its graph (the first open builds the case's graph)
VIEWPORT: Any = {"width": 1600, "height": 1000}

#: Notes when #graph gets data-nodes (the layout's end), before the page's scripts run.
WATCH_LAYOUT = """
window.__bench = {};
new MutationObserver(() => {
  const g = document.getElementById("graph");
  if (g && g.dataset.nodes && !window.__bench.nodesAt) {
    window.__bench.nodesAt = performance.now(); window.__bench.nodes = Number(g.dataset.nodes);
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-nodes"]});
"""

#: rAF intervals over `steps` frames, zooming and panning (or idle) between frames.
FRAMES = """
async ({steps, move}) => {
  const cy = document.getElementById("graph")._cyreg.cy;
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const w = cy.width(), h = cy.height();
  cy.fit(); await frame(); await frame();
  const times = []; let last = performance.now();
  for (let i = 0; i < steps; i++) {
    if (move) {
      const phase = Math.floor(i / 20) % 4;
      if (phase === 0) cy.zoom({level: cy.zoom() * 1.06, renderedPosition: {x: w * 0.4, y: h * 0.5}});
      else if (phase === 1) cy.panBy({x: 18, y: 9});
      else if (phase === 2) cy.zoom({level: cy.zoom() / 1.06, renderedPosition: {x: w * 0.6, y: h * 0.4}});
      else cy.panBy({x: -18, y: -9});
    }
    await frame();
    const now = performance.now(); times.push(now - last); last = now;
  }
  return times;
}
"""

#: Where a well-linked node is drawn, in page pixels, and its entity id.
NODE_AT = """
(skip) => {
  const container = document.getElementById("graph");
  const cy = container._cyreg.cy; const box = container.getBoundingClientRect();
  const nodes = cy.nodes().sort((a, b) => b.degree() - a.degree());
  const node = nodes[skip % nodes.length];
  cy.zoom(2.5); cy.center(node);  // close in, so a neighbour drawn over it is unlikely
  const p = node.renderedPosition();
  return {x: box.left + p.x, y: box.top + p.y, entity: node.data("entity")};
}
"""


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (inclusive method)."""
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def fps(intervals: list[float]) -> str:
    """Frames per second and the slow frames of a list of frame intervals (ms)."""
    mean = statistics.fmean(intervals)
    return (f"{1000 / mean:.0f} fps (mean frame {mean:.1f} ms, p95 {pct(intervals, 95):.1f}, "
            f"max {max(intervals):.0f})")


def measure_page(page: Any, url: str, max_nodes: int, taps: int = 5, query: str = "") -> dict[str, Any]:
    """Open the graph page, wait for the layout, then frames and node clicks."""
    started = time.perf_counter()
    page.goto(f"{url}/graph?max_nodes={max_nodes}{query}", wait_until="commit")
    page.wait_for_function("() => window.__bench?.nodesAt", timeout=WAIT_S * 1000, polling=50)
    wall = time.perf_counter() - started
    timing = page.evaluate("""() => {
      const api = performance.getEntriesByType("resource")
        .filter((e) => e.name.includes("/api/graph?")).pop();
      return {nodesAt: window.__bench.nodesAt, nodes: window.__bench.nodes,
              edges: Number(document.getElementById("graph").dataset.edges),
              apiStart: api ? api.requestStart : null, apiEnd: api ? api.responseEnd : null,
              summary: document.querySelector(".summary").textContent};
    }""")
    idle = page.evaluate(FRAMES, {"steps": 60, "move": False})
    moving = page.evaluate(FRAMES, {"steps": 160, "move": True})
    tap_ms = []
    for i in range(taps):
        target = page.evaluate(NODE_AT, i * 7)
        page.wait_for_timeout(300)
        page.evaluate("""() => {
          const panel = document.querySelector(".graph-panel");
          // whichever node the click lands on (one drawn over the target counts too)
          const done = () => panel.querySelector("h2 a.entity-link")
                             && panel.querySelector(".node-documents h3, .node-documents .error");
          panel.replaceChildren();
          window.__tapDone = null;
          new MutationObserver((_, obs) => {
            if (done()) { window.__tapDone = performance.now(); obs.disconnect(); }
          }).observe(panel, {subtree: true, childList: true});
          window.__tapStart = performance.now();
        }""")
        page.mouse.click(target["x"], target["y"])
        page.wait_for_function("() => window.__tapDone", timeout=60_000, polling=20)
        tap_ms.append(page.evaluate("() => window.__tapDone - window.__tapStart"))
        failed = page.query_selector(".graph-panel .node-documents .error")
        if failed is not None:
            raise SystemExit(f"The node's documents did not load: {failed.inner_text()}")
    return {"wall_s": wall, **timing, "idle": idle, "moving": moving, "taps": tap_ms}


def synthetic_view(nodes: int) -> dict[str, Any]:
    """A graph_view of `nodes` nodes from graph_bench's generator (a page for each node)."""
    from graph_bench import synthetic

    from sleuth.link.graph_arrays import build_graph
    from sleuth.link.graph_view import GraphFilter, graph_view

    graph = build_graph(*synthetic(nodes, nodes))
    return graph_view(graph, GraphFilter(max_nodes=min(nodes, 3000)))


def lines_for(name: str, m: dict[str, Any]) -> list[str]:
    """The report lines of one measured page."""
    api = (m["apiEnd"] - m["apiStart"]) / 1000 if m["apiStart"] is not None else float("nan")
    layout = (m["nodesAt"] - m["apiEnd"]) / 1000 if m["apiEnd"] is not None else float("nan")
    return [f"{name}: {m['nodes']:,} nodes, {m['edges']:,} edges ({m['summary'].strip()})",
            f"  page opened -> data-nodes set: {m['wall_s']:.2f} s (in-page {m['nodesAt'] / 1000:.2f} s "
            f"after navigation); /api/graph request {api:.2f} s; "
            f"build + fCoSE layout + first draw {layout:.2f} s",
            f"  idle page (baseline): {fps(m['idle'])}",
            f"  zoom/pan via cy.zoom/cy.panBy: {fps(m['moving'])}",
            "  node click -> panel lists its documents: " + ", ".join(f"{t:.0f}" for t in m["taps"]) + " ms "
            f"(median {statistics.median(m['taps']):.0f} ms)"]


def graph_report(url: str, name: str, password: str, nodes: int = 2000) -> str:
    """Log in, measure /graph?max_nodes=`nodes` on the case (twice: the first request may
    wait for the case's graph, the second is a view the server kept; then a new filter),
    and on a synthetic graph of `nodes` if the case has fewer."""
    from playwright.sync_api import Route, sync_playwright
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    out: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(WATCH_LAYOUT)
            context.request.post(f"{url}/api/login", data={"name": name, "password": password}).ok  # noqa: B018
            page = context.new_page()
            try:
                first = measure_page(page, url, nodes)
                out += lines_for("case graph, first open", first)
            except PlaywrightTimeout:
                out.append(f"case graph, first open: no layout within {WAIT_S} s")
                print(out[-1], flush=True)
            again = measure_page(page, url, nodes)
            out += lines_for("case graph, opened again (the view kept in the server)", again)
            fresh = measure_page(page, url, nodes, query="&min_weight=2")
            out += lines_for("case graph, a filter not asked for before (min_weight=2)", fresh)
            total = json.loads(context.request.get(f"{url}/api/graph?max_nodes=3000").text())
            types: dict[str, int] = {}
            for n in total["nodes"]:
                types[n["type"]] = types.get(n["type"], 0) + 1
            out.append(f"  the case's graph: {total['total_nodes']:,} linked entities, "
                       f"{total['total_edges']:,} edges; node types in view: {json.dumps(types)}")
            if again["nodes"] < nodes:
                view = synthetic_view(nodes)
                body = json.dumps(view)
                top = max(total["nodes"], key=lambda n: n["degree"])["id"] if total["nodes"] else 1
                docs = context.request.get(f"{url}/api/graph/node/{top}/documents?limit=50").text()

                def fake(route: Route) -> None:
                    if "/documents" in route.request.url:
                        route.fulfill(status=200, content_type="application/json", body=docs)
                    else:
                        route.fulfill(status=200, content_type="application/json", body=body)

                page.route("**/api/graph?*", fake)
                page.route("**/api/graph/node/*/documents*", fake)
                synth = measure_page(page, url, nodes)
                out += lines_for(f"synthetic graph of {nodes:,} nodes (graph_bench generator, answered in "
                                 "place of /api/graph; node clicks get a real entity's documents)", synth)
        finally:
            browser.close()
    return "\n".join(out)


if __name__ == "__main__":
    size = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
    print(graph_report(sys.argv[1], sys.argv[2], sys.argv[3], size))
