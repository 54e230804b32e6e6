"""Documents as text blocks, and the composer that writes them while recording the truth.

A `Doc` is format-free: the renderers (render/*) lay it out as PDF, DOCX, image, e-mail or
HTML. The `Composer` fills sentence templates from the story and keeps every mention and
every event it writes, so truth.json says exactly what each file contains.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sleuth.demo import dates
from sleuth.demo.story import Story, StoryEvent
from sleuth.demo.world import MARK_LINE_AR, MARK_LINE_EN, Mention

STYLES = ("marking", "letterhead", "meta", "title", "para", "field", "signature", "small")


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
        if key in ("src", "tgt", "place", "dest", "origin"):
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

    def name(self, key: str) -> str:
        """A mention of a person, organisation or place; recorded."""
        mention = self.story.mention(key, self.lang, self.rng, self.media)
        text = mention.text
        if text.startswith("the "):  # the article is written but is not part of the name
            mention = Mention(text[4:], mention.type, mention.canonical)
        self.mentions.append(mention)
        return text

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
        return str(self.rng.choice(self.story.world.phrases[group][self.lang]))

    def filler(self, genre: str, k: int = 2) -> list[str]:
        """`k` generic lines for a genre (order, report)."""
        lines = list(self.story.world.phrases["filler"][genre][self.lang])
        return self.rng.sample(lines, min(k, len(lines)))

    def sentence(self, event: StoryEvent, variant: int | None = None) -> str:
        """One sentence telling `event`; the wording varies unless `variant` is given."""
        templates = self.story.world.phrases["actions"][event.action][self.lang]
        template = templates[variant % len(templates)] if variant is not None else self.rng.choice(templates)
        text = template.format_map(_Slots(self, event))
        text = text[0].upper() + text[1:] if self.lang == "en" else text
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
