"""Dates as the documents write them: Gregorian and Hijri (Umm al-Qura), Arabic and English."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from hijridate import Gregorian, Hijri

HIJRI_MONTHS_AR = (
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
)
HIJRI_MONTHS_EN = (
    "Muharram",
    "Safar",
    "Rabi al-Awwal",
    "Rabi al-Thani",
    "Jumada al-Ula",
    "Jumada al-Akhira",
    "Rajab",
    "Shaban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qada",
    "Dhu al-Hijja",
)
GREGORIAN_MONTHS_AR = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def digits(text: str, indic: bool) -> str:
    """`text` with its digits written as Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩) if `indic`."""
    return text.translate(ARABIC_INDIC) if indic else text


@dataclass(frozen=True)
class HijriDate:
    """A Hijri calendar date."""

    year: int
    month: int
    day: int

    def iso(self) -> str:
        """YYYY-MM-DD in the Hijri calendar."""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def to_hijri(day: dt.date) -> HijriDate:
    """The Hijri date of a Gregorian date."""
    h = Gregorian(day.year, day.month, day.day).to_hijri()
    return HijriDate(h.year, h.month, h.day)


def from_hijri(h: HijriDate) -> dt.date:
    """The Gregorian date of a Hijri date."""
    g = Hijri(h.year, h.month, h.day).to_gregorian()
    return dt.date(g.year, g.month, g.day)


def hijri_ar(h: HijriDate, indic: bool = False) -> str:
    """'12 جمادى الأولى 1437 هـ'."""
    text = f"{h.day} {HIJRI_MONTHS_AR[h.month - 1]} {h.year} هـ"
    return text.translate(ARABIC_INDIC) if indic else text


def hijri_en(h: HijriDate) -> str:
    """'12 Jumada al-Ula 1437 AH'."""
    return f"{h.day} {HIJRI_MONTHS_EN[h.month - 1]} {h.year} AH"


def gregorian_ar(day: dt.date, style: int = 0, indic: bool = False) -> str:
    """A Gregorian date the way Syrian papers write it (numeric or Levantine month names)."""
    if style == 0:
        text = f"{day.day:02d}/{day.month:02d}/{day.year} م"
    elif style == 1:
        text = f"{day.day} {GREGORIAN_MONTHS_AR[day.month - 1]} {day.year}"
    else:
        text = f"{day.year}/{day.month:02d}/{day.day:02d} م"
    return text.translate(ARABIC_INDIC) if indic else text


def gregorian_en(day: dt.date, style: int = 0) -> str:
    """An English date in one of several common styles."""
    if style == 0:
        return f"{day.day} {day.strftime('%B')} {day.year}"
    if style == 1:
        return f"{day.strftime('%B')} {day.day}, {day.year}"
    if style == 2:
        return day.isoformat()
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def date_line_ar(
    day: dt.date, rng: random.Random, hijri: HijriDate | None = None, indic: bool | None = None
) -> str:
    """The date line of an Arabic letter: Hijri first, Gregorian equivalent after.

    A quarter of the lines use Arabic-Indic digits unless `indic` says which (the rng is drawn
    from either way, so forcing the digits changes nothing else)."""
    h = hijri or to_hijri(day)
    drawn = rng.random() < 0.25
    indic = drawn if indic is None else indic
    return f"التاريخ: {hijri_ar(h, indic)} الموافق {gregorian_ar(day, rng.randrange(3), indic)}"


def date_line_en(day: dt.date, rng: random.Random, hijri: HijriDate | None = None) -> str:
    """The date line of an English letter, with the Hijri date in brackets."""
    h = hijri or to_hijri(day)
    return f"Date: {gregorian_en(day, rng.randrange(4))} ({hijri_en(h)})"


def in_text(day: dt.date, lang: str, rng: random.Random) -> str:
    """A date inside a sentence."""
    if lang == "ar":
        if rng.random() < 0.4:
            return hijri_ar(to_hijri(day))
        return gregorian_ar(day, rng.randrange(3))
    return gregorian_en(day, rng.choice((0, 0, 1, 3)))


def wrong_hijri(day: dt.date) -> HijriDate:
    """A Hijri date that does not match `day` (one month and a year off): a forger's slip."""
    h = to_hijri(day)
    month = h.month % 12 + 1
    return HijriDate(h.year - 1, month, min(h.day, 29))


def stamp(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A timezone-aware datetime on `day` (Syria was UTC+2/+3; +03:00 keeps it simple)."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.timezone(dt.timedelta(hours=3)))
