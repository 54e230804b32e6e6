"""Typed identifiers in text: phone numbers, e-mail addresses, URLs, sums of money, ID numbers.

`find_identifiers(text)` returns them in text order, each with its span in `text` and a
normalised value. One span is one identifier: URLs, e-mails, IDs and sums of money are found
in one left-to-right scan that never overlaps itself (at one position the first kind in the
order URL, EMAIL, labelled ID, MONEY, letter-prefixed ID wins), and phone numbers are then
read only in what is left, so a phone number inside a URL or a sum is not a phone.

- URL: ``http://``, ``https://``, ``ftp://`` or ``www.`` up to whitespace or a closing
  bracket the URL did not open, without the sentence's punctuation after it; the host needs
  a dot (or is ``localhost``), so ``'http://www'`` in a script is not a URL. Value: as written.
- EMAIL: ``local@domain.tld`` (ASCII). Value: lower-cased.
- MONEY: an amount with a currency symbol or code before it (``$1,500``, ``USD 1500``,
  ``€200``, ``$1.5m``) or a currency word or code after it (``1,500 dollars``, ``1.5
  million US dollars``, ``500 SYP``, ``100 TL``, ``٥٠٠ دولار``, ``2 مليون ليرة سورية``,
  ``350 ألف دينار عراقي``, ``1500$``, ``/500000/ ل.س``), or a scale word alone (``ألف دولار``,
  ``a million dollars``; not after another number word, as in ``عشرين ألف دولار``). Value:
  ``"<amount> <ISO 4217>"`` with the scale applied (``1.5 million`` → ``1500000``).
  Separators: ``1,500.50`` and ``1.500,50`` both read; a lone ``.`` or ``,`` before exactly
  three digits is a thousands separator (``1.500 TL`` = 1500) unless a scale word follows.
  Unqualified names follow the region: ``ليرة`` alone is the Syrian pound, ``lira`` alone
  the Turkish lira, ``dinar``/``دينار`` alone the Iraqi dinar, ``riyal``/``ريال`` alone the
  Saudi riyal, ``pounds``/``£`` alone sterling, ``جنيه`` alone the Egyptian pound. Codes
  are matched in capitals only (``TL``, ``SR``, ``LL`` are words in lower case). Barrels,
  tonnes and other units are not money.
- PHONE: candidates are runs of at least 8 digits (separators `` -.()/``), not glued to
  letters or digits, not inside a date, a sum of money or an ID. A candidate must start
  with ``+``, ``00`` or the trunk ``0``, or follow a phone label (tel, phone, mobile, fax,
  whatsapp, هاتف, جوال, موبايل, خلوي, فاكس, ...): bare digit runs are more often counts and
  reference numbers. It is then handed to `phonenumbers.PhoneNumberMatcher` (leniency
  VALID) for each region in turn; the first region under which it is a valid number wins,
  so put the most likely country first. Value: E.164.
- ID: a number after an ID label (``passport no. 123456789``, ``ID: 12345``, ``national
  number``, ``identity card``, ``registration no.``, ``رقم الجواز: ١٢٣٤٥٦٧``, ``الرقم الوطني``,
  ``رقم الهوية``, ``رقم القيد``, ...): 4-14 digits, optionally with a letter prefix and a
  ``/X`` suffix; the span is the number, not the label. Without a label: one or two
  capital letters glued to 6-9 digits (``N1234567``, ``P12345678``). Value: upper-cased,
  Western digits.

Arabic-Indic and Persian digits work everywhere: the text is folded character for
character (`sleuth.text.dates.fold_same_length`), so spans found in the fold are spans of
the original. Text with no digit, no ``@``, ``www`` or ``://`` and no scale word is
rejected at once; the phone library only sees candidates that passed the rules above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import phonenumbers

from sleuth.text.dates import find_dates
from sleuth.text.patterns import arabic_word_pattern, fold_same_length

DEFAULT_REGIONS = ("SY", "IQ", "TR", "JO", "LB", "SA")


@dataclass(frozen=True, slots=True)
class Identifier:
    """A typed identifier found in text: its [start, end) span and normalised value."""

    start: int
    end: int
    text: str
    type: str  # "PHONE" | "EMAIL" | "URL" | "MONEY" | "ID"
    value: str


def _ar(*words: str) -> str:
    """Alternation of Arabic words in any spelling, longest first."""
    return "|".join(arabic_word_pattern(w) for w in sorted(words, key=len, reverse=True))


_LETTER = r"[^\W\d_]"
_MARKS = r"[\u064B-\u0652\u0640]*"  # Arabic diacritics and tatweel, in unfolded text

# --- money ----------------------------------------------------------------------------------
# (ISO code, English patterns (regex, case-insensitive), Arabic words). A qualified name
# ("Syrian pounds") is listed before the bare one ("pounds") so the longer reading wins.
_CURRENCIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("SYP", (r"syrian\s+(?:pounds?|liras?)", r"s\.\s?p\.?", r"l\.\s?s\.?", r"£s"),
     ("ليرة سورية", "ليرات سورية", "ليرة", "ليرات", "ل.س", "ل. س")),
    ("LBP", (r"lebanese\s+(?:pounds?|liras?)", r"l\.\s?l\.?"), ("ليرة لبنانية", "ليرات لبنانية", "ل.ل")),
    ("TRY", (r"turkish\s+liras?", r"liras?", r"₺"), ("ليرة تركية", "ليرات تركية")),
    ("IQD", (r"iraqi\s+dinars?", r"dinars?"), ("دينار عراقي", "دينارا عراقيا", "دينار", "دينارا", "دنانير")),
    ("JOD", (r"jordanian\s+dinars?",), ("دينار أردني", "دينارا أردنيا")),
    ("KWD", (r"kuwaiti\s+dinars?",), ("دينار كويتي",)),
    ("IRR", (r"iranian\s+rials?", r"tomans?"), ("ريال إيراني", "تومان")),
    ("QAR", (r"qatari\s+riyals?",), ("ريال قطري",)),
    ("SAR", (r"saudi\s+riyals?", r"riyals?"), ("ريال سعودي", "ريالا سعوديا", "ريال", "ريالا", "ريالات")),
    ("AED", (r"(?:uae|emirati)\s+dirhams?", r"dirhams?"), ("درهم إماراتي", "درهم", "دراهم")),
    ("EGP", (r"egyptian\s+pounds?",), ("جنيه مصري", "جنيه", "جنيها", "جنيهات", "ج.م")),
    ("GBP", (r"pounds?\s+sterling", r"british\s+pounds?", r"pounds?", r"£"), ("جنيه إسترليني",)),
    ("EUR", (r"euros?", r"€"), ("يورو",)),
    ("USD", (r"(?:us|american|u\.s\.)\s?dollars?", r"dollars?", r"us\$", r"\$"),
     ("دولار أمريكي", "دولارا أمريكيا", "دولار أميركي", "دولارات أمريكية", "دولار", "دولارا", "دولارات")),
)
# Codes are matched case-sensitively: "sr", "ll" and "tl" are words too.
_CODES = {"USD": "USD", "EUR": "EUR", "GBP": "GBP", "SYP": "SYP", "SYL": "SYP", "LS": "SYP", "IQD": "IQD",
          "TRY": "TRY", "TL": "TRY", "YTL": "TRY", "JOD": "JOD", "JD": "JOD", "LBP": "LBP", "LL": "LBP",
          "SAR": "SAR", "SR": "SAR", "AED": "AED", "QAR": "QAR", "KWD": "KWD", "EGP": "EGP", "IRR": "IRR"}
_CODE_RE = r"(?-i:" + "|".join(sorted(_CODES, key=len, reverse=True)) + r")(?![A-Za-z])"
_CURRENCY_WORDS = "|".join([_ar(*(w for _, _, ar in _CURRENCIES for w in ar)),
                            *(en for _, ens, _ in _CURRENCIES for en in ens)])
_CURRENCY = rf"(?:(?:{_CURRENCY_WORDS})(?!{_LETTER})|{_CODE_RE})"
_SYMBOL_BEFORE = r"(?:us\$|\$|€|£s|£|₺)"

_SCALES: tuple[tuple[int, str], ...] = (
    (1000, r"thousand|k|" + _ar("ألف", "ألفا", "آلاف")),
    (1_000_000, r"million|mn|mln|m|" + _ar("مليون", "مليونا", "ملايين")),
    (1_000_000_000, r"billion|bn|" + _ar("مليار", "مليارا", "مليارات")),
)
_SCALE = "(?:" + "|".join(src for _, src in _SCALES) + rf")(?!{_LETTER})"
_SCALE_ALONE = rf"(?:(?:a|one)\s+(?:thousand|million|billion)|{_ar('ألف', 'مليون', 'مليار')})(?!{_LETTER})"
# 1,500,000.50 | 1.500.000,50 | 1500.5 | 1500
_AMOUNT = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:[.,][0-9]+)?"
# A scale word alone after a number word is part of a number in words ("عشرين ألف").
_NUMBER_WORD_RE = re.compile(
    rf"(?<!{_LETTER})و?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|" + _ar("واحد", "اثن", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع", "عشر", "مئة", "مائة",
                     "مئتي", "مئتا")
    + r")\w*[\s\-]*\Z", re.IGNORECASE)

# --- ID labels ------------------------------------------------------------------------------
_ID_LABELS_EN = (r"passport(?:\s+(?:no\.?|number|num\.?|#))?",
                 r"national\s+(?:id|number|no\.?)(?:\s+(?:no\.?|number))?",
                 r"(?:identity|id)\s+card(?:\s+(?:no\.?|number|#))?", r"id\s+(?:no\.?|number|#)", r"id",
                 r"(?:personal|civil|registration|reg\.)\s+(?:no\.?|number|#)")
_ID_LABELS_AR = ("رقم جواز السفر", "رقم الجواز", "رقم جواز", "جواز السفر رقم", "جواز سفر رقم", "جواز رقم",
                 "رقم الهوية", "رقم هوية", "الهوية رقم", "هوية رقم", "رقم البطاقة الشخصية",
                 "البطاقة الشخصية رقم", "رقم البطاقة", "الرقم الوطني", "رقم وطني", "الرقم الشخصي",
                 "الرقم المدني", "رقم القيد", "رقم السجل المدني")
_ID_LABEL = rf"(?<!{_LETTER})(?:{'|'.join(_ID_LABELS_EN)}|{_ar(*_ID_LABELS_AR)})"
_ID_VALUE = r"(?:[A-Za-z]{1,3}-?)?[0-9]{4,14}(?:[/\-][A-Za-z0-9]{1,6})?"


def _initials(*words: str) -> str:
    """A lookahead for the first letters of `words` (folded): most positions fail it at once,
    before the slower alternatives behind it are tried."""
    letters = sorted({fold_same_length(w)[0].lower() for w in words})
    return "(?=[" + re.escape("".join(letters)) + "])"


_ID_INITIALS = _initials("passport", "national", "id", "civil", "registration", *_ID_LABELS_AR)
# Each alternative opens with a one-character test, so the scan is quick over plain words.
_NUMBER_PATTERNS = {
    "id_label": rf"{_ID_INITIALS}{_ID_LABEL}\s*(?:[:#\-]\s*)?(?P<id>{_ID_VALUE})(?![0-9A-Za-z])",
    "money_before": rf"(?-i:(?=[$€£₺A-Zu]))(?<![A-Za-z])(?P<cur1>{_SYMBOL_BEFORE}|{_CODE_RE})\s?"
                    rf"(?P<amt1>{_AMOUNT})(?![0-9])(?:\s?(?P<scale1>{_SCALE}))?",
    # "/500000/ ل.س": accounts write the sum between slashes so no digit can be added.
    "money_after": rf"(?P<slash>/\s?)?(?=[0-9])(?<![0-9.,])(?P<amt2>{_AMOUNT})(?(slash)\s?/)"
                   rf"(?:\s?(?P<scale2>{_SCALE}))?\s?(?P<cur2>{_CURRENCY}|{_SYMBOL_BEFORE})",
    "money_words": rf"{_initials('ao', 'ألف', 'مليون', 'مليار')}(?<!{_LETTER})(?P<scale3>{_SCALE_ALONE})\s+"
                   rf"(?P<cur3>{_CURRENCY})",
    "id_prefix": r"(?-i:(?=[A-Z]))(?<![A-Za-z0-9\-/])(?-i:[A-Z]{1,2}[0-9]{6,9})(?![A-Za-z0-9/])",
}
_DOMAIN_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
_ADDRESS_PATTERNS = {
    "url": r"(?:https?://|ftp://|www\.)[^\s<>\"'«»\[\]{}|\\^`]+",
    "email": r"(?=[A-Za-z0-9])(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@"
             rf"{_DOMAIN_LABEL}(?:\.{_DOMAIN_LABEL})*\.[A-Za-z]{{2,24}}(?![A-Za-z0-9\-])",
}
# Alternatives in order of precedence where two could start at one position.
_NUMBERS_RE = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _NUMBER_PATTERNS.items()), re.IGNORECASE)
_ALL_RE = re.compile("|".join(f"(?P<{k}>{v})" for k, v in {**_ADDRESS_PATTERNS, **_NUMBER_PATTERNS}.items()),
                     re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")
# Sums written with a scale word and no digit ("ألف دولار", "a million dollars"). Run on the
# text before folding, so the hamza and the marks are spelled out here.
_SCALE_WORD_RE = re.compile(
    rf"(?:million|billion|thousand|[أاإآ]{_MARKS}ل{_MARKS}ف|مليون|مليار){_MARKS}(?!{_LETTER})", re.IGNORECASE)

_PHONE_CANDIDATE_RE = re.compile(r"(?<![A-Za-z0-9+/.,\-])(?:\+ ?|\(\+?)?[0-9](?:[ \-.()/]{0,3}[0-9]){7,16}\)?"
                                 r"(?![A-Za-z0-9])")
_PHONE_CUE_RE = re.compile(
    rf"(?<!{_LETTER})(?:tel|phone|mobile|mob|cell|fax|whatsapp|telegram|call|contact|ph|gsm|"
    + _ar("هاتف", "الهاتف", "جوال", "الجوال", "موبايل", "الموبايل", "خلوي", "محمول", "فاكس", "واتس", "واتساب",
          "تلفون", "تليفون", "ت", "اتصال", "للاتصال")
    + r")\W{0,4}(?:(?:no|number|num|" + _ar("رقم") + r")\W{0,3})?\Z", re.IGNORECASE)
_DECIMAL_RE = re.compile(r"[0-9]+[.,][0-9]+")
_URL_TRAILING = ".,;:!?'\"»]}،؛"  # not ")": what is left of those is balanced


@lru_cache(maxsize=1024)
def _currency_code(name: str) -> str:
    """ISO 4217 code of a currency symbol, code or name as matched (folded)."""
    if name in _CODES:
        return _CODES[name]
    for code, ens, ars in _CURRENCIES:
        if re.fullmatch("|".join([*ens, _ar(*ars)]), name, re.IGNORECASE):
            return code
    return "USD" if name.lower() in ("$", "us$") else ""


@lru_cache(maxsize=256)
def _scale_factor(word: str) -> int:
    """1000 for "thousand", "k", "ألف", "a thousand", ...; 1 for a word that is no scale."""
    word = re.sub(r"^(?:a|one)\s+", "", word)
    for factor, source in _SCALES:
        if re.fullmatch(source, word, re.IGNORECASE):
            return factor
    return 1


def _parse_amount(raw: str, scaled: bool) -> Decimal | None:
    """The number in "1,500.50", "1.500,50", "1.5", "1.500" (thousands unless `scaled`)."""
    if "," in raw and "." in raw:
        decimal_sep = "," if raw.rfind(",") > raw.rfind(".") else "."
        raw = raw.replace("." if decimal_sep == "," else ",", "").replace(decimal_sep, ".")
    elif "," in raw or "." in raw:
        parts = raw.split("," if "," in raw else ".")
        thousands = len(parts) > 2 or (len(parts[-1]) == 3 and not ("." in raw and scaled))
        raw = "".join(parts) if thousands else ".".join(parts)
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def _strip_url(url: str) -> str:
    """`url` without the sentence's punctuation after it, cut at a closing bracket it did not
    open ("(see http://x.org/a)", CSS "url(http://x.org/a.png);"). Balanced brackets belong to
    the URL (Wikipedia-style paths)."""
    depth = 0
    for i, ch in enumerate(url):
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                url = url[:i]
                break
            depth -= 1
    return url.rstrip(_URL_TRAILING)


def _token(m: re.Match[str], text: str) -> Identifier | None:
    """The identifier a match of `_NUMBERS_RE` / `_ALL_RE` (on the folded `text`) stands for."""
    kind = m.lastgroup
    start, end = m.span()
    if kind == "url":
        url = _strip_url(m.group())
        host = url.split("/")[2] if "://" in url else url.split("/")[0].removeprefix("www.")
        if "." not in host and host.split(":")[0] != "localhost":
            return None  # "http://", "www.example", "http://www" in a script: nothing to follow
        end = start + len(url)
        return Identifier(start, end, text[start:end], "URL", text[start:end])
    if kind == "email":
        return Identifier(start, end, text[start:end], "EMAIL", m.group().lower())
    if kind in ("id_label", "id_prefix"):
        if kind == "id_label":
            start, end = m.span("id")  # the number, not its label
        return Identifier(start, end, text[start:end], "ID", m.string[start:end].upper())
    i = next(i for i in "123" if m.group(f"cur{i}") is not None)  # which money pattern
    currency = _currency_code(m.group(f"cur{i}"))
    if i == "3":
        before = m.string[max(0, start - 30):start]
        if _NUMBER_WORD_RE.search(before):
            return None
        amount: Decimal | None = Decimal(1)
    else:
        amount = _parse_amount(m.group(f"amt{i}"), m.group(f"scale{i}") is not None)
    if amount is None or not currency:
        return None
    scale = m.group(f"scale{i}")
    if scale is not None:
        amount *= _scale_factor(scale.lower())
    value = f"{format(amount.normalize(), 'f')} {currency}"  # 1.5E+6 → "1500000"
    return Identifier(start, end, text[start:end], "MONEY", value)


def _phones(folded: str, text: str, regions: tuple[str, ...],
            taken: list[tuple[int, int]]) -> list[Identifier]:
    """Phone numbers among the digit runs not already taken (see the module docstring)."""
    found: list[Identifier] = []
    dates: list[tuple[int, int]] | None = None
    for cand in _PHONE_CANDIDATE_RE.finditer(folded):
        s, e = cand.span()
        if _overlaps(s, e, taken):
            continue
        raw = cand.group().lstrip("(")
        if _DECIMAL_RE.fullmatch(raw):
            continue  # 0.12345678 is a measurement
        if not (raw.startswith(("+", "0")) or _PHONE_CUE_RE.search(folded, max(0, s - 30), s)):
            continue
        if dates is None:  # only now: most text has no candidate at all
            dates = [(d.start, d.end) for d in find_dates(text)]
        if _overlaps(s, e, dates):
            continue
        for start, end, e164 in _match_phones(folded[s:e], regions):
            found.append(Identifier(s + start, s + end, text[s + start:s + end], "PHONE", e164))
    return found


@lru_cache(maxsize=8192)
def _match_phones(candidate: str, regions: tuple[str, ...]) -> tuple[tuple[int, int, str], ...]:
    """(start, end, E.164) of the phone numbers in one candidate, under the first region that
    reads any. Cached: the same numbers recur on every letterhead of a trove, and the
    library's matcher is the slow part."""
    for region in regions:
        matches = tuple(
            (pm.start, pm.end, phonenumbers.format_number(pm.number, phonenumbers.PhoneNumberFormat.E164))
            for pm in phonenumbers.PhoneNumberMatcher(candidate, region, leniency=phonenumbers.Leniency.VALID)
            if sum(ch.isdigit() for ch in pm.raw_string) >= 8)
        if matches:
            return matches
    return ()


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def find_identifiers(text: str, regions: tuple[str, ...] = DEFAULT_REGIONS) -> list[Identifier]:
    """Phones, e-mails, URLs, sums of money and ID numbers in `text`, in text order.

    `regions` are ISO 3166 country codes, most likely first, for reading phone numbers written
    without a country code. See the module docstring for the rules.

    >>> [(i.type, i.value) for i in find_identifiers("Tel: ٠٩٤٤١٢٣٤٥٦, paid $1,500")]
    [('PHONE', '+963944123456'), ('MONEY', '1500 USD')]
    """
    has_digit = _DIGIT_RE.search(text) is not None
    # URLs and e-mails need "@", "www" or "://": without them a cheaper pattern does.
    addresses = "@" in text or "://" in text or "www" in text or "WWW" in text
    if not (has_digit or addresses or _SCALE_WORD_RE.search(text)):
        return []
    folded = fold_same_length(text)  # offsets kept: spans in `folded` are spans in `text`
    tokens = (_token(m, text) for m in (_ALL_RE if addresses else _NUMBERS_RE).finditer(folded))
    chosen = [ident for ident in tokens if ident is not None]
    if has_digit:
        chosen.extend(_phones(folded, text, regions, [(i.start, i.end) for i in chosen]))
    chosen.sort(key=lambda i: i.start)
    return chosen
