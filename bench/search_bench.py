"""Search latency at scale: words, phrases, boolean, prefix and filtered queries.

    python bench/search_bench.py --docs 1000000      # the issue's figure (~10 min to build)
    python bench/search_bench.py --docs 100000 --users 20   # and 20 searches at once

Documents are the bulk demo trove's (`sleuth demo-trove --size`): ~2 KB of English or
Arabic sentences recombined from the demo vocabulary. They are generated straight into a
`TantivyIndex` and an SQLite table of texts (for snippets) rather than through `sleuth
ingest`, so building a million takes minutes; ingest itself is measured by
ingest_bench.py. Each timed search is what `sleuth search` does: parse, BM25 top 20, facet
counts over every match (kind, language, entity, event, tag, year), fetch the 20 texts, make
snippets. Each document names 3-12 entities drawn from 20,000 (a few very common, most rare),
tells 0-3 events of 20 types, has a date (85%) and a tag (2%), so the facets cost what they
would on a real trove.

With `--users N` the word queries also run from N threads at once (the web server's worker
threads; tantivy releases the GIL) and the latency each search saw is reported.

Baseline, same index and same run: a bare tantivy term query for the top 20 (no query
parsing, normalisation, facets, text fetch or snippets). The ratio is the cost of
everything Sleuth adds.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import tantivy

from sleuth.demo.bulk import _vocabulary
from sleuth.search.base import IndexDoc
from sleuth.search.query import parse_query
from sleuth.search.snippets import make_snippets
from sleuth.search.tantivy_index import TantivyIndex
from sleuth.text.normalize import normalize
from sleuth.text.tokens import tokenize

CHUNK = 5000
SEED = 7
ENTITIES = 20_000
EVENT_TYPES = ("AGREE", "ASSAULT", "CONSULT", "COERCE", "COOPERATE", "DEMAND", "DISAPPROVE", "FIGHT",
               "MOBILIZE", "RETREAT", "REQUEST", "SUPPORT", "THREATEN", "TRANSFER", "SEIZE", "ACCUSE",
               "AID", "PROTEST", "SANCTION", "MOVE")
TAGS = ("to check", "key", "translate", "duplicate", "source")
FIRST_DAY = datetime(2013, 1, 1)


def make_chunk(first: int, count: int) -> list[tuple[int, str, str, str]]:
    """(doc_id, lang, title, text) for `count` documents from `first`."""
    voc = _vocabulary(SEED)
    rng = random.Random(f"search-bench-{first}")
    out = []
    for doc_id in range(first, first + count):
        lang = "ar" if rng.random() < 0.5 else "en"
        title, paras = voc.body(lang, rng, 950 if lang == "ar" else 1700)
        out.append((doc_id, lang, title, title + "\n\n" + "\n\n".join(paras)))
    return out


def extracted(doc_id: int) -> dict[str, object]:
    """What the extract stage and analysts would have added to a document (synthetic)."""
    rng = random.Random(f"search-bench-fields-{doc_id}")
    # log-uniform over the keys: entity 1 is in most documents, entity 19,999 in few
    names = {f"PERSON:p{int(ENTITIES ** rng.random())}" for _ in range(rng.randint(3, 12))}
    return {
        "entities": sorted(names),
        "events": sorted({rng.choice(EVENT_TYPES) for _ in range(rng.randint(0, 3))}),
        "date": FIRST_DAY + timedelta(days=rng.randrange(6 * 365)) if rng.random() < 0.85 else None,
        "tags": [rng.choice(TAGS)] if rng.random() < 0.02 else [],
    }


def build(work: Path, n: int) -> tuple[TantivyIndex, sqlite3.Connection]:
    index = TantivyIndex(work / "index")
    db = sqlite3.connect(work / "texts.db")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE IF NOT EXISTS texts (id INTEGER PRIMARY KEY, text TEXT)")
    kinds = ("text", "html", "email")
    started = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        chunks = [(i, min(CHUNK, n + 1 - i)) for i in range(1, n + 1, CHUNK)]
        for done, rows in enumerate(pool.map(make_chunk, *zip(*chunks, strict=True)), 1):
            index.add(IndexDoc(doc_id, f"{doc_id:064x}", text, title, kinds[doc_id % 3], "text/plain", lang,
                               [f"/bulk/{doc_id // 1000:04d}/{doc_id:07d}.txt"], **extracted(doc_id))
                      for doc_id, lang, title, text in rows)
            db.executemany("INSERT OR REPLACE INTO texts VALUES (?, ?)",
                           [(doc_id, text) for doc_id, _, _, text in rows])
            if done % 20 == 0:
                index.commit()
                db.commit()
                elapsed = time.perf_counter() - started
                print(f"  indexed {done * CHUNK:,} docs, {elapsed:.0f} s", file=sys.stderr)
    index.commit()
    db.commit()
    print(f"built {n:,} docs in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return index, db


def query_pool(rng: random.Random) -> dict[str, list[str]]:
    """Queries per class, from words that occur in the corpus (frequent and rare)."""
    sample = make_chunk(10_000_000, 300)
    en = [t.text for _, lang, _, text in sample if lang == "en" for t in tokenize(normalize(text))]
    ar = [t.text for _, lang, _, text in sample if lang == "ar" for t in tokenize(normalize(text))]
    en = [w for w in en if len(w) > 3 and not w.isdigit()]
    ar = [w for w in ar if len(w) > 3 and not w.isdigit()]
    phrases = []
    for _, _, _, text in sample[:80]:
        toks = [t.text for t in tokenize(normalize(text))]
        i = rng.randrange(len(toks) - 3)
        phrases.append('"' + " ".join(toks[i:i + 2 + rng.randrange(2)]) + '"')
    return {
        "word (en)": [rng.choice(en) for _ in range(60)],
        "word (ar)": [rng.choice(ar) for _ in range(60)],
        "phrase": phrases[:60],
        "boolean": [f"{rng.choice(en)} AND ({rng.choice(en)} OR {rng.choice(ar)}) -{rng.choice(en)}"
                    for _ in range(60)],
        "prefix": [rng.choice(en)[:4] + "*" for _ in range(60)],
        "filtered": [f"{rng.choice(ar)} type:html lang:ar" for _ in range(60)],
        "event+date": [f"{rng.choice(en)} event:{rng.choice(EVENT_TYPES)} date:2015-01..2016-06"
                       for _ in range(60)],
        "newest": [f"{rng.choice(en)} @newest" for _ in range(60)],
    }


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) * 1000 / repeat


def full_search(index: TantivyIndex, db: sqlite3.Connection, query: str) -> int:
    """What `sleuth search` does for one page of results ("@newest" at the end: sorted)."""
    query, _, sort = query.partition(" @")
    parsed = parse_query(query)
    results = index.search(parsed, limit=20, facets=True, sort=sort or "relevance")
    ids = [h.doc_id for h in results.hits]
    if ids:
        marks = ",".join("?" * len(ids))
        texts = dict(db.execute(f"SELECT id, text FROM texts WHERE id IN ({marks})", ids).fetchall())
        for h in results.hits:
            make_snippets(texts[h.doc_id], parsed)
    return results.total


def concurrent(index: TantivyIndex, db: sqlite3.Connection, queries: list[str], users: int) -> None:
    """Every query 3 times over from `users` threads at once; the latency each one saw."""
    path = db_path(db)

    def one(q: str) -> float:
        own = sqlite3.connect(path)  # a connection per search, as a server request has
        try:
            return timed(lambda: full_search(index, own, q))
        finally:
            own.close()

    work = queries * 3
    started = time.perf_counter()
    with ThreadPoolExecutor(users) as threads:
        times = list(threads.map(one, work))
    elapsed = time.perf_counter() - started
    print(f"{users} users at once: p50 {pct(times, 50):.1f} ms, p95 {pct(times, 95):.1f} ms, "
          f"{len(work) / elapsed:.0f} searches/s ({len(work)} searches)")


def db_path(db: sqlite3.Connection) -> str:
    """The file an SQLite connection has open."""
    return str(db.execute("PRAGMA database_list").fetchone()[2])


def pct(values: list[float], p: float) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1_000_000)
    ap.add_argument("--dir", type=Path, help="Build in (and keep) this folder; reused if it exists.")
    ap.add_argument("--users", type=int, default=0, help="Also run the word queries from this many threads.")
    args = ap.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="sleuth-search-bench-"))
    try:
        if args.dir and (work / "texts.db").exists():
            index, db = TantivyIndex(work / "index"), sqlite3.connect(work / "texts.db")
        else:
            work.mkdir(parents=True, exist_ok=True)
            index, db = build(work, args.docs)
        n = index.count()
        rng = random.Random(1)
        pool = query_pool(rng)
        searcher = index._index.searcher()
        for q in pool["word (en)"][:10]:  # warm the page cache
            full_search(index, db, q)
        print(f"documents: {n:,}")
        print(f"{'query class':<12} {'p50 ms':>8} {'p95 ms':>8} {'base p95':>9} {'ratio':>6}  "
              f"{'mean hits':>10}")
        for name, queries in pool.items():
            times: list[float] = []
            base: list[float] = []
            totals: list[int] = []
            for q in queries:
                times.append(timed(lambda q=q, totals=totals: totals.append(full_search(index, db, q))))
                word = parse_query(q).terms()[0].tokens[0]
                term = tantivy.Query.term_query(index.schema, "text", word)
                base.append(timed(lambda term=term: searcher.search(term, limit=20, count=True)))
            p95, b95 = pct(times, 95), pct(base, 95)
            print(f"{name:<12} {pct(times, 50):8.1f} {p95:8.1f} {b95:9.2f} {p95 / b95:6.1f}  "
                  f"{statistics.mean(totals):10,.0f}")
        if args.users:
            concurrent(index, db, pool["word (en)"] + pool["word (ar)"] + pool["event+date"], args.users)
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
