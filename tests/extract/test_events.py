"""The event coder on sentences: types, roles, modality, place and date, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from sleuth.extract.events import CodedEvent, EventCoder
from sleuth.extract.events.lexicon import load_lexicon
from sleuth.extract.finder import MentionFinder
from sleuth.extract.gazetteer import load_gazetteer
from sleuth.extract.stage import code_document, extract_document


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return MentionFinder(load_gazetteer())


@pytest.fixture(scope="module")
def coder(finder: MentionFinder) -> EventCoder:
    return EventCoder(gazetteer=finder.gazetteer)


def code(text: str, finder: MentionFinder, coder: EventCoder) -> list[CodedEvent]:
    return [e for _, e in code_document(coder, [text], extract_document([text], finder))]


def triples(text: str, finder: MentionFinder, coder: EventCoder, modality: str = "asserted") -> set[tuple]:
    return {
        (e.source.text if e.source else None, e.type, e.target.text if e.target else None)
        for e in code(text, finder, coder)
        if e.modality == modality
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Turkish warplanes bombed Syrian soldiers near Afrin.",
            ("Turkish warplanes", "ASSAULT", "Syrian soldiers"),
        ),
        (
            "After heavy fighting, the YPG captured Tal Abyad from ISIL on 15 June 2015.",
            ("YPG", "ASSAULT", "ISIL"),
        ),
        (
            "The Syrian Arab Army announced on March 27, 2016 that it had retaken Palmyra from ISIS.",
            ("Syrian Arab Army", "COERCE", "ISIS"),
        ),
        (
            "Diwan al-Rikaz stopped the shipments to the al-Badia Trading Company.",
            ("Diwan al-Rikaz", "SANCTION", "al-Badia Trading Company"),
        ),
        (
            "Iran accused Saudi Arabia of funding the rebels, the foreign ministry said.",
            ("Iran", "ACCUSE", "Saudi Arabia"),
        ),
        ("اتهم الدولة الإسلامية قسد بالردة.", ("الدولة الإسلامية", "ACCUSE", "قسد")),
        (
            "قصف صاروخي من الدولة الإسلامية على مواقع جيش النظام في دير الزور.",
            ("الدولة الإسلامية", "ASSAULT", "جيش النظام"),
        ),
        ("أوقف ديوان الركاز التعامل مع شركة البادية.", ("ديوان الركاز", "SANCTION", "شركة البادية")),
    ],
)
def test_source_type_and_target(text: str, expected: tuple, finder: MentionFinder, coder: EventCoder) -> None:
    assert expected in triples(text, finder, coder)


def test_a_passive_takes_its_source_from_by(finder: MentionFinder, coder: EventCoder) -> None:
    text = "Abu Hudhayfa al-Deiri is instructed by Abu Yaqub al-Iraqi to withdraw the tanks from Palmyra."
    assert ("Abu Yaqub al-Iraqi", "REQUEST", "Abu Hudhayfa al-Deiri") in triples(text, finder, coder)


def test_an_order_makes_its_recipient_the_one_who_is_to_withdraw(
    finder: MentionFinder, coder: EventCoder
) -> None:
    text = "يأمر أبو يعقوب العراقي أبو حذيفة الديري بسحب جميع الأسلحة الثقيلة من تدمر."
    events = code(text, finder, coder)
    request = next(e for e in events if e.type == "REQUEST")
    retreat = next(e for e in events if e.type == "RETREAT")
    assert request.source and request.source.text == "أبو يعقوب العراقي"
    assert retreat.modality == "planned" and retreat.source and retreat.source.text == "أبو حذيفة الديري"


def test_two_sides_that_agree_are_partners(finder: MentionFinder, coder: EventCoder) -> None:
    events = code(
        "The Islamic State and the Nusayri regime agreed on 27 January 2015 to exchange oil for fertiliser.",
        finder,
        coder,
    )
    agree = next(e for e in events if e.type == "AGREE")
    assert agree.reciprocal and agree.source and agree.target
    assert {agree.source.text, agree.target.text} == {"Islamic State", "Nusayri regime"}
    assert agree.date == "2015-01-27" and agree.modality == "asserted"
    arabic = code("تم الاتفاق بين الدولة الإسلامية والنظام السوري على مبادلة النفط بالسماد.", finder, coder)
    assert any(
        e.type == "AGREE"
        and e.reciprocal
        and {e.source.text, e.target.text}  # type: ignore[union-attr]
        == {"الدولة الإسلامية", "النظام السوري"}
        for e in arabic
    )


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("The Islamic State did not withdraw from Palmyra.", "negated"),
        ("لم تنسحب الدولة الإسلامية من تدمر.", "negated"),
        ("The Islamic State will withdraw from Palmyra next week.", "planned"),
        ("ستنسحب الدولة الإسلامية من تدمر.", "planned"),
        ("If the army advances, the Islamic State could withdraw from Palmyra.", "hypothetical"),
        ("According to defectors, the Islamic State withdrew from Palmyra.", "reported"),
        ("The Islamic State withdrew from Palmyra.", "asserted"),
    ],
)
def test_modality(text: str, modality: str, finder: MentionFinder, coder: EventCoder) -> None:
    retreat = [e for e in code(text, finder, coder) if e.type == "RETREAT"]
    assert retreat and retreat[0].modality == modality, retreat


def test_an_arranged_withdrawal_is_marked_and_the_agreement_it_cites_is_no_new_event(
    finder: MentionFinder, coder: EventCoder
) -> None:
    events = code("أخلى عناصر دولة الخلافة مسكنة وفق الاتفاق مع جيش النظام وتوجهوا إلى الرقة.", finder, coder)
    assert [e.type for e in events] == ["RETREAT"]
    assert events[0].arranged and events[0].modality == "asserted"
    assert events[0].place and events[0].place.text == "مسكنة"


def test_hijri_dates_are_converted_and_undated_sentences_take_the_documents_date(
    finder: MentionFinder, coder: EventCoder
) -> None:
    events = code(
        "التاريخ: 2016/03/05\n"
        "اتهم الدولة الإسلامية قسد بالردة بتاريخ 6 ربيع الآخر 1437 هـ.\n"
        "هاجم الدولة الإسلامية مواقع قسد قرب الرقة.",
        finder,
        coder,
    )
    accuse = next(e for e in events if e.type == "ACCUSE")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert (accuse.date, accuse.date_from) == ("2016-01-16", "sentence")
    assert (assault.date, assault.date_from) == ("2016-03-05", "document")


def test_in_order_to_is_no_order_and_a_name_holds_no_trigger(
    finder: MentionFinder, coder: EventCoder
) -> None:
    events = code(
        "The Popular Mobilization Forces gathered in Baghdad in order to choose a leader.", finder, coder
    )
    assert all(e.type not in ("REQUEST", "MOBILIZE") for e in events), events


def test_a_case_can_add_triggers(tmp_path: Path, finder: MentionFinder) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "smuggling.yaml").write_text(
        "sets:\n  goods: [phosphate]\n"
        'groups:\n  - type: COOPERATE\n    mode: smuggling\n'
        '    en: ["truck ... {goods}"]\n    target: [to]\n',
        encoding="utf-8",
    )
    coder = EventCoder(load_lexicon(tmp_path), finder.gazetteer)
    events = code("The Islamic State trucked phosphate to Turkey.", finder, coder)
    assert any(
        e.type == "COOPERATE" and e.mode == "smuggling" and e.target and e.target.text == "Turkey"
        for e in events
    )
    (tmp_path / "events" / "bad.yaml").write_text(
        "groups:\n  - type: TRADE\n    en: [sell]\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="unknown event type 'TRADE'"):
        load_lexicon(tmp_path)
