"""JSON / JSON Lines reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sleuth.read import json_reader
from sleuth.read.json_reader import JsonReader

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "ingest-file-fixtures"


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not available")
    return path


def test_key_paths(tmp_path: Path, ctx) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"a": {"b": ["x", {"c": "deep"}]}, "n": 3, "ok": True, "none": None}))
    result = JsonReader().read(path, ctx)
    assert result.text.splitlines() == ["a.b[0]: x", "a.b[1].c: deep", "n: 3", "ok: true"]
    assert result.metadata["format"] == ["json"]


def test_jsonl(tmp_path: Path, ctx) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"name": "Alice"}\n\n{"name": "Bob"}\n', encoding="utf-8")
    result = JsonReader().read(path, ctx)
    assert result.text.splitlines() == ["name: Alice", "name: Bob"]
    assert result.metadata["format"] == ["jsonl"]


def test_invalid_json_kept_as_text(tmp_path: Path, ctx) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"name": "Alice", oops', encoding="utf-8")
    result = JsonReader().read(path, ctx)
    assert result.text == '{"name": "Alice", oops'
    assert result.metadata["format"] == ["text (invalid JSON)"]


def test_cap(tmp_path: Path, ctx, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_reader, "MAX_LINES", 5)
    path = tmp_path / "big.json"
    path.write_text(json.dumps(list(range(100))))
    lines = JsonReader().read(path, ctx).text.splitlines()
    assert len(lines) == 6
    assert lines[-1] == "(cut off after 5 values)"


def test_real_json(ctx) -> None:
    text = JsonReader().read(fixture("example_2.json"), ctx).text
    assert "quiz.sport.q1.question: Which one is correct team name in NBA?" in text
    assert "quiz.sport.q1.options[3]: Huston Rocket" in text


def test_real_ndjson(ctx) -> None:
    result = JsonReader().read(fixture("ofac.json"), ctx)
    assert result.metadata["format"] == ["jsonl"]
    assert "properties.authority[0]: US Office of Foreign Asset Control" in result.text
