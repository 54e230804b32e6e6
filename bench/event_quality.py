"""Event coding quality: the demo trove against its truth, and PLOVER's human-coded sentences.

    .venv/bin/python bench/event_quality.py [--seed 7] [--keep DIR]

Prints per-telling and per-event precision and recall of (source, type, target) on the demo
trove, and type, source and target figures on ../shared/corpora/plover/PLOVER_GSR_CAMEO.json.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from sleuth.case import Case
from sleuth.demo import write_demo_trove
from sleuth.demo.score_events import score_events
from sleuth.extract.events import EventCoder
from sleuth.extract.events.gold import score_gold
from sleuth.extract.finder import MentionFinder
from sleuth.extract.gazetteer import load_gazetteer
from sleuth.ingest import ingest

GSR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "plover" / "PLOVER_GSR_CAMEO.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None, help="Write the trove and case here.")
    args = parser.parse_args()
    finder = MentionFinder(load_gazetteer())
    coder = EventCoder(gazetteer=finder.gazetteer)
    if GSR.exists():
        gold = score_gold(GSR, finder, coder)
        print("PLOVER GSR:", json.dumps(gold.as_dict()))
    root = args.keep or Path(tempfile.mkdtemp(prefix="sleuth-events-"))
    outdir = root / "demo"
    if not (outdir / "truth.json").exists():
        write_demo_trove(outdir, seed=args.seed)
    case = Case.open(root / "case") if (root / "case").exists() else Case.init(root / "case")
    ingest(case, [outdir / "trove"], workers=2)
    scores = score_events(case, outdir)
    print("demo tellings:", json.dumps(scores.tellings.as_dict()))
    print("demo events:  ", json.dumps(scores.events.as_dict()))
    for t, c in sorted(scores.by_type.items()):
        print(f"  {t:<10} {json.dumps(c.as_dict())}")


if __name__ == "__main__":
    main()
