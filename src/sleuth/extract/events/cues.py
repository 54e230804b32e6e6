"""Cue words (`extract/data/event_modality.yaml`): negation, future, condition, hearsay,
arrangement, exchange, affiliation, the passive agent and speech verbs.

Each cue list is a set of phrases in both languages; `CueSet.find` gives the word spans
where a list's phrases stand in a sentence (Arabic words compared with their clitics).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import yaml

from sleuth.extract.events.vocabulary import DATA
from sleuth.extract.events.words import PhraseIndex, phrase_keys
from sleuth.extract.matcher import Word

KINDS = (
    "negation",
    "future",
    "condition",
    "modal",
    "blocked",
    "terms",
    "hearsay",
    "sources",
    "arranged",
    "speech",
    "exchange",
    "affiliation",
    "agent",
)


class CueSet:
    """The phrases of one kind."""

    def __init__(self, phrases: list[tuple[str, ...]]) -> None:
        self.index: PhraseIndex[None] = PhraseIndex((p, None) for p in phrases)

    def find(self, words: Sequence[Word], start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """(first, last) word index of every cue phrase in words[start:end]."""
        return [(first, last) for first, last, _ in self.index.find(words, start, end)]


@lru_cache(maxsize=1)
def cues() -> dict[str, CueSet]:
    """Every cue kind."""
    raw = yaml.safe_load((DATA / "event_modality.yaml").read_text(encoding="utf-8")) or {}
    out: dict[str, CueSet] = {}
    for kind in KINDS:
        phrases = [
            tuple(k for k in phrase_keys(str(phrase)) if k)
            for lang in ("en", "ar")
            for phrase in (raw.get(kind) or {}).get(lang) or []
        ]
        out[kind] = CueSet([p for p in phrases if p])
    return out
