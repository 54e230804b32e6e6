"""JSON and JSON Lines: string values listed with their key paths."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sleuth.read.base import Page, ReadContext, Reader, ReadResult, register
from sleuth.read.text import decode_bytes, normalise_newlines

MAX_LINES = 200_000  # value lines per file
MAX_VALUE_CHARS = 10_000  # per value
MAX_DEPTH = 200


def _key_path(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def flatten(value: Any, prefix: str = "", depth: int = 0) -> Iterator[tuple[str, str]]:
    """(key path, text) for every scalar value; strings, numbers and booleans alike."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from flatten(item, _key_path(prefix, str(key)), depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from flatten(item, f"{prefix}[{index}]", depth + 1)
    elif value is None:
        return
    else:
        text = value if isinstance(value, str) else json.dumps(value)
        text = " ".join(text.split())
        if text:
            yield prefix or "$", text[:MAX_VALUE_CHARS]


def _lines(values: Iterator[tuple[str, str]], out: list[str]) -> bool:
    """Append 'path: value' lines to out; False once the cap is hit."""
    for path, text in values:
        if len(out) >= MAX_LINES:
            return False
        out.append(f"{path}: {text}")
    return True


@register
class JsonReader(Reader):
    """JSON documents and newline-delimited JSON; invalid JSON is kept as plain text."""

    name = "json"
    kind = "json"
    mime_types = frozenset({"application/json", "application/x-ndjson", "application/jsonl",
                            "application/ld+json"})
    extensions = frozenset({".json", ".jsonl", ".ndjson"})

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        text, encoding = decode_bytes(path.read_bytes())
        result = ReadResult()
        result.add_meta("encoding", encoding)
        out: list[str] = []
        complete = True
        try:
            complete = _lines(flatten(json.loads(text)), out)
            result.add_meta("format", "json")
        except (ValueError, RecursionError):
            parsed_any = False
            invalid = False
            for line in text.splitlines():
                line = line.strip()
                if not line:
                    continue
                try:
                    doc = json.loads(line)
                except (ValueError, RecursionError):
                    invalid = True
                    break
                parsed_any = True
                if not _lines(flatten(doc), out):
                    complete = False
                    break
            if invalid or not parsed_any:
                result.add_meta("format", "text (invalid JSON)")
                result.pages.append(Page(1, normalise_newlines(text)))
                return result
            result.add_meta("format", "jsonl")
        if not complete:
            out.append(f"(cut off after {MAX_LINES} values)")
        result.pages.append(Page(1, "\n".join(out)))
        return result
