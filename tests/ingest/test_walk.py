"""Walking sources: every entry is either a file to read or a failure with a reason."""

from __future__ import annotations

import os
from pathlib import Path

from sleuth.ingest.walk import FoundFile, display_path, walk
from sleuth.store import FailureRecord


def test_walk_reports_symlinks_and_missing_paths(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("a")
    (src / "sub" / "b.txt").write_text("b")
    os.symlink("/etc/passwd", src / "escape")
    os.symlink(src / "nowhere", src / "broken")
    os.symlink(src / "a.txt", src / "inside")
    items = list(walk([src, tmp_path / "missing"]))
    files = sorted(i.display for i in items if isinstance(i, FoundFile))
    reasons = {Path(i.path).name: i.reason for i in items if isinstance(i, FailureRecord)}
    assert files == [str(src / "a.txt"), str(src / "sub" / "b.txt")]
    assert reasons["escape"].startswith("unsafe: symlink to /etc/passwd points outside")
    assert reasons["broken"].startswith("broken symlink")
    assert "not followed" in reasons["inside"]
    assert reasons["missing"].startswith("missing")


def test_invalid_utf8_names_become_printable(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "wb") as fh:
        fh.write(b"x")
    (found,) = list(walk([tmp_path]))
    assert isinstance(found, FoundFile)
    assert found.display.endswith("caf\\xe9.txt")
    assert display_path(os.fsdecode(raw)) == found.display
    assert os.path.exists(found.fs_path)
