"""Personnel registration forms (label: value), as text PDFs, scans (PNG, TIFF, image-only PDF)
and a few English ones.

Templates: `form-v0` before the group renamed itself on 29 June 2014 ("الدولة الإسلامية في
العراق والشام"), `form-v1` until the end of 2015, `form-v2` ("نموذج رقم 7/ب", with a serial
number field) from 1 January 2016. A form on a template newer than its own date is forged.
"""

from __future__ import annotations

import datetime as dt
import random

from sleuth.demo import dates
from sleuth.demo.compose import Composer, Doc, marking
from sleuth.demo.jobs import Job
from sleuth.demo.plan import Plan
from sleuth.demo.render.image import ScanOptions, page_texts, render_scan
from sleuth.demo.render.office import render_docx
from sleuth.demo.render.pdf import render_pdf
from sleuth.demo.roster import Recruit
from sleuth.demo.story import Story
from sleuth.demo.truth import FileTruth
from sleuth.demo.world import Mention

RENAMED = dt.date(2014, 6, 29)
FORM_V2_FROM = dt.date(2016, 1, 1)
ISIS_AR = "الدولة الإسلامية في العراق والشام"
ISIS_EN = "Islamic State of Iraq and al-Sham"


def form_template(day: dt.date) -> str:
    """The form template in use on `day`."""
    return "form-v0" if day < RENAMED else "form-v1" if day < FORM_V2_FROM else "form-v2"


def compose_form(
    story: Story, r: Recruit, lang: str, rng: random.Random, template: str | None = None
) -> tuple[Doc, Composer]:
    """A registration form for recruit `r`."""
    c = Composer(story, lang, rng)
    template = template or form_template(r.registered)
    p = r.person
    nat = story.world.nationalities[p.nationality]
    doc = Doc(
        lang=lang,
        title="",
        date=r.registered,
        author=r.registrar.canonical,
        template=template,
        created=dates.stamp(r.registered, rng.randrange(8, 16), rng.randrange(60)),
        producer="Microsoft® Word 2010",
    )
    doc.add("marking", marking(lang))
    ar = lang == "ar"
    if template == "form-v0":
        doc.add("letterhead", c.record(Mention(ISIS_AR if ar else ISIS_EN, "ORG", "Islamic State")))
    else:
        doc.add("letterhead", c.bare("is"))
    doc.add("letterhead", f"{c.bare('jund')} - {'إدارة الحدود' if ar else 'Border Administration'}")
    if template == "form-v2":
        doc.title = "استمارة معلومات العنصر" if ar else "Member information form"
        doc.add("title", doc.title + (" - نموذج رقم 7/ب" if ar else " - Form no. 7/B"))
    else:
        doc.title = "استمارة دخول" if ar else "Entry registration form"
        doc.add("title", doc.title)
    point = c.name(r.entry_point)
    recommender = c.record(r.recommender.mention(lang, rng, "kunya"))
    registrar = c.record(r.registrar.mention(lang, rng, "kunya"))
    if ar:
        entry = (
            dates.gregorian_ar(r.entry, rng.randrange(3))
            if rng.random() < 0.6
            else dates.hijri_ar(dates.to_hijri(r.entry))
        )
        fields = [
            ("الاسم", c.record(Mention(p.full_ar(), "PERSON", p.canonical))),
            ("الكنية", c.record(Mention(p.kunya_ar(), "PERSON", p.canonical))),
            ("اسم الأم", r.mother.ar),
            ("الجنسية", nat.ar),
            ("تاريخ الميلاد", dates.gregorian_ar(p.birth, 0)),
            ("الحالة الاجتماعية", r.marital.ar),
            ("فصيلة الدم", r.blood),
            ("المستوى الدراسي", r.education.ar),
            ("تاريخ الدخول", entry),
            ("منفذ الدخول", point),
            ("التزكية", recommender),
            ("الخبرات السابقة", r.experience.ar),
            ("العمل المطلوب", r.job.ar),
        ]
        if template == "form-v2":
            fields.insert(0, ("رقم القيد", f"{rng.randrange(1000, 9999)}/ج"))
        fields += [
            ("تاريخ التسجيل", dates.date_line_ar(r.registered, rng).split(": ", 1)[1]),
            ("المسجِّل", registrar),
        ]
    else:
        fields = [
            ("Name", c.record(Mention(p.full_en(rng), "PERSON", p.canonical))),
            ("Kunya", c.record(Mention(p.kunya_en(rng), "PERSON", p.canonical))),
            ("Mother's name", r.mother.en[0]),
            ("Nationality", nat.en),
            ("Date of birth", dates.gregorian_en(p.birth, 3)),
            ("Marital status", r.marital.en[0]),
            ("Blood type", r.blood),
            ("Education", r.education.en[0]),
            ("Date of entry", dates.gregorian_en(r.entry, 3)),
            ("Entry point", point),
            ("Recommended by", recommender),
            ("Previous experience", r.experience.en[0]),
            ("Requested role", r.job.en[0]),
        ]
        if template == "form-v2":
            fields.insert(0, ("Serial no.", f"{rng.randrange(1000, 9999)}/J"))
        fields += [
            ("Registered", dates.date_line_en(r.registered, rng).split(": ", 1)[1]),
            ("Registered by", registrar),
        ]
    for label, value in fields:
        doc.add("field", f"{label}: {value}")
    doc.add(
        "small",
        "يحفظ في ملف العنصر لدى ديوان الجند" if ar else "To be kept in the member's file at Diwan al-Jund",
    )
    return doc, c


def form_truth(
    doc: Doc, c: Composer, fmt: str, scan: ScanOptions | None = None, notes: str = ""
) -> FileTruth:
    """The truth of a form file; scans carry their true page text for OCR scoring."""
    ocr = None
    if scan is not None:
        ocr = page_texts(doc, scan.dpi)
        ocr = ocr if scan.fmt == "PDF" else ocr[:1]
    return FileTruth(
        path="",
        kind="form",
        format=fmt,
        language=doc.lang,
        title=doc.title,
        date=doc.date.isoformat(),
        needs_ocr=scan is not None,
        ocr_text=ocr,
        template=doc.template,
        metadata={"author": doc.author, "created": doc.when.isoformat()}
        if scan is None or scan.fmt == "PDF"
        else {"dpi": scan.dpi},
        entities=c.entities(),
        notes=notes,
    )


def scan_options(rng: random.Random, fmt: str, low_dpi: bool = False) -> ScanOptions:
    """A random but repeatable scan look."""
    dpi = rng.choice((150, 100)) if low_dpi else rng.choice((300, 300, 200))
    bilevel = fmt == "TIFF" and rng.random() < 0.7
    return ScanOptions(
        seed=rng.randrange(2**31),
        dpi=dpi,
        angle=round(rng.uniform(-2, 2), 2),
        speckle=rng.uniform(0.002, 0.008),
        blur=rng.choice((0.0, 0.0, 0.6, 0.9)),
        paper=rng.randrange(232, 250),
        bilevel=bilevel,
        fmt=fmt,
    )


# (format, how many): the mix of form files at default size
_MIX = [("pdf", 22), ("png", 12), ("png-low", 3), ("tiff", 6), ("pdf-scan", 9), ("en-pdf", 3), ("en-docx", 3)]


def add_forms(plan: Plan) -> dict[str, str]:
    """All registration forms; returns the path of each recruit's form by person key."""
    story, rng = plan.story, plan.rng("forms")
    recruits = iter(story.recruits)
    paths: dict[str, str] = {}
    n = 0
    for fmt, count in _MIX:
        for _ in range(count):
            r = next(recruits)
            n += 1
            lang = "en" if fmt.startswith("en-") else "ar"
            doc, c = compose_form(story, r, lang, rng)
            kunya = r.person.kunya_ar().replace(" ", "_")
            if fmt in ("pdf", "en-pdf", "en-docx"):
                ext = "docx" if fmt == "en-docx" else "pdf"
                job = Job(render_docx, (doc,)) if ext == "docx" else Job(render_pdf, (doc,))
                name = f"استمارة_{kunya}.{ext}" if lang == "ar" and n % 2 else f"form_{n:03d}.{ext}"
                path = plan.add("forms", name, job, form_truth(doc, c, ext))
            else:
                image_fmt = {"png": "PNG", "png-low": "PNG", "tiff": "TIFF", "pdf-scan": "PDF"}[fmt]
                opts = scan_options(rng, image_fmt, low_dpi=fmt == "png-low")
                ext = {"PNG": "png", "TIFF": "tif", "PDF": "pdf"}[image_fmt]
                name = f"scan_{n:04d}.{ext}" if n % 3 else f"مسح_{n:04d}.{ext}"
                path = plan.add(
                    "forms/scans",
                    name,
                    Job(render_scan, (doc, opts)),
                    form_truth(doc, c, "pdf-image" if ext == "pdf" else ext, opts),
                )
            paths[r.person.key] = path
    return paths
