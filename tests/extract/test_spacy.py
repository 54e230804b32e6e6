"""The spaCy plug-in, with a tiny pipeline the test builds (no model is downloaded)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sleuth.case import Case
from sleuth.errors import SleuthError
from sleuth.extract.stage import build_finder
from sleuth.ingest import ingest
from sleuth.settings import load_settings
from tests.conftest import run_cli

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Nahr Dahab Brokers"},
                        {"label": "PERSON", "pattern": "Husam Qatirji"},
                        {"label": "WORK_OF_ART", "pattern": "Raqqa"}])
    path = tmp_path_factory.mktemp("spacy") / "tiny"
    nlp.to_disk(path)
    return path


TEXT = "Husam Qatirji of the Nahr Dahab Brokers bought oil in Raqqa from the Islamic State."


def test_the_pipelines_entities_join_the_gazetteers(pipeline: Path) -> None:
    finder = build_finder(load_settings(overrides={"spacy_pipeline": str(pipeline)}))
    found = {(m.text, m.type, m.source) for m in finder.find(TEXT)}
    assert ("Nahr Dahab Brokers", "ORG", "spacy") in found
    assert ("Islamic State", "ORG", "gazetteer") in found
    assert ("Raqqa", "GPE", "gazetteer") in found  # a label Sleuth has no type for is left out
    without = {m.text for m in build_finder(load_settings()).find(TEXT)}
    assert "Nahr Dahab Brokers" not in without


def test_a_case_setting_turns_it_on_and_re_extracts(pipeline: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "note.txt").write_text(TEXT, encoding="utf-8")
    case = Case.init(tmp_path / "case")
    ingest(case, [src], workers=1)
    assert not case.store.mentions.find_entities("Nahr Dahab Brokers")
    (case.root / "sleuth.toml").write_text(f'spacy_pipeline = "{pipeline}"\n', encoding="utf-8")
    case = Case.open(case.root)
    assert ingest(case, [src], workers=1).extract.documents == 1
    assert case.store.mentions.find_entities("Nahr Dahab Brokers")[0]["type"] == "ORG"
    out = run_cli("extract", str(src / "note.txt"), "--json", env={"SLEUTH_SPACY_PIPELINE": str(pipeline)},
                  check=True).stdout
    assert any(e["source"] == "spacy" for e in json.loads(out)["entities"])


def test_a_missing_pipeline_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(SleuthError, match="cannot be loaded"):
        build_finder(load_settings(overrides={"spacy_pipeline": str(tmp_path / "nope")}))
