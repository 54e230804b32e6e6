"""Documents as text blocks, and the composer that writes them while recording the truth.

A `Doc` is format-free: the renderers (render/*) lay it out as PDF, DOCX, image, e-mail or
HTML. The `Composer` fills sentence templates from the story and keeps every mention and
every event it writes, so truth.json says exactly what each file contains.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sleuth.demo import dates
from sleuth.demo.story import Story, StoryEvent
from sleuth.demo.world import MARK_LINE_AR, MARK_LINE_EN, NAME_MARKUP, Mention, plain

STYLES = ("marking", "letterhead", "meta", "title", "para", "field", "signature", "small")
NAME_SLOTS = ("src", "tgt", "place", "dest", "origin")


@dataclass(frozen=True)
class Block:
    """One line or paragraph of a document, with a layout style (see STYLES)."""

    style: str
    text: str


@dataclass
class Doc:
    """A document's content and the metadata its file will carry."""

    lang: str
    title: str
    date: dt.date
    blocks: list[Block] = field(default_factory=list)
    author: str = ""
    created: dt.datetime | None = None
    producer: str = "Microsoft® Word 2010"
    creator: str = "Microsoft® Word 2010"
    template: str = ""

    def add(self, style: str, text: str) -> None:
        """Append a block."""
        self.blocks.append(Block(style, text))

    def text(self) -> str:
        """The plain text, one block per line."""
        return "\n".join(b.text for b in self.blocks)

    @property
    def when(self) -> dt.datetime:
        """The metadata timestamp (creation), derived from the story, never from the clock."""
        return self.created or dates.stamp(self.date, 10, 30)


def marking(lang: str) -> str:
    """The visible SYNTHETIC DEMO DATA line every file carries."""
    return MARK_LINE_AR if lang == "ar" else MARK_LINE_EN


class _Slots(dict[str, str]):
    """Fills a template lazily, so only the slots a wording uses are recorded as mentions."""

    def __init__(self, composer: Composer, event: StoryEvent) -> None:
        super().__init__()
        self.c, self.e = composer, event

    def __missing__(self, key: str) -> str:
        c, e = self.c, self.e
        lang = c.lang
        if key in NAME_SLOTS:
            ref = {"src": e.source, "tgt": e.target, "place": e.place, "dest": e.dest, "origin": e.origin}[
                key
            ]
            if ref is None:
                raise KeyError(f"event {e.id} has no {key}")
            return c.name(ref)
        if key in ("date", "deadline"):
            day = e.date if key == "date" else e.deadline
            assert day is not None
            return dates.in_text(day, lang, c.rng)
        if key in ("n", "m"):
            value = e.n if key == "n" else e.m
            assert value is not None
            return f"{value:,}" if lang == "en" and value >= 1000 else str(value)
        if key == "charge":
            return str(c.story.world.phrases["charges"][e.charge][lang])
        raise KeyError(key)


class Composer:
    """Writes sentences about the story in one language and remembers what it wrote."""

    def __init__(self, story: Story, lang: str, rng: random.Random, media: bool = False) -> None:
        self.story, self.lang, self.rng, self.media = story, lang, rng, media
        self.mentions: list[Mention] = []
        self.events: list[dict[str, Any]] = []
        # mention index -> what is written against the name, no space between ("و" of "وقسد",
        # "'s", a full stop): re-typed copies transform a name as part of its word (copies.py)
        self.glue: dict[int, tuple[str, str]] = {}

    def draw(self, key: str) -> tuple[str, Mention]:
        """A spelling of a person, organisation or place to write, and the mention it makes
        (not recorded yet: see `keep`)."""
        mention = self.story.mention(key, self.lang, self.rng, self.media)
        text = mention.text
        if text.startswith("the "):  # the article is written but is not part of the name
            mention = Mention(text[4:], mention.type, mention.canonical)
        return text, mention

    def keep(self, mention: Mention) -> None:
        """Record a drawn mention once it is written."""
        self.mentions.append(mention)

    def name(self, key: str) -> str:
        """A mention of a person, organisation or place; recorded."""
        text, mention = self.draw(key)
        self.mentions.append(mention)
        return text

    def spelled(self, key: str, text: str) -> str:
        """A mention of the organisation or place `key` in a fixed spelling (one of its own, a
        leading article left out); recorded. For literal text: letterheads, titles, menus."""
        entity = self.story.world.entity(key)
        if text not in entity.all_spellings() or text.startswith("the "):
            raise ValueError(f"{text!r} is not a spelling of {key} (add it to world.json)")
        self.mentions.append(Mention(text, entity.type, entity.canonical))
        return text

    def fill(self, text: str) -> str:
        """Literal text with name markup ("Wali of [Wilayat Homs|w_homs]", see world.py): the
        spellings are written and each is recorded as a mention."""
        out: list[str] = []
        end = 0
        for m in NAME_MARKUP.finditer(text):
            out.append(text[end : m.start()])
            self.spelled(m.group(2), m.group(1))
            self._glued(len(self.mentions) - 1, "".join(out), text[m.end() :])
            out.append(m.group(1))
            end = m.end()
        out.append(text[end:])
        return "".join(out)

    def _glued(self, index: int, before: str, after: str) -> None:
        """Note what touches mention `index` in the written text (no space in between)."""
        before, after = plain(before), plain(after)
        touching = (
            before.split()[-1] if before and not before[-1].isspace() else "",
            after.split()[0] if after and not after[0].isspace() else "",
        )
        if touching != ("", ""):
            self.glue[index] = touching

    def capitalised(self, text: str, since: int) -> str:
        """`text` with an upper-case first letter; a name recorded since mention number `since`
        that opens the text is recorded as written ("Al-Tabqa fell to ...")."""
        if not text or not text[0].islower():
            return text
        out = text[0].upper() + text[1:]
        for i in range(since, len(self.mentions)):
            m = self.mentions[i]
            if m.text and text.startswith(m.text):
                self.mentions[i] = Mention(out[: len(m.text)], m.type, m.canonical)
                break
        return out

    def bare(self, key: str) -> str:
        """A mention without a leading article (letterheads, headings)."""
        text = self.name(key)
        return text[4:] if text.startswith("the ") else text

    def record(self, mention: Mention) -> str:
        """Record a mention written by hand; returns its text."""
        self.mentions.append(mention)
        return mention.text

    def phrase(self, group: str) -> str:
        """A random line from a phrase group (greeting, closing, ...)."""
        return self.fill(str(self.rng.choice(self.story.world.phrases[group][self.lang])))

    def filler(self, genre: str, k: int = 2) -> list[str]:
        """`k` generic lines for a genre (order, report)."""
        lines = list(self.story.world.phrases["filler"][genre][self.lang])
        return [self.fill(line) for line in self.rng.sample(lines, min(k, len(lines)))]

    def sentence(self, event: StoryEvent, variant: int | None = None) -> str:
        """One sentence telling `event`; the wording varies unless `variant` is given."""
        templates = self.story.world.phrases["actions"][event.action][self.lang]
        template = templates[variant % len(templates)] if variant is not None else self.rng.choice(templates)
        since = len(self.mentions)
        text = template.format_map(_Slots(self, event))
        parts = list(string.Formatter().parse(template))
        names = [i for i, (_, slot, _, _) in enumerate(parts) if slot in NAME_SLOTS]
        for k, i in enumerate(names):  # one mention per name slot, in order
            self._glued(since + k, parts[i][0], parts[i + 1][0] if i + 1 < len(parts) else "")
        text = self.fill(text)
        text = self.capitalised(text, since) if self.lang == "en" else text
        self.events.append(event_record(self.story, event, text))
        return text

    def title(self, event: StoryEvent) -> str:
        """The subject line for a document about `event`."""
        return str(self.story.world.phrases["actions"][event.action]["title"][self.lang])

    def entities(self) -> list[dict[str, Any]]:
        """The mentions written so far, counted, in truth.json form."""
        counts = Counter(self.mentions)
        return [
            {"text": m.text, "type": m.type, "canonical": m.canonical, "count": n}
            for m, n in sorted(counts.items(), key=lambda kv: (kv[0].canonical, kv[0].text))
        ]


def event_record(story: Story, event: StoryEvent, sentence: str) -> dict[str, Any]:
    """An event as truth.json lists it for one file."""
    return {
        "event": event.id,
        "type": event.type,
        "mode": event.mode,
        "source": story.canonical(event.source),
        "target": story.canonical(event.target),
        "place": story.canonical(event.place),
        "date": event.date.isoformat(),
        "quad_class": event.quad_class,
        "finding": event.finding,
        "sentence": sentence,
    }
