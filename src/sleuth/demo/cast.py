"""The invented people of the demo story: names with kunya, nasab and nisba, in two scripts.

Every person is drawn at random from name parts (data/names.json) and checked against a list
of real public figures, so no name in the trove points at a real person.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sleuth.demo.world import Mention, NamePart, World, normalise_name


@dataclass(frozen=True)
class Person:
    """An invented person. `canonical` is the name used in truth.json."""

    key: str
    role: str
    side: str
    title: NamePart
    given: NamePart
    father: NamePart | None
    family: NamePart
    kunya: NamePart | None = None
    nisba: NamePart | None = None
    rank: NamePart | None = None
    nationality: str = "syria"
    birth: dt.date = dt.date(1985, 1, 1)
    type: str = field(default="PERSON", init=False)

    @property
    def canonical(self) -> str:
        """The one name used for this person in truth.json."""
        if self.kunya is not None:
            nisba = f" {self.nisba.en[0]}" if self.nisba else ""
            return f"Abu {self.kunya.en[0]}{nisba}"
        return f"{self.given.en[0]} {self.family.en[0]}"

    def kunya_ar(self) -> str:
        """'أبو حمزة الرقاوي'."""
        assert self.kunya is not None
        return f"أبو {self.kunya.ar}" + (f" {self.nisba.ar}" if self.nisba else "")

    def full_ar(self) -> str:
        """'خالد بن عمر الحمد'."""
        father = f" بن {self.father.ar}" if self.father else ""
        return f"{self.given.ar}{father} {self.family.ar}"

    def full_en(self, rng: random.Random) -> str:
        """'Khaled bin Omar al-Hamad', spelt differently from one document to the next."""
        father = ""
        if self.father:
            father = f" {rng.choice(('bin', 'ibn', ''))} {rng.choice(self.father.en)}".replace("  ", " ")
        return f"{rng.choice(self.given.en)}{father} {rng.choice(self.family.en)}"

    def kunya_en(self, rng: random.Random) -> str:
        """'Abu Hamza al-Raqqawi' or 'Abu Hamzah ar-Raqqawi'."""
        assert self.kunya is not None
        nisba = f" {rng.choice(self.nisba.en)}" if self.nisba else ""
        return f"Abu {rng.choice(self.kunya.en)}{nisba}"

    def mention(self, lang: str, rng: random.Random, form: str = "") -> Mention:
        """A mention of this person: by kunya ('kunya'), short kunya, full name or rank."""
        form = form or rng.choice(("kunya", "kunya", "kunya", "short", "full"))
        if self.kunya is None:
            form = "full"
        if lang == "ar":
            if form == "short" and self.kunya:
                text = f"أبو {self.kunya.ar}"
            elif form == "full":
                text = (f"{self.rank.ar} " if self.rank else "") + self.full_ar()
            else:
                text = self.kunya_ar()
        elif form == "short" and self.kunya:
            text = f"Abu {rng.choice(self.kunya.en)}"
        elif form == "full":
            text = (f"{rng.choice(self.rank.en)} " if self.rank else "") + self.full_en(rng)
        else:
            text = self.kunya_en(rng)
        return Mention(text, "PERSON", self.canonical)

    def spellings(self) -> list[str]:
        """Every Latin spelling this person can get, for checks against real names."""
        out = [self.canonical]
        if self.kunya:
            out += [f"Abu {k}" for k in self.kunya.en]
            nisbas = self.nisba.en if self.nisba else ("",)
            out += [f"Abu {k} {n}".strip() for k in self.kunya.en for n in nisbas]
        out += [f"{g} {f}" for g in self.given.en for f in self.family.en]
        return out


class Cast:
    """Draws invented people, never twice the same name and never a real public figure."""

    def __init__(self, world: World, rng: random.Random) -> None:
        self.world = world
        self.rng = rng
        self.people: dict[str, Person] = {}
        self.by_role: dict[str, Person] = {}
        self._taken: set[str] = set()
        self._real = {normalise_name(n) for n in world.real_figures}
        self._real_kunyas = {n for n in self._real if len(n.split()) == 2 and n.startswith("abu ")}

    def _allowed(self, p: Person) -> bool:
        keys = {normalise_name(s) for s in p.spellings()}
        if keys & self._real or normalise_name(p.canonical) in self._taken:
            return False
        # a bare kunya that is itself famous (Abu Sayyaf) is out whatever the nisba
        return not any(k in self._real_kunyas for k in keys)

    def add(
        self,
        role: str,
        side: str,
        title: NamePart,
        *,
        kind: str = "jihadi",
        nisba: NamePart | None = None,
        nationality: str = "syria",
        born: tuple[int, int] = (1975, 1995),
    ) -> Person:
        """Draw a new person for `role` (kind: jihadi, civil, officer, kurdish, woman, western)."""
        w, rng = self.world, self.rng
        for _ in range(200):
            kunya = rank = father = None
            if kind == "jihadi":
                given, family = rng.choice(w.name_parts("given")), rng.choice(w.name_parts("family"))
                father = rng.choice(w.name_parts("given"))
                kunya = rng.choice(w.name_parts("kunya"))
            elif kind in ("civil", "officer"):
                given, family = (
                    rng.choice(w.name_parts("civil_given")),
                    rng.choice(w.name_parts("civil_family")),
                )
                rank = rng.choice(w.name_parts("ranks")) if kind == "officer" else None
            elif kind == "kurdish":
                given, family = (
                    rng.choice(w.name_parts("kurdish_given")),
                    rng.choice(w.name_parts("kurdish_family")),
                )
            elif kind == "woman":
                given, family = rng.choice(w.name_parts("female_given")), rng.choice(w.name_parts("family"))
            else:
                first, last = rng.choice(w.names["western_given"]), rng.choice(w.names["western_family"])
                given, family = NamePart(first, (first,)), NamePart(last, (last,))
            birth = dt.date(rng.randint(*born), rng.randint(1, 12), rng.randint(1, 28))
            person = Person(
                key=f"P{len(self.people) + 1:03d}",
                role=role,
                side=side,
                title=title,
                given=given,
                father=father,
                family=family,
                kunya=kunya,
                nisba=nisba,
                rank=rank,
                nationality=nationality,
                birth=birth,
            )
            if self._allowed(person):
                break
        else:  # pragma: no cover - the name pool is large enough
            raise RuntimeError(f"could not invent a unique name for {role}")
        self._taken.add(normalise_name(person.canonical))
        self.people[person.key] = person
        self.by_role.setdefault(role, person)
        return person

    def __getitem__(self, role: str) -> Person:
        return self.by_role[role]
