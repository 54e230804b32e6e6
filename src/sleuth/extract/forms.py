"""Forms into records: "label: value" pages read field by field (extract/data/forms.yaml).

A record keeps, for every field found, the value as written, its span in the page's text
(so it can be quoted and highlighted) and, where the field has a type, the value
normalised: a date in ISO, a nationality as its country. Fields of type PERSON or PLACE are
tied to entities through the mentions found in their span (`sleuth records`, and the
graph's "recommended" links).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sleuth.text.normalize import normalize_with_offsets

# Characters around a value that are layout, not value (right-to-left lines can put the
# colon at the end).
_EDGE = " \t:：.–—|/"


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form type."""

    name: str
    labels: tuple[str, ...]   # normalised
    type: str = ""
    link: str = ""


@dataclass(frozen=True)
class FormSpec:
    """One form type."""

    name: str
    title: str
    detect: tuple[str, ...]
    min_fields: int
    fields: tuple[FieldSpec, ...]


@dataclass
class Record:
    """A form read from one page: field name -> {value, start, end, normalised?}."""

    form: str
    page: int
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_forms() -> tuple[FormSpec, ...]:
    """The shipped form types (extract/data/forms.yaml)."""
    from sleuth.text.normalize import normalize

    data = yaml.safe_load(resources.files("sleuth.extract").joinpath("data", "forms.yaml").read_text("utf-8"))
    specs = []
    for name, spec in (data.get("forms") or {}).items():
        fields = tuple(
            FieldSpec(fname, tuple(" ".join(normalize(str(lb)).split()) for lb in f.get("labels", [])),
                      str(f.get("type") or ""), str(f.get("link") or ""))
            for fname, f in (spec.get("fields") or {}).items())
        specs.append(FormSpec(name, str(spec.get("title") or name),
                              tuple(" ".join(normalize(str(d)).split()) for d in spec.get("detect", [])),
                              int(spec.get("min_fields") or 3), fields))
    return tuple(specs)


def read_forms(pages: list[str]) -> list[Record]:
    """The records of a document's pages (one per page that is a form)."""
    out = []
    for number, text in enumerate(pages, start=1):
        for spec in load_forms():
            record = _read_page(spec, text, number)
            if record is not None:
                out.append(record)
                break
    return out


def _read_page(spec: FormSpec, text: str, number: int) -> Record | None:
    norm, offsets = normalize_with_offsets(text)
    record = Record(spec.name, number)
    for m in re.finditer(r"[^\n]+", norm):
        line = m.group()
        stripped = line.lstrip()
        lead = len(line) - len(stripped)
        best: tuple[FieldSpec, str] | None = None
        for f in spec.fields:
            for label in f.labels:
                if _starts_with_label(stripped, label) and (best is None or len(label) > len(best[1])):
                    best = (f, label)
        if best is None or best[0].name in record.fields:
            continue
        f, label = best
        vstart = m.start() + lead + len(label)
        vend = m.end()
        while vstart < vend and norm[vstart] in _EDGE:
            vstart += 1
        while vend > vstart and norm[vend - 1] in _EDGE:
            vend -= 1
        if vend <= vstart:
            continue
        start, end = offsets[vstart], offsets[vend - 1] + 1
        value = " ".join(text[start:end].replace(":", " ").split())
        record.fields[f.name] = {"value": value, "start": start, "end": end, **_normalised(f, value)}
    detected = any(d in " ".join(norm.split()) for d in spec.detect)
    if len(record.fields) >= spec.min_fields or (detected and len(record.fields) >= 2):
        return record
    return None


def _starts_with_label(line: str, label: str) -> bool:
    if not line.startswith(label):
        return False
    rest = line[len(label):len(label) + 2]
    return not rest or not (rest[0].isalnum() and not rest[0].isdigit())  # a whole word, not a prefix


def _normalised(f: FieldSpec, value: str) -> dict[str, Any]:
    if f.type == "DATE":
        from sleuth.text.dates import find_dates

        dates = find_dates(value)
        return {"normalised": dates[0].iso} if dates else {}
    if f.type == "NORP":
        country = nationality_country(value)
        return {"normalised": country} if country else {}
    return {}


@lru_cache(maxsize=10_000)
def nationality_country(value: str) -> str | None:
    """The ISO code of the country a nationality word names (Tunisian, تونسي -> TN)."""
    matcher, countries = _nationalities()
    found = matcher.find(value)
    return countries.get(found[0].entries[0]) if found else None


@lru_cache(maxsize=1)
def _nationalities() -> tuple[Any, dict[str, str]]:
    from sleuth.extract.gazetteer import load_gazetteer
    from sleuth.extract.matcher import build_matcher

    entries = [e for e in load_gazetteer(geonames=False) if e.type == "NORP" and e.countries]
    return build_matcher(entries), {e.id: e.countries[0] for e in entries}
