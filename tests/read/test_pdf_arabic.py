"""Arabic and mixed-direction PDFs through the PDF reader: words whole, in logical order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sleuth.demo.compose import Doc
from sleuth.demo.render.pdf import render_pdf
from sleuth.read.pdf import PdfReader
from sleuth.text import normalize

ARABIC = "يأمر الوالي أمير القطاع بسحب الأسلحة الثقيلة من تدمر إلى دير الزور قبل الانسحاب الكامل"
MIXED = "شحنة النفط إلى Homs عبر الطبقة مقابل 390 طن من fertiliser"


def _read(tmp_path: Path, ctx, *paras: str) -> str:  # type: ignore[no-untyped-def]
    doc = Doc(lang="ar", title="اختبار", date=dt.date(2016, 2, 21))
    for para in paras:
        doc.add("para", para)
    path = tmp_path / "letter.pdf"
    path.write_bytes(render_pdf(doc))
    result = PdfReader().read(path, ctx)
    assert not result.pages[0].needs_ocr
    return " ".join(result.text.split())


def test_arabic_sentence_reads_back_word_for_word(tmp_path: Path, ctx) -> None:  # type: ignore[no-untyped-def]
    text = _read(tmp_path, ctx, ARABIC)
    assert ARABIC in text
    # no bidi embedding marks left in the stored text
    assert not any(0x202A <= ord(c) <= 0x202E for c in text)


def test_mixed_direction_keeps_every_word_in_reading_order(tmp_path: Path, ctx) -> None:  # type: ignore[no-untyped-def]
    words = normalize(_read(tmp_path, ctx, MIXED)).split()
    expected = normalize(MIXED).split()
    positions = [words.index(w) for w in expected]
    assert positions == sorted(positions), (words, expected)
