"""Graph view speed and size: what `GET /api/graph` costs on a big network.

    python bench/graph_bench.py                        # 2,000 nodes, ~8,000 edges
    python bench/graph_bench.py --nodes 5000 --edges 30000

A synthetic entity graph shaped like a trove's (a few hubs named with everyone, a long
tail of people named once or twice: preferential attachment; types in the demo case's
proportions; every shared page on a document date between 2013 and 2017; one edge in 40 a
form relation) is prepared once (`prepare_graph`: date counts per edge, Louvain
communities), then `graph_view` runs with the workbench's filters as the API does. Each
line gives the best of --repeat runs and the size of the JSON the browser downloads. The
browser's share (Cytoscape's fCoSE layout and drawing) is measured separately.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sleuth.link.graph_view import MAX_NODES, GraphFilter, graph_view, prepare_graph  # noqa: E402

TYPES = (("PERSON", 64), ("ORG", 10), ("GPE", 9), ("EMAIL", 5), ("NORP", 4), ("PHONE", 4), ("FACILITY", 3),
         ("LOC", 1))


def synthetic(nodes: int, edges: int, seed: int = 7) -> tuple[nx.Graph, list[tuple[int, int, str | None]]]:
    """A graph of about `edges` edges over `nodes` entities, and its (a, b, date) pages."""
    rng = random.Random(seed)
    graph = nx.barabasi_albert_graph(nodes, max(1, round(edges / nodes)), seed=seed)
    kinds, weights = zip(*TYPES, strict=True)
    start = dt.date(2013, 6, 1)
    pages: list[tuple[int, int, str | None]] = []
    for node in graph.nodes:
        etype = rng.choices(kinds, weights)[0]
        degree = graph.degree(node)
        graph.add_node(node, label=f"{etype.title()} {node}", label_ar=f"كيان {node}", type=etype,
                       mentions=1 + degree * rng.randint(1, 4), documents=1 + degree, key=f"k{node}")
    for a, b, data in graph.edges(data=True):
        weight = max(1, int(rng.paretovariate(1.6)))
        dates = [None if rng.random() < 0.1 else (start + dt.timedelta(days=rng.randrange(1500))).isoformat()
                 for _ in range(weight)]
        pages.extend((a, b, d) for d in dates)
        data.update(weight=weight, evidence=[(rng.randrange(100_000), 1) for _ in range(min(weight, 20))],
                    relation="co-mention,recommended" if rng.random() < 0.025 else "co-mention")
    return graph, pages


def timed(repeat: int, run):  # type: ignore[no-untyped-def]
    """The best time of `repeat` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    graph, pages = synthetic(args.nodes, args.edges)
    made = time.perf_counter() - started
    print(f"synthetic graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges, "
          f"{len(pages):,} shared pages ({made:.2f} s to make)")
    started = time.perf_counter()
    prepare_graph(graph, pages)
    communities = len({c for _, c in graph.nodes(data="community")})
    print(f"prepare_graph (dates per edge, {communities} communities): {time.perf_counter() - started:.3f} s "
          "(once per case, then cached)")
    every = min(args.nodes, MAX_NODES)
    views = {
        "default (500 nodes)": GraphFilter(),
        f"every node (max_nodes={every})": GraphFilter(max_nodes=every),
        "PERSON only, all nodes": GraphFilter(types=frozenset({"PERSON"}), max_nodes=every),
        "min_weight=2, all nodes": GraphFilter(min_weight=2, max_nodes=every),
        "2015 only, all nodes": GraphFilter(since="2015", until="2015", max_nodes=every),
        "form relations": GraphFilter(kind="relation"),
    }
    print(f"{'view':<34} {'ms':>8} {'nodes':>7} {'edges':>7} {'JSON KiB':>9}")
    for name, flt in views.items():
        seconds, view = timed(args.repeat, lambda flt=flt: graph_view(graph, flt))
        size = len(json.dumps(view, ensure_ascii=False).encode("utf-8"))
        print(f"{name:<34} {seconds * 1000:>8.1f} {len(view['nodes']):>7,} {len(view['edges']):>7,} "
              f"{size / 1024:>9.0f}")


if __name__ == "__main__":
    main()
