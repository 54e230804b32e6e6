"""The truth behind the demo trove: the cast, the events and the three planted findings.

The setting is the Syrian war, 2014-2017; organisations and places are real, people are not.
Against a background of conflict (shelling, attacks, accusations, threats) three stories of
cooperation between enemies are planted:

1. `palmyra-withdrawal`: heavy weapons are ordered out of Palmyra weeks before the Syrian Arab
   Army enters the city, with no fighting recorded in between (REQUEST, RETREAT, COERCE).
2. `oil-for-fertiliser`: the group trades crude oil for fertiliser with the Syrian government
   (CONSULT, AGREE, COOPERATE shipments).
3. `evacuation-deal`: Deir Hafer and Maskanah are evacuated before the army's offensive, as
   agreed with the government (AGREE, RETREAT, COERCE).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from sleuth.demo.background import BACKGROUND, routine_events
from sleuth.demo.cast import Cast
from sleuth.demo.roster import Recruit, build_cast, build_recruits
from sleuth.demo.world import QUAD_CLASS, Mention, NamePart, World, load_world

D = dt.date


@dataclass(frozen=True)
class StoryEvent:
    """One who-did-what-to-whom event of the story (PLOVER coded)."""

    id: str
    action: str
    type: str
    mode: str
    date: dt.date
    source: str
    target: str | None
    place: str
    finding: str | None = None
    public: bool = False
    internal: bool = True
    dest: str | None = None
    origin: str | None = None
    deadline: dt.date | None = None
    n: int | None = None
    m: int | None = None
    charge: int = 0

    @property
    def quad_class(self) -> str:
        """The PLOVER quad class of the event type."""
        return QUAD_CLASS[self.type]


@dataclass(frozen=True)
class Finding:
    """A planted story the later stages should surface, with the events that make it."""

    id: str
    title: str
    summary: str
    events: tuple[str, ...]
    actors: tuple[str, ...]


@dataclass(frozen=True)
class Shipment:
    """One oil-for-fertiliser shipment (a COOPERATE event), as the ledger lists it."""

    event: StoryEvent
    barrels: int
    tonnes: int
    origin: str
    price_usd: float
    fertiliser: NamePart
    truck_count: int


@dataclass
class Story:
    """The whole truth: world, cast, events, findings, recruits and shipments."""

    seed: int
    world: World
    cast: Cast
    events: list[StoryEvent] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    recruits: list[Recruit] = field(default_factory=list)
    shipments: list[Shipment] = field(default_factory=list)

    def canonical(self, key: str | None) -> str | None:
        """The canonical name of an actor or place key."""
        if key is None:
            return None
        person = self.cast.people.get(key)
        return person.canonical if person else self.world.entity(key).canonical

    def mention(self, key: str, lang: str, rng: random.Random, media: bool = False) -> Mention:
        """A mention of an actor or place in `lang`."""
        person = self.cast.people.get(key)
        if person is not None:
            return person.mention(lang, rng)
        return self.world.entity(key).mention(lang, rng, media)

    def event(self, event_id: str) -> StoryEvent:
        """The event with this id."""
        return next(e for e in self.events if e.id == event_id)

    def finding_events(self, finding: str) -> list[StoryEvent]:
        """The events of one planted finding, in date order."""
        return sorted((e for e in self.events if e.finding == finding), key=lambda e: e.date)


class _Events:
    def __init__(self, world: World, cast: Cast) -> None:
        self.world, self.cast = world, cast
        self.events: list[StoryEvent] = []

    def add(
        self, action: str, date: dt.date, source: str, target: str | None, place: str, **extra: Any
    ) -> StoryEvent:
        spec = self.world.phrases["actions"][action]
        src = self.cast[source].key if source in self.cast.by_role else source
        tgt = self.cast[target].key if target in self.cast.by_role else target
        event = StoryEvent(
            id=f"E{len(self.events) + 1:03d}",
            action=action,
            type=spec["type"],
            mode=spec["mode"],
            date=date,
            source=src,
            target=tgt,
            place=place,
            **extra,
        )
        self.events.append(event)
        return event


def build_story(seed: int, recruits: int = 68, routine: int = 36) -> Story:
    """The story for `seed`: names and numbers vary with the seed, the plot does not."""
    world, rng = load_world(), random.Random(f"sleuth-demo-story-{seed}")
    cast = build_cast(world, rng)
    story = Story(seed=seed, world=world, cast=cast)
    ev = _Events(world, cast)

    pal = "palmyra-withdrawal"
    ev.add(
        "order_withdraw",
        D(2016, 2, 21),
        "wali_homs",
        "emir_palmyra",
        "palmyra",
        finding=pal,
        dest="deir",
        deadline=D(2016, 3, 6),
    )
    ev.add("withdraw_weapons", D(2016, 3, 5), "is", "saa", "palmyra", finding=pal, dest="deir")
    ev.add("seize_city", D(2016, 3, 27), "saa", "is", "palmyra", finding=pal, public=True)

    oil = "oil-for-fertiliser"
    ev.add("meeting", D(2015, 1, 11), "rikaz_head", "intermediary", "tabqa", finding=oil)
    ev.add("agree_trade", D(2015, 1, 27), "is", "sgov", "tabqa", finding=oil)
    ev.add("endorse_deal", D(2015, 2, 2), "wali_raqqa", "sgov", "raqqa", finding=oil)
    ev.add("concede_fees", D(2015, 2, 15), "rikaz", "badia", "tabqa", finding=oil)
    ev.add(
        "request_fertiliser",
        D(2015, 9, 10),
        "ziraa_head",
        "intermediary",
        "raqqa",
        finding=oil,
        m=rng.randrange(300, 700, 50),
    )
    ev.add("suspend_dealings", D(2015, 11, 20), "rikaz", "badia", "tabqa", finding=oil)
    for day in (D(2015, 4, 5), D(2015, 10, 15)):
        ev.add(
            "distribute_fertiliser",
            day,
            "ziraa",
            None,
            rng.choice(["raqqa", "tabqa"]),
            m=rng.randrange(80, 300, 10),
        )
    urea, phosphate = NamePart("يوريا", ("urea",)), NamePart("سوبر فوسفات", ("superphosphate",))
    fertilisers = [urea, urea, phosphate]
    month = D(2015, 3, 1)
    while month <= D(2016, 7, 1):
        if month.month == 12 and month.year == 2015:  # dealings suspended
            month = D(2016, 1, 1)
            continue
        day = month + dt.timedelta(days=rng.randrange(2, 26))
        barrels, tonnes = rng.randrange(2000, 12001, 100), rng.randrange(150, 601, 10)
        origin = rng.choice(["omar_field", "omar_field", "tanak_field", "jbessa_field"])
        event = ev.add("shipment", day, "is", "sgov", "homs", finding=oil, origin=origin, n=barrels, m=tonnes)
        story.shipments.append(
            Shipment(
                event=event,
                barrels=barrels,
                tonnes=tonnes,
                origin=origin,
                price_usd=round(rng.uniform(18, 32), 2),
                fertiliser=rng.choice(fertilisers),
                truck_count=barrels // 180 + 1,
            )
        )
        month = D(month.year + month.month // 12, month.month % 12 + 1, 1)

    evac = "evacuation-deal"
    ev.add("meeting", D(2017, 2, 20), "wali_halab", "officer_aleppo", "maskanah", finding=evac)
    ev.add("agree_evacuate", D(2017, 2, 26), "is", "sgov", "deir_hafer", finding=evac, dest="tabqa")
    ev.add("evacuate", D(2017, 3, 12), "is", "saa", "deir_hafer", finding=evac, dest="tabqa")
    ev.add("seize_city", D(2017, 3, 30), "saa", "is", "deir_hafer", finding=evac, public=True)
    ev.add("agree_evacuate", D(2017, 5, 20), "is", "sgov", "maskanah", finding=evac, dest="raqqa")
    ev.add("evacuate", D(2017, 5, 29), "is", "saa", "maskanah", finding=evac, dest="raqqa")
    ev.add("seize_city", D(2017, 6, 3), "saa", "is", "maskanah", finding=evac, public=True)

    for action, day, src, tgt, place, extra in BACKGROUND + routine_events(rng, routine):
        extra = dict(extra)
        extra.setdefault("n", rng.randrange(3, 40))
        ev.add(action, day, src, tgt, place, **extra)

    story.events = sorted(ev.events, key=lambda e: (e.date, e.id))
    story.findings = [
        Finding(
            pal,
            "Heavy weapons withdrawn from Palmyra before the army retook it",
            "Weeks before the Syrian Arab Army entered Palmyra on 27 March 2016, the Wali of Wilayat Homs "
            "ordered the heavy weapons out of the city; the withdrawal was completed on 5 March and no "
            "fighting is recorded in between.",
            tuple(e.id for e in story.finding_events(pal)),
            ("Islamic State", "Syrian Arab Army"),
        ),
        Finding(
            oil,
            "Oil traded for fertiliser with the Syrian government",
            "Diwan al-Rikaz agreed with the Syrian government, through an invented trading company, to "
            "deliver crude oil against fertiliser from the Homs plant; monthly shipments from March 2015 "
            "to July 2016 are listed in the ledger and arranged by e-mail.",
            tuple(e.id for e in story.finding_events(oil)),
            ("Islamic State", "Syrian government"),
        ),
        Finding(
            evac,
            "Deir Hafer and Maskanah evacuated before the offensive, as agreed",
            "The group agreed with the Syrian government to evacuate Deir Hafer and Maskanah before the "
            "army's offensive in 2017 and withdrew its fighters to al-Tabqa and Raqqa days before the army "
            "moved in.",
            tuple(e.id for e in story.finding_events(evac)),
            ("Islamic State", "Syrian government"),
        ),
    ]
    story.recruits = build_recruits(world, cast, rng, recruits)
    return story
