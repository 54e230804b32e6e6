"""Roles from a dependency parse when the case's spaCy pipeline has a parser.

No parser model ships or is downloaded, so the test trains a tiny one on the sentence it
then reads: enough to show the parse is used where the rules would go wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from sleuth.extract.events import EventCoder  # noqa: E402
from sleuth.extract.events.parse import DependencyRoles  # noqa: E402
from sleuth.extract.finder import MentionFinder  # noqa: E402
from sleuth.extract.gazetteer import load_gazetteer  # noqa: E402
from sleuth.extract.stage import code_document, extract_document  # noqa: E402

TEXT = "The army that Turkey supports attacked the rebels."
HEADS = [1, 5, 4, 4, 1, 5, 7, 5, 5]
DEPS = ["det", "nsubj", "dobj", "nsubj", "relcl", "ROOT", "det", "dobj", "punct"]


@pytest.fixture(scope="module")
def parser_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from spacy.training import Example

    nlp = spacy.blank("en")
    parser = nlp.add_pipe("parser")
    for label in set(DEPS):
        parser.add_label(label)
    example = Example.from_dict(nlp.make_doc(TEXT), {"heads": HEADS, "deps": DEPS})
    optimizer = nlp.initialize(lambda: [example])
    for _ in range(60):
        nlp.update([example], sgd=optimizer)
    path = tmp_path_factory.mktemp("parser") / "pipeline"
    nlp.to_disk(path)
    return path


def sources(coder: EventCoder, finder: MentionFinder) -> set[str | None]:
    return {e.source.text if e.source else None
            for _, e in code_document(coder, [TEXT], extract_document([TEXT], finder)) if e.type == "ASSAULT"}


def test_the_parse_finds_the_subject_the_rules_miss(parser_pipeline: Path) -> None:
    finder = MentionFinder(load_gazetteer())
    rules_only = EventCoder(gazetteer=finder.gazetteer)
    assert sources(rules_only, finder) == {"Turkey"}  # the nearest actor before the verb
    parser = DependencyRoles.from_pipeline(str(parser_pipeline))
    assert parser is not None
    with_parse = EventCoder(gazetteer=finder.gazetteer, parser=parser)
    assert sources(with_parse, finder) == {"army"}


def test_a_pipeline_without_a_parser_gives_no_parse(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.to_disk(tmp_path / "blank")
    assert DependencyRoles.from_pipeline(str(tmp_path / "blank")) is None
