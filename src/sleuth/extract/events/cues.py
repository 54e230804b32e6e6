"""Cue words (`extract/data/event_modality.yaml`): negation, future, condition, hearsay,
arrangement, exchange, affiliation, the passive agent and speech verbs.

Each cue list is a set of phrases in both languages; `CueSet.find` gives the word spans
where a list's phrases stand in a sentence (Arabic words compared with their clitics).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import yaml

from sleuth.extract.events.vocabulary import DATA
from sleuth.extract.events.words import arabic_stems, is_arabic, phrase_keys, word_matches
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


@dataclass(frozen=True)
class CueSet:
    """The phrases of one kind, indexed by first word."""

    by_first: dict[str, list[tuple[str, ...]]]

    def find(self, words: Sequence[Word], start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """(first, last) word index of every cue phrase in words[start:end]."""
        end = len(words) if end is None else end
        out: list[tuple[int, int]] = []
        i = start
        while i < end:
            key = words[i].key
            stems = [s for s, _ in arabic_stems(key)] if is_arabic(key) else [key]
            best = 0
            for stem in stems:
                for phrase in self.by_first.get(stem, ()):
                    n = len(phrase)
                    if (
                        n > best
                        and i + n <= end
                        and all(word_matches(words[i + k].key, phrase[k]) for k in range(1, n))
                    ):
                        best = n
            if best:
                out.append((i, i + best - 1))
                i += best
            else:
                i += 1
        return out

    def at(self, words: Sequence[Word], i: int) -> int:
        """Length of a cue phrase starting at word i, 0 if none."""
        hits = self.find(words, i, min(len(words), i + 6))
        return hits[0][1] - i + 1 if hits and hits[0][0] == i else 0


@lru_cache(maxsize=1)
def cues() -> dict[str, CueSet]:
    """Every cue kind."""
    raw = yaml.safe_load((DATA / "event_modality.yaml").read_text(encoding="utf-8")) or {}
    out: dict[str, CueSet] = {}
    for kind in KINDS:
        index: dict[str, list[tuple[str, ...]]] = {}
        for lang in ("en", "ar"):
            for phrase in (raw.get(kind) or {}).get(lang) or []:
                keys = tuple(k for k in phrase_keys(str(phrase)) if k)
                if keys and keys not in index.get(keys[0], []):
                    index.setdefault(keys[0], []).append(keys)
        out[kind] = CueSet(index)
    return out
