"""The store keeps one document per content, every path, and every failure once."""

from __future__ import annotations

from pathlib import Path

from sleuth.read.base import Page
from sleuth.store import READ, FailureRecord, FileRecord, Store


def _store(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'case.db'}")
    store.create()
    return store


def _record(path: str, sha: str = "a" * 64, text: str = "hello", **kw: object) -> FileRecord:
    return FileRecord(path=path, sha256=sha, size=5, mime="text/plain", kind="text", status="ok",
                      pages=[Page(1, text)], metadata={"author": ["Abu Bakr"]}, **kw)  # type: ignore[arg-type]


def test_database_is_in_wal_mode(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_writing_the_same_batch_twice_changes_nothing(tmp_path: Path) -> None:
    store = _store(tmp_path)
    batch = [_record("/src/a.txt"), _record("/src/b.txt"), _record("/src/c.txt", sha="b" * 64)]
    failures = [FailureRecord("/src/bad", "unreadable: Permission denied")]
    first = store.write_batch(batch, failures, read_version=1)
    second = store.write_batch(batch, failures, read_version=1)
    assert len(first) == 2 and second == set()
    summary = store.summary()
    assert summary["documents"] == 2 and summary["paths"] == 3 and summary["failures"] == 1
    assert summary["stages"][READ] == {"ok": 2}


def test_detail_has_pages_metadata_provenance_and_children(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.write_batch([
        _record("/src/t.zip", sha="c" * 64, text="inner/x.txt"),
        _record("/src/t.zip!/inner/x.txt", sha="d" * 64, parent_sha="c" * 64, text="member text"),
    ], [], read_version=1)
    parent = store.find_document("cccccc")
    child = store.find_document("/src/t.zip!/inner/x.txt")
    assert parent is not None and child is not None
    detail = store.document_detail(child["id"])
    assert detail["pages"][0]["text"] == "member text"
    assert detail["metadata"] == {"author": ["Abu Bakr"]}
    assert detail["provenance"][0]["parent_id"] == parent["id"]
    assert store.document_detail(parent["id"])["children"][0]["path"] == "/src/t.zip!/inner/x.txt"


def test_failure_is_cleared_when_the_path_reads_later(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.write_batch([], [FailureRecord("/src/a.txt", "unreadable: Permission denied")], 1)
    assert len(store.problems()) == 1
    store.write_batch([_record("/src/a.txt")], [], 1)
    assert store.problems() == []


def test_new_read_version_reads_again(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.write_batch([_record("/src/a.txt", text="old")], [], 1)
    assert store.read_done("a" * 64, 1) and not store.read_done("a" * 64, 2)
    store.write_batch([_record("/src/a.txt", text="new")], [], 2)
    doc = store.find_document("/src/a.txt")
    assert doc is not None
    assert store.texts([doc["id"]]) == {doc["id"]: "new"}
