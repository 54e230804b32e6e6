"""Source and target from a dependency parse, where the case has a parser.

No parser ships with Sleuth (models cannot be downloaded at run time). When the spaCy
pipeline named in the `spacy_pipeline` setting has a `parser`, its parse decides the roles
of English sentences it can read: the trigger's subject is the source (its passive subject
the target, the object of its "by"-agent the source), its object or the object of a target
preposition ("against", "with", "to") the target. The rules of `roles.py` fill what the
parse leaves open. "The army that Turkey supports attacked the rebels": the rules take the
nearest actor before the verb (Turkey); the parse knows the army is its subject.
"""

from __future__ import annotations

from typing import Any

from sleuth.extract.events.actors import Actor
from sleuth.extract.events.lexicon import TriggerMatch
from sleuth.extract.events.roles import UNIVERSAL_TARGET, Roles
from sleuth.extract.events.sentence import Sentence

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "nsubj:pass"})
OBJECTS = frozenset({"dobj", "obj", "iobj"})


class DependencyRoles:
    """Roles from a loaded spaCy pipeline with a parser."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self._last: tuple[int, int, int, Any] | None = None  # the sentence parsed last

    @classmethod
    def from_pipeline(cls, name: str) -> DependencyRoles | None:
        """The parser of the named pipeline, or None when it has none."""
        from sleuth.extract.spacy_ner import _load

        nlp = _load(name)
        return cls(nlp) if "parser" in nlp.pipe_names else None

    def roles(self, s: Sentence, t: TriggerMatch) -> Roles | None:
        """What the parse says of the trigger's source and target (None when it says nothing)."""
        if s.arabic:
            return None
        doc = self._parse(s)
        head = next(
            (
                tok
                for tok in doc
                if tok.idx + s.start <= s.words[t.first].start < tok.idx + s.start + len(tok)
            ),
            None,
        )
        if head is None:
            return None
        targets = t.pattern.group.target_words | UNIVERSAL_TARGET
        source = target = None
        for child in head.children:
            dep = child.dep_
            if dep in SUBJECTS and source is None:
                source = self._actor(s, child)
            elif dep in PASSIVE_SUBJECTS and target is None:
                target = self._actor(s, child)
            elif dep == "agent":
                source = next((self._actor(s, g) for g in child.children if g.dep_ == "pobj"), None) or source
            elif dep in OBJECTS and target is None:
                target = self._actor(s, child)
            elif dep == "prep" and child.lower_ in targets and target is None:
                target = next((self._actor(s, g) for g in child.children if g.dep_ == "pobj"), None)
        if source is None and target is None:
            return None
        return Roles(source, target, False)

    def _parse(self, s: Sentence) -> Any:
        key = (id(s.text), s.start, s.end)
        if self._last is not None and self._last[:3] == key:
            return self._last[3]
        doc = self.nlp(s.text[s.start : s.end])
        self._last = (*key, doc)
        return doc

    @staticmethod
    def _actor(s: Sentence, token: Any) -> Actor | None:
        """The actor the token's phrase names (the head word's own actor first)."""
        start = s.start + token.idx
        own = next((a for a in s.actors if a.start <= start < a.end), None)
        if own is not None:
            return own
        left = s.start + min(t.idx for t in token.subtree)
        right = s.start + max(t.idx + len(t) for t in token.subtree)
        inside = [a for a in s.actors if left <= a.start and a.end <= right]
        return inside[0] if inside else None
