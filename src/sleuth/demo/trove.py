"""Writes the demo trove: plan every file from the story, render in a process pool, record truth."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sleuth import __version__
from sleuth.demo.broken import add_broken
from sleuth.demo.copies import add_exact_duplicates, add_near_duplicates
from sleuth.demo.finance import add_finance
from sleuth.demo.forgeries import add_forgeries
from sleuth.demo.forms import add_forms
from sleuth.demo.forum import add_forum
from sleuth.demo.jobs import Job
from sleuth.demo.letters import add_letters
from sleuth.demo.mail import add_mail
from sleuth.demo.misc import add_misc
from sleuth.demo.plan import ROOT, Plan
from sleuth.demo.render import fonts
from sleuth.demo.render.image import render_scan
from sleuth.demo.story import build_story
from sleuth.demo.truth import SCHEMA, summarise
from sleuth.demo.web import add_news
from sleuth.errors import SleuthError

TRUTH = "truth.json"
DEFAULT_MAX = 500  # --size above this writes the bulk benchmark trove instead
GENERATOR = f"sleuth {__version__} demo-trove"


@dataclass
class TroveSummary:
    """What was written: counts per kind and format, total files, where truth.json is."""

    outdir: Path
    truth: Path
    files: int
    kinds: dict[str, int] = field(default_factory=dict)
    formats: dict[str, int] = field(default_factory=dict)
    seed: int = 7
    size: int | None = None
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the CLI prints it)."""
        return {
            "outdir": str(self.outdir),
            "trove": str(self.outdir / ROOT),
            "truth": str(self.truth),
            "files": self.files,
            "kinds": self.kinds,
            "formats": self.formats,
            "seed": self.seed,
            "size": self.size,
            "seconds": round(self.seconds, 2),
        }


def prepare_outdir(outdir: Path) -> None:
    """Make OUTDIR ready: a previous demo trove there is replaced, anything else is left alone."""
    trove, truth = outdir / ROOT, outdir / TRUTH
    if trove.exists() or truth.exists():
        try:
            ours = json.loads(truth.read_text(encoding="utf-8")).get("schema") == SCHEMA
        except (OSError, ValueError):
            ours = False
        if not ours:
            raise SleuthError(
                f"{outdir} already holds a '{ROOT}' folder or '{TRUTH}' that is not a demo trove.\n"
                "Choose an empty or new folder: sleuth demo-trove NEW_FOLDER"
            )
        shutil.rmtree(trove, ignore_errors=True)
        truth.unlink(missing_ok=True)
    outdir.mkdir(parents=True, exist_ok=True)


def plan_trove(seed: int) -> Plan:
    """Plan every file of the default trove (nothing is rendered yet)."""
    plan = Plan(build_story(seed), seed)
    add_letters(plan)
    add_forms(plan)
    add_mail(plan)
    add_finance(plan)
    add_news(plan)
    add_forum(plan)
    add_misc(plan)
    add_near_duplicates(plan)
    add_forgeries(plan)
    add_broken(plan)
    add_exact_duplicates(plan)
    return plan


def _render(path: str, job: Job) -> tuple[str, bytes]:
    return path, job.run()


def _cost(job: Job) -> int:
    """Slow jobs first, so two workers finish together."""
    return 0 if job.fn is render_scan else 1


def run_jobs(
    plan: Plan, outdir: Path, workers: int | None = None, progress: Callable[[int], None] | None = None
) -> None:
    """Render every job and write the files; then the exact copies."""
    workers = workers or min(os.cpu_count() or 1, 8)
    order = sorted(plan.jobs.items(), key=lambda kv: (_cost(kv[1]), kv[0]))

    def write(path: str, data: bytes) -> None:
        target = outdir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if progress:
            progress(1)

    with tempfile.TemporaryDirectory(prefix="sleuth-fonts-") as tmp:
        font_dir = fonts.prepare(Path(tmp))
        if workers <= 1:
            fonts.use(font_dir)
            try:
                for path, job in order:
                    write(path, job.run())
            finally:
                fonts.use(None)
        else:
            with ProcessPoolExecutor(workers, initializer=fonts.use, initargs=(font_dir,)) as pool:
                futures = [pool.submit(_render, path, job) for path, job in order]
                for future in as_completed(futures):
                    write(*future.result())
    for source, target in plan.copies:
        write(target, (outdir / source).read_bytes())


def write_demo_trove(
    outdir: Path,
    seed: int = 7,
    size: int | None = None,
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> TroveSummary:
    """Write the synthetic demo trove into OUTDIR/trove and its truth into OUTDIR/truth.json.

    The same seed writes the same bytes. `size` above DEFAULT_MAX writes the large text-heavy
    benchmark trove of `size` files instead (see bulk.py); `workers` processes render files.
    """
    started = time.monotonic()
    outdir = Path(outdir)
    if size is not None and size > DEFAULT_MAX:
        from sleuth.demo.bulk import write_bulk_trove

        return write_bulk_trove(outdir, seed=seed, size=size, workers=workers, progress=progress)
    prepare_outdir(outdir)
    plan = plan_trove(seed)
    run_jobs(plan, outdir, workers, progress)
    truth_path = outdir / TRUTH
    plan.truth.write(truth_path, seed, GENERATOR)
    counts = summarise(
        [{"kind": t.kind, "format": t.format, "container": t.container} for t in plan.truth.files.values()]
    )
    return TroveSummary(
        outdir=outdir,
        truth=truth_path,
        files=counts["files"],
        kinds=counts["kinds"],
        formats=counts["formats"],
        seed=seed,
        size=size,
        seconds=time.monotonic() - started,
    )
