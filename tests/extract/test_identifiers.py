"""Identifiers: phones, e-mails, URLs, money and ID numbers, normalised, and nothing else."""

from __future__ import annotations

from itertools import pairwise

import pytest

from sleuth.extract.identifiers import Identifier, find_identifiers


def found(text: str, regions: tuple[str, ...] | None = None) -> list[tuple[str, str, str]]:
    """(type, text as written, value) of every identifier, checking each span on the way."""
    idents = find_identifiers(text) if regions is None else find_identifiers(text, regions)
    for i in idents:
        assert text[i.start:i.end] == i.text
    return [(i.type, i.text, i.value) for i in idents]


# --- phones ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written", "e164"), [
    ("Call the office on +963 944 123 456 before noon.", "+963 944 123 456", "+963944123456"),
    ("Mobile 0944123456 (Abu Omar)", "0944123456", "+963944123456"),
    ("fax (011) 2212016", "(011) 2212016", "+963112212016"),
    ("international 00963-11-2212016", "00963-11-2212016", "+963112212016"),
    ("هاتف: ٠٩٤٤١٢٣٤٥٦", "٠٩٤٤١٢٣٤٥٦", "+963944123456"),
    ("جوال ٠٠٩٦٣٩٣٣١٢٣٤٥٦ للتواصل", "٠٠٩٦٣٩٣٣١٢٣٤٥٦", "+963933123456"),
    ("رقم الهاتف 0933-123-456", "0933-123-456", "+963933123456"),
    ("Turkish line +90 532 123 45 67", "+90 532 123 45 67", "+905321234567"),
    ("hat 0532 123 4567", "0532 123 4567", "+905321234567"),          # valid in TR only
    ("Baghdad office 0770 123 4567", "0770 123 4567", "+9647701234567"),
    ("Amman 079 123 4567", "079 123 4567", "+962791234567"),
    ("Lebanon mobile: 71 123 456", "71 123 456", "+96171123456"),     # no trunk 0, but labelled
    ("contact: 944 123 456", "944 123 456", "+963944123456"),
])
def test_phone_numbers_in_e164(text: str, written: str, e164: str) -> None:
    assert found(text) == [("PHONE", written, e164)]


def test_regions_are_tried_in_the_given_order() -> None:
    # 05x xxx xxxx is a valid Saudi mobile and a valid Syrian number pattern alike.
    assert found("KSA 0501234567", ("SA", "SY"))[0][2] == "+966501234567"
    assert found("KSA 0501234567", ("SY", "SA"))[0][2] == "+963501234567"


@pytest.mark.parametrize("text", [
    "on 05/03/2016 and 2014-11-30 and 30.11.2014",           # dates
    "in 2015 and 2016, then 2014 2015 2016 2017",             # years
    "file 2977/J, annex 7/B, pp. 12-14, v1.2.3",              # registration numbers, pages, versions
    "total 12345678 rounds and 944123456 litres",             # bare counts without a trunk 0 or label
    "رقم 12345678",                                            # "number": not a phone label
    "graph 12345678",                                          # "ph" inside a word is no label
    "Coordinates 36.2021, 37.1343 and 0.12345678",            # decimals
    "ISBN 978-0-12-345678-9",
    "0 1 2 3 4 5 6 7 8 9",
])
def test_not_phones(text: str) -> None:
    assert [t for t in found(text) if t[0] == "PHONE"] == []


def test_money_is_not_read_as_a_phone() -> None:
    assert found("SYP 15000000 were paid") == [("MONEY", "SYP 15000000", "15000000 SYP")]


def test_a_phone_in_a_url_is_part_of_the_url() -> None:
    assert found("https://wa.me/963944123456") == [("URL", "https://wa.me/963944123456",
                                                    "https://wa.me/963944123456")]


# --- e-mail and URLs -------------------------------------------------------------------------

def test_emails_are_lower_cased_and_urls_lose_trailing_punctuation() -> None:
    text = ("Mail Ali.Hassan@Example.ORG or see https://example.com/path?q=1. Also www.site.org/a_(b)), "
            "and (http://x.y/z). البريد: info@site.sy، الموقع: https://site.sy/صفحة؛")
    assert found(text) == [
        ("EMAIL", "Ali.Hassan@Example.ORG", "ali.hassan@example.org"),
        ("URL", "https://example.com/path?q=1", "https://example.com/path?q=1"),
        ("URL", "www.site.org/a_(b)", "www.site.org/a_(b)"),
        ("URL", "http://x.y/z", "http://x.y/z"),
        ("EMAIL", "info@site.sy", "info@site.sy"),
        ("URL", "https://site.sy/صفحة", "https://site.sy/صفحة"),
    ]


def test_urls_in_markup_stop_at_the_bracket_they_did_not_open() -> None:
    assert found(".a{background:url(http://static.example.com/icons.33.png);border:0}") == [
        ("URL", "http://static.example.com/icons.33.png", "http://static.example.com/icons.33.png")]
    assert found("see https://en.wikipedia.org/wiki/Raqqa_(city)).")[0][1] == (
        "https://en.wikipedia.org/wiki/Raqqa_(city)")


@pytest.mark.parametrize("text", ["x@y", "www.example", "http:// nothing", "meet @ noon",
                                  "p = ('https://ssl' if secure else 'http://www') + '.google.com'"])
def test_not_addresses(text: str) -> None:
    assert found(text) == []


# --- money -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written", "value"), [
    ("He was paid $1,500 in cash.", "$1,500", "1500 USD"),
    ("a fee of 1,500 dollars", "1,500 dollars", "1500 USD"),
    ("USD 1500 per month", "USD 1500", "1500 USD"),
    ("for 1.5 million dollars", "1.5 million dollars", "1500000 USD"),
    ("1.5 million US dollars", "1.5 million US dollars", "1500000 USD"),
    ("a bribe of $5m", "$5m", "5000000 USD"),
    ("around 1500$ each", "1500$", "1500 USD"),
    ("1,234.56 USD", "1,234.56 USD", "1234.56 USD"),
    ("500 Syrian pounds", "500 Syrian pounds", "500 SYP"),
    ("500 SYP a month", "500 SYP", "500 SYP"),
    ("€200 transfer", "€200", "200 EUR"),
    ("300 euros", "300 euros", "300 EUR"),
    ("EUR1.234,56", "EUR1.234,56", "1234.56 EUR"),
    ("100 TL for bread", "100 TL", "100 TRY"),
    ("50 lira", "50 lira", "50 TRY"),
    ("1.500 TL", "1.500 TL", "1500 TRY"),                      # "." before three digits: thousands
    ("2 bn dollars", "2 bn dollars", "2000000000 USD"),
    ("a million dollars", "a million dollars", "1000000 USD"),
    ("350 IQD", "350 IQD", "350 IQD"),
    ("٥٠٠ دولار", "٥٠٠ دولار", "500 USD"),
    ("مبلغ 1500 دولار أمريكي نقدا", "1500 دولار أمريكي", "1500 USD"),
    ("مبلغ ١٥٠٠ دولاراً", "١٥٠٠ دولاراً", "1500 USD"),
    ("مقابل ألف دولار", "ألف دولار", "1000 USD"),
    ("راتب 2 مليون ليرة سورية", "2 مليون ليرة سورية", "2000000 SYP"),
    ("بقيمة 50 ألف ليرة", "50 ألف ليرة", "50000 SYP"),
    ("٥٬٠٠٠ ل.س", "٥٬٠٠٠ ل.س", "5000 SYP"),
    ("350 ألف دينار عراقي", "350 ألف دينار عراقي", "350000 IQD"),
    ("100 ليرة تركية", "100 ليرة تركية", "100 TRY"),
    ("200 دينار أردني", "200 دينار أردني", "200 JOD"),
    ("1000 ريال سعودي", "1000 ريال سعودي", "1000 SAR"),
    ("تم دفع مبلغ وقدره /500000/ ل.س فقط", "/500000/ ل.س", "500000 SYP"),   # the accountant's slashes
])
def test_money_amounts_and_currencies(text: str, written: str, value: str) -> None:
    assert found(text) == [("MONEY", written, value)]


@pytest.mark.parametrize("text", [
    "They sold 2000 barrels of crude oil.",
    "تم تسليم 45 برميلاً من الوقود و200 طن من القمح",
    "عشرين ألف دولار",                  # a number in words: not read as "ألف دولار" = 1000
    "فقط خمسمائة ألف ليرة سورية لا غير",
    "cost 1.5 million",                  # no currency
    "he said the liras were gone",       # no amount
])
def test_not_money(text: str) -> None:
    assert [t for t in found(text) if t[0] == "MONEY"] == []


# --- IDs -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written", "value"), [
    ("passport no. 123456789 issued in Damascus", "123456789", "123456789"),
    ("رقم الجواز: ١٢٣٤٥٦٧", "١٢٣٤٥٦٧", "1234567"),
    ("ID: 12345", "12345", "12345"),
    ("الرقم الوطني 01020304050", "01020304050", "01020304050"),
    ("national number 0123456789", "0123456789", "0123456789"),
    ("ID card number A-1234567", "A-1234567", "A-1234567"),
    ("registration no. 2977/J", "2977/J", "2977/J"),
    ("رقم الهوية: ١٢٣٤٥٦٧٨٩٠", "١٢٣٤٥٦٧٨٩٠", "1234567890"),
    ("Passport N1234567 (Syrian)", "N1234567", "N1234567"),
    ("holder of P12345678", "P12345678", "P12345678"),
    ("رقم جواز السفر: n0123456", "n0123456", "N0123456"),
])
def test_id_numbers(text: str, written: str, value: str) -> None:
    assert found(text) == [("ID", written, value)]


@pytest.mark.parametrize("text", [
    "No 1234567 was found",              # "No" is not a prefix
    "abc1234567",                        # glued into a word
    "The passport is valid",             # a label with no number
    "ID: 123",                           # too short
    "the F16 and the T72 tanks",         # too few digits
])
def test_not_ids(text: str) -> None:
    assert [t for t in found(text) if t[0] == "ID"] == []


def test_a_labelled_id_is_not_also_a_phone() -> None:
    assert found("الرقم الوطني: 0944123456") == [("ID", "0944123456", "0944123456")]


# --- together ------------------------------------------------------------------------------

def test_a_fighter_record_in_order_without_overlaps() -> None:
    text = ("Fighter file: passport no. N1234567, national number 01020304050, salary 50,000 SYP, "
            "phone 00963 933 123 456, e-mail abu.omar@mail.sy, joined on 05/03/2016.")
    idents = find_identifiers(text)
    assert [(i.type, i.value) for i in idents] == [
        ("ID", "N1234567"), ("ID", "01020304050"), ("MONEY", "50000 SYP"), ("PHONE", "+963933123456"),
        ("EMAIL", "abu.omar@mail.sy"),
    ]
    assert all(a.end <= b.start for a, b in pairwise(idents))
    assert all(isinstance(i, Identifier) for i in idents)


@pytest.mark.parametrize("text", [
    "The commander ordered the heavy weapons withdrawn from the city before the offensive began.",
    "قال المصدر إن الاجتماع عُقد بحضور ممثلين عن الفصائل، وتم الاتفاق على سحب الأسلحة الثقيلة.",
    "About 300 fighters and 12 vehicles left the base at 10:30, report 7/B.",
    "",
])
def test_plain_text_has_no_identifiers(text: str) -> None:
    assert find_identifiers(text) == []
