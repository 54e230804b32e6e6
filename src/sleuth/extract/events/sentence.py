"""One sentence made ready for coding: its words, clauses, actors, places and cues."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sleuth.extract.events.actors import Actor, Place, sentence_actors
from sleuth.extract.events.cues import cues
from sleuth.extract.events.words import is_arabic
from sleuth.extract.matcher import Word
from sleuth.extract.mention import Mention

# Punctuation that ends a clause (a comma does not: "Abu Yaqub, the Wali of Homs, ordered";
# nor does a line break inside a sentence: that is a wrapped line).
STRONG_BREAKS = frozenset(";:؛—–()[]|")
# Prepositions after which a country or city is a place, not an actor ("in Syria").
PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "toward",
        "towards",
        "across",
        "around",
        "outside",
        "inside",
        "within",
        "throughout",
        "through",
        "via",
        "over",
        "out",
        "for",
        "of",
        "between",
        "في",
        "قرب",
        "من",
        "الي",
        "عند",
        "باتجاه",
        "نحو",
        "داخل",
        "خارج",
        "حول",
        "عبر",
        "بين",
        "ب",
        "ل",
        "ك",
        "منطقه",
        "مدينه",
        "بلده",
        "ريف",
        "محافظه",
    }
)
PRONOUNS = frozenset(
    {"it", "they", "he", "she", "who", "which", "its", "their", "هو", "هي", "هم", "الذي", "التي"}
)


@dataclass
class Sentence:
    """A sentence of a page: `words` are its words (spans in the page's text)."""

    text: str  # the whole page
    start: int
    end: int
    words: list[Word]
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)  # word indices that start a new clause
    cue_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    reporters: set[int] = field(default_factory=set)  # indices in `actors`
    named: set[int] = field(default_factory=set)  # word indices inside a name ("IS" is no "is")
    speech_at: dict[int, int] = field(default_factory=dict)  # actor index -> its speech verb
    arabic: bool = False

    @classmethod
    def build(
        cls,
        text: str,
        start: int,
        end: int,
        words: list[Word],
        mentions: Sequence[tuple[Mention, str | None]],
        countries: Callable[[str], bool] | None = None,
    ) -> Sentence:
        """Words, clause breaks, actors and cues of text[start:end]."""
        s = cls(text, start, end, words)
        s.actors, s.places = sentence_actors(text, words, mentions, countries)
        s.named = {i for a in s.actors if a.type != "AGENT" for i in range(a.first, a.last + 1)}
        s.breaks = [
            i
            for i in range(1, len(words))
            if any(ch in STRONG_BREAKS for ch in text[words[i - 1].end : words[i].start])
        ]
        all_cues = cues()
        s.cue_spans = {kind: cue.find(words) for kind, cue in all_cues.items()}
        s.arabic = sum(1 for w in words if is_arabic(w.key)) * 2 > len(words)
        s._mark_reporters()
        return s

    def clause(self, i: int) -> tuple[int, int]:
        """[first, end) word indices of the clause word i stands in."""
        first, end = 0, len(self.words)
        for b in self.breaks:
            if b <= i:
                first = b
            else:
                end = b
                break
        return first, end

    def cue_before(self, kind: str, i: int, within: int, floor: int = 0) -> bool:
        """A cue of `kind` ends in the `within` words before word i (not before `floor`)."""
        return any(i - within <= last < i and first >= floor for first, last in self.cue_spans.get(kind, ()))

    def cue_at(self, kind: str, i: int) -> tuple[int, int] | None:
        """The cue of `kind` that starts at word i."""
        return next(((f, last) for f, last in self.cue_spans.get(kind, ()) if f == i), None)

    def preposition(self, actor: Actor) -> str:
        """The word that governs an actor: a glued Arabic preposition (بالرقة), or the word
        before it, an article skipped."""
        clitic = actor.clitic.replace("ال", "")
        if clitic and clitic[-1] in "بلك":
            return clitic[-1]
        j = actor.first - 1
        while j >= 0 and self.words[j].key in ("the", "a", "an"):
            j -= 1
        return self.words[j].key if j >= 0 else ""

    def is_place_use(self, actor: Actor) -> bool:
        """A country or city used as a place ("in Syria", في الرقة), not as an actor."""
        return actor.type == "GPE" and self.preposition(actor) in PLACE_PREPOSITIONS

    def _mark_reporters(self) -> None:
        """Actors that only report: "..., police said", "according to X", حسب X."""
        speech = {first for first, _ in self.cue_spans.get("speech", ())}
        hearsay_ends = {last for _, last in self.cue_spans.get("hearsay", ())}
        for n, a in enumerate(self.actors):
            nxt = a.last + 1
            while nxt < len(self.words) and self.words[nxt].key in ("here", "on", "officials", "sources"):
                nxt += 1
            if nxt in speech or (a.first - 1) in hearsay_ends or (a.first - 2) in hearsay_ends:
                self.reporters.add(n)
                if nxt in speech:
                    self.speech_at[n] = nxt
