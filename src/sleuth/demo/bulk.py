"""The bulk benchmark trove: N small text-heavy files built from the story's vocabulary.

Sentences are the demo's own templates filled with random actors, places, dates and numbers,
so search sees realistic term statistics (Arabic and English, names spelt many ways). Files
are written as they are made (nothing is held in memory), at most 1,000 per folder:

    OUTDIR/trove/bulk/0000/000000.txt ... /0099/099999.eml
    OUTDIR/truth.json   summary only: counts per format and language, duplicates, seed

Folder k is a pure function of (seed, k), so any number of worker processes write the same
bytes. Mix: ~55% .txt, ~20% .html, ~20% .eml, ~3% .csv, ~2% tiny English .pdf; ~1% of files
are exact copies of the file before them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import time
import zlib
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from email.header import Header
from email.utils import format_datetime
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from sleuth.demo import dates
from sleuth.demo.story import build_story
from sleuth.demo.trove import GENERATOR, TRUTH, TroveSummary, prepare_outdir
from sleuth.demo.truth import SCHEMA, VERSION
from sleuth.demo.world import MARK_LINE_AR, MARK_LINE_EN, plain

PER_FOLDER = 1000
_FORMATS = (("txt", 55), ("html", 20), ("eml", 20), ("csv", 3), ("pdf", 2))
_ACTORS = (
    "is",
    "saa",
    "sgov",
    "sdf",
    "ypg",
    "fsa",
    "rikaz",
    "jund",
    "amn",
    "ziraa",
    "badia",
    "gfc",
    "milsec",
)
_PLACES = (
    "raqqa",
    "palmyra",
    "deir",
    "tabqa",
    "aleppo",
    "homs",
    "shaddadi",
    "manbij",
    "mosul",
    "tal_abyad",
    "jarablus",
    "sukhnah",
    "deir_hafer",
    "maskanah",
    "mayadin",
    "bukamal",
    "al_bab",
    "omar_field",
    "tanak_field",
    "deir_airport",
    "tabqa_dam",
    "kuweires",
    "t4",
)


class Vocabulary:
    """Everything a bulk file is made of, per language, precomputed once per process."""

    def __init__(self, seed: int) -> None:
        story = build_story(seed)
        world = story.world
        self.templates: dict[str, list[str]] = {"ar": [], "en": []}
        for spec in world.phrases["actions"].values():
            for lang in ("ar", "en"):
                self.templates[lang] += [plain(t) for t in spec[lang]]
        self.actors: dict[str, list[str]] = {"ar": [], "en": []}
        self.places: dict[str, list[str]] = {"ar": [], "en": []}
        for key in _ACTORS:
            e = world.entity(key)
            for lang in ("ar", "en"):
                self.actors[lang] += list(e.spellings(lang)) + list(e.spellings(lang, media=True))
        rng = random.Random(seed)
        for person in story.cast.people.values():
            for lang in ("ar", "en"):
                self.actors[lang].append(person.mention(lang, rng).text)
        for key in _PLACES:
            e = world.entity(key)
            for lang in ("ar", "en"):
                self.places[lang] += list(e.spellings(lang)) + list(e.spellings(lang, media=True))
        self.charges = {lang: [plain(c[lang]) for c in world.phrases["charges"]] for lang in ("ar", "en")}
        self.filler = {
            lang: [line for g in world.phrases["filler"].values() for line in g[lang]]
            + list(world.phrases["greeting"][lang])
            + list(world.phrases["closing"][lang])
            for lang in ("ar", "en")
        }
        self.titles = {
            lang: [spec["title"][lang] for spec in world.phrases["actions"].values()] for lang in ("ar", "en")
        }

    def sentence(self, lang: str, rng: random.Random) -> str:
        """One template filled with random slots."""
        day = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(1460))
        slots = {
            "src": rng.choice(self.actors[lang]),
            "tgt": rng.choice(self.actors[lang]),
            "place": rng.choice(self.places[lang]),
            "dest": rng.choice(self.places[lang]),
            "origin": rng.choice(self.places[lang]),
            "date": dates.in_text(day, lang, rng),
            "deadline": dates.in_text(day + dt.timedelta(days=12), lang, rng),
            "n": str(rng.randrange(2, 12000)),
            "m": str(rng.randrange(2, 700)),
            "charge": rng.choice(self.charges[lang]),
        }
        text = rng.choice(self.templates[lang]).format(**slots)
        return text[0].upper() + text[1:]

    def body(self, lang: str, rng: random.Random, size: int = 1700) -> tuple[str, list[str]]:
        """A title and paragraphs of about `size` characters."""
        title = rng.choice(self.titles[lang])
        paragraphs: list[str] = []
        total = 0
        while total < size:
            para = " ".join(
                self.sentence(lang, rng) if rng.random() < 0.8 else rng.choice(self.filler[lang])
                for _ in range(rng.randrange(2, 5))
            )
            paragraphs.append(para)
            total += len(para)
        return title, paragraphs


@lru_cache(maxsize=2)
def _vocabulary(seed: int) -> Vocabulary:
    return Vocabulary(seed)


def _txt(lang: str, title: str, paras: list[str], when: dt.datetime) -> bytes:
    mark = MARK_LINE_AR if lang == "ar" else MARK_LINE_EN
    return (f"{mark}\n{title}\n{when.date().isoformat()}\n\n" + "\n\n".join(paras) + "\n").encode("utf-8")


def _html(lang: str, title: str, paras: list[str], when: dt.datetime) -> bytes:
    mark = MARK_LINE_AR if lang == "ar" else MARK_LINE_EN
    body = "".join(f"<p>{escape(p)}</p>\n" for p in paras)
    title = escape(title)
    return (
        f'<!DOCTYPE html><html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">'
        f'<head><meta charset="utf-8"><title>{title}</title>'
        "<script>var _paq=window._paq||[];_paq.push(['trackPageView']);</script></head>"
        f'<body><div class="banner">{mark}</div><nav><a href="/">Home</a> | <a href="/syria">Syria</a></nav>'
        f'<article><h1>{title}</h1><time datetime="{when.isoformat()}">{when.date()}</time>\n{body}</article>'
        f"<footer>{mark}</footer><script>init();</script></body></html>\n"
    ).encode()


def _eml(lang: str, title: str, paras: list[str], when: dt.datetime, n: int) -> bytes:
    mark = MARK_LINE_AR if lang == "ar" else MARK_LINE_EN
    subject = Header(title, "utf-8").encode() if lang == "ar" else title
    head = (
        f"From: office{n % 97}@dawla-mail.example\nTo: desk{n % 13}@badia-trading.example\n"
        f"Subject: {subject}\nDate: {format_datetime(when)}\nMessage-ID: <bulk.{n}@dawla-mail.example>\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
    )
    return (head + mark + "\n\n" + "\n\n".join(paras) + "\n").encode("utf-8")


def _csv(lang: str, rng: random.Random, when: dt.datetime, voc: Vocabulary) -> bytes:
    mark = MARK_LINE_AR if lang == "ar" else MARK_LINE_EN
    rows = [mark, "date,barrels,from,to,tonnes,price_usd"]
    for _ in range(rng.randrange(20, 40)):
        day = when.date() + dt.timedelta(days=rng.randrange(-300, 300))
        rows.append(
            f"{day.isoformat()},{rng.randrange(500, 12000)},{rng.choice(voc.places[lang])},"
            f"{rng.choice(voc.places[lang])},{rng.randrange(20, 600)},{rng.uniform(15, 35):.2f}"
        )
    return ("\r\n".join(rows) + "\r\n").encode("utf-8")


def _pdf_escape(text: str) -> str:
    return (
        text.encode("latin-1", "replace")
        .decode("latin-1")
        .replace("\\", "\\\\")
        .replace("(", "\\(")
        .replace(")", "\\)")
    )


def tiny_pdf(lines: list[str], title: str, when: dt.datetime) -> bytes:
    """A one-page English PDF with a real text layer (Helvetica), written by hand for speed."""
    ops = ["BT", "/F1 10 Tf", "13 TL", "56 790 Td"]
    for line in lines[:56]:
        ops.append(f"({_pdf_escape(line)}) Tj T*")
    ops.append("ET")
    stream = zlib.compress("\n".join(ops).encode("latin-1"), 6)
    stamp = when.strftime("D:%Y%m%d%H%M%S+03'00'")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< /Title ({_pdf_escape(title)}) /Producer (Sleuth demo) /CreationDate ({stamp}) >>".encode(
            "latin-1"
        ),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _wrap(text: str, width: int = 95) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def write_folder(root: str, seed: int, folder: int, first: int, count: int) -> dict[str, Any]:
    """Write files first..first+count-1 into root/bulk/<folder>; returns counts."""
    voc = _vocabulary(seed)
    rng = random.Random(f"sleuth-bulk-{seed}-{folder}")
    target = Path(root) / "bulk" / f"{folder:04d}"
    target.mkdir(parents=True, exist_ok=True)
    formats = [f for f, _ in _FORMATS]
    weights = [w for _, w in _FORMATS]
    counts: Counter[str] = Counter()
    previous: bytes | None = None
    last_ext = "txt"
    for n in range(first, first + count):
        if previous is not None and rng.random() < 0.01:
            fmt, data = "dup", previous
            ext = last_ext
            counts["duplicates"] += 1
        else:
            fmt = rng.choices(formats, weights)[0]
            lang = "en" if fmt == "pdf" or rng.random() < 0.5 else "ar"
            when = dates.stamp(
                dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(1460)),
                rng.randrange(7, 23),
                rng.randrange(60),
            )
            if fmt == "csv":
                data = _csv(lang, rng, when, voc)
            else:
                # ~2 KB a file: Arabic takes two bytes a letter in UTF-8
                title, paras = voc.body(lang, rng, 1100 if fmt == "pdf" else 950 if lang == "ar" else 1700)
                if fmt == "txt":
                    data = _txt(lang, title, paras, when)
                elif fmt == "html":
                    data = _html(lang, title, paras, when)
                elif fmt == "eml":
                    data = _eml(lang, title, paras, when, n)
                else:
                    lines = [MARK_LINE_EN, title, ""] + [w for p in paras for w in [*_wrap(p), ""]]
                    data = tiny_pdf(lines, title, when)
            ext = fmt
            counts[f"lang:{lang}"] += 1
            last_ext = ext
        (target / f"{n:06d}.{ext}").write_bytes(data)
        counts[f"format:{ext}"] += 1
        previous = data
    return dict(counts)


def write_bulk_trove(
    outdir: Path,
    seed: int = 7,
    size: int = 10_000,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> TroveSummary:
    """Write `size` small files into OUTDIR/trove/bulk/ and a summary truth.json."""
    started = time.monotonic()
    prepare_outdir(outdir)
    root = str(outdir / "trove")
    tasks = [
        (root, seed, k, k * PER_FOLDER, min(PER_FOLDER, size - k * PER_FOLDER))
        for k in range((size + PER_FOLDER - 1) // PER_FOLDER)
    ]
    workers = workers or min(os.cpu_count() or 1, 8)
    totals: Counter[str] = Counter()
    if workers <= 1 or len(tasks) == 1:
        for task in tasks:
            totals.update(write_folder(*task))
            if progress:
                progress(task[4])
    else:
        with ProcessPoolExecutor(workers) as pool:
            futures = {pool.submit(write_folder, *task): task[4] for task in tasks}
            for future in as_completed(futures):
                totals.update(future.result())
                if progress:
                    progress(futures[future])
    formats = {k.split(":", 1)[1]: v for k, v in sorted(totals.items()) if k.startswith("format:")}
    languages = {k.split(":", 1)[1]: v for k, v in sorted(totals.items()) if k.startswith("lang:")}
    truth = {
        "schema": SCHEMA,
        "version": VERSION,
        "synthetic": True,
        "seed": seed,
        "generator": GENERATOR,
        "root": "trove",
        "bulk": True,
        "note": "SYNTHETIC DEMO DATA. Bulk benchmark trove: sentences recombined at random from the demo "
        "vocabulary; no per-file truth.",
        "summary": {
            "files": size,
            "folders": len(tasks),
            "per_folder": PER_FOLDER,
            "formats": formats,
            "languages": languages,
            "exact_duplicates": totals.get("duplicates", 0),
        },
    }
    truth_path = outdir / TRUTH
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return TroveSummary(
        outdir=outdir,
        truth=truth_path,
        files=size,
        kinds={"bulk": size},
        formats=formats,
        seed=seed,
        size=size,
        seconds=time.monotonic() - started,
    )
