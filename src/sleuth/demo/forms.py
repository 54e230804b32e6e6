"""Personnel registration forms (label: value), as text PDFs, scans (PNG, TIFF, image-only PDF)
and a few English ones (text PDF, DOCX, and scanned as PNG and image-only PDF).

Scans come in two looks: clean (300 dpi, no tilt, no blur, light speckle, greyscale) and noisy
(tilt, speckle, blur, bilevel TIFF, low resolution); truth.json records each scan's conditions.
About a third of the Arabic forms write their dates and numbers in Arabic-Indic digits.

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
from sleuth.demo.render.image import CLEAN_SPECKLE, ScanOptions, page_texts, render_scan
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
    story: Story,
    r: Recruit,
    lang: str,
    rng: random.Random,
    template: str | None = None,
    indic: bool = False,
) -> tuple[Doc, Composer]:
    """A registration form for recruit `r`; an Arabic one writes its dates and numbers in
    Arabic-Indic digits (١٤٣٥/٦/٢٣) if `indic`."""
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
    doc.add(
        "letterhead",
        f"{c.bare('jund')} - {c.spelled('border', 'إدارة الحدود' if ar else 'Border Administration')}",
    )
    if template == "form-v2":
        doc.title = "استمارة معلومات العنصر" if ar else "Member information form"
        doc.add("title", doc.title + (dates.digits(" - نموذج رقم 7/ب", indic) if ar else " - Form no. 7/B"))
    else:
        doc.title = "استمارة دخول" if ar else "Entry registration form"
        doc.add("title", doc.title)
    point = c.name(r.entry_point)
    recommender = c.record(r.recommender.mention(lang, rng, "kunya"))
    registrar = c.record(r.registrar.mention(lang, rng, "kunya"))
    # the mother is invented and named once: her canonical name is her name as written
    mother_name = r.mother.ar if ar else r.mother.en[0]
    mother = c.record(Mention(mother_name, "PERSON", mother_name))
    if ar:
        entry = (
            dates.gregorian_ar(r.entry, rng.randrange(3), indic)
            if rng.random() < 0.6
            else dates.hijri_ar(dates.to_hijri(r.entry), indic)
        )
        fields = [
            ("الاسم", c.record(Mention(p.full_ar(), "PERSON", p.canonical))),
            ("الكنية", c.record(Mention(p.kunya_ar(), "PERSON", p.canonical))),
            ("اسم الأم", mother),
            ("الجنسية", nat.ar),
            ("تاريخ الميلاد", dates.gregorian_ar(p.birth, 0, indic)),
            ("الحالة الاجتماعية", r.marital.ar),
            ("فصيلة الدم", r.blood),
            ("المستوى الدراسي", r.education.ar),
            ("تاريخ الدخول", entry),
            ("منفذ الدخول", point),
            ("التزكية", recommender),
            ("الخبرات السابقة", c.fill(r.experience.ar)),
            ("العمل المطلوب", r.job.ar),
        ]
        if template == "form-v2":
            fields.insert(0, ("رقم القيد", dates.digits(f"{rng.randrange(1000, 9999)}/ج", indic)))
        fields += [
            ("تاريخ التسجيل", dates.date_line_ar(r.registered, rng, indic=indic).split(": ", 1)[1]),
            ("المسجِّل", registrar),
        ]
    else:
        fields = [
            ("Name", c.record(Mention(p.full_en(rng), "PERSON", p.canonical))),
            ("Kunya", c.record(Mention(p.kunya_en(rng), "PERSON", p.canonical))),
            ("Mother's name", mother),
            ("Nationality", nat.en),
            ("Date of birth", dates.gregorian_en(p.birth, 3)),
            ("Marital status", r.marital.en[0]),
            ("Blood type", r.blood),
            ("Education", r.education.en[0]),
            ("Date of entry", dates.gregorian_en(r.entry, 3)),
            ("Entry point", point),
            ("Recommended by", recommender),
            ("Previous experience", c.fill(r.experience.en[0])),
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
        c.fill(
            "يحفظ في ملف العنصر لدى [ديوان الجند|jund]"
            if ar
            else "To be kept in the member's file at [Diwan al-Jund|jund]"
        ),
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
        scan=scan.record() if scan is not None else None,
        template=doc.template,
        metadata={"author": doc.author, "created": doc.when.isoformat()}
        if scan is None or scan.fmt == "PDF"
        else {"dpi": scan.dpi},
        entities=c.entities(),
        notes=notes,
    )


def scan_options(rng: random.Random, fmt: str, low_dpi: bool = False, clean: bool = False) -> ScanOptions:
    """A random but repeatable scan look: clean (300 dpi, no tilt, no blur, light speckle) or
    noisy (a tilt of 0.3-2 degrees, speckle, often blur, bilevel TIFFs, maybe low resolution)."""
    if clean:
        return ScanOptions(
            seed=rng.randrange(2**31),
            dpi=300,
            angle=0.0,
            speckle=round(rng.uniform(0.0005, CLEAN_SPECKLE), 4),
            blur=0.0,
            paper=rng.randrange(240, 250),
            bilevel=False,
            fmt=fmt,
        )
    dpi = rng.choice((150, 100)) if low_dpi else rng.choice((300, 300, 200))
    bilevel = fmt == "TIFF" and rng.random() < 0.7
    return ScanOptions(
        seed=rng.randrange(2**31),
        dpi=dpi,
        angle=round(rng.uniform(0.3, 2), 2) * rng.choice((-1, 1)),
        speckle=round(rng.uniform(0.003, 0.008), 4),
        blur=rng.choice((0.0, 0.0, 0.6, 0.9)),
        paper=rng.randrange(232, 250),
        bilevel=bilevel,
        fmt=fmt,
    )


# (format, how many): the mix of form files at default size. Each recruit gets the next form, so
# new entries go at the end (recruits of the earlier entries keep their forms).
_MIX = [
    ("pdf", 22),
    ("png", 12),
    ("png-low", 3),
    ("tiff", 6),
    ("pdf-scan", 9),
    ("en-pdf", 3),
    ("en-docx", 3),
    ("en-png", 4),
    ("en-pdf-scan", 4),
]
_IMAGE_FMT = {
    "png": "PNG",
    "png-low": "PNG",
    "tiff": "TIFF",
    "pdf-scan": "PDF",
    "en-png": "PNG",
    "en-pdf-scan": "PDF",
}
_CLEAN_TOO = {"png", "pdf-scan", "en-png", "en-pdf-scan"}  # every other one of these is a clean scan


def form_looks(fmt: str, count: int, rng: random.Random) -> list[tuple[bool, bool]]:
    """(clean scan, Arabic-Indic digits) for each of the `count` forms of a `_MIX` format: every
    other scan of the formats in `_CLEAN_TOO` is clean; a third of the Arabic forms, picked at
    random among the clean and among the noisy ones alike, write Arabic-Indic digits."""
    clean = [fmt in _CLEAN_TOO and i % 2 == 0 for i in range(count)]
    indic = [False] * count
    if not fmt.startswith("en-"):
        for look in (True, False):
            group = [i for i in range(count) if clean[i] == look]
            for i in rng.sample(group, round(len(group) / 3)):
                indic[i] = True
    return list(zip(clean, indic, strict=True))


def add_forms(plan: Plan) -> dict[str, str]:
    """All registration forms; returns the path of each recruit's form by person key."""
    story, rng, digits_rng = plan.story, plan.rng("forms"), plan.rng("form-digits")
    recruits = iter(story.recruits)
    paths: dict[str, str] = {}
    n = 0
    for fmt, count in _MIX:
        for clean, indic in form_looks(fmt, count, digits_rng):
            r = next(recruits)
            n += 1
            lang = "en" if fmt.startswith("en-") else "ar"
            doc, c = compose_form(story, r, lang, rng, indic=indic)
            kunya = r.person.kunya_ar().replace(" ", "_")
            notes = "dates and numbers in Arabic-Indic digits" if indic else ""
            if fmt in ("pdf", "en-pdf", "en-docx"):
                ext = "docx" if fmt == "en-docx" else "pdf"
                job = Job(render_docx, (doc,)) if ext == "docx" else Job(render_pdf, (doc,))
                name = f"استمارة_{kunya}.{ext}" if lang == "ar" and n % 2 else f"form_{n:03d}.{ext}"
                path = plan.add("forms", name, job, form_truth(doc, c, ext, notes=notes))
            else:
                image_fmt = _IMAGE_FMT[fmt]
                opts = scan_options(rng, image_fmt, low_dpi=fmt == "png-low", clean=clean)
                ext = {"PNG": "png", "TIFF": "tif", "PDF": "pdf"}[image_fmt]
                name = f"مسح_{n:04d}.{ext}" if lang == "ar" and n % 3 == 0 else f"scan_{n:04d}.{ext}"
                path = plan.add(
                    "forms/scans",
                    name,
                    Job(render_scan, (doc, opts)),
                    form_truth(doc, c, "pdf-image" if ext == "pdf" else ext, opts, notes),
                )
            paths[r.person.key] = path
    return paths
