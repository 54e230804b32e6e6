"""Duplicates: exact copies under other names and folders, and near-duplicates (re-typed with
small wording changes and OCR-like noise, or scanned/photographed copies of a letter).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from typing import Any

from sleuth.demo.compose import Block, Composer, Doc
from sleuth.demo.forms import scan_options
from sleuth.demo.jobs import Job, literal
from sleuth.demo.letters import job_for
from sleuth.demo.noise import Retype
from sleuth.demo.plan import Plan
from sleuth.demo.render.image import page_texts, render_scan
from sleuth.demo.truth import FileTruth


def retyped_doc(doc: Doc, t: Retype) -> Doc:
    """A copy of `doc` with every block but the marking transformed."""
    blocks = [b if b.style == "marking" else Block(b.style, t(b.text)) for b in doc.blocks]
    return replace(doc, blocks=blocks, title=t(doc.title))


def respelt(t: Retype, text: str, glue: tuple[str, str] = ("", "")) -> str:
    """A name as a re-typed copy spells it: the copy changes whole words, so a name is changed
    together with what is written against it ("و" + "قسد", "IS" + "'s", a full stop)."""
    before, after = glue
    if before or after:
        out = t(before + text + after)
        if out.startswith(before) and out.endswith(after) and len(out) > len(before) + len(after):
            return out[len(before) : len(out) - len(after)]
    return t(text)


def retyped_truth(original: FileTruth, c: Composer, t: Retype, fmt: str, **changes: Any) -> FileTruth:
    """The truth of a re-typed copy: the same events and names, spelt as the copy spells them."""
    entities: dict[tuple[str, str, str], int] = {}
    for i, m in enumerate(c.mentions):
        key = (respelt(t, m.text, c.glue.get(i, ("", ""))), m.type, m.canonical)
        entities[key] = entities.get(key, 0) + 1
    return replace(
        original,
        path="",
        format=fmt,
        title=t(original.title),
        entities=[
            {"text": k[0], "type": k[1], "canonical": k[2], "count": n}
            for k, n in sorted(entities.items(), key=lambda kv: (kv[0][2], kv[0][0]))
        ],
        events=[{**e, "sentence": t(e["sentence"])} for e in original.events],
        **changes,
    )


def _pick(plan: Plan, rng: random.Random) -> list[str]:
    """Letters worth copying: every planted Arabic one first, then some background."""
    story = plan.story
    planted: list[str] = []
    background: list[str] = []
    for path, (doc, c) in plan.docs.items():
        events = c.events
        if not events or doc.lang != "ar":
            continue
        finding = story.event(events[0]["event"]).finding
        (planted if finding else background).append(path)
    firsts: dict[str, str] = {}
    for path in planted:
        firsts.setdefault(plan.docs[path][1].events[0]["event"], path)
    return list(firsts.values()) + rng.sample(background, min(8, len(background)))


def add_near_duplicates(plan: Plan) -> list[str]:
    """Re-typed .txt and .docx copies and scanned copies of letters."""
    rng = plan.rng("near")
    out: list[str] = []
    for k, source in enumerate(_pick(plan, rng)):
        doc, c = plan.docs[source]
        original = plan.truth.files[source]
        copies, changes = [], []
        t = Retype(seed=f"{plan.seed}-{k}", lang=doc.lang, reword=True, ocr_rate=0.0 if k % 3 == 0 else 0.08)
        new = retyped_doc(doc, t)
        folder = source.split("/", 2)[1]
        stem = source.rsplit("/", 1)[1].rsplit(".", 1)[0]
        if k % 2 == 0:
            text = (new.text() + "\n").encode("utf-8")
            copies.append(
                plan.add(
                    "misc/retyped",
                    f"{stem}.txt",
                    Job(literal, (text,)),
                    retyped_truth(original, c, t, "txt", notes=f"re-typed copy of {source}"),
                )
            )
        else:
            copies.append(
                plan.add(
                    folder,
                    f"{stem}_نسخة.docx",
                    job_for(new, "docx"),
                    retyped_truth(original, c, t, "docx", notes=f"re-typed copy of {source}"),
                )
            )
        changes += t.describe()
        if k < 3 or k % 4 == 1:  # a photo or scan of the paper original
            fmt = "JPEG" if k % 2 == 0 else "PNG"
            opts = scan_options(rng, fmt)
            scan_doc = replace(doc, producer="", creator="")
            ext = "jpg" if fmt == "JPEG" else "png"
            taken = f"{rng.randrange(8, 23):02d}{rng.randrange(60):02d}{rng.randrange(60):02d}"
            name = (
                f"IMG_{(doc.date + dt.timedelta(days=rng.randrange(1, 9))).strftime('%Y%m%d')}_{taken}.{ext}"
            )
            truth = replace(
                original,
                path="",
                format=ext,
                needs_ocr=True,
                ocr_text=page_texts(doc, opts.dpi)[:1],
                scan=opts.record(),
                metadata={"dpi": opts.dpi},
                notes=f"photo/scan of {source}",
            )
            copies.append(plan.add(f"{folder}/photos", name, Job(render_scan, (scan_doc, opts)), truth))
            changes.append("scanned or photographed copy of the same letter (needs OCR)")
        plan.near_group(source, copies, changes)
        out += copies
    return out


def add_exact_duplicates(plan: Plan) -> list[str]:
    """Byte-identical copies: a 'backup' folder, 'Copy of' names, '(1)' downloads."""
    rng = plan.rng("exact")
    files = plan.truth.files
    odd = {f["path"] for f in plan.truth.forgeries} | {b["path"] for b in plan.truth.broken}
    by_kind: dict[str, list[str]] = {}
    for path, truth in files.items():
        if truth.container is None and path in plan.jobs and "/photos/" not in path and path not in odd:
            by_kind.setdefault(truth.kind, []).append(path)
    chosen: list[str] = []
    for kind, count in [
        ("order", 3),
        ("letter", 4),
        ("form", 3),
        ("email", 2),
        ("news", 2),
        ("spreadsheet", 1),
    ]:
        pool = sorted(by_kind.get(kind, []))
        chosen += rng.sample(pool, min(count, len(pool)))
    out: list[str] = []
    for i, source in enumerate(chosen):
        folder = source.split("/", 2)[1]
        name = source.rsplit("/", 1)[1]
        stem, ext = name.rsplit(".", 1)
        targets = [("backup/" + folder, name)]
        if i % 3 == 0:
            targets.append((source.split("/", 1)[1].rsplit("/", 1)[0], f"{stem} (1).{ext}"))
        elif i % 3 == 1:
            targets.append(("backup/usb", f"Copy of {name}" if rng.random() < 0.5 else f"نسخة من {name}"))
        group = [source] + [plan.copy(source, f, n) for f, n in targets]
        plan.exact_group(group)
        out += group[1:]
    return out
