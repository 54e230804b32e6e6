"""The optional spaCy plug-in: a pipeline's named entities join the gazetteer's and the rules'.

Set `spacy_pipeline` (case setting, `SLEUTH_SPACY_PIPELINE`) to an installed pipeline's name
or a folder written by `nlp.to_disk`. Its entities become mentions with source `spacy`,
ranked below the curated gazetteer and above the rules where they overlap. Labels are
mapped to Sleuth's types (PER/PERSON, ORG, GPE, LOC, FAC → FACILITY, NORP); others are
left out. Nothing is downloaded: the pipeline must already be on the machine.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sleuth.errors import SleuthError
from sleuth.extract.mention import Mention

LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FACILITY",
          "FACILITY": "FACILITY", "NORP": "NORP"}
SCORE = 0.75


class SpacyNer:
    """A loaded spaCy pipeline, called on one text at a time."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.nlp = _load(name)

    def __call__(self, text: str) -> list[Mention]:
        """The pipeline's entities in `text`, as mentions."""
        doc = self.nlp(text)
        return [Mention(ent.start_char, ent.end_char, ent.text, LABELS[ent.label_], "spacy", score=SCORE)
                for ent in doc.ents if ent.label_ in LABELS and ent.text.strip()]


@lru_cache(maxsize=2)
def _load(name: str) -> Any:
    try:
        import spacy
    except ImportError as exc:
        raise SleuthError(f"The setting spacy_pipeline is {name!r}, but spaCy is not installed.\n\n"
                          "Install it with: pip install 'sleuth[nlp]'\n"
                          "or clear the setting in the case's sleuth.toml.") from exc
    try:
        return spacy.load(name)
    except (OSError, ValueError) as exc:
        raise SleuthError(f"The spaCy pipeline {name!r} cannot be loaded: {exc}\n\n"
                          "Give an installed pipeline's name or a folder written by nlp.to_disk "
                          "(nothing is downloaded).") from exc
