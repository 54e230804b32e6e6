"""Who did what to whom: PLOVER event coding of sentences in English and Arabic.

The coder works on a page's text and the mentions the entity layer found there:

- `vocabulary`: the 16 PLOVER types, their quad classes and how each treats a complement;
- `lexicon`: the trigger dictionaries (`extract/data/event_verbs.yaml`, extensible per case);
- `triggers`: which matches of a sentence are events;
- `actors`: who can act in a sentence (named entities, nationalities with agent nouns);
- `modality`: negated, planned, hypothetical and reported events;
- `roles`: source and target from the sentence's structure;
- `coder`: `EventCoder`, which puts these together, with place and date;
- `document`: decisions over a whole document ("the army" is the army it named).
"""

from sleuth.extract.events.coder import CodedEvent, EventCoder

__all__ = ["CodedEvent", "EventCoder"]
