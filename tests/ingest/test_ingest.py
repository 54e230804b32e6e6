"""Ingest end to end on small generated sources."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from sleuth.case import Case
from sleuth.ingest import ingest
from sleuth.store import READ


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_same_content_twice_is_one_document_with_two_paths(case: Case, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("the convoy left Palmyra at dawn")
    (src / "copy.txt").write_text("the convoy left Palmyra at dawn")
    summary = ingest(case, [src], workers=1)
    assert summary.documents_new == 1 and summary.duplicates == 1
    doc = case.store.find_document(str(src / "copy.txt"))
    assert doc is not None
    detail = case.store.document_detail(doc["id"])
    assert sorted(p["path"] for p in detail["provenance"]) == [str(src / "a.txt"), str(src / "copy.txt")]


def test_nested_archive_members_get_bang_paths_and_parents(case: Case, tmp_path: Path) -> None:
    inner = _zip_bytes({"letters/order.txt": b"withdraw the heavy weapons from Palmyra"})
    (tmp_path / "trove.zip").write_bytes(_zip_bytes({"inner.zip": inner, "note.txt": b"hello"}))
    summary = ingest(case, [tmp_path / "trove.zip"], workers=1)
    assert summary.ok, summary.problems
    outer = str(tmp_path / "trove.zip")
    doc = case.store.find_document(outer + "!/inner.zip!/letters/order.txt")
    assert doc is not None
    detail = case.store.document_detail(doc["id"])
    (prov,) = detail["provenance"]
    parent = case.store.document_detail(prov["parent_id"])
    assert parent["provenance"][0]["path"] == outer + "!/inner.zip"
    assert "heavy weapons" in detail["pages"][0]["text"]


def test_rerun_skips_finished_files_and_adds_nothing(case: Case, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for i in range(20):
        (src / f"{i}.txt").write_text(f"document number {i} about oil and fertiliser")
    first = ingest(case, [src], workers=2)
    second = ingest(case, [src], workers=2)
    assert first.documents_new == 20
    assert second.files_skipped == 20 and second.documents_new == 0
    assert case.store.summary()["documents"] == 20
    assert case.index.count() == 20


def test_bad_input_is_recorded_and_the_batch_goes_on(case: Case, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "empty.pdf").write_bytes(b"")
    (src / "good.txt").write_text("still read")
    (src / "blob.bin").write_bytes(os.urandom(3000))
    os.symlink("/etc/passwd", src / "escape")
    summary = ingest(case, [src], workers=1)
    assert not summary.ok
    problems = {Path(p["path"]).name: p for p in case.store.problems()}
    assert problems["empty.pdf"]["reason"].startswith("empty")
    assert problems["blob.bin"]["status"] == "unsupported"
    assert problems["escape"]["status"] == "not ingested"
    assert "good.txt" not in problems
    good = case.store.find_document(str(src / "good.txt"))
    assert good is not None
    stages = {s["stage"]: s["status"] for s in case.store.document_detail(good["id"])["stages"]}
    assert stages[READ] == "ok"


def test_originals_are_kept_byte_for_byte(case: Case, tmp_path: Path) -> None:
    data = "نص عربي\nArabic and English".encode()
    (tmp_path / "x.txt").write_bytes(data)
    ingest(case, [tmp_path / "x.txt"], workers=1)
    doc = case.store.find_document(str(tmp_path / "x.txt"))
    assert doc is not None
    blob = case.blobs.path(doc["sha256"])
    assert blob.read_bytes() == data
    assert not os.access(blob, os.W_OK) or os.geteuid() == 0
    assert blob.stat().st_mode & 0o222 == 0


def test_summary_counts_match_the_case_with_parallel_workers(case: Case, tmp_path: Path) -> None:
    """Two workers may read two copies of one file at once: still one new document."""
    src = tmp_path / "src"
    src.mkdir()
    for n in range(600):
        (src / f"f{n:03d}.txt").write_text(f"shipment note {n % 150} of oil and fertiliser")
    summary = ingest(case, [src], workers=2)
    status = case.store.summary()
    assert summary.documents_new == status["documents"] == 150
    assert summary.duplicates == 450
    assert sum(summary.kinds.values()) == 150
