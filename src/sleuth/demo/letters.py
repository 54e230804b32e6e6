"""Letters, orders and reports of the group, in Arabic and English, as text PDFs and DOCX.

Letterheads change on 1 January 2016 (template `is-letter-v2` adds the slogan line and a
"رقم الصادر" reference); a document dated before that on the new letterhead is a forgery.
"""

from __future__ import annotations

import datetime as dt
import random

from sleuth.demo import dates
from sleuth.demo.cast import Person
from sleuth.demo.compose import Composer, Doc, marking
from sleuth.demo.jobs import Job
from sleuth.demo.plan import Plan
from sleuth.demo.render.office import render_docx
from sleuth.demo.render.pdf import render_pdf
from sleuth.demo.story import Story, StoryEvent
from sleuth.demo.truth import FileTruth
from sleuth.demo.world import plain

LETTERHEAD_V2_FROM = dt.date(2016, 1, 1)

# role -> (wilaya, diwan, superior role)
OFFICES: dict[str, tuple[str, str | None, str | None]] = {
    "wali_homs": ("w_homs", None, None),
    "emir_palmyra": ("w_homs", None, "wali_homs"),
    "wali_raqqa": ("w_raqqa", None, None),
    "rikaz_head": ("w_raqqa", "rikaz", "wali_raqqa"),
    "rikaz_clerk": ("w_raqqa", "rikaz", "rikaz_head"),
    "ziraa_head": ("w_raqqa", "ziraa", "wali_raqqa"),
    "jund_head": ("w_raqqa", "jund", "wali_raqqa"),
    "amn_head": ("w_raqqa", "amn", "wali_raqqa"),
    "wali_halab": ("w_halab", None, None),
    "emir_maskanah": ("w_halab", None, "wali_halab"),
    "emir_deir": ("w_khayr", None, "jund_head"),
    "emir_shaddadi": ("w_khayr", None, "jund_head"),
    "registrar_1": ("w_raqqa", "jund", "jund_head"),
    "registrar_2": ("w_halab", "jund", "jund_head"),
}
# who writes about an action, and to whom
_PARTIES: dict[str, tuple[str, str | None]] = {
    "order_withdraw": ("wali_homs", "emir_palmyra"),
    "withdraw_weapons": ("emir_palmyra", "wali_homs"),
    "agree_trade": ("rikaz_head", "wali_raqqa"),
    "endorse_deal": ("wali_raqqa", "rikaz_head"),
    "concede_fees": ("rikaz_head", "amn_head"),
    "request_fertiliser": ("ziraa_head", "intermediary"),
    "suspend_dealings": ("rikaz_head", "intermediary"),
    "distribute_fertiliser": ("ziraa_head", "wali_raqqa"),
    "shipment": ("rikaz_clerk", "rikaz_head"),
    "agree_evacuate": ("wali_halab", "emir_maskanah"),
    "evacuate": ("emir_maskanah", "wali_halab"),
    "threaten_traders": ("amn_head", None),
    "arrest": ("amn_head", "wali_raqqa"),
    "accuse": ("wali_halab", None),
    "reject_truce": ("wali_raqqa", None),
    "mobilize": ("jund_head", "emir_deir"),
    "threaten": ("wali_raqqa", None),
}
_REGION = {
    "palmyra": "emir_palmyra",
    "sukhnah": "emir_palmyra",
    "t4": "emir_palmyra",
    "deir": "emir_deir",
    "deir_airport": "emir_deir",
    "mayadin": "emir_deir",
    "shaddadi": "emir_shaddadi",
    "raqqa": "amn_head",
    "tabqa": "amn_head",
    "tabqa_dam": "amn_head",
    "tabqa_airbase": "amn_head",
    "manbij": "emir_maskanah",
    "al_bab": "emir_maskanah",
    "aleppo": "emir_maskanah",
    "kuweires": "emir_maskanah",
    "bukamal": "emir_deir",
    "jarablus": "emir_maskanah",
    "maskanah": "emir_maskanah",
    "deir_hafer": "emir_maskanah",
}
ORDER_ACTIONS = {
    "order_withdraw",
    "agree_evacuate",
    "endorse_deal",
    "concede_fees",
    "threaten_traders",
    "mobilize",
    "suspend_dealings",
}


def parties(story: Story, event: StoryEvent) -> tuple[Person, Person | None]:
    """The writer and the addressee of a document about `event`."""
    cast = story.cast
    if event.action == "meeting":
        writer = cast.people[event.source]
        return writer, cast[OFFICES[writer.role][2] or "wali_raqqa"] if event.finding else None
    if event.action in _PARTIES:
        writer_role, to_role = _PARTIES[event.action]
    else:
        source = cast.people.get(event.source)
        writer_role = source.role if source else _REGION.get(event.place, "amn_head")
        to_role = OFFICES.get(writer_role, ("", None, "wali_raqqa"))[2]
        if event.action == "request_ammo":
            to_role = "jund_head"
    return cast[writer_role], cast[to_role] if to_role else None


def _ref(rng: random.Random, day: dt.date, lang: str, office: str | None) -> str:
    code_ar = {"rikaz": "ر", "jund": "ج", "ziraa": "ز", "amn": "أ"}.get(office or "", "و")
    code_en = {"rikaz": "R", "jund": "J", "ziraa": "Z", "amn": "A"}.get(office or "", "W")
    year = dates.to_hijri(day).year
    number = rng.randrange(12, 480)
    return f"{number}/{code_ar}/{year}" if lang == "ar" else f"{number}/{code_en}/{year}"


def letterhead(c: Composer, doc: Doc, writer: Person, template: str) -> None:
    """Marking, letterhead, reference and date lines; `template` is is-letter-v1 or -v2."""
    wilaya, office, _ = OFFICES.get(writer.role, ("w_raqqa", None, None))
    lang, rng = c.lang, c.rng
    doc.template = template
    doc.add("marking", marking(lang))
    doc.add("letterhead", c.bare("is"))
    if template == "is-letter-v2":
        doc.add(
            "letterhead", "خلافة على منهاج النبوة" if lang == "ar" else "A Caliphate on the Prophetic Method"
        )
    unit = c.bare(wilaya) + (f" - {c.bare(office)}" if office else "")
    doc.add("letterhead", unit)
    ref = _ref(rng, doc.date, lang, office)
    if lang == "ar":
        doc.add("meta", f"{'رقم الصادر' if template == 'is-letter-v2' else 'الرقم'}: {ref}")
        doc.add("meta", dates.date_line_ar(doc.date, rng))
    else:
        doc.add("meta", f"{'Outgoing no.' if template == 'is-letter-v2' else 'Ref.'} {ref}")
        doc.add("meta", dates.date_line_en(doc.date, rng))


def compose_letter(
    story: Story,
    events: list[StoryEvent],
    lang: str,
    rng: random.Random,
    *,
    day: dt.date | None = None,
    variant: int | None = None,
    template: str | None = None,
    title: str | None = None,
) -> tuple[Doc, Composer]:
    """A letter about one or more events, from the writer to the addressee of the first.

    `title` may carry name markup ("Periodic report of [Diwan al-Rikaz|rikaz]", see world.py).
    """
    event = events[0]
    c = Composer(story, lang, rng)
    writer, to = parties(story, event)
    day = day or event.date
    template = template or ("is-letter-v2" if day >= LETTERHEAD_V2_FROM else "is-letter-v1")
    title = title or c.title(event)
    doc = Doc(
        lang=lang,
        title=plain(title),
        date=day,
        author=writer.canonical,
        created=dates.stamp(day, rng.randrange(7, 18), rng.randrange(60)),
    )
    letterhead(c, doc, writer, template)
    genre = "order" if event.action in ORDER_ACTIONS or event.type == "REQUEST" else "report"
    if lang == "ar":
        doc.add("title", f"الموضوع: {c.fill(title)}")
        if rng.random() < 0.7:
            doc.add("para", story.world.phrases["basmala"]["ar"])
        if to is not None:
            doc.add(
                "para",
                f"إلى الأخ {c.record(to.mention(lang, rng, 'kunya'))} ({c.fill(to.title.ar)}) حفظه الله",
            )
    else:
        doc.add("title", f"Subject: {c.fill(title)}")
        if to is not None:
            doc.add(
                "para", f"To: brother {c.record(to.mention(lang, rng, 'kunya'))}, {c.fill(to.title.en[0])}"
            )
    doc.add("para", c.phrase("greeting"))
    body = [c.sentence(e, variant) for e in events]
    body += c.filler(genre, rng.randrange(1, 3))
    doc.add("para", " ".join(body))
    doc.add("para", c.phrase("closing"))
    doc.add("signature", c.fill(writer.title.ar if lang == "ar" else writer.title.en[0]))
    doc.add("signature", c.record(writer.mention(lang, rng, rng.choice(("kunya", "short")))))
    return doc, c


def letter_truth(doc: Doc, c: Composer, kind: str, fmt: str, notes: str = "") -> FileTruth:
    """The truth of a letter file."""
    return FileTruth(
        path="",
        kind=kind,
        format=fmt,
        language=doc.lang,
        title=doc.title,
        date=doc.date.isoformat(),
        template=doc.template,
        metadata={"author": doc.author, "created": doc.when.isoformat(), "producer": doc.producer},
        entities=c.entities(),
        events=c.events,
        notes=notes,
    )


def file_name(event: StoryEvent, lang: str, fmt: str, rng: random.Random, n: int) -> str:
    """A leak-like file name: Arabic words, a dated English name, or a scanner-style number.

    Names never carry the event type: that is what later stages must find out.
    """
    style = rng.random()
    if lang == "ar" and style < 0.5:
        word = rng.choice(["كتاب", "أمر", "تقرير", "مراسلة"])
        return f"{word}_{n:03d}_{event.date.year}.{fmt}"
    if style < 0.8:
        word = (
            rng.choice(["letter", "memo", "doc", "report"])
            if lang == "en"
            else rng.choice(["ktab", "wathiqa"])
        )
        return f"{word}_{event.date.isoformat()}_{n:03d}.{fmt}"
    return f"DOC{event.date.strftime('%Y%m%d')}{n:04d}.{fmt}"


def job_for(doc: Doc, fmt: str) -> Job:
    """The render job of a letter in `fmt` (pdf or docx)."""
    return Job(render_pdf, (doc,)) if fmt == "pdf" else Job(render_docx, (doc,))


def add_letters(plan: Plan) -> dict[str, list[str]]:
    """Every internal event gets a letter in Arabic; some get English ones; planted events more.

    Returns the paths per event id (used by copies, scans and e-mails).
    """
    story, rng = plan.story, plan.rng("letters")
    by_event: dict[str, list[str]] = {}
    n = 0
    for event in story.events:
        if not event.internal or event.action in ("seize_city", "shipment"):
            continue
        planted = event.finding is not None
        langs = ["ar", "ar", "en", "en"] if planted else (["ar", "en"] if rng.random() < 0.45 else ["ar"])
        for i, lang in enumerate(langs):
            n += 1
            fmt = "pdf" if rng.random() < 0.65 else "docx"
            day = (
                event.date
                if event.type == "REQUEST" or event.action in ORDER_ACTIONS
                else event.date + dt.timedelta(days=rng.randrange(0, 3))
            )
            doc, c = compose_letter(story, [event], lang, rng, day=day, variant=i if planted else None)
            folder = "orders" if event.action in ORDER_ACTIONS or event.type == "REQUEST" else "letters"
            kind = "order" if folder == "orders" else "letter"
            path = plan.add(
                folder,
                file_name(event, lang, fmt, rng, n),
                job_for(doc, fmt),
                letter_truth(doc, c, kind, fmt),
            )
            plan.docs[path] = (doc, c)
            by_event.setdefault(event.id, []).append(path)
    _add_shipment_notes(plan, by_event)
    _add_periodic_reports(plan, by_event)
    return by_event


def _add_shipment_notes(plan: Plan, by_event: dict[str, list[str]]) -> None:
    story, rng = plan.story, plan.rng("shipment-notes")
    for i, ship in enumerate(story.shipments):
        if i % 2:
            continue
        lang = "ar" if i % 6 else "en"
        doc, c = compose_letter(story, [ship.event], lang, rng, day=ship.event.date)
        fmt = "pdf" if i % 4 == 0 else "docx"
        name = f"إشعار_شحنة_{i + 1:02d}.{fmt}" if lang == "ar" else f"shipment_note_{i + 1:02d}.{fmt}"
        path = plan.add("finance/notes", name, job_for(doc, fmt), letter_truth(doc, c, "shipment-note", fmt))
        by_event.setdefault(ship.event.id, []).append(path)


def _add_periodic_reports(plan: Plan, by_event: dict[str, list[str]]) -> None:
    """Quarterly reports of Diwan al-Rikaz: several shipments in one document."""
    story, rng = plan.story, plan.rng("quarterly")
    ships = story.shipments
    for q in range(0, len(ships), 4):
        group = [s.event for s in ships[q : q + 4]]
        lang = "ar" if q % 8 == 0 else "en"
        day = group[-1].date + dt.timedelta(days=rng.randrange(5, 20))
        title = (
            "التقرير الدوري ل[ديوان الركاز|rikaz]"
            if lang == "ar"
            else "Periodic report of [Diwan al-Rikaz|rikaz]"
        )
        doc, c = compose_letter(story, group, lang, rng, day=day, title=title)
        path = plan.add(
            "finance",
            f"rikaz_report_{q // 4 + 1:02d}_{lang}.pdf",
            Job(render_pdf, (doc,)),
            letter_truth(doc, c, "report", "pdf"),
        )
        for e in group:
            by_event.setdefault(e.id, []).append(path)
