"""News pages saved from the web (Arabic and English), with the boilerplate a reader must
strip: navigation, scripts, adverts, "most read" boxes and footers. Outlets are invented.

The truth of a page lists the names in its visible text (the <body>): the outlet's name in the
logo and the footer, the menu ("Syria", "أخبار الرقة"), the article and the "most read" headlines.
"""

from __future__ import annotations

import datetime as dt
import html
import random
import re
from dataclasses import dataclass

from sleuth.demo import dates
from sleuth.demo.compose import Composer, marking
from sleuth.demo.jobs import Job, literal
from sleuth.demo.plan import Plan
from sleuth.demo.story import StoryEvent
from sleuth.demo.truth import FileTruth
from sleuth.demo.world import Mention, plain


@dataclass(frozen=True)
class Outlet:
    """An invented news site (a media ORG; `canonical` is its name in truth.json). Menu items
    carry name markup ("[Syria|syria]", see world.py)."""

    slug: str
    name: str
    lang: str
    domain: str
    nav: tuple[str, ...]
    canonical: str


OUTLETS = [
    Outlet(
        "levant-monitor",
        "Levant Monitor",
        "en",
        "levant-monitor.example",
        ("Home", "[Syria|syria]", "[Iraq|iraq]", "Analysis", "Opinion", "Video", "Newsletter"),
        "Levant Monitor",
    ),
    Outlet(
        "euphrates-wire",
        "Euphrates Wire",
        "en",
        "euphrates-wire.example",
        ("Latest", "Conflict", "Economy", "Maps", "About"),
        "Euphrates Wire",
    ),
    Outlet(
        "al-rasid",
        "الراصد الإخباري",
        "ar",
        "al-rasid.example",
        ("الرئيسية", "[سوريا|syria]", "[العراق|iraq]", "تقارير", "رأي", "فيديو"),
        "al-Rasid al-Ikhbari",
    ),
    Outlet(
        "nafidhat-al-furat",
        "نافذة الفرات",
        "ar",
        "furat-window.example",
        ("الرئيسية", "أخبار [الرقة|raqqa]", "أخبار [دير الزور|deir]", "اقتصاد", "اتصل بنا"),
        "Nafidhat al-Furat",
    ),
]

_ATTRIBUTION = {
    "en": [
        "{org} said the information came from sources on the ground.",
        "The report could not be independently verified; {org} gave a similar account.",
        "According to {org}, the situation remained tense in the area.",
    ],
    "ar": [
        "وقال {org} إن المعلومات وردت من مصادر ميدانية.",
        "ولم يتسن التحقق من الخبر بشكل مستقل، فيما أورد {org} رواية مشابهة.",
        "وبحسب {org} فإن الوضع ما زال متوتراً في المنطقة.",
    ],
}
_CONTEXT = {
    "en": [
        "Residents of {place} reached by phone described a tense night and roads closed by checkpoints.",
        "Fighting around {place} has displaced thousands of families since the start of the year.",
        "Analysts said control of {place} matters for the roads linking the "
        "[Euphrates valley|euphrates_valley] to the desert.",
        "Communications with {place} remain cut, which makes reports hard to confirm.",
    ],
    "ar": [
        "ووصف سكان من {place} تواصلنا معهم هاتفياً ليلة متوترة وطرقاً أغلقتها الحواجز.",
        "وأدت المعارك في محيط {place} إلى نزوح آلاف العائلات منذ بداية العام.",
        "ويرى محللون أن السيطرة على {place} مهمة للطرق التي تربط "
        "[وادي الفرات|euphrates_valley] ب[البادية|badia_desert].",
        "ولا تزال الاتصالات مقطوعة مع {place}، مما يصعّب التحقق من الأخبار.",
    ],
}
# how the state media tells the army's entry into a city: the opposite of the leaked papers
FOUGHT_CLAIM = {
    "en": "State media said the army retook the city after fierce battles with {is_}.",
    "ar": "وقالت وسائل الإعلام الرسمية إن الجيش استعاد المدينة بعد معارك عنيفة مع {is_}.",
}
_SCRIPT_HEAD = (
    "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
    "gtag('js',new Date());gtag('config','UA-000000-1');</script>\n"
    '<script src="/static/js/vendor.min.js" defer></script>'
)
_SCRIPT_AD = (
    "<script>(function(){var s=document.createElement('script');s.src='//ads.example/tag.js';"
    "document.body.appendChild(s);})();</script>"
)


def page(
    outlet: Outlet,
    title: str,
    published: dt.datetime,
    byline: str,
    paragraphs: list[str],
    most_read: list[str],
    article_class: str = "article-body",
    menu: list[str] | None = None,
) -> str:
    """A whole news page around an article; `menu` is the menu as written (default: the
    outlet's, markup resolved)."""
    lang, rtl = outlet.lang, outlet.lang == "ar"
    esc = html.escape
    items = menu if menu is not None else [plain(item) for item in outlet.nav]
    nav = "".join(f'<li><a href="/{i}">{esc(item)}</a></li>' for i, item in enumerate(items))
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    aside = "".join(f'<li><a href="/story/{i}">{esc(t)}</a></li>' for i, t in enumerate(most_read))
    mark = esc(marking(lang))
    read = "الأكثر قراءة" if rtl else "Most read"
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{"rtl" if rtl else "ltr"}">
<head>
<meta charset="utf-8">
<title>{esc(title)} | {esc(outlet.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="{esc(outlet.name)}">
<meta property="article:published_time" content="{published.isoformat()}">
<link rel="stylesheet" href="/static/css/site.css">
{_SCRIPT_HEAD}
<style>.banner{{background:#b00;color:#fff;text-align:center}}.ad{{min-height:90px}}</style>
</head>
<body>
<div class="banner">{mark}</div>
<header><a class="logo" href="/">{esc(outlet.name)}</a>
<nav><ul>{nav}</ul></nav>
<form class="search" action="/search"><input name="q"></form></header>
<div class="ad ad-top">{_SCRIPT_AD}</div>
<main>
<article>
<h1>{esc(title)}</h1>
<p class="byline">{esc(byline)} |
<time datetime="{published.isoformat()}">{published.date().isoformat()}</time></p>
<div class="{article_class}">
{body}
</div>
</article>
<aside><h2>{read}</h2><ul>{aside}</ul></aside>
</main>
<footer><p>&copy; {published.year} {esc(outlet.name)}. {mark}</p>
<p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p></footer>
<script>document.querySelectorAll('a').forEach(function(a){{a.rel='noopener';}});</script>
</body>
</html>
"""


def _headline(c: Composer, event: StoryEvent) -> str:
    """A headline about `event`; only the names it writes are recorded."""
    since = len(c.mentions)
    place, place_mention = c.draw(event.place)
    src, src_mention = c.draw(event.source)  # drawn even when unused: the random stream stays put
    heads = {
        "en": {
            "capture": "{src} takes {place}",
            "seize_city": "{src} enters {place}",
            "airstrike": "Air raids on {place}",
            "attack": "{src} attacks near {place}",
            "shelling": "Shelling reported around {place}",
            "accuse": "{src} issues accusations over {place}",
            "mobilize": "Build-up near {place}",
        },
        "ar": {
            "capture": "{src} يسيطر على {place}",
            "seize_city": "{src} يدخل {place}",
            "airstrike": "غارات جوية على {place}",
            "attack": "هجوم قرب {place}",
            "shelling": "قصف في محيط {place}",
            "accuse": "اتهامات بشأن {place}",
            "mobilize": "حشود قرب {place}",
        },
    }
    template = heads[c.lang].get(event.action, "{place}")
    for slot, mention in (("{place}", place_mention), ("{src}", src_mention)):
        if slot in template:
            c.keep(mention)
    return c.capitalised(template.format(src=src, place=place), since)


def compose_article(
    plan: Plan, event: StoryEvent, outlet: Outlet, rng: random.Random, related: list[StoryEvent]
) -> tuple[str, FileTruth]:
    """One article about `event` on `outlet`; returns the HTML and its truth."""
    story = plan.story
    c = Composer(story, outlet.lang, rng, media=True)
    title = _headline(c, event)
    paragraphs = [c.sentence(event)]
    paragraphs.append(rng.choice(_ATTRIBUTION[c.lang]).format(org=c.name(rng.choice(["sohr", "sana"]))))
    claim = None
    if event.action == "seize_city":
        paragraphs.append(FOUGHT_CLAIM[c.lang].format(is_=c.name("is")))
        claim = f"army-fought-{event.place}"
    for other in related:
        paragraphs.append(c.sentence(other))
    for line in rng.sample(_CONTEXT[c.lang], 2):
        paragraphs.append(c.fill(line.format(place=c.name(event.place))))
    journalist = rng.choice([p for p in story.cast.people.values() if p.side == "press"])
    by = c.record(journalist.mention(c.lang, rng, "full"))
    byline = f"بقلم {by}" if c.lang == "ar" else f"By {by}"
    published = dates.stamp(
        event.date + dt.timedelta(days=rng.randrange(0, 2)), rng.randrange(8, 23), rng.randrange(60)
    )
    most_read = [_headline(c, rng.choice(story.events)) for _ in range(3)]
    menu = [c.fill(item) for item in outlet.nav]
    for _ in ("logo", "footer"):
        c.record(Mention(outlet.name, "ORG", outlet.canonical))
    text = page(outlet, title, published, byline, paragraphs, most_read, menu=menu)
    truth = FileTruth(
        path="",
        kind="news",
        format="html",
        language=c.lang,
        title=title,
        date=published.date().isoformat(),
        entities=c.entities(),
        events=c.events,
        metadata={"outlet": outlet.name, "published": published.isoformat(), "byline": by},
    )
    if claim:
        truth.claims.append({"claim": claim, "stance": "asserts", "by": outlet.name, "text": paragraphs[2]})
    return text, truth


def add_news(plan: Plan) -> list[str]:
    """News articles about every public event; the planted ones in both languages."""
    story, rng = plan.story, plan.rng("news")
    paths: list[str] = []
    public = [e for e in story.events if e.public]
    for k, event in enumerate(public):
        langs = ("en", "ar") if event.finding or k % 3 else (("en",) if k % 2 else ("ar",))
        for lang in langs:
            outlet = rng.choice([o for o in OUTLETS if o.lang == lang])
            earlier = [e for e in public if e.date < event.date and e.place == event.place and not e.finding]
            text, truth = compose_article(plan, event, outlet, rng, earlier[-1:])
            stamp = truth.metadata["published"][:10].replace("-", "/")
            slug = (
                "-".join(re.findall(r"[a-z0-9]+", truth.title.lower()))[:60]
                if lang == "en"
                else f"article-{rng.randrange(10000, 99999)}"
            )
            name = f"{stamp}/{slug}.html"
            path = plan.add(f"web/{outlet.slug}", name, Job(literal, (text.encode("utf-8"),)), truth)
            for claim in truth.claims:
                plan.truth.claim(
                    claim["claim"],
                    f"The army took {story.canonical(event.place)} by fighting, not by a handover.",
                    event.finding,
                    path,
                    asserts=True,
                )
            paths.append(path)
    return paths
