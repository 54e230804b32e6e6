"""Language of a text: script counts first, a statistical model only where script is not enough.

The troves are mostly Arabic and English. Counting letters per script settles Arabic
without a model (and in microseconds); Latin- and Cyrillic-script text goes to py3langid,
whose model is loaded once per process, on first use. Results are ISO 639-1 codes
("ar", "en", "fr", ...), the ISO 639-3 code for the few languages that have no 639-1
code, and "und" when there is too little text to tell.
"""

from __future__ import annotations

import re
import threading
from typing import Any

#: How much of a text is looked at (the start of a document decides).
SAMPLE_CHARS = 2000
#: Fewer letters than this: "und".
MIN_LETTERS = 3
#: py3langid reads at most this much: its cost grows with length, its accuracy levels off.
CLASSIFY_CHARS = 1000
#: Below this model confidence (0-1): "und".
MIN_CONFIDENCE = 0.25
#: Share of Persian/Urdu-only letters (پ چ ژ گ ٹ ...) among Arabic-script letters above
#: which the model decides between Arabic, Persian, Urdu, Kurdish and Pashto. Below it the
#: answer is "ar": Arabic text uses a few of these letters in foreign names (چچن, گوگل).
PERSIAN_LETTER_SHARE = 0.015

_SCRIPT_CLASSES = {
    "arabic": "\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f"
              "\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc",
    "latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "cyrillic": "\u0400-\u0481\u048a-\u04ff",
    "greek": "\u0386-\u03ff\u1f00-\u1fff",
    "hebrew": "\u05d0-\u05ea",
    "devanagari": "\u0900-\u097f",
    "armenian": "\u0531-\u0587",
    "georgian": "\u10a0-\u10ff",
    "thai": "\u0e01-\u0e5b",
    "hangul": "\uac00-\ud7af\u1100-\u11ff",
    "kana": "\u3040-\u30ff",
    "han": "\u4e00-\u9fff\u3400-\u4dbf",
}
_SCRIPT_RES = {name: re.compile(f"[{cls}]+") for name, cls in _SCRIPT_CLASSES.items()}
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_ARABIC_RE = _SCRIPT_RES["arabic"]
_PERSIAN_ONLY_RE = re.compile("[پچژگٹڈڑںھہےۓڤکی]")
# Languages whose script alone names them.
_SCRIPT_LANGUAGE = {"greek": "el", "hebrew": "he", "armenian": "hy", "georgian": "ka",
                    "thai": "th", "hangul": "ko", "kana": "ja", "han": "zh"}
_ARABIC_SCRIPT_LANGUAGES = ("ar", "fa", "ur", "ps", "ku", "sdh", "ug", "ary", "arz")
# py3langid labels that have an ISO 639-1 code (or are a variety of one).
_TO_ISO1 = {"ary": "ar", "arz": "ar", "sdh": "ku", "uzs": "uz", "hbo": "he", "grc": "el",
            "yue": "zh", "wuu": "zh", "gug": "gn", "kik": "ki", "zxx": "und"}

_lock = threading.Lock()
_model: Any = None


def scripts(text: str) -> dict[str, int]:
    """Letters per script in the first `SAMPLE_CHARS` characters, most frequent first.

    Script names: arabic, latin, cyrillic, greek, hebrew, devanagari, armenian, georgian,
    thai, hangul, kana, han, and "other" for letters of any other script. Use it to tell a
    mixed page (e.g. {"arabic": 700, "latin": 450}) from a monolingual one.
    """
    sample = text[:SAMPLE_CHARS]
    counts = {name: sum(map(len, rx.findall(sample))) for name, rx in _SCRIPT_RES.items()}
    other = sum(map(len, _LETTERS_RE.findall(sample))) - sum(counts.values())
    if other > 0:
        counts["other"] = other
    return dict(sorted(((k, v) for k, v in counts.items() if v > 0), key=lambda kv: -kv[1]))


def detect_language(text: str) -> str:
    """The language of `text` as an ISO 639-1 code, or "und" when there is too little text.

    The majority script decides first: an Arabic-script majority is "ar" (or "fa", "ur",
    ... when Persian/Urdu-only letters are frequent), Greek is "el", and so on. Latin,
    Cyrillic and other texts are classified by py3langid. A mixed page gets the language
    of its majority script; see `scripts()` for the full picture.
    """
    sample = text[:SAMPLE_CHARS]
    counts = scripts(sample)
    if not counts or sum(counts.values()) < MIN_LETTERS:
        return "und"
    top = next(iter(counts))
    if top == "arabic":
        arabic = "".join(_ARABIC_RE.findall(sample))
        persian = len(_PERSIAN_ONLY_RE.findall(arabic))
        if persian / max(len(arabic), 1) < PERSIAN_LETTER_SHARE:
            return "ar"
        return _classify(" ".join(_ARABIC_RE.findall(sample)), _ARABIC_SCRIPT_LANGUAGES) or "ar"
    if top == "han" and "kana" in counts:
        return "ja"
    if top in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[top]
    if "arabic" in counts:  # a minority of Arabic would pull the model towards "ar"
        sample = _ARABIC_RE.sub(" ", sample)
    return _classify(sample[:CLASSIFY_CHARS]) or "und"


def _classify(sample: str, among: tuple[str, ...] | None = None) -> str | None:
    """py3langid's best language for `sample` (optionally only among some), or None."""
    ranked = _identifier().rank(sample)
    for label, confidence in ranked:
        if among is not None and label not in among:
            continue
        if confidence < MIN_CONFIDENCE and among is None:
            return None
        return _TO_ISO1.get(label, label)
    return None


def _identifier() -> Any:
    """The py3langid model, loaded once per process (about half a second)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _model
