"""Planted forgeries: files whose dates, templates or metadata do not fit their content.

Each is recorded in truth.json with the reason and the kind of signal that betrays it
(metadata, template, calendar, headers, content), so a verification stage can be scored.
"""

from __future__ import annotations

import datetime as dt

from sleuth.demo import dates
from sleuth.demo.compose import Block
from sleuth.demo.forms import compose_form
from sleuth.demo.jobs import Job
from sleuth.demo.letters import compose_letter, letter_truth
from sleuth.demo.mail import compose_mail
from sleuth.demo.plan import Plan
from sleuth.demo.render.mail import render_eml
from sleuth.demo.render.office import DocxOptions, render_docx
from sleuth.demo.render.pdf import PdfOptions, render_pdf
from sleuth.demo.story import StoryEvent


def _forged(plan: Plan, path: str, reason: str, signal: str) -> None:
    plan.truth.forgeries.append({"path": path, "reason": reason, "signal": signal})
    plan.truth.files[path].notes = f"FORGED: {reason}"


def add_forgeries(plan: Plan) -> list[str]:
    """Six forged files, one per kind of tell."""
    story, rng, cast = plan.story, plan.rng("forgeries"), plan.story.cast
    by_action = {e.action: e for e in story.events}
    paths = []

    # 1. a 2015 letter whose PDF was made in 2019 by a newer Word
    event = by_action["concede_fees"]
    doc, c = compose_letter(story, [event], "ar", rng)
    doc.producer = doc.creator = "Microsoft® Word 2019"
    made = dt.datetime(2019, 5, 12, 14, 3, tzinfo=dt.UTC)
    truth = letter_truth(doc, c, "order", "pdf")
    truth.metadata.update({"created": made.isoformat(), "producer": doc.producer})
    path = plan.add(
        "orders", "أمر_إعفاء_الشاحنات.pdf", Job(render_pdf, (doc, PdfOptions(creation_date=made))), truth
    )
    _forged(
        plan,
        path,
        f"letter dated {doc.date.isoformat()} but the PDF was created on 2019-05-12 by Word 2019",
        "metadata",
    )
    paths.append(path)

    # 2. a form dated 2015 on the form-v2 template, which only exists from 2016
    recruit = next(r for r in story.recruits if dt.date(2015, 1, 1) <= r.registered < dt.date(2015, 12, 1))
    doc, c = compose_form(story, recruit, "ar", rng, template="form-v2")
    truth = letter_truth(doc, c, "form", "pdf")
    path = plan.add("forms", "استمارة_7ب_مكررة.pdf", Job(render_pdf, (doc,)), truth)
    _forged(
        plan,
        path,
        f"form dated {doc.date.isoformat()} uses template form-v2 (Form no. 7/B), introduced 2016-01-01",
        "template",
    )
    paths.append(path)

    # 3. a letter whose Hijri date does not match its Gregorian date
    event = by_action["distribute_fertiliser"]
    doc, c = compose_letter(story, [event], "ar", rng)
    wrong = dates.wrong_hijri(doc.date)
    doc.blocks = [
        Block(b.style, dates.date_line_ar(doc.date, rng, hijri=wrong)) if b.text.startswith("التاريخ:") else b
        for b in doc.blocks
    ]
    path = plan.add(
        "letters", "كتاب_توزيع_السماد.docx", Job(render_docx, (doc,)), letter_truth(doc, c, "letter", "docx")
    )
    _forged(
        plan,
        path,
        f"Hijri date {wrong.iso()} does not match Gregorian {doc.date.isoformat()} "
        f"(true Hijri {dates.to_hijri(doc.date).iso()})",
        "calendar",
    )
    paths.append(path)

    # 4. an e-mail whose Date header contradicts its Received headers
    ship = story.shipments[2].event
    sent = dates.stamp(ship.date, 10, 12)
    msg = compose_mail(story, cast["logistics"], cast["rikaz_clerk"], [ship], "en", rng, sent=sent)
    late = dates.stamp(dt.date(2016, 11, 3), 16, 40)
    msg.spec.received = [
        (host, late + dt.timedelta(seconds=30 * i)) for i, (host, _) in enumerate(msg.spec.received)
    ]
    path = plan.add("mail", "msg_fwd_0413.eml", Job(render_eml, (msg.spec,)), msg.truth)
    _forged(
        plan,
        path,
        f"Date header says {sent.isoformat()} but the Received headers say {late.isoformat()}",
        "headers",
    )
    paths.append(path)

    # 5. a 2015 Word letter whose properties say a newsroom made it in 2017
    event = by_action["endorse_deal"]
    doc, c = compose_letter(story, [event], "en", rng)
    made = dt.datetime(2017, 11, 20, 9, 30, tzinfo=dt.UTC)
    options = DocxOptions(
        created=made,
        modified=made + dt.timedelta(hours=2),
        author="newsdesk",
        last_modified_by="Levant Monitor",
        revision=7,
    )
    truth = letter_truth(doc, c, "letter", "docx")
    truth.metadata.update({"author": "newsdesk", "created": made.isoformat()})
    path = plan.add("letters", "approval_letter_translation.docx", Job(render_docx, (doc, options)), truth)
    _forged(
        plan,
        path,
        f"letter dated {doc.date.isoformat()}; the file was created 2017-11-20 by 'newsdesk' "
        "(Levant Monitor), revision 7",
        "metadata",
    )
    paths.append(path)

    # 6. an anachronism: a March 2015 order against the SDF, which was founded in October 2015
    fake = StoryEvent(
        id="X001",
        action="threaten",
        type="THREATEN",
        mode="violence",
        date=dt.date(2015, 3, 10),
        source="is",
        target="sdf",
        place="tabqa_dam",
        n=12,
    )
    doc, c = compose_letter(story, [fake], "ar", rng)
    truth = letter_truth(doc, c, "order", "pdf")
    path = plan.add("orders", "تعميم_قسد_1436.pdf", Job(render_pdf, (doc,)), truth)
    _forged(
        plan,
        path,
        "dated 2015-03-10 but names the Syrian Democratic Forces, founded in October 2015",
        "content",
    )
    paths.append(path)
    return paths
