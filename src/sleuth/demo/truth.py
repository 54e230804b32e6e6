"""truth.json: what every file of the demo trove contains, so later stages can be scored.

Schema (version 1), paths relative to OUTDIR (e.g. "trove/letters/x.pdf"; a member of an
archive is "trove/misc/x.zip!inner.zip!a.pdf"):

    {"schema": "sleuth-demo-truth", "version": 1, "synthetic": true, "seed", "generator",
     "root": "trove", "quad_classes": {TYPE: class},
     "files": [{"path", "kind", "format", "language", "needs_ocr", "ocr_text": [page, ...] | null,
                "scan": {...} | null, "title", "date", "marking", "template", "metadata",
                "entities": [{"text", "type", "canonical", "count"}],
                "events": [{"event", "type", "mode", "source", "target",
                "place", "date", "quad_class", "finding", "sentence"}], "claims", "container", "notes"}],
     "people": [{"canonical", "arabic", "role", "side", "nationality", "invented": true}],
     "events": [every story event], "findings": [{"id", "title", "summary", "events", "actors",
                "evidence": [paths]}],
     "duplicates": [{"kind": "exact"|"near", "original", "paths", "changes"}],
     "forgeries": [{"path", "reason", "signal"}], "broken": [{"path", "problem", "detail"}],
     "claims": [{"id", "statement", "finding", "asserted_by": [paths], "denied_by": [paths]}],
     "summary": {"files", "kinds", "formats"}}

`ocr_text` is the true text of each scanned page (a PNG, TIFF or JPEG has one), line by line in
logical (reading) order, for scoring OCR. `scan` records how a file that needs OCR was scanned
(null for born-digital files):

    {"dpi": int, "angle": float (degrees, counter-clockwise), "speckle": float (share of pixels
     darkened), "blur": float (Gaussian radius in pixels, 0 = none), "bilevel": bool (black and
     white only), "format": "PNG" | "TIFF" | "JPEG" | "PDF" (the image file written),
     "clean": bool}

`clean` is true when dpi >= 300, angle 0, blur 0, speckle <= 0.002 and not bilevel; score clean
and noisy scans separately. Some Arabic files write dates and numbers in Arabic-Indic digits
(١٤٣٥/٦/٢٣ هـ); `ocr_text` and entity texts quote them as written, while `date` stays ISO.

`entities` lists every mention of a PERSON, ORG, GPE, LOC or FACILITY written in the file's text,
boilerplate included (letterheads, form labels and footers, signatures and the writer's title,
menus and "most read" boxes, e-mail headers, spreadsheet cells), as `text` (exactly as written),
`type`, `canonical` and `count` (how many times that text is written). The conventions:

- The text is what a reader of the file gets: the text layer of a PDF or DOCX (not its document
  properties), the visible <body> of a web page (not <title> or <meta> in <head>), an e-mail's
  From, To and Subject headers and its body, the cells of a spreadsheet, and for a scan the text
  drawn on it (`ocr_text`). Archives and mailboxes list none: their members, like e-mail
  attachments, have records of their own. Exact copies and photos of a letter list their
  source's names; a re-typed copy lists them as the copy spells them (a name changes with the
  word it is part of: "وقسد", "IS's"). The SYNTHETIC DEMO DATA marking lines name nobody.
- A leading English article and an Arabic proclitic (و، ب، بـ، ل، ف، ك) are written but are not
  part of the name: "the Syrian army" gives "Syrian army", "وقسد" gives "قسد". A capital that
  opens a sentence is: "Al-Tabqa fell to ...". Arabic names are never written after li- + al-
  (which drops the article's alif), so every text is a substring of the file's text.
- Mentions are flat: a name inside a longer name is not listed on its own ("Wilayat Homs", not
  "Homs"; "الدولة الإسلامية في العراق والشام", not "العراق"; the outlet "نافذة الفرات", not
  "الفرات").
- Titles and offices describe and are not part of a person's name ("Wali of", "أمير", "emir
  of"); the names in them are mentions ("Wali of [Wilayat Homs]", "مسؤول التسجيل في [منفذ تل
  أبيض]"). A full name written with its military rank keeps the rank, as the cast writes it
  ("Colonel" or "العقيد" and the full name).
- Generic words are not names: "the army", "الجيش", "state media", "the security office" /
  "المكتب الأمني", "الديوان", "التنظيم", "the desert"; nor are nationality adjectives ("Tunisian",
  "تونسي"), forum user names (handles) and e-mail addresses (identifiers, not names).
- The group's own and the press's names for an actor (world.json) are mentions of it: "the
  regime", "الجيش النصيري", "the Crusader coalition" (the US-led coalition).
- Canonical names come from world.json and the cast (`people`); the invented news outlets are
  media ORGs with the canonical names in web.py. Mothers named on registration forms are invented
  PERSONs outside `people`, each written once: their canonical is the name as written.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sleuth.demo.compose import event_record
from sleuth.demo.story import Story
from sleuth.demo.world import QUAD_CLASS, plain

SCHEMA = "sleuth-demo-truth"
VERSION = 1


@dataclass
class FileTruth:
    """What one file is and holds."""

    path: str
    kind: str
    format: str
    language: str
    title: str = ""
    date: str | None = None
    needs_ocr: bool = False
    ocr_text: list[str] | None = None
    scan: dict[str, Any] | None = None
    marking: bool = True
    template: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    entities: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    container: str | None = None
    notes: str = ""


@dataclass
class TruthBook:
    """Collects the truth while the trove is planned; writes truth.json."""

    story: Story
    files: dict[str, FileTruth] = field(default_factory=dict)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    forgeries: list[dict[str, Any]] = field(default_factory=list)
    broken: list[dict[str, Any]] = field(default_factory=list)
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, truth: FileTruth) -> None:
        """Record a file (its path must be new)."""
        if truth.path in self.files:
            raise ValueError(f"two files planned at {truth.path}")
        self.files[truth.path] = truth

    def claim(self, claim_id: str, statement: str, finding: str | None, path: str, asserts: bool) -> None:
        """A file asserts or denies a claim (news and forum posts)."""
        entry = self.claims.setdefault(
            claim_id,
            {"id": claim_id, "statement": statement, "finding": finding, "asserted_by": [], "denied_by": []},
        )
        side = entry["asserted_by" if asserts else "denied_by"]
        if path not in side:
            side.append(path)

    def evidence(self, finding: str) -> list[str]:
        """Files that tell at least one event of a finding (forgeries excluded)."""
        forged = {f["path"] for f in self.forgeries}
        return sorted(
            p
            for p, t in self.files.items()
            if p not in forged and any(e["finding"] == finding for e in t.events)
        )

    def as_dict(self, seed: int, generator: str) -> dict[str, Any]:
        """The whole truth as a JSON-ready dict."""
        story = self.story
        files = [asdict(t) for _, t in sorted(self.files.items())]
        people = [
            {
                "canonical": p.canonical,
                "arabic": p.kunya_ar() if p.kunya else p.full_ar(),
                "full_name_ar": p.full_ar(),
                "role": p.role,
                "title": plain(p.title.en[0]),
                "side": p.side,
                "nationality": p.nationality,
                "birth": p.birth.isoformat(),
                "invented": True,
            }
            for p in story.cast.people.values()
        ]
        findings = [
            {
                "id": f.id,
                "title": f.title,
                "summary": f.summary,
                "events": list(f.events),
                "actors": list(f.actors),
                "evidence": self.evidence(f.id),
            }
            for f in story.findings
        ]
        events = [
            {**event_record(story, e, ""), "sentence": None, "action": e.action, "public": e.public}
            for e in story.events
        ]
        return {
            "schema": SCHEMA,
            "version": VERSION,
            "synthetic": True,
            "seed": seed,
            "generator": generator,
            "root": "trove",
            "note": "SYNTHETIC DEMO DATA. Organisations and places are real; every person is invented.",
            "quad_classes": QUAD_CLASS,
            "summary": summarise(files),
            "files": files,
            "people": people,
            "events": events,
            "findings": findings,
            "duplicates": self.duplicates,
            "forgeries": self.forgeries,
            "broken": self.broken,
            "claims": list(self.claims.values()),
        }

    def write(self, path: Path, seed: int, generator: str) -> None:
        """Write truth.json (sorted, stable: the same story gives the same bytes)."""
        data = self.as_dict(seed, generator)
        path.write_text(
            json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8"
        )


def summarise(files: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts per kind and per format, for files on disk (archive members not counted)."""
    on_disk = [f for f in files if not f["container"]]
    return {
        "files": len(on_disk),
        "archive_members": len(files) - len(on_disk),
        "kinds": dict(sorted(Counter(f["kind"] for f in on_disk).items())),
        "formats": dict(sorted(Counter(f["format"] for f in on_disk).items())),
    }
