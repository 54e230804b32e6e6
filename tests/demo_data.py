"""The default demo trove and its case, one per test session (shared by every test folder
through tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sleuth.case import Case
from sleuth.demo import TroveSummary, write_demo_trove
from sleuth.ingest import ingest


class DemoTrove:
    """A written default trove and its truth."""

    def __init__(self, outdir: Path, summary: TroveSummary) -> None:
        self.outdir = outdir
        self.summary = summary
        self.truth: dict[str, Any] = json.loads((outdir / "truth.json").read_text(encoding="utf-8"))

    @property
    def files(self) -> list[dict[str, Any]]:
        """Truth records of the files on disk (not archive members)."""
        return [f for f in self.truth["files"] if not f["container"]]

    def path(self, rel: str) -> Path:
        """The file at a truth.json path."""
        return self.outdir / rel


@pytest.fixture(scope="session")
def demo_trove(tmp_path_factory: pytest.TempPathFactory) -> DemoTrove:
    """The default trove (seed 7)."""
    outdir = tmp_path_factory.mktemp("demo") / "out"
    return DemoTrove(outdir, write_demo_trove(outdir, seed=7))


@pytest.fixture(scope="session")
def demo_case(demo_trove: DemoTrove, tmp_path_factory: pytest.TempPathFactory) -> Case:
    """The default trove ingested into a case (OCR, entities and events), shared by the
    tests that score a stage against the truth."""
    case = Case.init(tmp_path_factory.mktemp("democase") / "case")
    ingest(case, [demo_trove.outdir / "trove"], workers=2)
    return case
