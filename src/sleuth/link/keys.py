"""Name keys that meet across scripts and spellings: Muhammad = Mohamed = محمد.

A name's key is the consonant skeleton of each of its words, written in one Latin alphabet
both scripts map onto. Transliterations of Arabic disagree mostly on vowels (Mohammed,
Muhammad), doubled letters (Hassan, Hasan), digraphs (Khalid, Xalid), the article (al-,
ar-, ال) and the ta marbuta (Hamza, Hamzah, حمزة), and the key drops exactly those:

    Mohammed, Muhammad, Mohamad, محمد  -> mhmd
    Hussein, Husayn, Hussain, حسين     -> hsn
    Abu Hamza al-Raqqawi, أبو حمزة الرقاوي -> abu hmz rk

Long vowels written with و/ي (and w/y in Latin) count only at the start of a word, where
they are consonants (Walid, وليد -> wld; Yusuf, يوسف -> ysf). 'abd' compounds are one word
(Abd al-Rahman, Abdulrahman, عبد الرحمن -> bdrhmn).

Skeletons conflate some different names (Hassan and Hussein are both hsn; Omar, Amer and
Amir are mr), so a given name that the lexicon (data/given_names.yaml) knows is keyed by
its lexicon id instead: Hussein, Husayn, حسين -> =hussein; Hassan, Hasan, حسن -> =hasan.
Likewise a nisba the gazetteer knows as a demonym is keyed by its place: al-Iraqi, العراقي
-> ^iq; al-Raqqawi, الرقاوي -> ^sy-raqqa (both would be rk).
A spelling the lexicon lacks joins a lexicon name when its skeleton is that name's alone.

Kunya words become the marker 'abu' or
'umm' and nasab words (bin, ibn, بن) are dropped, so word order and "bin" do not matter
to the comparison (`link.resolve` compares words as a set).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sleuth.extract.matcher import FREE_ARTICLES, HYPHEN_ARTICLES
from sleuth.text.normalize import normalize
from sleuth.text.tokens import tokenize

_ARABIC = {
    "ا": "",
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ج": "j",
    "ح": "h",
    "خ": "x",
    "د": "d",
    "ذ": "d",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "š",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "g",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "و": "w",
    "ي": "y",
    "ء": "",
    "ى": "",
    "پ": "b",
    "چ": "š",
    "ژ": "j",
    "گ": "j",
    "ڤ": "f",
}
_LATIN_DIGRAPHS = (
    ("kh", "x"),
    ("gh", "G"),
    ("sh", "š"),
    ("ch", "š"),
    ("sch", "š"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("ck", "k"),
    ("dj", "j"),
    ("zh", "j"),
)
_LATIN = str.maketrans({"q": "k", "c": "k", "p": "b", "v": "f", "g": "j", "G": "g", "x": "x"})
_VOWELS = frozenset("aeiouwy")
KUNYA = {
    "abu": "abu",
    "abou": "abu",
    "abo": "abu",
    "abi": "abu",
    "aba": "abu",
    "ابو": "abu",
    "ابي": "abu",
    "ابا": "abu",
    "umm": "umm",
    "um": "umm",
    "oum": "umm",
    "ام": "umm",
}
NASAB = frozenset({"bin", "ibn", "ben", "bint", "ould", "بن", "ابن", "بنت"})
ARTICLES = FREE_ARTICLES | HYPHEN_ARTICLES
_ABD = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abdu", "abdoul", "عبد"})
_DIGITS = re.compile(r"\d")


@lru_cache(maxsize=1)
def _given_names() -> tuple[dict[str, str], dict[str, str]]:
    """The given-name lexicon (extract/data/given_names.yaml): normalised spelling -> name
    id, and skeleton -> name id for skeletons that only one name has."""
    from sleuth.extract.names import given_name_entries

    spelling: dict[str, str] = {}
    by_skeleton: dict[str, set[str]] = {}
    for item in given_name_entries():
        for s in [item.get("ar"), *(item.get("en") or [])]:
            if not s:
                continue
            words = [t.text for t in tokenize(normalize(str(s)).replace("'", "").replace("’", ""))]
            if len(words) != 1 or words[0].startswith(("abd", "عبد")):
                continue  # compounds (Abd al-Rahman, Abdulrahman) are keyed by the abd rule
            spelling.setdefault(words[0], str(item["id"]))
            by_skeleton.setdefault(skeleton(words[0]), set()).add(str(item["id"]))
    unique = {sk: next(iter(ids)) for sk, ids in by_skeleton.items() if len(ids) == 1 and sk}
    return spelling, unique


@lru_cache(maxsize=1)
def nisbas() -> tuple[dict[str, str], dict[str, str]]:
    """Nisba words (al-Iraqi, العراقي, al-Raqqawi, الرقاوي) from data/nisbas.yaml and the
    gazetteer's demonyms:
    normalised spelling (without the article) -> "^entry", and "^entry" -> its skeleton
    where no other nisba has that skeleton.
    Skeletons alone conflate nisbas (Iraqi and Raqqawi are both rk; Azeri and Deiri dr)."""
    from importlib import resources

    import yaml

    from sleuth.extract.gazetteer import load_gazetteer

    path = resources.files("sleuth.extract").joinpath("data", "nisbas.yaml")
    extra = yaml.safe_load(path.read_text("utf-8"))
    more: dict[str, list[str]] = {pid: [w for ws in forms.values() for w in ws]
                                  for pid, forms in (extra.get("nisbas") or {}).items()}
    owners: dict[str, set[str]] = {}
    skeletons: dict[str, str] = {}
    for entry in load_gazetteer(geonames=False):
        if entry.type == "NORP" or not (entry.demonyms or entry.id in more):
            continue
        key = "^" + entry.id
        for demonym in (*more.get(entry.id, ()), *entry.demonyms):
            word = normalize(demonym).replace("'", "").removeprefix("ال")
            if " " in word or not word:
                continue
            owners.setdefault(word, set()).add(key)
            skeletons.setdefault(key, skeleton(word))
    # a spelling the gazetteer lacks may match a nisba by skeleton only where one nisba has it
    counts: dict[str, int] = {}
    for sk in skeletons.values():
        counts[sk] = counts.get(sk, 0) + 1
    unique = {k: sk for k, sk in skeletons.items() if counts[sk] == 1}
    return {w: next(iter(k)) for w, k in owners.items() if len(k) == 1}, unique


NISBA_SIMILARITY = 0.88


@lru_cache(maxsize=100_000)
def nisba_of(word: str) -> str | None:
    """The nisba a word is, known (al-Deiri) or a near spelling of one only (al-Dayri,
    الذيري for الديري: Jaro-Winkler >= 0.88, clearly closer than to any other)."""
    known = nisbas()[0]
    bare = word.removeprefix("ال")
    if bare in known:
        return known[bare]
    if len(bare) < 4 or not bare.endswith(("i", "y", "ي")):
        return None
    from rapidfuzz import process
    from rapidfuzz.distance import JaroWinkler

    best = process.extract(bare, list(known), scorer=JaroWinkler.normalized_similarity, limit=2)
    if not best or best[0][1] < NISBA_SIMILARITY:
        return None
    if len(best) > 1 and known[best[1][0]] != known[best[0][0]] and best[1][1] > best[0][1] - 0.05:
        return None
    return known[best[0][0]]


def word_key(word: str) -> str:
    """One normalised word of a name as keys compare it: a known given name by its lexicon
    id ("=hussein"; Hussein, Husayn, حسين), anything else by its skeleton. A word with the
    article (الحمد, al-Hamed: a family name or nisba) is always a skeleton."""
    nisba = nisba_of(word)
    if nisba is not None:
        return nisba
    if word.startswith("ال"):
        return skeleton(word)
    spelling, unique = _given_names()
    name_id = spelling.get(word)
    if name_id is None:
        sk = skeleton(word)
        name_id = unique.get(sk)
        if name_id is None:
            return sk
    return "=" + name_id


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """The consonant skeleton of one normalised word (Latin or Arabic)."""
    if not word:
        return ""
    if "\u0600" <= word[0] <= "\u06ff":
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        if word.endswith("ه") and len(word) > 2:
            word = word[:-1]  # ta marbuta (folded to ه by normalisation)
        out = []
        for n, ch in enumerate(word):
            mapped = _ARABIC.get(ch, "")
            if mapped in ("w", "y") and n > 0:
                continue
            out.append(mapped)
        return _squeeze("".join(out))
    w = word.lower()
    if len(w) > 3 and w[-1] == "h" and w[-2] in "ae":
        w = w[:-1]
    for a, b in _LATIN_DIGRAPHS:
        w = w.replace(a, b)
    w = w.translate(_LATIN)
    kept = [ch for n, ch in enumerate(w) if ch.isalpha() and (ch not in _VOWELS or (n == 0 and ch in "wy"))]
    return _squeeze("".join(kept))


def _squeeze(s: str) -> str:
    out: list[str] = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    s = "".join(out)
    return "bd" + s[3:] if s.startswith("bdl") else s


CONNECTORS = frozenset({"and", "of", "for", "the", "in", "و"})


@lru_cache(maxsize=1)
def _org_concepts() -> dict[str, str]:
    """Normalised organisation word -> '#concept' (extract/data/rules.yaml, org_concepts)."""
    from sleuth.extract.names import rules_data

    concepts = rules_data().get("org_concepts") or {}
    return {normalize(str(w)): "#" + concept for concept, words in concepts.items() for w in words}


def _arabic_stem(tok: str) -> str:
    """An Arabic word without a conjunction or preposition before its article:
    والنقل -> النقل, للتجارة -> التجارة, بالرقة -> الرقة."""
    if len(tok) > 4 and tok[0] in "وفبك" and tok[1:3] == "ال":
        return tok[1:]
    if len(tok) > 3 and tok.startswith("لل"):
        return "ا" + tok[1:]
    return tok


def name_words(text: str) -> list[str]:
    """The words of a name as keys compare them: kunya marker, skeletons, no bin/al, and
    organisation words as concepts (#company)."""
    tokens = [t.text for t in tokenize(normalize(text).replace("'", "").replace("’", ""))]
    tokens = [_arabic_stem(t) if "\u0600" <= t[:1] <= "\u06ff" else t for t in tokens]
    concepts = _org_concepts()
    out: list[str] = []
    i = 0
    article = False
    while i < len(tokens):
        tok = tokens[i]
        if tok in ARTICLES and i + 1 < len(tokens):
            article = True
            i += 1
            continue
        had_article, article = article, False
        if tok in NASAB or tok in CONNECTORS:
            i += 1
            continue
        if tok in concepts:
            out.append(concepts[tok])
            i += 1
            continue
        if tok in KUNYA and i + 1 < len(tokens):
            out.append(KUNYA[tok])
            i += 1
            continue
        if tok in _ABD and i + 1 < len(tokens):
            j = i + 1
            if tokens[j] in ARTICLES and j + 1 < len(tokens):
                j += 1
            rest = tokens[j].removeprefix("ال")
            out.append(skeleton(("عبد" if "\u0600" <= rest[:1] <= "\u06ff" else "abd") + rest))
            i = j + 1
            continue
        if _DIGITS.search(tok):
            out.append(tok)
        else:
            key = (nisba_of(tok) or skeleton(tok)) if had_article else word_key(tok)
            if key:
                out.append(key)
        i += 1
    return out


def name_key(text: str) -> str:
    """One string for grouping mentions that are surely the same name (sorted words)."""
    return " ".join(sorted(name_words(text)))
