"""E-mails between the group's offices and the trading company, with letters attached, and
one mailbox (.mbox) of the Rikaz office. Addresses use the reserved `.example` domain.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from sleuth.demo import dates
from sleuth.demo.cast import Person
from sleuth.demo.compose import Composer, marking
from sleuth.demo.jobs import Job
from sleuth.demo.letters import compose_letter, job_for, letter_truth
from sleuth.demo.plan import Plan
from sleuth.demo.render.mail import Attachment, MailSpec, render_eml, render_mbox
from sleuth.demo.story import Story, StoryEvent
from sleuth.demo.truth import FileTruth
from sleuth.demo.world import Mention

DOMAINS = {
    "Islamic State": "dawla-mail.example",
    "Syrian government": "badia-trading.example",
    "Syrian Democratic Forces": "rojava-net.example",
    "press": "levant-monitor.example",
}
_OPENERS = {
    "en": [
        "Following our call, details below.",
        "As agreed, please find the details.",
        "Confirming the latest delivery.",
        "Please note the following.",
    ],
    "ar": [
        "تحية طيبة، إليكم التفاصيل.",
        "بالإشارة إلى اتصالنا الهاتفي نفيدكم بما يلي:",
        "نؤكد لكم ما يلي:",
        "يرجى العلم بما يلي:",
    ],
}


def address(person: Person, rng: random.Random | None = None) -> str:
    """An invented address for a person, e.g. abu.yusuf.tabqawi@dawla-mail.example."""
    slug = re.sub(
        r"[^a-z.]", "", person.canonical.lower().replace(" ", ".").replace("al-", "").replace("-", ".")
    )
    return f"{slug}@{DOMAINS.get(person.side, 'mail.example')}"


def _display(person: Person, lang: str, rng: random.Random) -> Mention:
    return (
        person.mention("en", rng, "kunya")
        if lang == "en" or rng.random() < 0.5
        else person.mention("ar", rng, "kunya")
    )


@dataclass
class Message:
    """A planned e-mail and its truth."""

    spec: MailSpec
    truth: FileTruth


def compose_mail(
    story: Story,
    sender: Person,
    to: Person,
    events: list[StoryEvent],
    lang: str,
    rng: random.Random,
    *,
    sent: dt.datetime,
    subject: str | None = None,
    attachments: list[Attachment] | None = None,
    reply_to: str | None = None,
) -> Message:
    """An e-mail telling `events`, sent at `sent` through two relays."""
    c = Composer(story, lang, rng)
    frm, rcpt = c.record(_display(sender, lang, rng)), c.record(_display(to, lang, rng))
    lines = [marking(lang), "", rng.choice(_OPENERS[lang])]
    lines += [c.sentence(e) for e in events]
    lines += ["", c.phrase("closing"), c.record(sender.mention(lang, rng, "short"))]
    subject = subject or c.title(events[0])
    if reply_to:
        subject = f"Re: {subject}"
    domain = DOMAINS.get(sender.side, "mail.example")
    msg_id = f"<{sent.strftime('%Y%m%d%H%M%S')}.{rng.randrange(10**6):06d}@{domain}>"
    relay_a = (
        f"from mail.{DOMAINS.get(sender.side, 'mail.example')} (unknown [10.{rng.randrange(255)}.0.7])"
        f" by mx.{DOMAINS.get(to.side, 'mail.example')} with ESMTP id {rng.randrange(16**8):08X}"
    )
    relay_b = f"from [192.168.{rng.randrange(255)}.{rng.randrange(2, 250)}] by mail.{domain} with ESMTPSA"
    received = [(relay_a, sent + dt.timedelta(seconds=rng.randrange(5, 90))), (relay_b, sent)]
    spec = MailSpec(
        sender=f"{frm} <{address(sender)}>",
        to=[f"{rcpt} <{address(to)}>"],
        subject=subject,
        date=sent,
        message_id=msg_id,
        body="\n".join(lines) + "\n",
        received=received,
        in_reply_to=reply_to,
        attachments=attachments or [],
        mailer=rng.choice(
            ["Microsoft Outlook 14.0", "Mozilla Thunderbird 38.5.0", "Roundcube Webmail/1.1.2"]
        ),
    )
    truth = FileTruth(
        path="",
        kind="email",
        format="eml",
        language=lang,
        title=subject,
        date=sent.date().isoformat(),
        entities=c.entities(),
        events=c.events,
        metadata={
            "from": spec.sender,
            "to": spec.to,
            "date": sent.isoformat(),
            "message_id": msg_id,
            "attachments": [a.filename for a in spec.attachments],
        },
    )
    return Message(spec, truth)


def _attachment(
    story: Story, event: StoryEvent, lang: str, rng: random.Random, fmt: str
) -> tuple[Attachment, FileTruth]:
    doc, c = compose_letter(story, [event], lang, rng)
    job = job_for(doc, fmt)
    sub = "pdf" if fmt == "pdf" else "vnd.openxmlformats-officedocument.wordprocessingml.document"
    name = (
        f"letter_{event.date.isoformat()}.{fmt}" if lang == "en" else f"مرفق_{event.date.isoformat()}.{fmt}"
    )
    return Attachment(name, "application", sub, job), letter_truth(doc, c, "attachment", fmt)


def _send(plan: Plan, folder: str, name: str, msg: Message, attached: list[FileTruth]) -> str:
    path = plan.add(folder, name, Job(render_eml, (msg.spec,)), msg.truth)
    for att, truth in zip(msg.spec.attachments, attached, strict=True):
        plan.member(path, att.filename, truth)
    return path


def add_mail(plan: Plan) -> list[str]:
    """Shipment confirmations, the deal, the Palmyra and evacuation orders by e-mail; one mbox."""
    story, rng, cast = plan.story, plan.rng("mail"), plan.story.cast
    paths: list[str] = []
    n = 0
    mbox: list[Message] = []
    for i, ship in enumerate(story.shipments):
        e = ship.event
        sent = dates.stamp(e.date, rng.randrange(8, 20), rng.randrange(60)) + dt.timedelta(
            days=rng.randrange(0, 2)
        )
        lang = "ar" if i % 3 else "en"
        sender, to = (
            (cast["rikaz_clerk"], cast["logistics"]) if i % 2 else (cast["logistics"], cast["rikaz_clerk"])
        )
        if i % 4 == 3:
            msg = compose_mail(story, sender, to, [e], lang, rng, sent=sent)
            mbox.append(msg)
            continue
        attached: list[FileTruth] = []
        atts: list[Attachment] = []
        if i % 2 == 0:
            att, truth = _attachment(story, e, lang, rng, "pdf" if i % 4 == 0 else "docx")
            atts, attached = [att], [truth]
        msg = compose_mail(story, sender, to, [e], lang, rng, sent=sent, attachments=atts)
        n += 1
        paths.append(_send(plan, "mail", f"msg_{n:04d}.eml", msg, attached))
    planted = [
        ("agree_trade", "intermediary", "rikaz_head", "en", "docx"),
        ("meeting", "rikaz_head", "intermediary", "ar", None),
        ("request_fertiliser", "ziraa_head", "intermediary", "ar", "pdf"),
        ("suspend_dealings", "rikaz_head", "intermediary", "ar", None),
        ("order_withdraw", "wali_homs", "emir_palmyra", "ar", "pdf"),
        ("withdraw_weapons", "emir_palmyra", "wali_homs", "en", None),
        ("agree_evacuate", "wali_halab", "emir_maskanah", "ar", "pdf"),
        ("evacuate", "emir_maskanah", "wali_halab", "ar", None),
        ("request_ammo", "emir_shaddadi", "jund_head", "en", None),
        ("mobilize", "jund_head", "emir_deir", "ar", "docx"),
    ]
    previous: dict[str, str] = {}
    for action, frm, to_role, lang, fmt in planted:
        for e in [e for e in story.events if e.action == action][: 2 if action == "agree_evacuate" else 1]:
            sent = dates.stamp(e.date, rng.randrange(7, 22), rng.randrange(60))
            atts, attached = [], []
            if fmt:
                att, truth = _attachment(story, e, lang, rng, fmt)
                atts, attached = [att], [truth]
            reply = previous.get(e.finding or "") if action in ("withdraw_weapons", "evacuate") else None
            msg = compose_mail(
                story, cast[frm], cast[to_role], [e], lang, rng, sent=sent, attachments=atts, reply_to=reply
            )
            previous[e.finding or ""] = msg.spec.message_id
            n += 1
            paths.append(_send(plan, "mail", f"msg_{n:04d}.eml", msg, attached))
    path = plan.add(
        "mail",
        "rikaz_office.mbox",
        Job(render_mbox, ([m.spec for m in mbox],)),
        FileTruth(
            path="",
            kind="mailbox",
            format="mbox",
            language="mixed",
            title="Rikaz office mailbox",
            notes=f"{len(mbox)} messages",
        ),
    )
    for k, msg in enumerate(mbox):
        plan.member(path, f"message-{k + 1}", msg.truth)
    paths.append(path)
    return paths
