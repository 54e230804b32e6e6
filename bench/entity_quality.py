"""Entity quality: the demo trove against its truth.json, and PLOVER's marked actors.

    python bench/entity_quality.py            # writes the default trove (seed 7) in a temp dir
    python bench/entity_quality.py --seed 11  # another trove

1. Demo trove: `sleuth demo-trove`, `sleuth ingest` (OCR included), then `score_entities`:
   mention precision, recall and F1 per type, file by file, texts compared after
   normalisation (and without a leading title or place word); and how many planted actors
   have all their (unshared) spellings in one entity, and whether any entity mixes two.
2. PLOVER: the 322 example sentences of ../shared/corpora/plover/PLOVER_GSR_CAMEO.json,
   recall of the actors people marked (source and target) and the share of Sleuth's
   mentions that overlap a marked actor (a lower bound on precision: only actors of the
   sentence's event are marked).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sleuth.case import Case  # noqa: E402
from sleuth.demo import write_demo_trove  # noqa: E402
from sleuth.demo.score import score_entities  # noqa: E402
from sleuth.extract.finder import MentionFinder  # noqa: E402
from sleuth.extract.gazetteer import load_gazetteer  # noqa: E402
from sleuth.extract.plover import score_plover  # noqa: E402
from sleuth.ingest import ingest  # noqa: E402

PLOVER = ROOT.parent / "shared" / "corpora" / "plover" / "PLOVER_GSR_CAMEO.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dir", type=Path, default=None)
    args = ap.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="entity-quality-"))
    out = work / f"demo-{args.seed}"
    write_demo_trove(out, seed=args.seed)
    case = Case.init(work / f"case-{args.seed}")
    t = time.perf_counter()
    summary = ingest(case, [out / "trove"], workers=2)
    print(f"demo trove seed {args.seed}: {summary.documents_new} documents, {summary.extract.mentions} "
          f"mentions, {summary.entities} entities, ingest {time.perf_counter() - t:.1f} s\n")
    scores = score_entities(case, out)
    print("| type | precision | recall | F1 | truth mentions |\n|---|---|---|---|---|")
    for etype, s in scores.types.items():
        print(f"| {etype} | {s.precision:.3f} | {s.recall:.3f} | **{s.f1:.3f}** | {s.tp + s.fn} |")
    d = scores.as_dict()
    print(f"\nplanted actors with all their unshared spellings in one entity: {d['resolved_to_one']} of "
          f"{d['truth_entities']}; entities holding two actors: {len(d['impure'])}")
    print("split:", ", ".join(f"{k} ({len(v)})" for k, v in d["split"].items()))
    print("most missed:", scores.missed.most_common(8))
    print("most spurious:", scores.spurious.most_common(8))
    if PLOVER.is_file():
        p = score_plover(PLOVER, MentionFinder(load_gazetteer()))
        print(f"\nPLOVER: {p.actors} marked actors, {p.found} found (recall {p.recall:.3f}); {p.mentions} "
              f"mentions, {p.on_actor} on a marked actor (precision lower bound {p.precision:.3f})")
        print("missed:", Counter(p.missed).most_common(12))


if __name__ == "__main__":
    main()
