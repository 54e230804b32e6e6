"""kill -9 in the middle of an ingest, run it again: nothing lost, nothing doubled."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import time
import zipfile
from pathlib import Path

from tests.conftest import SLEUTH, run_cli

N_FILES = 3000


def _make_source(root: Path) -> set[str]:
    """Unique text files, some duplicates, and zips with members. Returns expected paths."""
    expected: set[str] = set()
    for i in range(N_FILES):
        folder = root / f"d{i // 500}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"f{i}.txt"
        # every 10th file repeats an earlier file's content: one document, two paths
        body = f"report {i - 1 if i % 10 == 0 else i} shipment of oil token{i - 1 if i % 10 == 0 else i}"
        path.write_text((body + " ") * 20)
        expected.add(str(path))
    for z in range(20):
        zpath = root / f"archive{z}.zip"
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for m in range(5):
                zf.writestr(f"inner/m{m}.txt", f"member {z} {m} zipword{z}x{m}")
        zpath.write_bytes(buf.getvalue())
        expected.add(str(zpath))
        expected.update(f"{zpath}!/inner/m{m}.txt" for m in range(5))
    return expected


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_kill_9_then_resume(tmp_path: Path) -> None:
    src = tmp_path / "src"
    expected = _make_source(src)
    case_dir = tmp_path / "case"
    run_cli("init", str(case_dir), check=True)
    db = case_dir / "case.db"

    proc = subprocess.Popen([*SLEUTH, "ingest", str(src), "--case", str(case_dir), "--silent"],
                            start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db, "SELECT count(*) FROM provenance") < 600 and time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed: make the source bigger"
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, mid-run
    proc.wait()
    killed_at = _count(db, "SELECT count(*) FROM provenance")
    assert 0 < killed_at < len(expected)

    resumed = run_cli("ingest", str(src), "--case", str(case_dir), "--json", "--silent")
    assert resumed.returncode == 0, resumed.stderr

    with sqlite3.connect(db) as conn:
        paths = [r[0] for r in conn.execute("SELECT path FROM provenance")]
        docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        unread = conn.execute(
            "SELECT count(*) FROM documents d LEFT JOIN stages s ON s.document_id = d.id "
            "AND s.stage = 'read' WHERE s.status IS NULL OR s.status != 'ok'").fetchone()[0]
        unindexed = conn.execute(
            "SELECT count(*) FROM documents d LEFT JOIN stages s ON s.document_id = d.id "
            "AND s.stage = 'index' WHERE s.status IS NULL").fetchone()[0]
    assert len(paths) == len(set(paths)), "a path was recorded twice"
    assert set(paths) == expected, "a file was lost"
    distinct_contents = N_FILES - N_FILES // 10 + 1 + 20 + 100  # +1: file 0 repeats "-1"
    assert docs == distinct_contents
    assert unread == 0 and unindexed == 0

    # the search index holds each document once
    hits = run_cli("search", "token7", "--case", str(case_dir), "--json", check=True)
    assert len(hits.stdout.splitlines()) == 1
    status = run_cli("status", "--case", str(case_dir), "--json", check=True)
    assert '"failures": 0' in status.stdout
