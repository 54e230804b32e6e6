"""Word forms for matching dictionary phrases: English inflections and Arabic clitics.

Dictionary phrases and text are compared as word keys (`extract.matcher.text_words`:
normalised, apostrophes dropped). English verbs and nouns are inflected from their lemma
with `lemminflect`, so an analyst writes "withdraw" and "withdrew", "withdrawn",
"withdrawing" match. An Arabic word in the text is also tried without its proclitics (و ف
ب ل ك, the future marker سـ, the article) and its suffixes (pronouns, verb endings), so a
dictionary that lists انسحب matches وانسحبت and سينسحبون's stem ينسحب.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from functools import lru_cache
from typing import Generic, TypeVar

from sleuth.extract.matcher import Word, text_words

T = TypeVar("T")

# Normalised: ة is folded to ه, أ إ آ to ا.
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
_FUTURE = "س"
_ARTICLES = ("ال", "لل")
_SUFFIXES = (
    "هما",
    "كما",
    "تما",
    "ونه",
    "وها",
    "وهم",
    "تها",
    "تهم",
    "ها",
    "هم",
    "كم",
    "نا",
    "تم",
    "وا",
    "ون",
    "ين",
    "ات",
    "ان",
    "ه",
    "ت",
    "ا",
    "ن",
    "ي",
)
_IMPERFECT = ("ي", "ت", "ن", "ا")
MIN_STEM = 2


def phrase_keys(phrase: str) -> tuple[str | None, ...]:
    """The word keys of a dictionary phrase; `...` (a gap) becomes None."""
    out: list[str | None] = []
    for part in phrase.split():
        if part == "...":
            out.append(None)
        else:
            out.extend(w.key for w in text_words(part))
    return tuple(out)


@lru_cache(maxsize=4096)
def verb_forms(lemma: str) -> dict[str, str]:
    """Every form of an English verb, with its Penn tag (VB, VBD, VBN, VBG, VBZ)."""
    from lemminflect import getAllInflections, getAllInflectionsOOV

    table = getAllInflections(lemma, upos="VERB") or getAllInflectionsOOV(lemma, upos="VERB")
    forms: dict[str, str] = {lemma: "VB"}
    for tag in ("VBZ", "VBG", "VBD", "VBN"):  # VBN last: a form both past and participle is VBN
        for form in table.get(tag, ()):
            forms[form.lower()] = tag
    return forms


@lru_cache(maxsize=4096)
def noun_forms(lemma: str) -> tuple[str, ...]:
    """An English noun and its plural(s)."""
    from lemminflect import getAllInflections, getAllInflectionsOOV

    table = getAllInflections(lemma, upos="NOUN") or getAllInflectionsOOV(lemma, upos="NOUN")
    forms = {lemma}
    for tag in ("NN", "NNS"):
        forms.update(f.lower() for f in table.get(tag, ()))
    return tuple(sorted(forms))


def is_arabic(key: str) -> bool:
    """Whether a word key is in Arabic script."""
    return bool(key) and "\u0600" <= key[0] <= "\u06ff"


#: Endings taken off a noun (agents): the sound plurals and the construct state only.
NOUN_SUFFIXES = ("ون", "ين", "و", "ي")


@lru_cache(maxsize=100_000)
def arabic_noun_stems(key: str) -> tuple[str, ...]:
    """A noun without its proclitics, article and sound-plural ending: والمقاتلين -> مقاتل...
    Lighter than `arabic_stems`, so a plural -ات does not turn واليات into والي."""
    if not is_arabic(key):
        return (key,)
    heads = [s for s, _ in arabic_stems(key) if key.endswith(s)]  # proclitics only
    out = dict.fromkeys(heads)
    for word in heads:
        for suffix in NOUN_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM + 1:
                out.setdefault(word[: -len(suffix)])
    return tuple(out)


@lru_cache(maxsize=200_000)
def arabic_stems(key: str) -> tuple[tuple[str, bool], ...]:
    """The word itself and what it may be without clitics, with whether a future سـ was
    peeled off: وسينسحبون -> (..., ("ينسحب", True), ...). Longest stems first."""
    if not is_arabic(key):
        return ((key, False),)
    heads: list[tuple[str, bool]] = [(key, False)]
    for c in _CONJUNCTIONS:
        if key.startswith(c) and len(key) - 1 >= MIN_STEM:
            heads.append((key[1:], False))
    for word, _ in list(heads):
        if word.startswith(_FUTURE) and len(word) > 3 and word[1] in _IMPERFECT:
            heads.append((word[1:], True))
        for p in _PREPOSITIONS:
            if word.startswith(p) and len(word) - 1 >= MIN_STEM:
                heads.append((word[1:], False))
    for word, future in list(heads):
        for a in _ARTICLES:
            if word.startswith(a) and len(word) - len(a) >= MIN_STEM:
                heads.append((word[len(a) :], future))
    for word, future in list(heads):
        # another person of the imperfect: تنسحب, ننسحب as the listed ينسحب (not أ: أورد is
        # a perfect, not يورد)
        if len(word) >= 4 and word[0] in "تن":
            heads.append(("ي" + word[1:], future))
    out: dict[str, bool] = {}
    for word, future in heads:
        out.setdefault(word, future)
        for s in _SUFFIXES:
            if word.endswith(s) and len(word) - len(s) >= MIN_STEM:
                stem = word[: -len(s)]
                out.setdefault(stem, future)
                # two endings: a verb ending and a pronoun (سلموها, اتهمته)
                for s2 in _SUFFIXES:
                    if stem.endswith(s2) and len(stem) - len(s2) >= MIN_STEM + 1:
                        out.setdefault(stem[: -len(s2)], future)
    return tuple(sorted(out.items(), key=lambda kv: -len(kv[0])))


def word_matches(key: str, wanted: str) -> bool:
    """Whether a text word is the dictionary word `wanted` (Arabic: with clitics)."""
    if key == wanted:
        return True
    return is_arabic(key) and any(stem == wanted for stem, _ in arabic_stems(key))


def verb_stems(key: str) -> tuple[str, ...]:
    """A word and what it may be without clitics and endings (all Arabic readings)."""
    return tuple(stem for stem, _ in arabic_stems(key)) if is_arabic(key) else (key,)


def noun_stems(key: str) -> tuple[str, ...]:
    """A word and what it may be without proclitics and a sound-plural ending."""
    return arabic_noun_stems(key) if is_arabic(key) else (key,)


class PhraseIndex(Generic[T]):
    """Contiguous phrases of word keys, each with a value, found longest first. `stems`
    says what a text word may stand for (an Arabic word with its clitics taken off)."""

    def __init__(
        self,
        phrases: Iterable[tuple[tuple[str, ...], T]],
        stems: Callable[[str], tuple[str, ...]] = verb_stems,
    ) -> None:
        self.stems = stems
        self.by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for keys, value in phrases:
            if keys and (keys, value) not in self.by_first.get(keys[0], []):
                self.by_first.setdefault(keys[0], []).append((keys, value))

    def find(
        self, words: Sequence[Word], start: int = 0, end: int | None = None, taken: Collection[int] = ()
    ) -> list[tuple[int, int, T]]:
        """(first, last, value) of every phrase in words[start:end], none over `taken`."""
        end = len(words) if end is None else end
        out: list[tuple[int, int, T]] = []
        i = start
        while i < end:
            best: tuple[int, T] | None = None
            if i not in taken:
                for stem in self.stems(words[i].key):
                    for keys, value in self.by_first.get(stem, ()):
                        n = len(keys)
                        if (
                            (best is None or n > best[0])
                            and i + n <= end
                            and not any(j in taken for j in range(i, i + n))
                            and all(self._is(words[i + k].key, keys[k]) for k in range(1, n))
                        ):
                            best = (n, value)
            if best is not None:
                out.append((i, i + best[0] - 1, best[1]))
                i += best[0]
            else:
                i += 1
        return out

    def _is(self, key: str, wanted: str) -> bool:
        return key == wanted or wanted in self.stems(key)
