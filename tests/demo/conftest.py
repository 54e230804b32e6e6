"""One default demo trove per test session (it takes a few seconds to write)."""

from __future__ import annotations

import json
import shutil
import subprocess
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


def pdftotext(path: Path) -> str:
    """The text layer as the ingest reads it, bidi control characters removed."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout
    return strip_bidi(out.decode("utf-8"))


def strip_bidi(text: str) -> str:
    """Remove the embedding marks pdftotext adds around right-to-left runs."""
    return text.translate({c: None for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)})
