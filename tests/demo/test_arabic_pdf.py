"""Arabic PDFs keep a text layer that pdftotext reads in logical order."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sleuth.demo.compose import Doc
from sleuth.demo.render.pdf import render_pdf
from tests.demo.conftest import DemoTrove, pdftotext

SENTENCE = "يأمر الوالي أمير القطاع بسحب الأسلحة الثقيلة من تدمر إلى دير الزور قبل الانسحاب الكامل"


def test_arabic_text_round_trips_in_logical_order(tmp_path: Path) -> None:
    doc = Doc(lang="ar", title="اختبار", date=dt.date(2016, 2, 21))
    doc.add("letterhead", "الدولة الإسلامية")
    doc.add("para", SENTENCE)
    doc.add("field", "الاسم: أبو حمزة الرقاوي")
    path = tmp_path / "ar.pdf"
    path.write_bytes(render_pdf(doc))
    text = " ".join(pdftotext(path).split())
    assert SENTENCE in text  # every word, in reading order, lam-alef included
    assert "الدولة الإسلامية" in text
    # pdftotext's bidi pass moves neutral punctuation ("الاسم :أبو"); the words keep their order
    assert "الاسم" in text and "أبو حمزة الرقاوي" in text
    assert text.index("الاسم") < text.index("أبو حمزة الرقاوي")


def _words(text: str) -> str:
    """Letters and digits only: pdftotext's bidi pass moves spaces and punctuation next to
    numbers and brackets ("2016 م" comes back as "2016م"), never the letters themselves."""
    return re.sub(r"[\W_]+", "", text)


def test_letters_in_the_trove_read_back(demo_trove: DemoTrove) -> None:
    """Event sentences of Arabic text PDFs come back from pdftotext word for word."""
    checked = 0
    broken = {b["path"] for b in demo_trove.truth["broken"]}
    for record in demo_trove.files:
        if record["format"] != "pdf" or record["language"] != "ar" or record["path"] in broken:
            continue
        text = _words(pdftotext(demo_trove.path(record["path"])))
        for event in record["events"]:
            assert _words(event["sentence"]) in text, (record["path"], event["sentence"])
        checked += 1
        if checked >= 15:
            break
    assert checked >= 10
