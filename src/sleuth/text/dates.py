"""Dates in running text and form fields: Gregorian and Hijri, Arabic and English.

`find_dates(text)` returns every date it can read, with its span in `text`, an ISO date
(Gregorian) and, for Hijri dates, the Hijri date as written. What it reads:

- Numeric: ``05/03/2016``, ``5-3-2016``, ``5.3.2016``, ``2016/03/05``, ``2016-03-05``
  (ISO, also inside ``2016-03-05T10:30``), in Western, Arabic-Indic or Persian digits, with
  one separator used twice and up to two spaces around it. Day/month order: day first
  (``dd/mm/yyyy``, the Middle-East and European habit); month first only when the second
  number cannot be a month (``03/25/2016``); ``yyyy/mm/dd`` (``yyyy/dd/mm`` only when the
  middle number cannot be a month). Both numbers above 12: not a date.
- Written months: ``5 March 2016``, ``March 5, 2016``, ``5th of March 2016``, ``5-Mar-2016``,
  ``Mar. 2016``; Arabic ``٥ آذار ٢٠١٦``, ``5 مارس 2016م``, ``آذار 2016``, ``5 من شهر آذار عام
  2016`` with the Levantine/Iraqi names (كانون الثاني ... كانون الأول), the Egyptian/Gulf
  names (يناير ... ديسمبر) and the Maghrebi ones (جانفي, فيفري, أفريل, ...), paired names
  (``آذار/مارس``), with or without hamza, diacritics or tatweel.
- Hijri (Umm al-Qura, converted with `hijridate`): Arabic month names (محرم ... ذو الحجة,
  ربيع الآخر/الثاني, جمادى الأولى/الآخرة/الثانية) and the usual transliterations (Muharram,
  Rabi' I, Rabi al-Thani, Jumada al-Ula, Jumada II, Sha'ban, Ramadhan, Dhul Qi'dah,
  Dhu al-Hijjah, ...; macrons and ʿ are folded away). A numeric date is Hijri when a marker
  follows it (هـ, ه, هجري, للهجرة, AH, A.H., H) or, with no marker, when its year is in
  1300-1500: documents often write ``1436/2/8`` bare. A Hijri month name needs a Hijri year
  and a Gregorian month name a Gregorian year ("Ramadan 2015" is not read). A Hijri date
  that is invalid or outside hijridate's range (1343-1500 AH) is skipped.
- Years: Gregorian 1900-2100, Hijri 1300-1500; anything else is not a date. A year alone is
  a mention only after a cue (``in/since/until/during/before/after/from/of/early/mid-/year
  2015``, ``عام/سنة/منذ/مطلع/أواخر/منتصف 2015``; birth-year fields ``born 1985``, ``DOB: 1985``,
  ``تولد 1985``, ``المواليد: 1990``) and not before a count noun or a unit
  (``in 2000 homes``, ``منذ 2000 عام``), or with an explicit calendar marker
  (``1437 هـ``, ``2016 AD``; not ``2016 م``, which is also "2016 metres"). A Hijri-range
  year after an English cue needs a marker; after an Arabic cue it is read as Hijri.
- Two-digit years only in numeric dates followed by a calendar marker (``٥/٣/٣٧ هـ`` → 1437,
  ``5/3/16 م`` → 2016): without the marker ``5/3/16`` is as likely a reference number.
  Hijri ``yy`` < 60 is 14yy, else 13yy; Gregorian ``yy`` <= 50 is 20yy, else 19yy.
- A day and month with no year (``5 March``) is not read: it has no ISO date.

Not dates: times (``10:30``), numbers glued to other numbers (``1.2.2016.4``, phone and
reference numbers such as ``0933-11-22-2016``, ``12/3/2015/ق``), numbers after a Latin
letter, ``No.`` or "version" (``v1.2.2016``), page and year ranges (``2011-2014``).

The span is the date as written, calendar marker included. ``iso`` is the Gregorian date
at the precision written (``2016-03-05``, ``2016-03``, ``2016``). For a Hijri month alone
it is the Gregorian month of the Hijri month's 15th day; for a Hijri year alone, the
Gregorian year of its 1 Rajab (the middle of the year); ``hijri`` keeps the exact value.

Speed: text without a four-digit number (or a short numeric date) is rejected by one
precompiled search; other text is folded once with `str.translate` (one character for
one character, so offsets hold) and scanned by one precompiled pattern.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from hijridate import Hijri

from sleuth.text.patterns import arabic_word_pattern, fold_same_length


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in text: its [start, end) span, ISO value and calendar."""

    start: int
    end: int
    text: str
    iso: str
    calendar: str  # "gregorian" | "hijri", as written
    hijri: str | None  # "1437-06-23" / "1437-06" / "1437" when calendar == "hijri"


GREGORIAN_MIN, GREGORIAN_MAX = 1900, 2100
HIJRI_MIN, HIJRI_MAX = 1300, 1500

# --- month names ----------------------------------------------------------------------
# English patterns are regex source (matched case-insensitively on folded text, where
# every apostrophe-like mark is "'" and every dash "-"); Arabic names are plain words in
# any spelling, folded and expanded by `arabic_word_pattern`.

_GREGORIAN_EN = (
    r"january|jan", r"february|febr?", r"march|mar", r"april|apr", r"may", r"june|jun",
    r"july|jul", r"august|aug", r"september|sept?", r"october|oct", r"november|nov",
    r"december|dec",
)
_GREGORIAN_AR: tuple[tuple[str, ...], ...] = (
    ("كانون الثاني", "كانون ثاني", "يناير", "جانفي"),
    ("شباط", "فبراير", "فيفري"),
    ("آذار", "مارس"),
    ("نيسان", "أبريل", "أفريل"),
    ("أيار", "مايو", "ماي"),
    ("حزيران", "يونيو", "يونيه", "جوان"),
    ("تموز", "يوليو", "يوليه", "جويلية"),
    ("آب", "أغسطس", "أوت"),
    ("أيلول", "سبتمبر"),
    ("تشرين الأول", "تشرين أول", "أكتوبر", "اوكتوبر"),
    ("تشرين الثاني", "تشرين ثاني", "نوفمبر"),
    ("كانون الأول", "كانون أول", "ديسمبر"),
)
_HIJRI_AR: tuple[tuple[str, ...], ...] = (
    ("محرم", "المحرم"),
    ("صفر",),
    ("ربيع الأول", "ربيع أول"),
    ("ربيع الآخر", "ربيع الثاني", "ربيع آخر", "ربيع ثاني"),
    ("جمادى الأولى", "جمادى الأول", "جمادى أولى", "جمادى أول"),
    ("جمادى الآخرة", "جمادى الآخر", "جمادى الثانية", "جمادى الثاني", "جمادى آخرة", "جمادى ثاني"),
    ("رجب",),
    ("شعبان",),
    ("رمضان",),
    ("شوال",),
    ("ذو القعدة", "ذي القعدة"),
    ("ذو الحجة", "ذي الحجة"),
)
# Transliterations: a stem, an optional article in any of its spellings (al-, ul, el,
# assimilated ath-/as-/at-) and an ordinal (first: awwal/ula/I; second: thani/akhir/II).
_ART = r"(?:[\s\-']*(?:[aeiu]?(?:th|dh|sh|[lntsdz])[\s\-']+|[aeiu]?l)|[\s\-']*)"
_FIRST = r"(?:aw+a?l|avval|o?ula|oola|ola|uwla|first|i)"
_SECOND = r"(?:th?a{1,2}ni|sa{1,2}ni|a{1,2}kh[ie]r|akhar|second|ii)"
_SECOND_F = r"(?:a{1,2}kh[ie]ra?h?|akhar|th?a{1,2}niy{0,2}a?h?|sa{1,2}niy?a?h?|second|ii)"
_RABI = r"rab(?:ee|ie|i|e)'?(?:a|u)?"
_JUMADA = r"j[uoa]ma{1,2}d[aeiy]{0,2}h?"
_DHU = r"(?:dh|th|z)[uio]{1,2}'?"
_HIJRI_EN = (
    r"(?:al[\s\-]?)?m[ou]h?[ae]rr?[ae]m",
    r"s[ao]f[ae]r",
    _RABI + _ART + _FIRST,
    _RABI + _ART + _SECOND,
    _JUMADA + _ART + _FIRST,
    _JUMADA + _ART + _SECOND_F,
    r"raj[ae]b",
    r"sha'?a?'?ba{1,2}n",
    r"rama[dz]h?a{1,2}n|ramzan",
    r"shaw+a{1,2}l",
    _DHU + _ART + r"q[aie]{0,2}'?[aie]?da{1,2}h?",
    _DHU + _ART + r"h[iea]jj?[ae]h?",
)

def _arabic_any(words: tuple[str, ...]) -> str:
    return "|".join(arabic_word_pattern(w) for w in sorted(words, key=len, reverse=True))


# --- the pattern --------------------------------------------------------------------------

_LETTER = r"[^\W\d_]"
_WORD_START = rf"(?:(?<!{_LETTER})|(?<=(?<!{_LETTER})[وبلف]))"  # Arabic proclitic allowed
_END = rf"(?!{_LETTER})"
# A numeric date starts after no digit, Latin letter or number punctuation ("No.5/3/2016",
# "v1.2.2016"); after "-" only when that follows a year, as in "1/3/2016-5/3/2016".
_NUM_START = r"(?<![0-9A-Za-z.,/:+#_])(?<!version )(?:(?<![0-9]-)|(?<=(?<![0-9])(?:1[345]|19|20)[0-9]{2}-))"
# A date ends before no digit, number punctuation or "/letter" ("2016/12/3/ق"); "-" and a
# digit only when another numeric date follows, as in that range.
_NUM_END = rf"(?![0-9]|[.,/:] ?[0-9]|- ?[0-9](?![0-9]* ?[/.])|[/\-] ?{_LETTER})"
# Calendar markers after a date. "H" and "م" are weak: "م" is also "metres", so a year
# alone needs a strong marker.
_STRONG_HIJRI = rf"(?:{_arabic_any(('هجرية', 'هجري', 'للهجرة', 'ه'))}|A\.? ?H\.?){_END}"
_STRONG_GREG = rf"(?:{_arabic_any(('ميلادية', 'ميلادي', 'للميلاد'))}|A\.?D\.?|C\.?E\.?){_END}"
_HIJRI_MARK = rf"(?:{_STRONG_HIJRI}|H{_END})"
_GREG_MARK = rf"(?:{_STRONG_GREG}|{arabic_word_pattern('م')}{_END})"
_MARKER = rf"(?: {{0,2}}(?:(?P<hm>{_HIJRI_MARK})|(?P<gm>{_GREG_MARK})))?"

_GREG_NAMES = "|".join([*_GREGORIAN_EN, *(_arabic_any(names) for names in _GREGORIAN_AR)])
_HIJRI_NAMES = "|".join([*_HIJRI_EN, *(_arabic_any(names) for names in _HIJRI_AR)])
_AR_GREG_NAMES = "|".join(_arabic_any(names) for names in _GREGORIAN_AR)
# Every month name starts with one of these letters: a cheap test before the alternatives.
_MONTH_INITIALS = "adfjmnorstz" + "".join(sorted({fold_same_length(w)[0]
                                                  for names in (*_GREGORIAN_AR, *_HIJRI_AR) for w in names}))
_MONTH = (rf"{_WORD_START}(?=[{_MONTH_INITIALS}])(?:(?P<g>(?:{_GREG_NAMES}){_END})"
          rf"(?: ?[/(\-] ?(?:{_AR_GREG_NAMES}){_END}\)?)?|(?P<h>(?:{_HIJRI_NAMES}){_END}))\.?")
_MIN, _SHAHR = arabic_word_pattern("من"), arabic_word_pattern("شهر")  # "of", "month"
_YEAR_WORD = _arabic_any(("عام", "العام", "سنة", "السنة"))
_BEFORE_YEAR = rf"(?:\s*[,،\-/]\s*|\s*)(?:of\s+|(?:{_MIN}\s+)?(?:{_YEAR_WORD})\s+)?"
_DAY = r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?"
_DAY_TO_MONTH = rf"(?:\s+(?:of|{_MIN}(?:\s+{_SHAHR})?|{_SHAHR})\s+|\s*[\-/.]?\s*)"
_SEP = r" {0,2}(?P<s>[/.\-]) {0,2}"
_CUES_EN = (r"in|since|until|till|during|before|after|from|through|of|early|late|year|"
            r"summer|winter|spring|autumn|fall")
_CUES_AR = "|".join([
    _arabic_any(tuple(f"{c}{p}{w}" for c in ("", "و", "ف") for p in ("", "ب", "ل", "ال", "لل", "بال")
                      for w in ("عام", "سنة"))),
    _arabic_any(tuple(f"{c}{w}" for c in ("", "و", "ف")
                      for w in ("منذ", "مطلع", "أوائل", "أواخر", "منتصف", "بداية", "نهاية", "خلال"))),
])
# Birth-year fields, also written "label: 1990".
_FIELD_CUES = "|".join([
    r"born|year\s+of\s+birth|date\s+of\s+birth|dob",
    _arabic_any(("مواليد", "المواليد", "تولد", "التولد", "سنة الولادة", "عام الولادة", "تاريخ الولادة",
                 "سنة الميلاد", "تاريخ الميلاد")),
])
# What follows a number that is a count, not a year: "in 2000 homes", "منذ 2000 عام".
_COUNT_WORDS = "|".join([
    r"%|percent|per\s*cent|people|persons|fighters|families|men|women|children|soldiers|troops|"
    r"members|militants|civilians|rounds|shells|rockets|cases|km|kilomet(?:er|re)s?|met(?:er|re)s|"
    r"miles|tons|tonnes|barrels|dollars|usd|euros?|pounds|liras?|dinars|riyals|units|vehicles|"
    r"cars|homes|houses|buildings|votes|deaths|dead|killed|wounded|displaced|refugees|years|days",
    _arabic_any(("شخص", "أشخاص", "مقاتل", "عائلة", "عنصر", "مدني", "دولار", "ليرة", "دينار", "كم",
                 "كيلو", "متر", "برميل", "طن", "قتيل", "جريح", "نازح", "لاجئ", "منزل", "عام", "سنة",
                 "سنوات", "يوم", "أيام", "ساعة")),
])


def _branch(name: str, source: str) -> str:
    """One alternative of the pattern, its group names suffixed so they stay unique."""
    source = re.sub(r"\(\?P([<=])(\w+)", lambda m: f"(?P{m[1]}{m[2]}_{name}", source)
    return f"(?P<{name}>{source})"


_BRANCHES = {
    "ymd": rf"{_NUM_START}(?P<y>[0-9]{{4}}){_SEP}(?P<a>[0-9]{{1,2}}) {{0,2}}(?P=s) {{0,2}}"
           rf"(?P<b>[0-9]{{1,2}}){_NUM_END}{_MARKER}",
    "dmy": rf"{_NUM_START}(?P<a>[0-9]{{1,2}}){_SEP}(?P<b>[0-9]{{1,2}}) {{0,2}}(?P=s) {{0,2}}"
           rf"(?P<y>[0-9]{{4}}|[0-9]{{2}}){_NUM_END}{_MARKER}",
    "wdmy": rf"(?<![0-9A-Za-z.,:/]){_DAY}{_DAY_TO_MONTH}{_MONTH}{_BEFORE_YEAR}"
            rf"(?P<y>[0-9]{{4}}){_NUM_END}{_MARKER}",
    # Month first: "March 5, 2016" or "March 2016" (one branch, so the names are tried once).
    "wm": rf"{_MONTH}(?:\s*(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?![0-9])(?:\s*[,،]\s*|\s+)"
          rf"(?P<y>[0-9]{{4}})|{_BEFORE_YEAR}(?P<y2>[0-9]{{4}})){_NUM_END}{_MARKER}",
    "cue": rf"{_WORD_START}(?P<c>(?:{_CUES_EN}|{_CUES_AR})\s+|(?:{_FIELD_CUES})(?:\s*:\s*|\s+)|mid-)"
           rf"(?P<y>[0-9]{{4}}){_NUM_END}{_MARKER}"
           rf"(?!\s*(?:{_COUNT_WORDS}){_END})",
    "marked": rf"{_NUM_START}(?P<y>[0-9]{{4}}){_NUM_END} {{0,2}}"
              rf"(?:(?P<hm>{_STRONG_HIJRI})|(?P<gm>{_STRONG_GREG}))",
}
_DATE_RE = re.compile("|".join(_branch(k, v) for k, v in _BRANCHES.items()), re.IGNORECASE)
# Every date has a four-digit year in 1300-1599 or 1900-2199 (in any digits), or is numeric
# with a two-digit year: a cheap first test, run on the text before folding.
_DIGIT_RE = re.compile(r"\d")
_HINT_RE = re.compile(r"(?:[1١۱][3-59٣-٥٩۳-۵۹]|[2٢۲][01٠١۰۱])(?<!\d..)\d\d(?!\d)"
                      r"|\d ?[/.\-] ?\d{1,2} ?[/.\-] ?\d\d")
_SPACE_RE = re.compile(r"\s")
_MONTH_RES = tuple(
    tuple(re.compile(rf"{en}|{_arabic_any(ar)}", re.IGNORECASE) for en, ar in zip(ens, ars, strict=True))
    for ens, ars in ((_GREGORIAN_EN, _GREGORIAN_AR), (_HIJRI_EN, _HIJRI_AR))
)


@lru_cache(maxsize=4096)
def _month_number(name: str, hijri: bool) -> int:
    """1-12 for a month name as matched (folded), in the Gregorian or the Hijri table."""
    for number, pattern in enumerate(_MONTH_RES[hijri], start=1):
        if pattern.fullmatch(name):
            return number
    return 0  # unreachable for a name the date pattern matched


# --- reading a match ---------------------------------------------------------------------


def _gregorian_iso(y: int, m: int | None, d: int | None) -> str | None:
    if not GREGORIAN_MIN <= y <= GREGORIAN_MAX:
        return None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _hijri_iso(y: int, m: int | None, d: int | None) -> tuple[str, str] | None:
    """(Gregorian ISO, Hijri ISO-like) for a Hijri date, or None when invalid or out of range."""
    if not HIJRI_MIN <= y <= HIJRI_MAX:
        return None
    try:
        if m is None:
            g = Hijri(y, 7, 1).to_gregorian()
            return f"{g.year:04d}", f"{y:04d}"
        if d is None:
            g = Hijri(y, m, 15).to_gregorian()
            return f"{g.year:04d}-{g.month:02d}", f"{y:04d}-{m:02d}"
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return f"{g.year:04d}-{g.month:02d}-{g.day:02d}", f"{y:04d}-{m:02d}-{d:02d}"


def _day_month(a: int, b: int) -> tuple[int, int] | None:
    """(day, month) from d/m or m/d numbers: day first unless only the first can be a month."""
    if b <= 12:
        return a, b
    if a <= 12:
        return b, a
    return None


def _read(m: re.Match[str], text: str) -> DateMention | None:
    """The mention a match of `_DATE_RE` (on the folded `text`) stands for, or None when it is
    not a valid date."""
    kind = m.lastgroup
    assert kind is not None
    group = m.groupdict()

    def get(name: str) -> str | None:
        return group.get(f"{name}_{kind}")

    year = int(get("y") or 0)
    month: int | None = None
    day: int | None = None
    start = m.start(f"y_{kind}") if kind == "cue" else m.start()
    end = m.end()
    marked_hijri, marked_greg = get("hm") is not None, get("gm") is not None
    if kind in ("ymd", "dmy"):
        a, b = int(get("a") or 0), int(get("b") or 0)
        if kind == "ymd":
            day_month = (b, a) if a <= 12 else (a, b) if b <= 12 else None
        else:
            day_month = _day_month(a, b)
        if day_month is None:
            return None
        day, month = day_month
        if year < 100:  # two-digit year: only with a calendar marker
            if marked_hijri:
                year += 1400 if year < 60 else 1300
            elif marked_greg:
                year += 2000 if year <= 50 else 1900
            else:
                return None
    elif kind in ("wdmy", "wm"):
        hijri_name = get("h")
        name = hijri_name if hijri_name is not None else get("g") or ""
        month = _month_number(name.lower(), hijri_name is not None)
        if get("d") is not None:
            day = int(get("d") or 0)
        else:
            year = int(get("y2") or 0)
        # The name says the calendar; a year of the other calendar is a misreading.
        in_hijri_range = HIJRI_MIN <= year <= HIJRI_MAX
        if in_hijri_range != (hijri_name is not None):
            return None
    hijri = marked_hijri or (HIJRI_MIN <= year <= HIJRI_MAX and not marked_greg)
    if kind == "cue" and hijri and not marked_hijri and (get("c") or "").isascii():
        return None  # "in 1450" (English) is a count more often than a Hijri year
    if hijri != (HIJRI_MIN <= year <= HIJRI_MAX):
        # A marker of the other calendar than the year's ("2016/3/5 H"): leave it out.
        end = m.start(f"hm_{kind}" if marked_hijri else f"gm_{kind}")
        end = len(m.string[:end].rstrip())
        if kind == "marked":
            return None
        hijri = not hijri
    if hijri:
        converted = _hijri_iso(year, month, day)
        if converted is None:
            return None
        iso, hijri_iso = converted
        return DateMention(start, end, text[start:end], iso, "hijri", hijri_iso)
    iso_g = _gregorian_iso(year, month, day)
    if iso_g is None:
        return None
    return DateMention(start, end, text[start:end], iso_g, "gregorian", None)


def find_dates(text: str) -> list[DateMention]:
    """Every date written in `text` (see the module docstring for the formats), in text order.

    >>> [(d.iso, d.calendar) for d in find_dates("8 صفر 1436 هـ الموافق 2014/11/30 م")]
    [('2014-11-30', 'hijri'), ('2014-11-30', 'gregorian')]
    """
    if not _DIGIT_RE.search(text):
        return []
    hints = _HINT_RE.finditer(text)
    first = next(hints, None)
    if first is None:
        return []
    folded = fold_same_length(text)
    # Folding keeps every offset, so spans found in the folded copy are spans of `text`.
    mentions = []
    for lo, hi in _windows(folded, (first, *hints)):
        for m in _DATE_RE.finditer(folded, lo, hi):
            mention = _read(m, text)
            if mention is not None:
                mentions.append(mention)
    return mentions


# How far a date reaches left of its year ("23rd of Dhu al-Qi'dah, " / "٥ من شهر آذار من عام ")
# and right of it ("/03/05 هـ", the count word after a cued year), in characters.
_REACH_LEFT, _REACH_RIGHT = 64, 40


def _windows(folded: str, hints: tuple[re.Match[str], ...]) -> list[tuple[int, int]]:
    """Stretches of `folded` around the year-like numbers, widened to whitespace and merged.

    Only these are scanned: most of a sentence is words no date pattern can start in, and
    the full pattern is far slower than the hint search."""
    n = len(folded)
    windows: list[tuple[int, int]] = []
    for hint in hints:
        lo, hi = max(0, hint.start() - _REACH_LEFT), min(n, hint.end() + _REACH_RIGHT)
        # Whole words only: a window that cut "Jumada al-Ula" or "23" would misread them.
        if lo:
            lo = max(folded.rfind(" ", 0, lo), folded.rfind("\n", 0, lo), folded.rfind("\t", 0, lo)) + 1
        space = _SPACE_RE.search(folded, hi)
        hi = space.start() if space else n
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows
