"""`sleuth events`, `timeline` and `collusion` on a small case written for the purpose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sleuth.cli import main
from tests.letters import letters_case

LETTERS = {
    "a.txt": "On 10 January 2016 the Islamic State attacked the Syrian Arab Army near Deir ez-Zor.",
    "b.txt": "On 20 January 2016 the Syrian Arab Army shelled the Islamic State in Raqqa.",
    "c.txt": "On 2 February 2016 regime aircraft bombed the Islamic State in al-Mayadin, killing 12.",
    "d.txt": "On 1 March 2016 the Islamic State and the Syrian government agreed on the evacuation of "
    "Palmyra.",
    "e.txt": "On 5 March 2016 the Islamic State withdrew its heavy weapons from Palmyra as agreed with the "
    "regime army.",
    # a re-typed copy of e.txt: the same source, not a second one
    "e_copy.txt": "On 5 March 2016 the Islamic State withdrew its heavy weapons from Palmyra, as agreed with "
    "the regime army.",
    "f.txt": "On 27 March 2016 the Syrian Arab Army entered Palmyra.",
    "g.txt": "بتاريخ 15 شباط 2016 هاجم تنظيم داعش مواقع الجيش السوري قرب تدمر.",
    "h.txt": "The Islamic State denied on 6 March 2016 that it had withdrawn from Palmyra.",
}


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("events")
    letters_case(root, LETTERS)
    return root / "case"


def run(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_events_lists_who_did_what_to_whom_with_evidence(case_dir: Path) -> None:
    events = run("events", "--case", str(case_dir))
    retreat = [e for e in events if e["type"] == "RETREAT"]
    assert len(retreat) == 1, retreat  # told in two copies, one event
    r = retreat[0]
    assert (r["source"], r["target"], r["location"], r["date"]) == (
        "Islamic State",
        "Syrian Arab Army",
        "Palmyra",
        "2016-03-05",
    )
    assert r["arranged"] and len(r["evidence"]) == 2 and r["independent_sources"] == 1
    assert all(ev["page"] == 1 and "withdrew" in ev["sentence"] for ev in r["evidence"])
    assert {e["type"] for e in events} >= {"ASSAULT", "AGREE", "RETREAT", "COERCE"}


def test_events_filters_by_actor_in_any_script_type_and_date(case_dir: Path) -> None:
    by_arabic = run("events", "--case", str(case_dir), "--actor", "داعش", "--type", "ASSAULT")
    assert len(by_arabic) == 4 and all(e["type"] == "ASSAULT" for e in by_arabic)
    since = run(
        "events", "--case", str(case_dir), "--actor", "Daesh", "--from", "2016-02-10", "--to", "2016-03"
    )
    assert [e["date"] for e in since] == sorted(e["date"] for e in since)
    assert all("2016-02-10" <= e["date"] < "2016-04" for e in since) and since


def test_a_denied_withdrawal_is_kept_marked_and_left_out_by_default(case_dir: Path) -> None:
    asserted = run("events", "--case", str(case_dir), "--type", "RETREAT")
    everything = run("events", "--case", str(case_dir), "--type", "RETREAT", "--all")
    negated = [e for e in everything if e["modality"] == "negated"]
    assert len(asserted) == 1 and negated and negated[0]["date"] == "2016-03-06"


def test_timeline_puts_cooperation_and_conflict_side_by_side(case_dir: Path) -> None:
    months = run(
        "timeline", "--case", str(case_dir), "--actor", "Islamic State", "--actor", "Syrian government"
    )
    by_month = {m["month"]: (len(m["cooperation"]), len(m["conflict"])) for m in months}
    assert by_month["2016-01"] == (0, 2)
    assert by_month["2016-02"][1] == 2
    assert by_month["2016-03"][0] >= 2  # the agreement and the withdrawal
    march = run(
        "timeline",
        "--case",
        str(case_dir),
        "--actor",
        "Islamic State",
        "--from",
        "2016-02",
        "--to",
        "2016-03",
    )
    assert [m["month"] for m in march] == ["2016-02", "2016-03"]


def test_collusion_finds_the_enemies_deal_and_the_handover(case_dir: Path) -> None:
    found = run("collusion", "--case", str(case_dir))
    assert len(found) == 1
    c = found[0]
    assert set(c["actors"]) == {"Islamic State", "Syrian government"}
    assert c["material_conflict_events"] >= 4 and not c["declared"]
    assert {e["type"] for e in c["cooperation"]} == {"AGREE", "RETREAT"}
    (handover,) = c["handovers"]
    assert handover["place"] == "Palmyra" and handover["days"] == 22
    text = CliRunner().invoke(main, ["collusion", "--case", str(case_dir)]).output
    assert "Islamic State <-> Syrian government: enemies (" in text and "handover of Palmyra" in text
    assert "DOC " in text and " p.1" in text


def test_an_analyst_can_declare_enemies(case_dir: Path, tmp_path: Path) -> None:
    toml = case_dir / "sleuth.toml"
    before = toml.read_text(encoding="utf-8") if toml.exists() else None
    try:
        toml.write_text("enemy_min_conflict = 50\n", encoding="utf-8")
        assert run("collusion", "--case", str(case_dir)) == []
        toml.write_text('enemy_min_conflict = 50\nenemies = [["داعش", "Syrian regime"]]\n', encoding="utf-8")
        (c,) = run("collusion", "--case", str(case_dir))
        assert c["declared"]
        toml.write_text('enemies = [["Nobody Known", "Syrian regime"]]\n', encoding="utf-8")
        result = CliRunner().invoke(main, ["collusion", "--case", str(case_dir)])
        assert result.exit_code == 2 and "The setting 'enemies' names 'Nobody Known'" in result.output
    finally:
        if before is None:
            toml.unlink()
        else:
            toml.write_text(before, encoding="utf-8")


def test_show_and_extract_give_the_events(case_dir: Path) -> None:
    (shown,) = run("show", str(case_dir.parent / "src" / "e.txt"), "--case", str(case_dir))
    (event,) = shown["events"]
    assert (event["type"], event["source"], event["target"], event["location"]) == (
        "RETREAT",
        "Islamic State",
        "Syrian Arab Army",
        "Palmyra",
    )
    page = shown["pages"][0]["text"]
    assert page[event["span"][0] : event["span"][1]] == event["sentence"]
    src = case_dir.parent / "src" / "d.txt"
    (record,) = run("extract", str(src))
    agree = [e for e in record["events"] if e["type"] == "AGREE"]
    assert agree and {agree[0]["source"], agree[0]["target"]} == {"Islamic State", "Syrian government"}
    ev = agree[0]["evidence"]
    assert record["text"][ev["start"] : ev["end"]] == ev["sentence"]
