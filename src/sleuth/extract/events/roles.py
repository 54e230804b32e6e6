"""Source and target of a trigger, from the sentence's structure.

Robust rules, for every sentence (a dependency parse, where the case has a parser, goes
first: `parse.py`):

- English is subject-verb-object: the source is the nearest actor before the trigger in its
  clause, the target the first actor after it. A passive ("X was attacked by Y", "Y is
  instructed by X") turns this round; "X and Y agreed", "between X and Y" make both sides
  partners. A noun trigger takes its source from "of"/"by" ("the withdrawal of IS").
- Arabic verbs often come first (اتهم الدولة الإسلامية قسد): with no actor before the
  trigger the first actor after it is the source and the next one the target; a masdar's
  genitive is its agent (انسحاب الدولة الإسلامية), من قبل / على يد give a passive's agent.
- Words a trigger group lists (`target:`: with, to, مع, إلى) or "against"/ضد introduce the
  target; an inverse verb ("receive from") has its subject as target.
- An actor that only reports ("..., officials said", "according to X") takes no role.
- An arrested or accused generic group ("3 men") gives way to the named side it is held to
  belong to ("for contacts with the SDF").
"""

from __future__ import annotations

from dataclasses import dataclass

from sleuth.extract.events.actors import Actor
from sleuth.extract.events.lexicon import TriggerMatch
from sleuth.extract.events.sentence import PRONOUNS, Sentence

# Types whose passive subject is still the one who acts: what is withdrawn or deployed
# belongs to the side that withdraws or deploys it.
SUBJECT_ACTS = frozenset({"RETREAT", "MOBILIZE"})
PASSIVE_AGENT_WORDS = 5
UNIVERSAL_TARGET = frozenset({"against", "ضد", "مواجهه"})
AND = frozenset({"and", "و"})
BETWEEN = frozenset({"between", "بين"})
PASSIVE_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "getting"})
NOUN_AGENT = frozenset({"of", "by"})


@dataclass(frozen=True, slots=True)
class Roles:
    """Who did it, to whom, and whether the two are simply partners."""

    source: Actor | None
    target: Actor | None
    reciprocal: bool


def assign_roles(s: Sentence, t: TriggerMatch) -> Roles:
    """Source and target of trigger `t` in sentence `s`."""
    group = t.pattern.group
    first, end = s.clause(t.first)
    usable = [
        a
        for n, a in enumerate(s.actors)
        if n not in s.reporters and not _inside(a, t) and not _possessed(s, a)
    ]
    before = [a for a in usable if first <= a.first and a.last < t.first and not s.is_place_use(a)]
    # after the trigger's first word: "expelled IS from the town" (طرد داعش منها) has its
    # object inside the phrase
    after = [a for a in usable if t.first < a.first < end and not _place_after(s, a, group.target_words)]
    reciprocal = group.reciprocal
    source: Actor | None = None
    target: Actor | None = None

    pair = _between(s, t, usable)
    agent = _passive_agent(s, t, after)
    if pair is not None:
        source, target = pair
        reciprocal = True
    elif agent is not None:
        source = agent
        target = _nearest_before(s, before) or next((a for a in after if a is not agent), None)
    elif _english_passive(s, t):
        if group.type in SUBJECT_ACTS:
            source = _nearest_before(s, before)  # "the heavy weapons of IS were moved out"
        else:
            target = _nearest_before(s, before)
    else:
        source = _nearest_before(s, before, t.first)
        if source is not None:
            partner = _coordinated(s, source, before)
            if partner is not None:
                source, target, reciprocal = partner, source, True
        elif t.pattern.form == "NOUN":
            source = next(
                (a for a in after if a.first - t.last <= 3 and s.preposition(a) in NOUN_AGENT), None
            )
        if source is None and s.arabic:
            # a verb first, or a masdar and its agent: اتهم الدولة الإسلامية قسد, انسحاب الدولة
            explicit = _explicit_target(s, after, group.target_words)
            # not an actor a preposition governs ("a safe road for the fighters", للمقاتلين),
            # but من: قصف صاروخي من الدولة الإسلامية
            source = next(
                (
                    a
                    for a in after
                    if a is not explicit and (s.preposition(a) not in _NOT_AGENT or _belongs(s, a))
                ),
                None,
            )
        if source is None:
            source = _pronoun_antecedent(s, t, first)
        if source is None and t.pattern.form == "NOUN":
            source = _main_subject(s, t, after, group.target_words)
    if target is None:
        target = _target(s, after, source, group.target_words)
    if target is None:
        rest = [a for a in usable if a.first > t.first and a is not source and not s.is_place_use(a)]
        target = rest[0] if rest else None
    if group.inverse:
        giver = next((a for a in after if s.preposition(a) in group.source_words), None)
        source, target = giver if giver is not None else target, source
    if source is not None and target is not None and _same_actor(source, target):
        target = None
    return Roles(source, target, reciprocal)


def _inside(a: Actor, t: TriggerMatch) -> bool:
    return any(a.first <= i <= a.last for i in t.indices)


def _place_after(s: Sentence, a: Actor, target_words: frozenset[str]) -> bool:
    """A country or city after a place preposition is a place, unless the trigger's group
    makes that word introduce its target (agree with Syria, sell to Turkey)."""
    if a.type != "GPE":
        return False
    prep = s.preposition(a)
    return s.is_place_use(a) and prep not in target_words and prep not in UNIVERSAL_TARGET


def _nearest_before(s: Sentence, before: list[Actor], trigger: int | None = None) -> Actor | None:
    """The subject: the nearest actor before the trigger that no preposition governs
    (in "Abu Yaqub, the Wali of Wilayat Homs, ordered" that is Abu Yaqub), else the nearest.
    A named actor beats a generic one that is not right before the verb: in "IS sent 34
    fighters to reinforce al-Tabqa" IS reinforces."""
    if not before:
        return None
    free = [a for a in before if s.preposition(a) not in _GOVERNING] or before
    best = free[-1]
    if best.type == "AGENT" and trigger is not None and not _adjacent(s, best, trigger):
        named = [a for a in free if a.type != "AGENT"]
        if named:
            return named[-1]
    return best


_BETWEEN_SUBJECT_AND_VERB = frozenset(
    {
        "have",
        "has",
        "had",
        "were",
        "was",
        "is",
        "are",
        "also",
        "reportedly",
        "allegedly",
        "then",
        "later",
        "again",
        "did",
        "قد",
        "وقد",
        "لقد",
    }
)


def _adjacent(s: Sentence, a: Actor, trigger: int) -> bool:
    return all(s.words[j].key in _BETWEEN_SUBJECT_AND_VERB for j in range(a.last + 1, trigger))


_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})


def _possessed(s: Sentence, a: Actor) -> bool:
    """ "pulled its tanks and artillery out": the source's own, not another side."""
    if a.type != "AGENT" or a.first == 0:
        return False
    before = s.words[a.first - 1].key
    if before in _POSSESSIVES:
        return True
    if before in AND:  # "its tanks and artillery"
        prev = next((b for b in s.actors if b.last == a.first - 2), None)
        return prev is not None and _possessed(s, prev)
    return False


def _belongs(s: Sentence, a: Actor) -> bool:
    """ "الآليات الثقيلة التابعة إلى الدولة الإسلامية": the weapons' owner (التابعة لـ, إلى)."""
    j = a.first - (0 if a.clitic else 1) - 1
    return j >= 0 and s.words[j].key in _BELONGING


_BELONGING = frozenset({"التابعه", "التابع", "التابعين", "التابعون", "تابعه", "تابع", "التابعتين"})
_NOT_AGENT = frozenset({"ل", "ب", "ك", "في", "علي", "الي", "مع", "عن", "ضد", "عند", "قرب", "مواجهه"})
_GOVERNING = frozenset(
    {
        "of",
        "in",
        "at",
        "near",
        "from",
        "to",
        "for",
        "with",
        "by",
        "on",
        "into",
        "against",
        "في",
        "من",
        "الي",
        "مع",
        "علي",
        "عن",
        "ب",
        "ل",
        "ك",
        "قرب",
        "عند",
        "ضد",
    }
)


def _coordinated(s: Sentence, subject: Actor, before: list[Actor]) -> Actor | None:
    """In "X and Y agreed" (X و Y), X: the two act together."""
    j = subject.first - 1
    while j >= 0 and s.words[j].key in ("the", "a", "an"):
        j -= 1
    joined = j >= 0 and s.words[j].key in AND
    if not joined and subject.clitic.startswith("و"):
        joined, j = True, subject.first
    if not joined:
        return None
    prev = [a for a in before if a.last < j]
    if prev and prev[-1].last >= j - 1:
        return prev[-1]
    return None


def _between(s: Sentence, t: TriggerMatch, usable: list[Actor]) -> tuple[Actor, Actor] | None:
    """ "between X and Y" / بين X و Y near the trigger."""
    for i in range(max(0, t.first - 6), min(len(s.words), t.last + 8)):
        if s.words[i].key in BETWEEN:
            x = next((a for a in usable if a.first in (i + 1, i + 2)), None)
            if x is None:
                continue
            y = next(
                (
                    a
                    for a in usable
                    if a.first > x.last
                    and a.first - x.last <= 3
                    and (
                        a.clitic.startswith("و")
                        or any(s.words[k].key in AND for k in range(x.last + 1, a.first))
                    )
                ),
                None,
            )
            if y is not None:
                return x, y
    return None


def _passive_agent(s: Sentence, t: TriggerMatch, after: list[Actor]) -> Actor | None:
    """The actor after "by" (a passive English verb only) or من قبل / على يد."""
    english_passive = _english_passive(s, t)
    for first, last in s.cue_spans.get("agent", ()):
        if first <= t.last:
            continue
        if s.words[first].key == "by" and not (english_passive or t.pattern.form == "NOUN"):
            continue
        if s.words[first].key == "by" and first - t.last > PASSIVE_AGENT_WORDS:
            continue  # "moved out of Tadmur ..., ahead of any advance by the army": not its agent
        agent = next((a for a in after if 0 < a.first - last <= 2), None)
        if agent is not None:
            return agent
    return None


def _english_passive(s: Sentence, t: TriggerMatch) -> bool:
    if t.pattern.form not in ("VBN", "VBD"):  # lemminflect lists "instructed" once, as VBD
        return False
    return any(
        s.words[j].key in PASSIVE_AUX and j not in s.named for j in range(max(0, t.first - 3), t.first)
    )


def _main_subject(
    s: Sentence, t: TriggerMatch, after: list[Actor], target_words: frozenset[str]
) -> Actor | None:
    """A noun in a phrase that opens the sentence takes the main clause's subject: "Under the
    understanding reached with the regime, IS will hand over Deir Hafer" (IS)."""
    comma = next(
        (i for i in range(t.last + 1, len(s.words)) if "," in s.text[s.words[i - 1].end : s.words[i].start]),
        None,
    )
    if comma is None or t.first > 4:
        return None
    explicit = _explicit_target(s, after, target_words)
    return next(
        (a for a in s.actors if a.first >= comma and a is not explicit and not s.is_place_use(a)), None
    )


def _pronoun_antecedent(s: Sentence, t: TriggerMatch, clause_first: int) -> Actor | None:
    """ "... that it had retaken": a pronoun right before the trigger stands for the last
    actor named before it."""
    for j in range(t.first - 1, max(clause_first - 1, t.first - 4), -1):
        if s.words[j].key in PRONOUNS:
            # the speaker may be meant: "the army announced that it had retaken Palmyra"
            prev = [a for a in s.actors if a.last < j and not s.is_place_use(a)]
            return prev[-1] if prev else None
    return None


def _explicit_target(s: Sentence, after: list[Actor], target_words: frozenset[str]) -> Actor | None:
    words = target_words | UNIVERSAL_TARGET
    return next((a for a in after if s.preposition(a) in words and not _belongs(s, a)), None)


def _target(
    s: Sentence, after: list[Actor], source: Actor | None, target_words: frozenset[str]
) -> Actor | None:
    rest = [
        a
        for a in after
        if a is not source and (source is None or a.first > source.last or a.last < source.first)
    ]
    if not rest:
        return None
    explicit = _explicit_target(s, rest, target_words)
    if explicit is not None:
        return explicit
    first = rest[0]
    if first.type == "AGENT":
        # "arrested 3 men ... for contacts with the SDF": the side they are held to serve
        for cue_first, cue_last in s.cue_spans.get("affiliation", ()):
            if cue_first > first.last:
                named = next((a for a in rest if a.type != "AGENT" and a.first > cue_last - 1), None)
                if named is not None:
                    return named
        named_after = next((a for a in rest[1:] if a.type != "AGENT"), None)
        if named_after is not None and s.preposition(named_after) in UNIVERSAL_TARGET:
            return named_after
    return first


def _same_actor(a: Actor, b: Actor) -> bool:
    return a is b or (a.key is not None and a.key == b.key)
