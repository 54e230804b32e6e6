"""The trigger dictionaries: which words say that an event of a PLOVER type happened.

Shipped in `extract/data/event_verbs.yaml`; a case adds its own in `CASE/events/*.yaml`
(same format, read after the shipped file, groups appended). Format: docs/events.md.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sleuth.extract.events.vocabulary import DATA, event_types
from sleuth.extract.events.words import (
    arabic_stems,
    is_arabic,
    noun_forms,
    phrase_keys,
    verb_forms,
    word_matches,
)
from sleuth.extract.matcher import Word

MAX_GAP = 6


@dataclass(frozen=True, slots=True)
class TriggerGroup:
    """Triggers of one type and mode that take their arguments the same way."""

    type: str
    mode: str
    target_words: frozenset[str]
    source_words: frozenset[str]
    inverse: bool
    reciprocal: bool
    complement: str
    needs_place: bool
    needs_actor: bool = (
        False  # a named actor right after it: "received Colonel Dib", not "received 380 tonnes"
    )


@dataclass(frozen=True, slots=True)
class Pattern:
    """One dictionary phrase as word keys (None: a gap), and the form of its head word."""

    keys: tuple[str | None, ...]
    group: TriggerGroup
    form: str  # VB VBD VBN VBG VBZ (English verbs), NOUN, AR
    phrase: str


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A phrase found in a sentence: the indices of its words (gaps excluded).

    `others` are the other groups the same words belong to (سلّم hands over ground, or
    goods): the coder takes the first whose conditions the sentence meets."""

    pattern: Pattern
    indices: tuple[int, ...]
    future: bool  # an Arabic سـ on the head word
    others: tuple[Pattern, ...] = ()

    @property
    def first(self) -> int:
        return self.indices[0]

    @property
    def last(self) -> int:
        return self.indices[-1]


class Lexicon:
    """All trigger phrases, indexed by their first word."""

    def __init__(
        self, groups: Iterable[tuple[TriggerGroup, dict[str, list[str]]]], shipped: int | None = None
    ) -> None:
        self.by_first: dict[str, list[Pattern]] = defaultdict(list)
        self.groups: list[TriggerGroup] = []
        self.own: set[TriggerGroup] = set()  # a case's own groups: they win over shipped ones
        for n, (group, phrases) in enumerate(groups):
            self.groups.append(group)
            if shipped is not None and n >= shipped:
                self.own.add(group)
            for phrase in phrases.get("en", []):
                self._add_verb(phrase, group)
            for phrase in phrases.get("en_nouns", []):
                self._add_noun(phrase, group)
            for phrase in phrases.get("ar", []):
                keys = phrase_keys(phrase)
                if keys and keys[0]:
                    self._add(Pattern(keys, group, "AR", phrase))

    def _add(self, pattern: Pattern) -> None:
        first = pattern.keys[0]
        if first is not None and not any(
            p.keys == pattern.keys and p.group == pattern.group for p in self.by_first[first]
        ):
            self.by_first[first].append(pattern)

    def _add_verb(self, phrase: str, group: TriggerGroup) -> None:
        keys = phrase_keys(phrase)
        if not keys or keys[0] is None:
            return
        for form, tag in verb_forms(keys[0]).items():
            self._add(Pattern((form, *keys[1:]), group, tag, phrase))

    def _add_noun(self, phrase: str, group: TriggerGroup) -> None:
        keys = phrase_keys(phrase)
        if not keys or keys[-1] is None or keys[0] is None:
            return
        for form in noun_forms(keys[-1]):
            self._add(Pattern((*keys[:-1], form), group, "NOUN", phrase))

    def find(
        self,
        words: Sequence[Word],
        start: int = 0,
        end: int | None = None,
        no_gap: frozenset[int] = frozenset(),
    ) -> list[TriggerMatch]:
        """Every phrase in words[start:end]; where two overlap, the longer one wins. An
        English gap does not run over the words in `no_gap` (names: "withdrew from Maskanah
        under the agreement" is no withdrawal from an agreement)."""
        end = len(words) if end is None else end
        found: list[TriggerMatch] = []
        for i in range(start, end):
            key = words[i].key
            candidates = [(key, False)] if not is_arabic(key) else list(arabic_stems(key))
            for stem, future in candidates:
                for pattern in self.by_first.get(stem, ()):
                    indices = _match_rest(words, i, end, pattern.keys)
                    if (
                        indices is not None
                        and no_gap
                        and pattern.form != "AR"
                        and any(j in no_gap for j in range(indices[0], indices[-1] + 1) if j not in indices)
                    ):
                        continue
                    if indices is not None:
                        found.append(TriggerMatch(pattern, indices, future))
        # longest first; of equal phrases, a case's own group first, then the one that asks
        # for a condition (a place after it), so the coder can fall back to the plain one
        found.sort(
            key=lambda m: (
                -len(m.indices),
                m.first,
                m.pattern.group not in self.own,
                not (m.pattern.group.needs_place or m.pattern.group.needs_actor),
            )
        )
        chosen: list[TriggerMatch] = []
        used: set[int] = set()
        for m in found:
            if used.isdisjoint(m.indices):
                others = tuple(
                    o.pattern for o in found if o.indices == m.indices and o.pattern.group != m.pattern.group
                )
                chosen.append(TriggerMatch(m.pattern, m.indices, m.future, others))
                used.update(m.indices)
        return sorted(chosen, key=lambda m: m.first)


def _match_rest(
    words: Sequence[Word], i: int, end: int, keys: tuple[str | None, ...]
) -> tuple[int, ...] | None:
    indices = [i]
    pos = i + 1
    k = 1
    while k < len(keys):
        want = keys[k]
        if want is None:  # a gap: the next key within MAX_GAP words
            k += 1
            if k >= len(keys):
                break
            target = keys[k]
            for j in range(pos, min(end, pos + MAX_GAP + 1)):
                if target is not None and word_matches(words[j].key, target):
                    indices.append(j)
                    pos = j + 1
                    break
            else:
                return None
        else:
            if pos >= end or not word_matches(words[pos].key, want):
                return None
            indices.append(pos)
            pos += 1
        k += 1
    return tuple(indices)


def load_lexicon(case_dir: Path | None = None) -> Lexicon:
    """The shipped trigger dictionary plus the case's `events/*.yaml`."""
    files = [DATA / "event_verbs.yaml"]
    if case_dir is not None and (case_dir / "events").is_dir():
        files += sorted((case_dir / "events").glob("*.yaml"))
    specs: list[tuple[dict[str, Any], str]] = []
    sets: dict[str, list[str]] = {}
    shipped = 0
    for n, path in enumerate(files):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, words in (raw.get("sets") or {}).items():
            sets.setdefault(str(name), []).extend(str(w) for w in words)
        specs += [(spec, f"{path.name}, group {k + 1}") for k, spec in enumerate(raw.get("groups") or [])]
        if n == 0:
            shipped = len(specs)
    return lexicon_from_specs(specs, sets, shipped)


def lexicon_from_specs(
    specs: Iterable[tuple[dict[str, Any], str] | dict[str, Any]],
    sets: dict[str, list[str]] | None = None,
    shipped: int | None = None,
) -> Lexicon:
    """A lexicon from group specs as the YAML files hold them (tests, plug-ins). A phrase
    may name a word set in braces ("send ... {goods}"): it stands for each of the set's words."""
    groups = []
    for n, item in enumerate(specs):
        spec, where = item if isinstance(item, tuple) else (item, f"group {n + 1}")
        group, phrases = _group(spec, where)
        groups.append((group, {lang: _expand(found, sets or {}, where) for lang, found in phrases.items()}))
    return Lexicon(groups, shipped)


_SET = re.compile(r"\{(\w+)\}")


def _expand(phrases: list[str], sets: dict[str, list[str]], where: str) -> list[str]:
    out: list[str] = []
    for phrase in phrases:
        m = _SET.search(phrase)
        if m is None:
            out.append(phrase)
            continue
        if m.group(1) not in sets:
            raise ValueError(
                f"{where}: {phrase!r} names the word set {m.group(1)!r}, which no `sets:` defines"
            )
        out += _expand([phrase[: m.start()] + w + phrase[m.end() :] for w in sets[m.group(1)]], sets, where)
    return out


def _group(spec: dict[str, Any], where: str) -> tuple[TriggerGroup, dict[str, list[str]]]:
    types = event_types()
    event_type = str(spec.get("type", "")).upper()
    if event_type not in types:
        raise ValueError(f"{where}: unknown event type {spec.get('type')!r}; one of {', '.join(types)}")
    complement = spec.get("complement", types[event_type].complement) or ""
    group = TriggerGroup(
        type=event_type,
        mode=str(spec.get("mode") or ""),
        target_words=frozenset(k for w in spec.get("target") or [] for k in phrase_keys(str(w)) if k),
        source_words=frozenset(k for w in spec.get("source") or [] for k in phrase_keys(str(w)) if k),
        inverse=bool(spec.get("inverse", False)),
        reciprocal=bool(spec.get("reciprocal", False)),
        complement=str(complement),
        needs_place=spec.get("needs") == "place",
        needs_actor=spec.get("needs") == "actor",
    )
    phrases = {lang: [str(p) for p in spec.get(lang) or []] for lang in ("en", "en_nouns", "ar")}
    return group, phrases
