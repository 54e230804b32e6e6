"""Entity extraction and resolution speed.

    python bench/entity_bench.py                       # sentences/s and 1,000,000 mentions
    python bench/entity_bench.py --mentions 200000     # a quicker resolution run

1. Mentions per core: every sentence of the demo trove's born-digital files (English and
   Arabic letters, orders, e-mails, news, forum posts) and the 322 PLOVER example
   sentences from ../shared/corpora/plover, through `MentionFinder.find` (gazetteer, name
   rules, dates, identifiers, overlaps) in one process. Baseline in the same run: only the
   tokenising the finder starts with (`text_words`), to show what the rest costs.
2. Resolution at scale: a fresh case is filled with N mentions (60% names found by rules:
   invented people, each written in several spellings in both scripts, 30% gazetteer
   entries, 10% phone numbers) over N/5 documents, then `resolve(case)` runs: reading every
   mention, grouping, blocking, comparing, describing and storing the entities. Baseline:
   reading the mention table alone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sleuth.case import Case  # noqa: E402
from sleuth.extract.finder import MentionFinder  # noqa: E402
from sleuth.extract.gazetteer import load_gazetteer  # noqa: E402
from sleuth.extract.matcher import text_words  # noqa: E402
from sleuth.extract.mention import Mention  # noqa: E402
from sleuth.extract.stage import PageMention  # noqa: E402
from sleuth.link.keys import name_words  # noqa: E402
from sleuth.link.resolve import resolve  # noqa: E402
from sleuth.text.sentences import sentence_spans  # noqa: E402

PLOVER = ROOT.parent / "shared" / "corpora" / "plover" / "PLOVER_GSR_CAMEO.json"


def demo_sentences(workdir: Path) -> list[str]:
    """Sentences of the demo trove's files that have a text layer."""
    from sleuth.demo import write_demo_trove
    from sleuth.ingest.extract import extract_files
    from sleuth.store import FailureRecord

    out = workdir / "demo"
    write_demo_trove(out, seed=7)
    sentences: list[str] = []
    files = [
        p
        for p in (out / "trove").rglob("*")
        if p.is_file() and p.suffix.lower() not in (".png", ".jpg", ".tif", ".tiff")
    ]
    for record in extract_files(files):
        if isinstance(record, FailureRecord):
            continue
        for page in record.pages or []:
            if page.needs_ocr:
                continue
            sentences += [page.text[s:e] for s, e in sentence_spans(page.text) if e - s > 20]
    return sentences


def plover_sentences() -> list[str]:
    if not PLOVER.is_file():
        return []
    return [r["text"] for r in json.loads(PLOVER.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]


def bench_mentions(sentences: list[str], finder: MentionFinder, rounds: int) -> dict[str, float]:
    for s in sentences[:200]:
        finder.find(s)  # warm caches
    t = time.perf_counter()
    for _ in range(rounds):
        for s in sentences:
            text_words(s)
    base = time.perf_counter() - t
    t = time.perf_counter()
    found = 0
    for _ in range(rounds):
        for s in sentences:
            found += len(finder.find(s))
    full = time.perf_counter() - t
    n = len(sentences) * rounds
    return {
        "sentences": n,
        "tokenise_per_s": n / base,
        "find_per_s": n / full,
        "mentions": found / rounds,
        "chars_per_sentence": sum(map(len, sentences)) / len(sentences),
    }


def insert_documents(case: Case, n_docs: int) -> None:
    """Rows for documents 1..n_docs, written directly (the benchmarks need no files)."""
    from sleuth.store.schema import documents

    with case.store.engine.begin() as conn:
        conn.execute(
            documents.insert(),
            [
                {
                    "id": i,
                    "sha256": f"{i:064x}",
                    "size": 1,
                    "mime": "text/plain",
                    "kind": "text",
                    "page_count": 1,
                    "created_at": 0.0,
                }
                for i in range(1, n_docs + 1)
            ],
        )


def fill_case(case: Case, n_mentions: int, seed: int = 1) -> None:
    """N mentions over N/5 documents (documents rows written directly: no files needed)."""
    rng = random.Random(seed)
    names = json.loads((ROOT / "src/sleuth/demo/data/names.json").read_text(encoding="utf-8"))
    given, family, kunya = (
        names["given"] + names["civil_given"],
        names["family"] + names["civil_family"],
        names["kunya"],
    )
    nisbas = [
        "العراقي",
        "الشامي",
        "التونسي",
        "الليبي",
        "الرقاوي",
        "الحلبي",
        "الديري",
        "المصري",
        "الأردني",
        "التركي",
    ]
    nisbas_en = [
        "al-Iraqi",
        "al-Shami",
        "al-Tunisi",
        "al-Libi",
        "al-Raqqawi",
        "al-Halabi",
        "al-Deiri",
        "al-Masri",
        "al-Urduni",
        "al-Turki",
    ]
    people = []
    for _ in range(max(1000, n_mentions // 20)):
        if rng.random() < 0.5:
            k, n = rng.choice(kunya), rng.randrange(len(nisbas))
            people.append([f"أبو {k['ar']} {nisbas[n]}"] + [f"Abu {e} {nisbas_en[n]}" for e in k["en"]])
        else:
            g, f, fam = rng.choice(given), rng.choice(given), rng.choice(family)
            people.append(
                [f"{g['ar']} بن {f['ar']} {fam['ar']}"]
                + [f"{ge} bin {fe} {fa}" for ge in g["en"] for fe in f["en"][:1] for fa in fam["en"]]
            )
    gazetteer = [e for e in load_gazetteer(case.root) if e.layer != "geonames"]
    n_docs = max(1, n_mentions // 5)
    insert_documents(case, n_docs)
    batch: dict[int, list[PageMention]] = {}
    key_cache: dict[str, str] = {}
    for n in range(n_mentions):
        doc = n * n_docs // n_mentions + 1  # each document's mentions written once, together
        r = rng.random()
        if r < 0.6:
            text = rng.choice(rng.choice(people))
            if text not in key_cache:
                key_cache[text] = "PERSON:" + " ".join(sorted(name_words(text)))
            m, key = Mention(0, len(text), text, "PERSON", "rule", score=0.8), key_cache[text]
        elif r < 0.9:
            e = rng.choice(gazetteer)
            text = rng.choice(e.names())
            m, key = Mention(0, len(text), text, e.type, "gazetteer", entry=e.id), f"entry:{e.id}"
        else:
            phone = f"+9639{rng.randrange(10**8):08d}"
            m, key = Mention(0, 13, phone, "PHONE", "value", value=phone), f"PHONE:{phone}"
        batch.setdefault(doc, []).append(PageMention(1, m, key))
        if len(batch) >= 5000:
            case.store.mentions.write([(d, found, None) for d, found in batch.items()], 1)
            batch = {}
    if batch:
        case.store.mentions.write([(d, found, None) for d, found in batch.items()], 1)


def bench_resolution(n_mentions: int, workdir: Path) -> dict[str, float]:
    case = Case.init(workdir / f"case-{n_mentions}")
    t = time.perf_counter()
    fill_case(case, n_mentions)
    fill = time.perf_counter() - t
    t = time.perf_counter()
    read = sum(1 for _ in case.store.mentions.for_resolution())
    base = time.perf_counter() - t
    t = time.perf_counter()
    summary = resolve(case)
    took = time.perf_counter() - t
    return {
        "mentions": read,
        "fill_s": fill,
        "read_s": base,
        "resolve_s": took,
        "entities": summary.entities,
        "match_keys": summary.match_keys,
        "ratio": took / base if base else 0.0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=None)
    args = ap.parse_args()
    workdir = args.dir or Path(tempfile.mkdtemp(prefix="entity-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; load {os.getloadavg()[0]:.2f}")
    t = time.perf_counter()
    finder = MentionFinder(load_gazetteer())
    print(
        f"gazetteer + matcher built in {time.perf_counter() - t:.2f} s "
        f"({len(finder.gazetteer)} entries, {len(finder.matcher.index)} first words)"
    )
    for name, sentences in (("demo trove", demo_sentences(workdir)), ("PLOVER examples", plover_sentences())):
        if not sentences:
            print(f"{name}: not found, skipped")
            continue
        r = bench_mentions(sentences, finder, args.rounds)
        print(
            f"{name}: {r['sentences']} sentences ({r['chars_per_sentence']:.0f} chars), "
            f"tokenise only {r['tokenise_per_s']:,.0f}/s, mentions {r['find_per_s']:,.0f}/s "
            f"(ratio {r['find_per_s'] / r['tokenise_per_s']:.3f}), "
            f"{r['mentions'] / len(sentences):.2f} mentions each"
        )
    r2 = bench_resolution(args.mentions, workdir)
    print(
        f"resolution: {r2['mentions']:,} mentions, {r2['match_keys']:,} match keys -> "
        f"{r2['entities']:,} entities; "
        f"fill {r2['fill_s']:.1f} s; baseline read of the mention table {r2['read_s']:.1f} s; "
        f"resolve {r2['resolve_s']:.1f} s (ratio {r2['ratio']:.1f})"
    )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
