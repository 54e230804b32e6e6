"""CSV for spreadsheets: `entities.csv` (one row an entity) and `mentions.csv` (one row a
mention, with its document, page and span), UTF-8 with a byte-order mark so that Excel
shows Arabic."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sleuth.case import Case

ENTITY_COLUMNS = [
    "id",
    "type",
    "canonical",
    "canonical_ar",
    "aliases",
    "documents",
    "mentions",
    "first_seen",
    "last_seen",
    "confidence",
    "key",
]
MENTION_COLUMNS = [
    "document_id",
    "path",
    "page",
    "start",
    "end",
    "text",
    "type",
    "value",
    "source",
    "entity_id",
    "canonical",
]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text: a string that would start a formula (a hostile
    document's "=HYPERLINK(...)") gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_row(row: dict[str, object]) -> dict[str, object]:
    """Every cell of a row through `safe_cell`."""
    return {k: safe_cell(v) for k, v in row.items()}


def write_csv(case: Case, out: Path) -> dict[str, int]:
    """Write entities.csv and mentions.csv into the folder `out` (made if missing)."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {"entities": 0, "mentions": 0}
    with (out / "entities.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, ENTITY_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for e in case.store.mentions.entities(limit=None):
            writer.writerow(safe_row({**e, "aliases": " | ".join(a for a, _ in e["aliases"])}))
            counts["entities"] += 1
    with (out / "mentions.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, MENTION_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in case.store.mentions.export_rows():
            writer.writerow(safe_row(row))
            counts["mentions"] += 1
    return counts
