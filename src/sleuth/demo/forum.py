"""Forum threads where commenters claim and counter-claim: was Palmyra handed over, does the
group sell oil to the government, was Maskanah evacuated by agreement?

The truth of a thread lists the names in its visible text: the navigation bar ("Syria" and the
thread title), the title heading and the posts. User names (handles) are identifiers, not names.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass

from sleuth.demo import dates
from sleuth.demo.compose import Composer, marking
from sleuth.demo.jobs import Job, literal
from sleuth.demo.plan import Plan
from sleuth.demo.story import Story, StoryEvent
from sleuth.demo.truth import FileTruth
from sleuth.demo.world import plain

CLAIMS = {
    "palmyra-handover-agreed": (
        "The group's withdrawal from Palmyra was agreed with the government.",
        "palmyra-withdrawal",
    ),
    "army-fought-palmyra": ("The army took Palmyra by fighting, not by a handover.", "palmyra-withdrawal"),
    "palmyra-weapons-moved-early": (
        "The group's heavy weapons left Palmyra weeks before the army arrived.",
        "palmyra-withdrawal",
    ),
    "oil-traded-with-government": (
        "The group trades oil with the Syrian government for fertiliser.",
        "oil-for-fertiliser",
    ),
    "maskanah-evacuation-agreed": (
        "Maskanah was evacuated under an agreement, without a fight.",
        "evacuation-deal",
    ),
    "army-fought-maskanah": ("The army took Maskanah by fighting, not by a handover.", "evacuation-deal"),
}


@dataclass(frozen=True)
class Post:
    """One post: who, how many days after the thread opened, what, and which claims."""

    handle: str
    days: int
    text: Callable[[Composer, Story], str]
    claims: tuple[tuple[str, bool], ...] = ()


def _ev(story: Story, action: str, place: str | None = None) -> StoryEvent:
    return next(e for e in story.events if e.action == action and (place is None or e.place == place))


_PALMYRA = [
    Post(
        "SyriaWatcher",
        0,
        lambda c, s: (
            f"{c.name('saa')} is in {c.name('palmyra')} since yesterday. What I keep hearing "
            f"is that {c.name('is')} had moved its tanks out weeks earlier. "
            "The withdrawal was agreed, full stop."
        ),
        (("palmyra-handover-agreed", True), ("palmyra-weapons-moved-early", True)),
    ),
    Post(
        "levant_analyst",
        0,
        lambda c, s: (
            f"Nonsense. There were fierce battles for days and {c.name('saa')} liberated "
            f"{c.name('palmyra')} by force. There was no deal with {c.name('is')}."
        ),
        (("army-fought-palmyra", True), ("palmyra-handover-agreed", False)),
    ),
    Post(
        "DZ_local",
        1,
        lambda c, s: "My cousin saw it himself. " + c.sentence(_ev(s, "withdraw_weapons"), 1),
        (("palmyra-weapons-moved-early", True),),
    ),
    Post("truth_seeker_sy", 1, lambda c, s: "Source? This sounds like propaganda from both sides.", ()),
    Post(
        "SyriaWatcher",
        3,
        lambda c, s: (
            "A scanned order is going around, dated 21 February: " + c.sentence(_ev(s, "order_withdraw"), 0)
        ),
        (("palmyra-handover-agreed", True),),
    ),
    Post(
        "abu_nasr_88",
        4,
        lambda c, s: f"{c.name('sgov')} and {c.name('is')} have traded oil for years, why not cities too?",
        (("oil-traded-with-government", True),),
    ),
    Post(
        "levant_analyst",
        5,
        lambda c, s: "A scan proves nothing, anyone can type a letterhead. The army fought for it.",
        (("army-fought-palmyra", True),),
    ),
]
_OIL = [
    Post(
        "ابن_الفرات",
        0,
        lambda c, s: (
            f"شاحنات النفط تخرج كل شهر من {c.name('omar_field')} باتجاه {c.name('homs')} وتعود محملة بالسماد."
        ),
        (("oil-traded-with-government", True),),
    ),
    Post(
        "شاهد_عيان",
        0,
        lambda c, s: f"هذا كذب، {c.name('is')} يحارب {c.name('sgov')} ولا يتعامل معه.",
        (("oil-traded-with-government", False),),
    ),
    Post(
        "حر_من_دير_الزور",
        1,
        lambda c, s: (
            f"رأيت بعيني شاحنات {c.name('badia')} على حاجز {c.name('tabqa')} تمر دون أن تدفع رسوم العبور."
        ),
        (("oil-traded-with-government", True),),
    ),
    Post(
        "raqqa_eye",
        2,
        lambda c, s: (
            f"لكن {c.name('is')} نشر تعميماً يهدد كل من يتاجر مع {c.name('sgov')}، فكيف يتاجر هو معه؟"
        ),
        (("oil-traded-with-government", False),),
    ),
    Post("ابن_الفرات", 2, lambda c, s: "التعميم للعامة فقط، أما الكبار فلهم حساب آخر.", ()),
]
_MASKANAH = [
    Post(
        "شاهد_عيان",
        0,
        lambda c, s: (
            "خرج مقاتلو التنظيم قبل أيام من وصول الجيش. " + c.sentence(_ev(s, "evacuate", "maskanah"), 1)
        ),
        (("maskanah-evacuation-agreed", True),),
    ),
    Post(
        "EuphratesRiver",
        1,
        lambda c, s: (
            f"غير صحيح، كانت هناك معارك وقصف عنيف قبل دخول {c.name('saa')} إلى {c.name('maskanah')}."
        ),
        (("army-fought-maskanah", True), ("maskanah-evacuation-agreed", False)),
    ),
    Post(
        "ابن_الفرات",
        1,
        lambda c, s: f"نفس ما حصل في {c.name('deir_hafer')}، انسحاب بلا قتال.",
        (("maskanah-evacuation-agreed", True),),
    ),
]
THREADS = [
    (
        "forum/levant-talk",
        "thread-8812-was-palmyra-handed-over.html",
        "en",
        "Was [Palmyra|palmyra] handed over?",
        dt.date(2016, 3, 28),
        _PALMYRA,
    ),
    (
        "forum/levant-talk",
        "thread-6120-oil-trucks.html",
        "ar",
        "هل يبيع [داعش|is] النفط إلى [النظام|sgov]؟",
        dt.date(2015, 10, 2),
        _OIL,
    ),
    (
        "forum/منتدى-الفرات",
        "موضوع-مسكنة.html",
        "ar",
        "ماذا حصل في [مسكنة|maskanah]؟",
        dt.date(2017, 6, 5),
        _MASKANAH,
    ),
]


def _thread_html(title: str, lang: str, posts: list[tuple[str, dt.datetime, str]]) -> str:
    esc = html.escape
    rtl = lang == "ar"
    items = "\n".join(
        f'<div class="post" id="post{1000 + i}"><div class="author"><a href="/u/{esc(h)}">{esc(h)}</a>'
        f'<span class="rank">Member</span></div><div class="date">{when.strftime("%d-%m-%Y, %H:%M")}</div>'
        f'<div class="content">{esc(text)}</div><div class="sig">--<br>{esc(h)}</div></div>'
        for i, (h, when, text) in enumerate(posts)
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{"rtl" if rtl else "ltr"}"><head><meta charset="utf-8">
<title>{esc(title)} - Levant Talk</title>
<script>var SESSIONURL="";var vb_disable_ajax=0;</script>
<script src="/clientscript/vbulletin_global.js"></script></head>
<body><div class="banner">{esc(marking(lang))}</div>
<div id="navbar"><a href="/">Forum</a> &gt; <a href="/f/syria">Syria</a> &gt; {esc(title)}</div>
<div class="login"><form action="/login"><input name="user"><input type="password" name="pass"></form></div>
<h1 class="threadtitle">{esc(title)}</h1>
<div id="posts">
{items}
</div>
<div class="pagenav">Page 1 of 1</div>
<div id="footer">Powered by vBulletin. {esc(marking(lang))}</div>
<script>vBulletin_init();</script></body></html>
"""


def add_forum(plan: Plan) -> list[str]:
    """The forum threads, with every post's claims recorded in truth.json."""
    story, rng = plan.story, plan.rng("forum")
    paths = []
    for folder, name, lang, marked_title, opened, posts in THREADS:
        c = Composer(story, lang, rng, media=True)
        title = plain(marked_title)
        c.spelled("syria", "Syria")  # the navigation bar: Forum > Syria > title
        for _ in ("navigation bar", "heading"):
            c.fill(marked_title)
        rendered: list[tuple[str, dt.datetime, str]] = []
        claims = []
        for post in posts:
            when = dates.stamp(opened + dt.timedelta(days=post.days), rng.randrange(7, 24), rng.randrange(60))
            since = len(c.mentions)
            text = c.capitalised(c.fill(post.text(c, story)), since)
            rendered.append((post.handle, when, text))
            claims += [
                {"claim": cid, "stance": "asserts" if yes else "denies", "by": post.handle, "text": text}
                for cid, yes in post.claims
            ]
        truth = FileTruth(
            path="",
            kind="forum",
            format="html",
            language=lang,
            title=title,
            date=opened.isoformat(),
            entities=c.entities(),
            events=c.events,
            claims=claims,
        )
        path = plan.add(
            folder, name, Job(literal, (_thread_html(title, lang, rendered).encode("utf-8"),)), truth
        )
        for claim in claims:
            statement, finding = CLAIMS[claim["claim"]]
            plan.truth.claim(claim["claim"], statement, finding, path, claim["stance"] == "asserts")
        paths.append(path)
    return paths
