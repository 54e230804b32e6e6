"""`EventCoder`: the PLOVER events of a page, each with its evidence.

For every sentence: find the triggers (`lexicon`), the actors (`actors`), then per trigger
the source and target (`roles`), the modality, the place and the date. An event whose
trigger stands in another's complement ("ordered X to withdraw", "refused to negotiate")
takes the modality that trigger gives it (planned, negated, reported).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sleuth.extract.events.actors import Actor, Place, actor_key
from sleuth.extract.events.lexicon import Lexicon, TriggerMatch, load_lexicon
from sleuth.extract.events.parse import DependencyRoles
from sleuth.extract.events.roles import Roles, assign_roles
from sleuth.extract.events.sentence import Sentence
from sleuth.extract.events.triggers import (
    absorb_nouns,
    choose,
    coordinated,
    in_label,
    line_of,
    named_terms_only,
    phrase_parts,
)
from sleuth.extract.events.vocabulary import COOPERATION, quad_class
from sleuth.extract.gazetteer import Gazetteer
from sleuth.extract.matcher import text_words
from sleuth.extract.mention import Mention
from sleuth.text.sentences import prose_sentence_spans

# How far (in words) a trigger's complement reaches: "ordered Abu Hudhayfa to withdraw".
COMPLEMENT_WORDS = 20
NEGATION_WINDOW = 3
FUTURE_WINDOW = 3
MAX_SENTENCE_WORDS = 120
# Seizing ground and expelling the other side are the outcome of a fight the sentence codes.
OUTCOME_MODES = frozenset({"seize", "deport", "expel"})
# A meeting needs two sides: "went to Raqqa" (توجه إلى) is no visit to anyone.
ONE_SIDE_NOT_ENOUGH = frozenset({"CONSULT"})


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """One event as a sentence tells it."""

    type: str
    mode: str
    quad_class: str
    modality: str  # asserted, negated, planned, hypothetical, reported
    source: Actor | None
    target: Actor | None
    place: Place | None
    date: str | None  # ISO, possibly partial (2016-03)
    date_from: str  # "sentence", "document" or ""
    trigger: tuple[int, int]  # character span in the page
    trigger_text: str
    sentence: tuple[int, int]
    sentence_text: str
    reciprocal: bool
    arranged: bool  # the sentence says it was done by arrangement ("as agreed", دون قتال)

    @property
    def counted(self) -> bool:
        """Asserted events count in timelines and collusion; the others are kept, marked."""
        return self.modality == "asserted"


class EventCoder:
    """Codes sentences with one lexicon (built once, reused for every document)."""

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        gazetteer: Gazetteer | None = None,
        parser: DependencyRoles | None = None,
    ) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.gazetteer = gazetteer
        self.parser = parser  # a dependency parse where the case has one (events/parse.py)

    @classmethod
    def for_case(
        cls, case_dir: Path | None, gazetteer: Gazetteer | None = None, spacy_pipeline: str = ""
    ) -> EventCoder:
        """The coder with the shipped dictionary and the case's own `events/*.yaml`, and the
        parser of the case's spaCy pipeline if it has one."""
        parser = DependencyRoles.from_pipeline(spacy_pipeline) if spacy_pipeline else None
        return cls(load_lexicon(case_dir), gazetteer, parser)

    def is_country(self, entry_id: str) -> bool:
        """Whether a gazetteer entry is a country (a country can act; a town cannot)."""
        entry = self.gazetteer.get(entry_id) if self.gazetteer is not None else None
        return entry is not None and entry.kind == "country"

    def code_page(
        self,
        text: str,
        mentions: Sequence[tuple[Mention, str | None]],
        document_date: str | None = None,
        furniture: Collection[str] = (),
    ) -> list[CodedEvent]:
        """Every event on one page. `mentions` are the page's mentions with their match keys;
        `document_date` (ISO) dates events whose sentence has no date; sentences on a line
        of `furniture` (a web page's menus and "most read" boxes) are not coded."""
        words = text_words(text)
        skip = {" ".join(line.split()) for line in furniture}
        out: list[CodedEvent] = []
        w = 0
        ordered = sorted(mentions, key=lambda mk: mk[0].start)
        m = 0
        for start, end in prose_sentence_spans(text):
            while w < len(words) and words[w].end <= start:
                w += 1
            first = w
            while w < len(words) and words[w].start < end:
                w += 1
            sentence_words = words[first:w][:MAX_SENTENCE_WORDS]
            if not sentence_words or (skip and line_of(text, start, end) in skip):
                continue
            triggers = self.lexicon.find(sentence_words)
            if not triggers:
                continue
            while m < len(ordered) and ordered[m][0].end <= start:
                m += 1
            inside = [mk for mk in ordered[m:] if mk[0].start < end]
            s = Sentence.build(text, start, end, sentence_words, inside, self.is_country)
            # an English gap may hold the object ("charged the Sahwat with") but not a place:
            # "withdrew from Maskanah under the agreement" is no withdrawal from it
            places = frozenset(i for p in s.places for i in range(p.first, p.last + 1))
            if any(j in places and j not in t.indices for t in triggers for j in range(t.first, t.last + 1)):
                triggers = self.lexicon.find(sentence_words, no_gap=places)  # only then: rare
            if triggers:
                out += self._code_sentence(s, triggers, inside, document_date)
        return out

    def _code_sentence(
        self,
        s: Sentence,
        triggers: list[TriggerMatch],
        mentions: Sequence[tuple[Mention, str | None]],
        document_date: str | None,
    ) -> list[CodedEvent]:
        taken = {i for a in s.actors if a.type != "AGENT" for i in range(a.first, a.last + 1)}
        taken |= {i for p in s.places for i in range(p.first, p.last + 1)}
        triggers = [t for t in triggers if taken.isdisjoint(t.indices)]  # "Popular Mobilization Forces"
        # "as agreed", وفق الاتفاق: a mark of arrangement, not a new agreement
        arranged_words = {i for f, last in s.cue_spans.get("arranged", ()) for i in range(f, last + 1)}
        blocked = {i for f, last in s.cue_spans.get("blocked", ()) for i in range(f, last + 1)}
        triggers = [t for t in triggers if t.first not in arranged_words and blocked.isdisjoint(t.indices)]
        triggers = [c for c in (choose(s, t) for t in triggers) if c is not None]
        triggers = [t for t in triggers if not named_terms_only(s, t) and not in_label(s, t)]
        triggers = absorb_nouns(s, triggers)
        dates = [(mk[0].start, mk[0].value) for mk in mentions if mk[0].type == "DATE" and mk[0].value]
        terms = s.cue_spans.get("terms", [])
        arranged = bool(s.cue_spans.get("arranged")) or bool(terms)
        exchange = bool(s.cue_spans.get("exchange"))
        events: list[CodedEvent] = []
        governed = self._governed(s, triggers)
        roles = [self._roles(s, t) for t in triggers]
        for n, t in enumerate(triggers):
            group = t.pattern.group
            role = roles[n]
            outer, complement = governed.get(n, (None, ""))
            if any(last < t.first for _, last in terms):
                complement = complement or "planned"  # the terms of an agreement
            if outer is not None and triggers[outer].pattern.group.type == "REQUEST":
                # "ordered X to withdraw": X is the one to withdraw
                asked = roles[outer].target
                if asked is not None and (role.source is None or role.source == roles[outer].source):
                    role = Roles(asked, role.target if role.target != asked else None, role.reciprocal)
            if role.source is None and role.target is None:
                continue
            if group.needs_place and role.source is None:
                continue
            if (role.source is None or role.target is None) and (
                group.type in ONE_SIDE_NOT_ENOUGH or (group.reciprocal and group.type == "COOPERATE")
            ):
                continue  # "coordination with the brothers", a meeting with nobody named
            if role.source is None and (t.pattern.form == "NOUN" or _nominal(s, t)):
                continue  # "Fighting around al-Mayadeen has displaced families": nobody acts
            start, end = s.words[t.first].start, s.words[t.last].end
            trigger_text = " … ".join(phrase_parts(s, t))
            date, date_from = _date_near(dates, start, document_date)
            events.append(
                CodedEvent(
                    type=group.type,
                    mode=group.mode,
                    quad_class=quad_class(group.type),
                    modality=self._modality(s, t, complement),
                    source=role.source,
                    target=role.target,
                    place=_place_near(s, t, role),
                    date=date,
                    date_from=date_from,
                    trigger=(start, end),
                    trigger_text=trigger_text,
                    sentence=(s.start, s.end),
                    sentence_text=s.text[s.start : s.end],
                    reciprocal=role.reciprocal or (exchange and group.type == "COOPERATE"),
                    arranged=arranged,
                )
            )
            intent = _intent(s, t, events[-1], complement)
            if intent is not None:
                events.append(intent)
        return _tidy(events)

    def _roles(self, s: Sentence, t: TriggerMatch) -> Roles:
        """The rules' roles, the parse's where it has one."""
        ruled = assign_roles(s, t)
        parsed = self.parser.roles(s, t) if self.parser is not None else None
        if parsed is None:
            return ruled
        source = parsed.source or ruled.source
        target = parsed.target or (ruled.target if ruled.target is not source else None)
        if t.pattern.group.inverse and parsed.source is not None:
            source, target = target, source
        return Roles(source, target if target is not source else None, ruled.reciprocal)

    def _governed(self, s: Sentence, triggers: list[TriggerMatch]) -> dict[int, tuple[int, str]]:
        """Triggers in another trigger's complement: the governing trigger and the modality
        it gives."""
        out: dict[int, tuple[int, str]] = {}
        for n, t in enumerate(triggers):
            complement = t.pattern.group.complement
            if not complement:
                continue
            _, end = s.clause(t.first)
            # a colon opens what was proposed or ordered: "accepted the proposal: Maskanah to
            # be emptied before the army moves in"
            while end < len(s.words) and ":" in s.text[s.words[end - 1].end : s.words[end].start]:
                _, end = s.clause(end)
            for k in range(n + 1, len(triggers)):
                u = triggers[k]
                if u.first >= end or u.first - t.last > COMPLEMENT_WORDS or coordinated(s, u):
                    break
                out.setdefault(k, (n, complement))
        return out

    def _modality(self, s: Sentence, t: TriggerMatch, governed: str) -> str:
        first, _ = s.clause(t.first)
        if _question(s):
            return "hypothetical"  # "Does Daesh sell oil to the regime?" asks, it does not tell
        if s.cue_before("negation", t.first, NEGATION_WINDOW, first) or governed == "negated":
            return "negated"
        if any(first <= f < t.first for f, _ in s.cue_spans.get("condition", ())) or s.cue_before(
            "modal", t.first, FUTURE_WINDOW, first
        ):
            return "hypothetical"
        if t.future or s.cue_before("future", t.first, FUTURE_WINDOW, first) or governed == "planned":
            return "planned"
        if governed == "reported" or _hearsay(s):
            return "reported"
        return "asserted"


# Words before a verb form that make it a noun: "fierce battles", "days of clashes".
_NOUN_BEFORE = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "fierce",
        "heavy",
        "violent",
        "intense",
        "several",
        "new",
        "many",
        "these",
        "those",
        "their",
        "its",
        "his",
        "her",
        "renewed",
        "deadly",
        "bloody",
    }
)


def _nominal(s: Sentence, t: TriggerMatch) -> bool:
    """A verb form used as a noun: "Fighting around Tadmor has displaced ...", "There were
    fierce battles"."""
    if t.pattern.form == "VBG" and t.first == 0:
        return True
    return t.pattern.form in ("VB", "VBZ") and t.first > 0 and s.words[t.first - 1].key in _NOUN_BEFORE


def _intent(s: Sentence, t: TriggerMatch, e: CodedEvent, complement: str) -> CodedEvent | None:
    """PLOVER codes an announced intention as an event of its own: "Israel will evacuate
    the settlements" is an AGREE (intent to yield) by Israel, "X will strike" a THREATEN.
    The planned event stays, marked planned; the intention is asserted. Not for events in
    another trigger's complement or an agreement's terms (those have their event already)."""
    if e.modality != "planned" or complement or e.source is None:
        return None
    first, _ = s.clause(t.first)
    if not (t.future or s.cue_before("future", t.first, FUTURE_WINDOW, first)):
        return None
    kind = "AGREE" if e.quad_class in COOPERATION else "THREATEN"
    return replace(e, type=kind, mode="intent", quad_class=quad_class(kind), modality="asserted")


def _question(s: Sentence) -> bool:
    text = s.text[s.start : s.end].rstrip(" \"'”»)")
    opener = s.words[0].key if s.words and 0 not in s.named else ""
    return text.endswith(("?", "؟")) or opener in ("هل", "does", "did", "is", "was")


# Hearsay cues that need no source after them ("reportedly", "I keep hearing").
_HEARSAY_ALONE = frozenset(
    {
        "reportedly",
        "allegedly",
        "unconfirmed",
        "rumoured",
        "rumored",
        "keep",
        "i",
        "we",
        "heard",
        "word",
        "rumour",
        "rumor",
    }
)


def _hearsay(s: Sentence) -> bool:
    """The sentence rests on someone's word: "according to defectors", "reportedly"."""
    for first, last in s.cue_spans.get("hearsay", ()):
        if s.words[first].key in _HEARSAY_ALONE:
            return True
        # the source right after the cue: "according to defectors", حسب مصادر, "according to
        # the SDF" (not "according to the agreement", وفق الاتفاق مع ...)
        nxt = last + 1
        while nxt < len(s.words) and s.words[nxt].key in ("the", "some", "several", "local", "ل", "a"):
            nxt += 1
        if s.cue_at("sources", nxt):
            return True
        if any(a.first == nxt and a.type in ("PERSON", "ORG", "NORP", "AGENT") for a in s.actors):
            return True
    return False


def _date_near(
    dates: Sequence[tuple[int, str | None]], at: int, document_date: str | None
) -> tuple[str | None, str]:
    """The date nearest the trigger in its sentence, full dates first; else the document's."""
    if dates:
        full = [d for d in dates if d[1] and len(d[1]) == 10] or dates
        best = min(full, key=lambda d: abs(d[0] - at))
        return best[1], "sentence"
    if document_date:
        return document_date, "document"
    return None, ""


def _place_near(s: Sentence, t: TriggerMatch, roles: Roles) -> Place | None:
    """The place of the event: the nearest named place after the trigger, else before it
    (a country that is an actor of the event is not its place)."""
    actor_keys = {a.key for a in (roles.source, roles.target) if a is not None}
    places = [p for p in s.places if p.key is None or p.key not in actor_keys]
    after = [p for p in places if p.first > t.last]
    if after:
        return after[0]
    before = [p for p in places if p.last < t.first]
    return before[-1] if before else None


def _tidy(events: list[CodedEvent]) -> list[CodedEvent]:
    """One event per (source, type, target) in a sentence; an event missing a side is
    dropped when the same sentence codes the same type with both sides and one in common
    ("delivered oil to the regime ... and received fertiliser in return")."""
    out: list[CodedEvent] = []
    seen: set[tuple[object, ...]] = set()
    fights = {
        (actor_key(e.source), actor_key(e.target))
        for e in events
        if e.type == "ASSAULT" and e.modality == "asserted"
    }
    for e in events:
        if (
            e.type == "COERCE"
            and e.mode in OUTCOME_MODES
            and any(
                src == actor_key(e.source) and (e.target is None or tgt == actor_key(e.target))
                for src, tgt in fights
            )
        ):
            continue  # "captured the town and expelled IS after heavy fighting": one assault
        key = (e.type, actor_key(e.source), actor_key(e.target), e.modality)
        if key in seen:
            continue
        if (e.source is None or e.target is None) and any(
            o.type == e.type
            and o.source is not None
            and o.target is not None
            and ({actor_key(e.source), actor_key(e.target)} - {None})
            <= {actor_key(o.source), actor_key(o.target)}
            for o in events
        ):
            continue
        seen.add(key)
        out.append(e)
    return out
