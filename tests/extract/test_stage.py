"""The extract stage through the command line: entities, entity, show, extract --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sleuth.case import Case
from sleuth.extract import stage
from sleuth.ingest import ingest
from tests.conftest import run_cli

LETTER = """SYNTHETIC TEST LETTER
Date: 12 March 2017
From the Diwan al-Rikaz to brother Abu Yusuf al-Mosuli, Wali of Wilayat al-Raqqa.
The Islamic State delivered crude oil from the Omar field to the regime at Homs.
Payment went through the Badia Trading Company. Call +963 944 123 456 or write to rikaz@example.org.
"""
RISALA = "بتاريخ ١٢ آذار ٢٠١٧ سلّم ديوان الركاز النفط إلى النظام النصيري في حمص بحضور أبو يوسف الموصلي."


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "letter.txt").write_text(LETTER, encoding="utf-8")
    (src / "risala.txt").write_text(RISALA, encoding="utf-8")
    case = tmp_path / "case"
    run_cli("init", str(case), check=True)
    run_cli("ingest", str(src), "--case", str(case), check=True)
    return case


def test_entities_lists_both_scripts_under_one_name(case_dir: Path) -> None:
    out = run_cli("entities", "--case", str(case_dir), "--json", check=True).stdout
    rows = {r["canonical"]: r for r in map(json.loads, out.splitlines())}
    rikaz = rows["Diwan al-Rikaz"]
    assert rikaz["type"] == "ORG" and rikaz["documents"] == 2
    assert {"Diwan al-Rikaz", "ديوان الركاز"} <= {a["text"] for a in rikaz["aliases"]}
    assert rows["Syrian government"]["documents"] == 2  # "the regime" (weak: a text about Syria)
    assert rows["Homs"]["documents"] == 2 and rows["Homs"]["first_seen"] == "2017-03-12"
    person = next(r for r in rows.values() if r["type"] == "PERSON")
    assert person["documents"] == 2 and {"Abu Yusuf al-Mosuli", "أبو يوسف الموصلي"} <= {
        a["text"] for a in person["aliases"]}
    assert rows["+963944123456"]["type"] == "PHONE"
    text = run_cli("entities", "--case", str(case_dir), "--type", "ORG", check=True).stdout
    assert "Diwan al-Rikaz / ديوان الركاز" in text and "PERSON" not in text


def test_entity_quotes_its_sentences_with_their_page(case_dir: Path) -> None:
    out = run_cli("entity", "ديوان الركاز", "--case", str(case_dir), check=True).stdout
    assert "«Diwan al-Rikaz»" in out and "«ديوان الركاز»" in out and " p.1: " in out
    assert "Most linked" in out
    missing = run_cli("entity", "Nobody", "--case", str(case_dir))
    assert missing.returncode == 2 and "No entity named" in missing.stderr


def test_show_lists_mentions_with_spans_and_entities(case_dir: Path) -> None:
    out = run_cli("show", "letter.txt", "--case", str(case_dir), check=True).stdout
    assert "--- mentions" in out and "-> #" in out and "Islamic State" in out
    assert "DATE     12 March 2017 = 2017-03-12" in out
    detail = json.loads(run_cli("show", "letter.txt", "--case", str(case_dir), "--json", check=True).stdout)
    page = detail["pages"][0]["text"]
    for m in detail["mentions"]:
        assert page[m["start"]:m["end"]] == m["text"]


def test_extract_json_carries_entities_with_spans_in_text(tmp_path: Path) -> None:
    path = tmp_path / "risala.txt"
    path.write_text(RISALA, encoding="utf-8")
    record = json.loads(run_cli("extract", str(path), "--json", check=True).stdout)
    by_text = {e["text"]: e for e in record["entities"]}
    assert by_text["ديوان الركاز"]["canonical"] == "Diwan al-Rikaz"
    assert by_text["النظام النصيري"]["canonical"] == "Syrian government"
    assert by_text["١٢ آذار ٢٠١٧"]["canonical"] == "2017-03-12"
    for e in record["entities"]:
        assert record["text"][e["start"]:e["end"]] == e["text"]


def test_a_document_that_breaks_the_extractor_is_recorded_and_the_rest_go_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text(LETTER, encoding="utf-8")
    (src / "bad.txt").write_text("poison pill " + RISALA, encoding="utf-8")
    real = stage.extract_document

    def flaky(pages, finder, doc_ref=""):  # type: ignore[no-untyped-def]
        if any("poison pill" in p for p in pages):
            raise ValueError("boom")
        return real(pages, finder, doc_ref)

    monkeypatch.setattr(stage, "extract_document", flaky)
    case = Case.init(tmp_path / "case")
    summary = ingest(case, [src], workers=1)
    assert summary.extract.failed == 1 and not summary.ok
    assert case.store.summary()["stages"]["extract"] == {"failed": 1, "ok": 1}
    (problem,) = [p for p in case.store.problems() if p["status"] == "extract failed"]
    assert problem["path"].endswith("bad.txt") and "boom" in problem["reason"]
    assert case.store.mentions.find_entities("Diwan al-Rikaz")


def test_a_case_gazetteer_file_is_used_and_re_extracts(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "note.txt").write_text("The Qasr al-Wazz committee met in Tabqa.", encoding="utf-8")
    case = Case.init(tmp_path / "case")
    ingest(case, [src], workers=1)
    assert not case.store.mentions.find_entities("Qasr al-Wazz committee")
    (case.root / "gazetteer").mkdir()
    (case.root / "gazetteer" / "mine.yaml").write_text(
        "actors:\n  - id: qasr-committee\n    name: Qasr al-Wazz Committee\n    name_ar: لجنة قصر الوز\n"
        "    country: [SY]\n    aliases:\n      en: [Qasr committee]\n", encoding="utf-8")
    summary = ingest(case, [src], workers=1)  # nothing new to read, but the gazetteer changed
    assert summary.extract.documents == 1
    found = case.store.mentions.find_entities("Qasr al-Wazz Committee")
    assert found and found[0]["entry"] == "qasr-committee"
