"""Which of a sentence's trigger matches are events: the group whose conditions hold, one
event per verb and the nouns that only name it, no trigger in a form label or a name."""

from __future__ import annotations

from dataclasses import replace

from sleuth.extract.events.lexicon import TriggerMatch
from sleuth.extract.events.sentence import Sentence


def line_of(text: str, start: int, end: int) -> str:
    """The text line(s) a sentence stands on, spaces collapsed."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return " ".join(text[first : last if last >= 0 else len(text)].split())


def phrase_parts(s: Sentence, t: TriggerMatch) -> list[str]:
    """The trigger's words as written, a gap shown once: "pulled … out"."""
    parts: list[list[int]] = []
    for i in t.indices:
        if parts and i == parts[-1][-1] + 1:
            parts[-1].append(i)
        else:
            parts.append([i])
    return [s.text[s.words[p[0]].start : s.words[p[-1]].end] for p in parts]


def coordinated(s: Sentence, t: TriggerMatch) -> bool:
    """A trigger that starts a coordinated clause ("entered the town and took control",
    دخل ... وسيطر) is an event of its own, not the complement of the one before."""
    key = s.words[t.first].key
    head = t.pattern.keys[0] or ""
    return (t.first > 0 and s.words[t.first - 1].key in ("and", "then", "و", "ثم")) or (
        key.startswith("و") and not head.startswith("و")
    )


def choose(s: Sentence, t: TriggerMatch) -> TriggerMatch | None:
    """The trigger's group whose conditions the sentence meets: "handed over Palmyra" is a
    withdrawal, "handed over 2,600 barrels" a delivery."""
    for pattern in (t.pattern, *t.others):
        group = pattern.group
        if group.needs_place and not _place_follows(s, t):
            continue
        if group.needs_actor and not any(0 < a.first - t.last <= 2 and a.type != "AGENT" for a in s.actors):
            continue
        return t if pattern is t.pattern else replace(t, pattern=pattern)
    return None


def _place_follows(s: Sentence, t: TriggerMatch) -> bool:
    return any(0 < p.first - t.last <= 3 for p in s.places)


def absorb_nouns(s: Sentence, triggers: list[TriggerMatch]) -> list[TriggerMatch]:
    """A noun that only names what a verb of the same type did is part of that event:
    "launched an attack", "were killed by a roadside bomb", "after heavy fighting, X captured"."""
    verbs = [t for t in triggers if t.pattern.form not in ("NOUN", "AR")]
    if not verbs:
        return triggers
    out = []
    for t in triggers:
        if (
            t.pattern.form == "VBG"
            and any(  # "struck the army positions, killing 29"
                v is not t
                and v.pattern.group.type == t.pattern.group.type
                and v.last < t.first
                and "," in s.text[s.words[t.first - 1].end : s.words[t.first].start]
                for v in verbs
            )
        ):
            continue
        if t.pattern.form == "NOUN" and any(
            (
                v.pattern.group.type == t.pattern.group.type
                and -6 <= t.first - v.last <= 6
                and s.clause(v.first) == s.clause(t.first)
            )
            or (v.pattern.group.type == t.pattern.group.type and 0 < v.first - t.last <= 6)
            for v in verbs
        ):
            continue
        out.append(t)
    return out


def in_label(s: Sentence, t: TriggerMatch) -> bool:
    """A trigger in a form's label ("Requested role: media") names a field, not an event."""
    text = s.text
    line_start = text.rfind("\n", 0, s.words[t.first].start) + 1
    colon = text.find(":", line_start)
    line_end = text.find("\n", line_start)
    if colon < 0 or (0 <= line_end < colon):
        return False
    return s.words[t.last].end <= colon and len(text[line_start:colon].split()) <= 4


def named_terms_only(s: Sentence, t: TriggerMatch) -> bool:
    """The agreement inside "under the agreement" is an event only when the other side
    follows it: "Under the understanding reached with the regime", بموجب التفاهم مع النظام."""
    for first, last in s.cue_spans.get("terms", ()):
        if first <= t.first <= last:
            return not any(last < a.first <= last + 4 and a.type != "AGENT" for a in s.actors)
    return False
