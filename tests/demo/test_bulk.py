"""--size N writes N small text-heavy files, fast, in folders of at most 1,000."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from sleuth.cli import main
from sleuth.demo import write_demo_trove


def test_size_2000_is_fast_and_complete(tmp_path: Path) -> None:
    started = time.monotonic()
    summary = write_demo_trove(tmp_path, seed=7, size=2000)
    seconds = time.monotonic() - started
    files = [p for p in (tmp_path / "trove").rglob("*") if p.is_file()]
    assert len(files) == summary.files == 2000
    assert seconds < 30
    per_folder = Counter(p.parent for p in files)
    assert max(per_folder.values()) <= 1000
    suffixes = Counter(p.suffix for p in files)
    assert {".txt", ".html", ".eml", ".pdf"} <= set(suffixes)
    assert suffixes[".txt"] > suffixes[".pdf"]
    sizes = sorted(p.stat().st_size for p in files if p.suffix == ".txt")
    assert 1000 <= sizes[len(sizes) // 2] <= 4000  # about 2 KB
    for p in files:
        if p.suffix in (".txt", ".html", ".eml", ".csv"):
            assert "SYNTHETIC DEMO DATA" in p.read_text(encoding="utf-8"), p
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert truth["synthetic"] is True and truth["summary"]["files"] == 2000
    assert set(truth["summary"]["languages"]) == {"ar", "en"}


def test_cli_writes_a_bulk_trove(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["demo-trove", str(tmp_path / "out"), "--size", "1200", "--json"])
    assert result.exit_code == 0, result.output
    line = json.loads(result.output.strip().splitlines()[-1])
    assert line["files"] == 1200
    assert Path(line["truth"]).is_file()
