"""Forms into records: label and value, normalised dates and nationalities, linked people."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sleuth.extract.forms import read_forms
from tests.conftest import run_cli

ARABIC_FORM = """الدولة الإسلامية
ديوان الجند - إدارة الحدود
استمارة معلومات العنصر
رقم القيد /2499 : ج
الاسم : نواف بن حمزة الدرويش
الكنية : أبو حذيفة التونسي
الجنسية : تونسي
تاريخ الميلاد 16/11/1985 : م
تاريخ الدخول 20 : جمادى الآخرة 1437 هـ
منفذ الدخول : البوكمال
التزكية : أبو زيد الكازاخي
"""
ENGLISH_FORM = """Islamic State - Border Administration
Entry registration form
Name: Ahmed Anas al-Rajab
Kunya: Abu Suhayb al-Faransi
Nationality: French
Date of birth: 13/06/1981
Blood type: A-
Entry point: Tal Abyad
Recommended by: Abu Zaid al-Kazakhi
"""


def test_fields_are_read_with_values_spans_and_normalised_values() -> None:
    (record,) = read_forms([ARABIC_FORM])
    f = record.fields
    assert record.form == "personnel"
    assert f["name"]["value"] == "نواف بن حمزة الدرويش" and f["kunya"]["value"] == "أبو حذيفة التونسي"
    assert f["nationality"]["normalised"] == "TN"
    assert f["date_of_birth"]["normalised"] == "1985-11-16"
    assert f["date_of_entry"]["normalised"] == "2016-03-29"  # 20 Jumada al-Akhirah 1437
    assert ARABIC_FORM[f["recommended_by"]["start"]:f["recommended_by"]["end"]] == "أبو زيد الكازاخي"
    (english,) = read_forms([ENGLISH_FORM])
    assert english.fields["nationality"]["normalised"] == "FR"
    assert english.fields["blood_type"]["value"] == "A-"


def test_a_letter_is_not_a_form() -> None:
    assert read_forms(["Date: 5 March 2016\nTo: brother Abu Yusuf\nThe weapons were withdrawn."]) == []


def test_records_command_and_the_recommended_link(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "form_ar.txt").write_text(ARABIC_FORM, encoding="utf-8")
    (src / "form_en.txt").write_text(ENGLISH_FORM, encoding="utf-8")
    case = tmp_path / "case"
    run_cli("init", str(case), check=True)
    run_cli("ingest", str(src), "--case", str(case), check=True)
    rows = list(csv.DictReader(io.StringIO(
        run_cli("records", "--case", str(case), "--form", "personnel", "--csv", check=True).stdout)))
    assert len(rows) == 2
    arabic = next(r for r in rows if r["path"].endswith("form_ar.txt"))
    assert arabic["nationality_normalised"] == "TN" and arabic["recommended_by"] == "أبو زيد الكازاخي"
    # the recommender of one form is the same man written in English on the other
    out = run_cli("path", "Abu Suhayb al-Faransi", "أبو حذيفة التونسي", "--case", str(case), "--json",
                  check=True).stdout
    steps = json.loads(out)["steps"]
    assert len(steps) == 2 and steps[0]["to"]["label"] in ("Abu Zaid al-Kazakhi", "أبو زيد الكازاخي")
