"""Dates: what the documents write, Gregorian and Hijri, read to the right day and span."""

from __future__ import annotations

import pytest

from sleuth.text.dates import DateMention, arabic_word_pattern, find_dates, fold_same_length


def only(text: str) -> DateMention:
    """The one date in `text`."""
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "written", "iso"), [
    ("The order dated 05/03/2016 was signed by the commander.", "05/03/2016", "2016-03-05"),
    ("Received 5-3-2016, filed the next day.", "5-3-2016", "2016-03-05"),
    ("Sitzung am 5.3.2016 in Gaziantep.", "5.3.2016", "2016-03-05"),
    ("Entry date: 2016/03/05", "2016/03/05", "2016-03-05"),
    ("created=2016-03-05T10:30:00Z", "2016-03-05", "2016-03-05"),
    ("بتاريخ ٠٥/٠٣/٢٠١٦ تم تسليم الموقع", "٠٥/٠٣/٢٠١٦", "2016-03-05"),
    ("تاریخ ۱۵/۰۳/۲۰۱۶", "۱۵/۰۳/۲۰۱۶", "2016-03-15"),
    ("بتاريخ ٥\u200f/٣\u200f/٢٠١٦ م", "٥\u200f/٣\u200f/٢٠١٦ م", "2016-03-05"),  # RLM marks from Excel
    ("Dated 25/03/2016.", "25/03/2016", "2016-03-25"),    # first number > 12: day first
    ("Invoice 03/25/2016 (US form)", "03/25/2016", "2016-03-25"),  # second number > 12: month first
    ("المؤرخ 2016/3/5 م", "2016/3/5 م", "2016-03-05"),
    ("٥/٣/١٦ م", "٥/٣/١٦ م", "2016-03-05"),                # two-digit year with a marker
])
def test_numeric_gregorian_dates(text: str, written: str, iso: str) -> None:
    d = only(text)
    assert (d.text, d.iso, d.calendar, d.hijri) == (written, iso, "gregorian", None)
    assert text[d.start:d.end] == written


@pytest.mark.parametrize(("text", "written", "iso"), [
    ("On 5 March 2016 the heavy weapons were withdrawn.", "5 March 2016", "2016-03-05"),
    ("Signed in Raqqa on March 5, 2016, by both sides.", "March 5, 2016", "2016-03-05"),
    ("on the 5th of March 2016", "5th of March 2016", "2016-03-05"),
    ("the 1st of January, 2016", "1st of January, 2016", "2016-01-01"),
    ("Delivered 05-Mar-2016 at the crossing", "05-Mar-2016", "2016-03-05"),
    ("Sept. 5, 2016", "Sept. 5, 2016", "2016-09-05"),
    ("Report for Mar. 2016", "Mar. 2016", "2016-03"),
    ("During March 2016 the crossing stayed closed.", "March 2016", "2016-03"),
    ("التاريخ: 5 آذار 2016", "5 آذار 2016", "2016-03-05"),
    ("٥ آذار ٢٠١٦", "٥ آذار ٢٠١٦", "2016-03-05"),
    ("٥ آذارَ ٢٠١٦", "٥ آذارَ ٢٠١٦", "2016-03-05"),          # with a diacritic
    ("5 اذار 2016", "5 اذار 2016", "2016-03-05"),            # without the madda
    ("5 مارس 2016م", "5 مارس 2016م", "2016-03-05"),
    ("صدر في آذار 2016", "آذار 2016", "2016-03"),
    ("٢٣ تشرين الأول ٢٠١٥م", "٢٣ تشرين الأول ٢٠١٥م", "2015-10-23"),
    ("في 1 كانون الثاني 2015", "1 كانون الثاني 2015", "2015-01-01"),
    ("12 كانون الأول 2014", "12 كانون الأول 2014", "2014-12-12"),
    ("3 أيلول 2014", "3 أيلول 2014", "2014-09-03"),
    ("3 ايلول 2014", "3 ايلول 2014", "2014-09-03"),
    ("14 آب 2013", "14 آب 2013", "2013-08-14"),
    ("9 حزيران 2014", "9 حزيران 2014", "2014-06-09"),
    ("10 أبريل 2015", "10 أبريل 2015", "2015-04-10"),
    ("10 ابريل 2015", "10 ابريل 2015", "2015-04-10"),
    ("4 يونيه 2015", "4 يونيه 2015", "2015-06-04"),
    ("أغسطس 2015", "أغسطس 2015", "2015-08"),
    ("صدر في أيلول/سبتمبر 2014", "أيلول/سبتمبر 2014", "2014-09"),
    ("في الخامس من شهر آذار عام 2016", "آذار عام 2016", "2016-03"),
    ("5 من شهر آذار عام 2016", "5 من شهر آذار عام 2016", "2016-03-05"),
])
def test_written_gregorian_dates(text: str, written: str, iso: str) -> None:
    d = only(text)
    assert (d.text, d.iso, d.calendar) == (written, iso, "gregorian")


@pytest.mark.parametrize(("text", "written", "iso", "hijri"), [
    ("التاريخ: 23 جمادى الآخرة 1437 هـ", "23 جمادى الآخرة 1437 هـ", "2016-04-01", "1437-06-23"),
    ("٢٣ جمادى الآخرة ١٤٣٧ هـ", "٢٣ جمادى الآخرة ١٤٣٧ هـ", "2016-04-01", "1437-06-23"),
    ("٢٣ جُمادى الآخِرة ١٤٣٧هـ", "٢٣ جُمادى الآخِرة ١٤٣٧هـ", "2016-04-01", "1437-06-23"),
    ("الرقم ١٤٣٧/٦/٢٣ هـ", "١٤٣٧/٦/٢٣ هـ", "2016-04-01", "1437-06-23"),
    ("1437/06/23هـ", "1437/06/23هـ", "2016-04-01", "1437-06-23"),
    ("Ref. dated 23/6/1437 H", "23/6/1437 H", "2016-04-01", "1437-06-23"),
    ("on 23 Jumada al-Akhirah 1437", "23 Jumada al-Akhirah 1437", "2016-04-01", "1437-06-23"),
    ("Jumada II 1437 AH", "Jumada II 1437 AH", "2016-03", "1437-06"),
    ("27 Jumada al-Ula 1437 AH", "27 Jumada al-Ula 1437 AH", "2016-03-07", "1437-05-27"),
    ("27 Jumada I 1437", "27 Jumada I 1437", "2016-03-07", "1437-05-27"),
    ("12 Rabi' al-Awwal 1437", "12 Rabi' al-Awwal 1437", "2015-12-23", "1437-03-12"),
    ("12 Rabi I 1437", "12 Rabi I 1437", "2015-12-23", "1437-03-12"),
    ("12 Rabia al-Awal 1437", "12 Rabia al-Awal 1437", "2015-12-23", "1437-03-12"),
    ("12 Rabīʿ al-Awwal 1437", "12 Rabīʿ al-Awwal 1437", "2015-12-23", "1437-03-12"),
    ("12 Rabi al-Thani 1437", "12 Rabi al-Thani 1437", "2016-01-22", "1437-04-12"),
    ("12 Rabi al-Akhir 1437", "12 Rabi al-Akhir 1437", "2016-01-22", "1437-04-12"),
    ("12 Rabi' II 1437", "12 Rabi' II 1437", "2016-01-22", "1437-04-12"),
    ("3 Sha'ban 1437", "3 Sha'ban 1437", "2016-05-10", "1437-08-03"),
    ("3 Shaban 1437", "3 Shaban 1437", "2016-05-10", "1437-08-03"),
    ("1 Ramadhan 1437", "1 Ramadhan 1437", "2016-06-06", "1437-09-01"),
    ("1 Shawwal 1437", "1 Shawwal 1437", "2016-07-06", "1437-10-01"),
    ("1 Dhul Qi'dah 1436", "1 Dhul Qi'dah 1436", "2015-08-16", "1436-11-01"),
    ("1 Dhu al-Qa'da 1436", "1 Dhu al-Qa'da 1436", "2015-08-16", "1436-11-01"),
    ("10 Dhu al-Hijjah 1436 AH", "10 Dhu al-Hijjah 1436 AH", "2015-09-23", "1436-12-10"),
    ("10 Dhul Hijja 1436", "10 Dhul Hijja 1436", "2015-09-23", "1436-12-10"),
    ("1 Muharram 1437", "1 Muharram 1437", "2015-10-14", "1437-01-01"),
    ("1 محرم 1437", "1 محرم 1437", "2015-10-14", "1437-01-01"),
    ("15 ربيع الأول 1437", "15 ربيع الأول 1437", "2015-12-26", "1437-03-15"),
    ("15 ربيع الثاني 1437", "15 ربيع الثاني 1437", "2016-01-25", "1437-04-15"),
    ("15 جمادى الأولى 1437", "15 جمادى الأولى 1437", "2016-02-24", "1437-05-15"),
    ("15 جمادى الثانية 1437", "15 جمادى الثانية 1437", "2016-03-24", "1437-06-15"),
    ("10 ذو الحجة 1436", "10 ذو الحجة 1436", "2015-09-23", "1436-12-10"),
    ("10 ذي الحجة 1436", "10 ذي الحجة 1436", "2015-09-23", "1436-12-10"),
    ("الكتاب رقم 55 تاريخ 1436/2/8", "1436/2/8", "2014-11-30", "1436-02-08"),  # Hijri by its year
    ("٥/٣/٣٧ هـ", "٥/٣/٣٧ هـ", "2015-12-16", "1437-03-05"),                 # two-digit Hijri year
    ("صدر عام 1437 هـ", "1437 هـ", "2016", "1437"),
])
def test_hijri_dates_are_converted_with_umm_al_qura(text: str, written: str, iso: str, hijri: str) -> None:
    d = only(text)
    assert (d.text, d.iso, d.calendar, d.hijri) == (written, iso, "hijri", hijri)


def test_hijri_date_with_its_gregorian_equivalent_gives_two_mentions() -> None:
    text = "حرر في 8 صفر 1436 هـ الموافق 2014/11/30 م"
    first, second = find_dates(text)
    assert (first.text, first.calendar, first.hijri, first.iso) == ("8 صفر 1436 هـ", "hijri", "1436-02-08",
                                                                     "2014-11-30")
    assert (second.text, second.calendar, second.iso) == ("2014/11/30 م", "gregorian", "2014-11-30")
    assert first.end <= second.start


def test_english_letter_date_line_with_hijri_in_brackets() -> None:
    found = find_dates("Date: 5 March 2016 (25 Jumada al-Ula 1437 AH)")
    assert [(d.iso, d.calendar) for d in found] == [("2016-03-05", "gregorian"), ("2016-03-05", "hijri")]


def test_several_dates_in_one_sentence_in_text_order() -> None:
    text = "من 2015/1/1 حتى 2015/12/31، وفي الفترة 1/3/2016-5/3/2016 تم تمديد العقد."
    assert [d.iso for d in find_dates(text)] == ["2015-01-01", "2015-12-31", "2016-03-01", "2016-03-05"]


@pytest.mark.parametrize(("text", "iso", "calendar"), [
    ("The group took the town in 2015 and held it.", "2015", "gregorian"),
    ("Since 2011, the road has been closed.", "2011", "gregorian"),
    ("Decree No. 19 of 2012 on the tax", "2012", "gregorian"),
    ("by mid-2015 the front was quiet", "2015", "gregorian"),
    ("تم ذلك في عام 2015 بعد الاتفاق", "2015", "gregorian"),
    ("منذ 2011 والطريق مغلق", "2011", "gregorian"),
    ("خلال سنة ٢٠١٤", "2014", "gregorian"),
    ("تولد 1985 دمشق", "1985", "gregorian"),
    ("المواليد: 1990، الجنسية: سوري", "1990", "gregorian"),   # a form field
    ("Date of birth: 1985", "1985", "gregorian"),
    ("موازنة عام 1437", "2016", "hijri"),   # an Arabic cue with a Hijri-range year
])
def test_a_year_alone_after_a_cue(text: str, iso: str, calendar: str) -> None:
    d = only(text)
    assert (d.iso, d.calendar) == (iso, calendar)
    assert d.text.isdigit()


@pytest.mark.parametrize("text", [
    "The meeting started at 10:30 and ended at 12:45.",
    "Call +963 944 123 456 or 0944123456 today.",
    "File 2977/J and annex 7/B were attached.",
    "See pages 12-14 and 1437-1450 of the register.",
    "Upgrade to version 2.1.2016 or v1.2.2016.",
    "Paid $2016 and 1,500.2016 and 2,016 units.",
    "Reference 0933-11-22-2016-55 in the ledger.",
    "Order No.5/3/2016 was archived.",
    "القرار 12/3/2015/ق",
    "Casualties 2011-2014 are listed.",
    "2000 barrels in 2000 homes were counted.",          # counts, not years
    "منذ 2000 عام",
    "Total 2016 fighters",
    "2016 م من الأسلاك",                                  # "م" is also "metres"
    "The invoice of 31/02/2016 is forged.",              # no such day
    "13/13/2016",
    "Dated 30/2/1437 هـ",                                # Safar 1437 has 29 days
    "Dated 1/1/1320 هـ",                                 # before hijridate's range: skipped, no error
    "In 1850 the town was small.",                       # outside 1900-2100
    "Ramadan 2015 was hot.",                             # Hijri month with a Gregorian year
    "5/3/16",                                            # two-digit year without a marker
    "on 5 March, nobody came",                           # no year
    "in 1450 cases",                                     # English cue, Hijri-range number, no marker
    "Room 1437, building 2016, floor 12 of the Ministry",
    "of: 2015",                                          # a colon only after a birth-year label
    "نص بلا أرقام على الإطلاق",
    "",
])
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_span_text_is_the_original_text_even_when_folded() -> None:
    text = "وُقّع الاتفاق يوم ١٥ شباط ٢٠١٦م في الرقة"
    d = only(text)
    assert d.text == text[d.start:d.end] == "١٥ شباط ٢٠١٦م"
    assert d.iso == "2016-02-15"


def test_fold_keeps_length_and_helps_arabic_patterns() -> None:
    import re

    text = "أَيلول ١٤٣٧ Rabīʿ"
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    assert "1437" in folded and "Rabi'" in folded
    assert re.search(arabic_word_pattern("أيلول"), folded)
    assert re.search(arabic_word_pattern("ايلول"), fold_same_length("إيلول"))
