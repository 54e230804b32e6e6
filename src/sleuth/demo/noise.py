"""Near-duplicates: re-typed copies with small wording changes and OCR-like noise.

Every change is a pure function of (seed, word) or a fixed phrase table, so transforming a
whole document and transforming one sentence of it give the same result: truth.json can list
each event sentence exactly as the noisy copy spells it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# wording changes a typist makes when re-typing (phrase -> phrase)
_REWORD = {
    "ar": [
        ("بتاريخ", "في تاريخ"),
        ("الأسلحة الثقيلة", "السلاح الثقيل"),
        ("حفظه الله", "حفظه الله ورعاه"),
        ("وجزاكم الله خيراً", "وجزاكم الله كل خير"),
        ("يرجى", "نرجو"),
        ("قبل", "قبيل"),
        ("المكتب الأمني", "مكتب الأمن"),
    ],
    "en": [
        ("heavy weapons", "heavy arms"),
        ("To: brother", "To: Brother"),
        ("Peace be upon you.", "Peace be upon you, brothers."),
        ("tonnes", "tons"),
        ("fertiliser", "fertilizer"),
        ("no later than", "not later than"),
    ],
}
_AR_DIACRITICS = re.compile("[\u064b-\u0652\u0670]")
_EDGES = re.compile(r"(\W*)(.*?)(\W*)", re.DOTALL)
_AR_SWAPS = [("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ة", "ه"), ("ى", "ي"), ("ه", "ة")]
_EN_SWAPS = [("m", "rn"), ("rn", "m"), ("l", "1"), ("O", "0"), ("cl", "d"), ("e", "c"), ("i", "l")]


def _coin(seed: str, word: str, salt: str) -> float:
    digest = hashlib.blake2b(f"{seed}|{salt}|{word}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


@dataclass(frozen=True)
class Retype:
    """A deterministic text transform: reword (phrase table) then OCR noise (per word)."""

    seed: str
    lang: str
    reword: bool = True
    ocr_rate: float = 0.0
    strip_diacritics: bool = True

    def word(self, token: str) -> str:
        """Noise for one word (depends only on the word and the seed, not on the punctuation
        around it: "تدمر." changes as "تدمر" does)."""
        edges = _EDGES.fullmatch(token)
        assert edges is not None
        lead, word, trail = edges.groups()
        if lead or trail:
            return lead + self.word(word) + trail if word else token
        if self.ocr_rate <= 0 or _coin(self.seed, word, "hit") >= self.ocr_rate:
            return word
        swaps = _AR_SWAPS if self.lang == "ar" else _EN_SWAPS
        usable = [s for s in swaps if s[0] in word]
        if not usable:
            return word
        old, new = usable[int(_coin(self.seed, word, "which") * len(usable))]
        if self.lang == "ar" and old == "ه" and not word.endswith("ه"):
            return word
        return word.replace(old, new, 1)

    def __call__(self, text: str) -> str:
        """The transformed text."""
        if self.reword:
            for old, new in _REWORD[self.lang]:
                text = re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, text)
        if self.lang == "ar" and self.strip_diacritics:
            text = _AR_DIACRITICS.sub("", text)
        if self.ocr_rate > 0:
            text = " ".join(self.word(w) for w in text.split(" "))
        return text

    def describe(self) -> list[str]:
        """What this transform changes, for truth.json."""
        out = []
        if self.reword:
            out.append("re-typed with small wording changes")
        if self.lang == "ar" and self.strip_diacritics:
            out.append("diacritics dropped")
        if self.ocr_rate > 0:
            out.append(
                "OCR-like character errors ("
                + ("ا/أ, ه/ة, ى/ي" if self.lang == "ar" else "rn/m, l/1, O/0")
                + f", about {round(self.ocr_rate * 100)}% of words)"
            )
        return out
