"""Odds and ends of a real leak: a checkpoint log, a phone list in Windows-1256, translator's
notes in UTF-16, and a backup ZIP holding another ZIP.
"""

from __future__ import annotations

import datetime as dt

from sleuth.demo import dates
from sleuth.demo.compose import Composer, event_record, marking
from sleuth.demo.jobs import Job, literal
from sleuth.demo.letters import compose_letter, job_for, letter_truth
from sleuth.demo.plan import Plan
from sleuth.demo.render.archive import render_zip
from sleuth.demo.truth import FileTruth
from sleuth.demo.world import MARK_LINE_EN


def add_misc(plan: Plan) -> list[str]:
    """All of the misc folder; returns the paths (the legacy-encoded ones are also 'broken')."""
    return [_checkpoint_log(plan), _phone_list(plan), _translator_notes(plan), _backup_zip(plan)]


def _checkpoint_log(plan: Plan) -> str:
    story, rng = plan.story, plan.rng("checkpoint")
    c = Composer(story, "ar", rng)
    lines = [marking("ar"), f"سجل حاجز {c.name('tabqa')} - {c.name('amn')}", ""]
    for s in story.shipments:
        e = s.event
        line = (
            f"{dates.gregorian_ar(e.date, 2)}: مرور {s.truck_count} شاحنة تابعة إلى {c.name('badia')} "
            f"محملة بالنفط من {c.name(s.origin)} باتجاه {c.name('homs')} - "
            f"معفاة من الرسوم بأمر {c.name('rikaz')}"
        )
        lines.append(line)
        c.events.append(event_record(story, e, line))
    truth = FileTruth(
        path="",
        kind="note",
        format="txt",
        language="ar",
        title="سجل حاجز الطبقة",
        date=story.shipments[-1].event.date.isoformat(),
        entities=c.entities(),
        events=c.events,
    )
    return plan.add(
        "misc", "سجل_حاجز_الطبقة.txt", Job(literal, (("\n".join(lines) + "\n").encode("utf-8"),)), truth
    )


def _phone_list(plan: Plan) -> str:
    story, rng = plan.story, plan.rng("phones")
    c = Composer(story, "ar", rng)
    roles = [
        "rikaz_head",
        "rikaz_clerk",
        "intermediary",
        "logistics",
        "wali_raqqa",
        "emir_palmyra",
        "wali_halab",
        "emir_maskanah",
        "officer_homs",
        "jund_head",
    ]
    lines = [marking("ar"), "أرقام الهواتف - للاستخدام الداخلي", ""]
    phones = []
    for role in roles:
        person = story.cast[role]
        name = c.record(person.mention("ar", rng, "kunya" if person.kunya else "full"))
        number = f"+963 9{rng.randrange(30, 99)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}"
        lines.append(f"{name}: {number}")
        phones.append({"canonical": person.canonical, "phone": number})
    data = ("\r\n".join(lines) + "\r\n").encode("cp1256")
    truth = FileTruth(
        path="",
        kind="note",
        format="txt",
        language="ar",
        title="أرقام الهواتف",
        date=None,
        entities=c.entities(),
        metadata={"encoding": "windows-1256", "phones": phones},
    )
    path = plan.add("misc", "ارقام_الهواتف.txt", Job(literal, (data,)), truth)
    plan.truth.broken.append(
        {
            "path": path,
            "problem": "legacy-encoding",
            "detail": "Arabic text in Windows-1256 (cp1256), not UTF-8; readable once detected",
        }
    )
    return path


def _translator_notes(plan: Plan) -> str:
    story, rng = plan.story, plan.rng("translator")
    order = next(e for e in story.events if e.action == "order_withdraw")
    ar = Composer(story, "ar", rng)
    en = Composer(story, "en", rng)
    original = ar.sentence(order, 2)
    english = en.sentence(order, 0)
    lines = [
        MARK_LINE_EN,
        "",
        en.fill("Translator's notes - [Palmyra|palmyra] order"),
        "",
        "Arabic original (as written):",
        original,
        "",
        "Working translation:",
        english,
        "",
        "Note: the order names no reason for the withdrawal and asks for no contact with the enemy.",
    ]
    data = ("\r\n".join(lines) + "\r\n").encode("utf-16")
    truth = FileTruth(
        path="",
        kind="note",
        format="txt",
        language="en",
        title="Translator's notes - Palmyra order",
        date=(order.date + dt.timedelta(days=30)).isoformat(),
        entities=ar.entities() + en.entities(),
        events=ar.events + en.events,
        metadata={"encoding": "utf-16"},
    )
    path = plan.add("misc", "translator_notes_palmyra.txt", Job(literal, (data,)), truth)
    plan.truth.broken.append(
        {"path": path, "problem": "legacy-encoding", "detail": "UTF-16 (little-endian, with BOM), not UTF-8"}
    )
    return path


def _backup_zip(plan: Plan) -> str:
    """A backup ZIP with letters and, inside it, an older ZIP."""
    story, rng = plan.story, plan.rng("backup")
    container = "trove/misc/نسخة_احتياطية_2016.zip"
    pick = {e.action: e for e in story.events}
    outer: list[tuple[str, Job, FileTruth]] = []
    for name, action, lang, fmt in [
        ("letters/كتاب_استنفار.pdf", "mobilize", "ar", "pdf"),
        ("letters/report_shaddadi.docx", "capture", "en", "docx"),
    ]:
        event = next(
            e
            for e in story.events
            if e.action == action and e.internal and (action != "capture" or e.place == "shaddadi")
        )
        doc, c = compose_letter(story, [event], lang, rng)
        outer.append((name, job_for(doc, fmt), letter_truth(doc, c, "letter", fmt)))
    inner: list[tuple[str, Job, FileTruth]] = []
    doc, c = compose_letter(story, [pick["agree_trade"]], "ar", rng)
    inner.append(
        (
            "report_2015.txt",
            Job(literal, ((doc.text() + "\n").encode("utf-8"),)),
            letter_truth(doc, c, "letter", "txt"),
        )
    )
    doc, c = compose_letter(story, [pick["concede_fees"]], "ar", rng)
    inner.append(("امر_الاعفاء.pdf", job_for(doc, "pdf"), letter_truth(doc, c, "order", "pdf")))
    inner_when = dates.stamp(dt.date(2015, 12, 30), 23, 10)
    inner_job = Job(render_zip, ([(n, j) for n, j, _ in inner], inner_when))
    readme = f"{MARK_LINE_EN}\nbackup of the office PC, do not delete\n".encode()
    members = [(n, j) for n, j, _ in outer] + [
        ("old/archive_2015.zip", inner_job),
        ("README.txt", Job(literal, (readme,))),
    ]
    when = dates.stamp(dt.date(2016, 9, 14), 21, 5)
    path = plan.add(
        "misc",
        container.rsplit("/", 1)[1],
        Job(render_zip, (members, when)),
        FileTruth(
            path="",
            kind="archive",
            format="zip",
            language="mixed",
            title="backup",
            date=when.date().isoformat(),
            notes="contains old/archive_2015.zip (a ZIP inside a ZIP)",
        ),
    )
    for name, _, truth in outer:
        plan.member(path, name, truth)
    inner_path = plan.member(
        path,
        "old/archive_2015.zip",
        FileTruth(
            path="",
            kind="archive",
            format="zip",
            language="mixed",
            title="archive 2015",
            date=inner_when.date().isoformat(),
        ),
    )
    for name, _, truth in inner:
        plan.member(inner_path, name, truth)
    plan.member(
        path, "README.txt", FileTruth(path="", kind="note", format="txt", language="en", title="README")
    )
    return path
