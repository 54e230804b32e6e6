"""Event coding and collusion speed.

    python bench/event_bench.py                    # sentences/s, and collusion on 1,000,000 events
    python bench/event_bench.py --events 200000    # a quicker collusion run

1. The whole coder per core: every sentence of the demo trove's born-digital files and the
   322 PLOVER example sentences, through the entity layer (`extract_document`) and the event
   coder (`code_document`) in one process. Baseline in the same run: the entity layer alone,
   so the ratio shows what coding events adds.
2. Collusion at scale: a fresh case is filled with N events (random PLOVER types, dates
   2014-2018, 400 places) between the organisations of the shipped gazetteer (so sides roll
   up through `part_of`) over N/10 documents; then `find_collusion(case)` runs: reading and
   resolving every event, merging tellings, counting independent sources, finding enemies,
   cooperation and handovers. Baseline: reading the event table alone.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from entity_bench import demo_sentences, insert_documents, plover_sentences  # noqa: E402

from sleuth.case import Case  # noqa: E402
from sleuth.extract.events import EventCoder  # noqa: E402
from sleuth.extract.events.vocabulary import event_types  # noqa: E402
from sleuth.extract.finder import MentionFinder  # noqa: E402
from sleuth.extract.gazetteer import load_gazetteer  # noqa: E402
from sleuth.extract.stage import code_document, extract_document  # noqa: E402
from sleuth.link.keys import nisbas  # noqa: E402


def bench_coder(sentences: list[str], rounds: int) -> dict[str, float]:
    finder = MentionFinder(load_gazetteer())
    coder = EventCoder(gazetteer=finder.gazetteer)
    nisbas()
    for s in sentences[:200]:  # warm caches
        code_document(coder, [s], extract_document([s], finder))
    t = time.perf_counter()
    for _ in range(rounds):
        for s in sentences:
            extract_document([s], finder)
    base = time.perf_counter() - t
    t = time.perf_counter()
    coded = 0
    for _ in range(rounds):
        for s in sentences:
            coded += len(code_document(coder, [s], extract_document([s], finder)))
    full = time.perf_counter() - t
    n = len(sentences) * rounds
    return {
        "sentences": n,
        "entities_only_per_s": n / base,
        "entities_and_events_per_s": n / full,
        "ratio": base / full,
        "events_per_sentence": coded / n,
    }


def fill_case(case: Case, n_events: int, seed: int = 1) -> None:
    """N events over N/10 documents, rows written directly."""
    from sleuth.store.schema import entities, entity_keys, events

    rng = random.Random(seed)
    orgs = [e for e in load_gazetteer(case.root, geonames=False) if e.type == "ORG"][:300]
    places = [e for e in load_gazetteer(case.root, geonames=False) if e.type in ("GPE", "FACILITY")][:400]
    types = list(event_types().values())
    n_docs = max(1, n_events // 10)
    insert_documents(case, n_docs)
    with case.store.engine.begin() as conn:
        rows = [
            {
                "id": n + 1,
                "key": f"entry:{e.id}",
                "type": e.type,
                "canonical": e.name,
                "canonical_ar": e.name_ar,
                "entry": e.id,
                "aliases": "[]",
                "mentions": 1,
                "documents": 1,
                "confidence": 1.0,
            }
            for n, e in enumerate(orgs + places)
        ]
        conn.execute(entities.insert(), rows)
        conn.execute(
            entity_keys.insert(),
            [{"match_key": r["key"], "entity_id": r["id"], "confidence": 1.0} for r in rows],
        )
        batch = []
        for n in range(n_events):
            src, tgt = rng.sample(orgs, 2)
            etype = rng.choice(types)
            place = rng.choice(places)
            day = f"{rng.randrange(2014, 2019)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            batch.append(
                {
                    "document_id": n * n_docs // n_events + 1,
                    "page": 1,
                    "sentence_start": 0,
                    "sentence_end": 40,
                    "trigger_start": 0,
                    "trigger_end": 5,
                    "trigger": "x",
                    "type": etype.name,
                    "mode": "seize" if etype.name == "COERCE" else "",
                    "quad_class": etype.quad_class,
                    "modality": "asserted" if rng.random() < 0.9 else "planned",
                    "source_key": f"entry:{src.id}",
                    "source_text": src.name,
                    "source_type": "ORG",
                    "target_key": f"entry:{tgt.id}",
                    "target_text": tgt.name,
                    "target_type": "ORG",
                    "place_key": f"entry:{place.id}",
                    "place_text": place.name,
                    "date": day,
                    "date_from": "sentence",
                    "reciprocal": etype.name in ("AGREE", "CONSULT"),
                    "arranged": rng.random() < 0.05,
                    "sentence": f"{src.name} {etype.name} {tgt.name}",
                }
            )
            if len(batch) >= 50_000:
                conn.execute(events.insert(), batch)
                batch = []
        if batch:
            conn.execute(events.insert(), batch)


def bench_collusion(n_events: int, workdir: Path) -> dict[str, float]:
    from sleuth.analyze.collusion import find_collusion

    case = Case.init(workdir / f"case-{n_events}")
    fill_case(case, n_events)
    t = time.perf_counter()
    read = sum(1 for _ in case.store.events.rows())
    base = time.perf_counter() - t
    t = time.perf_counter()
    found = find_collusion(case)
    took = time.perf_counter() - t
    return {
        "events": read,
        "read_table_s": base,
        "collusion_s": took,
        "ratio": took / base,
        "pairs_found": len(found),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sleuth-event-bench-") as tmp:
        workdir = Path(tmp)
        sentences = plover_sentences() + demo_sentences(workdir)
        print("coder:", json.dumps({k: round(v, 3) for k, v in bench_coder(sentences, args.rounds).items()}))
        print(
            "collusion:",
            json.dumps({k: round(v, 3) for k, v in bench_collusion(args.events, workdir).items()}),
        )


if __name__ == "__main__":
    main()
