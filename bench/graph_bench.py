"""Graph speed and size: what the graph page costs the server on a big network.

    python bench/graph_bench.py                                   # 20,000 entities, 200,000 pages
    python bench/graph_bench.py --entities 150000 --pages 800000  # about the 100,000-document case

A synthetic trove's page rows, shaped like a case's (each page names a few entities, a
few pages name dozens: registers and lists; who is named follows a power law, so a few
hubs are named with everyone; three pages a document, documents dated between 2013 and
2017, one in ten undated; one form link per 40 pages; types in the demo case's
proportions), become the case graph with `build_graph` (what the server does once per
state of the entities, then keeps in the case folder), are saved and loaded as the next
server does, and `graph_view` runs with the workbench's filters as `GET /api/graph`
does. Each view line gives the best of --repeat runs and the size of the JSON the browser
downloads. Baseline, same run: one pass of numpy's sort over the edge keys (the build
cannot be faster than sorting its pairs). The browser's share (Cytoscape's fCoSE layout
and drawing) is bench/web_bench_graph.py's.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sleuth.link.graph_arrays import CaseGraph, Link, build_graph  # noqa: E402
from sleuth.link.graph_view import MAX_NODES, GraphFilter, graph_view  # noqa: E402

TYPES = (("PERSON", 64), ("ORG", 10), ("GPE", 9), ("EMAIL", 5), ("NORP", 4), ("PHONE", 4), ("FACILITY", 3),
         ("LOC", 1))
PAGES_PER_DOCUMENT = 3


def synthetic(entities: int, pages: int, seed: int = 7) -> tuple[list[dict[str, Any]], np.ndarray,
                                                                   dict[int, str], list[Link]]:
    """Entity rows, (document, page, entity) rows, document dates and form links."""
    rng = np.random.default_rng(seed)
    kinds, weights = zip(*TYPES, strict=True)
    share = np.array(weights, dtype=float) / sum(weights)
    types = rng.choice(len(kinds), size=entities, p=share)
    per_page = np.minimum(rng.geometric(0.3, size=pages) + 1, 200)  # about 4, a long tail
    crowded = rng.random(pages) < 0.003  # registers and lists
    per_page[crowded] = rng.integers(40, 120, size=int(crowded.sum()))
    popularity = 1.0 / np.arange(1, entities + 1) ** 0.8
    named = rng.choice(entities, size=int(per_page.sum()), p=popularity / popularity.sum()) + 1
    page_of = np.repeat(np.arange(pages), per_page)
    rows = np.column_stack([page_of // PAGES_PER_DOCUMENT, page_of % PAGES_PER_DOCUMENT + 1, named])
    mentions = np.bincount(named, minlength=entities + 1)
    nodes = [{"id": i, "canonical": f"{kinds[types[i - 1]].title()} {i}", "canonical_ar": f"كيان {i}",
              "type": kinds[types[i - 1]], "mentions": int(mentions[i]) or 1,
              "documents": int(mentions[i]) or 1} for i in range(1, entities + 1)]
    documents = pages // PAGES_PER_DOCUMENT + 1
    days = rng.integers(0, 1500, size=documents)
    start = np.datetime64("2013-06-01")
    dates = {d: str(start + int(days[d])) for d in range(documents) if rng.random() >= 0.1}
    links = [Link(int(a), int(b), "recommended", int(d)) for a, b, d in zip(
        rng.integers(1, entities + 1, pages // 40), rng.integers(1, entities + 1, pages // 40),
        rng.integers(0, documents, pages // 40), strict=True)]
    return nodes, rows.astype(np.int64), dates, links


def timed(repeat: int, run):  # type: ignore[no-untyped-def]
    """The best time of `repeat` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def peak_mb() -> float:
    """This process's peak resident memory so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--pages", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    nodes, rows, dates, links = synthetic(args.entities, args.pages)
    print(f"synthetic trove: {len(nodes):,} entities named {len(rows):,} times on {args.pages:,} pages "
          f"({time.perf_counter() - started:.1f} s to make)")

    build_s, graph = timed(1, lambda: build_graph(nodes, rows, dates, links))
    keys = graph.a.astype(np.int64) * graph.node_count + graph.b
    rng = np.random.default_rng(1)
    shuffled = rng.permutation(keys)
    sort_s, _ = timed(args.repeat, lambda: np.sort(shuffled))
    print(f"build_graph: {build_s:.2f} s for {graph.node_count:,} nodes, {graph.edge_count:,} edges, "
          f"{len(graph.date_edge):,} (edge, date) counts; baseline sort of the edge keys {sort_s:.3f} s "
          f"(ratio {build_s / sort_s:.0f}); peak RSS {peak_mb():,.0f} MB")
    with tempfile.TemporaryDirectory() as folder:
        save_s, _ = timed(1, lambda: graph.save(Path(folder), "bench"))
        load_s, loaded = timed(args.repeat, lambda: CaseGraph.load(Path(folder), "bench"))
        size = sum(f.stat().st_size for f in Path(folder).iterdir())
    assert loaded is not None and loaded.edge_count == graph.edge_count
    print(f"kept in the case folder: {size / 2**20:,.0f} MB, saved in {save_s:.2f} s, "
          f"loaded in {load_s:.2f} s (ratio to the build {load_s / build_s:.3f})")

    every = min(args.entities, MAX_NODES)
    views = {
        "default (500 nodes)": GraphFilter(),
        "2,000 nodes": GraphFilter(max_nodes=2000),
        f"{every:,} nodes": GraphFilter(max_nodes=every),
        "PERSON only, 2,000 nodes": GraphFilter(types=frozenset({"PERSON"}), max_nodes=2000),
        "min_weight=2, 2,000 nodes": GraphFilter(min_weight=2, max_nodes=2000),
        "2015 only, 2,000 nodes": GraphFilter(since="2015", until="2015", max_nodes=2000),
        "form relations": GraphFilter(kind="relation"),
    }
    print(f"{'view':<30} {'ms':>8} {'ratio':>6} {'nodes':>7} {'edges':>7} {'JSON KiB':>9}")
    for name, flt in views.items():
        seconds, view = timed(args.repeat, lambda flt=flt: graph_view(graph, flt))
        size = len(json.dumps(view, ensure_ascii=False).encode("utf-8"))
        print(f"{name:<30} {seconds * 1000:>8.1f} {seconds / sort_s:>6.1f} {len(view['nodes']):>7,} "
              f"{len(view['edges']):>7,} {size / 1024:>9.0f}")


if __name__ == "__main__":
    main()
