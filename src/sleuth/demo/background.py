"""The background of conflict: dated events of the war, and random routine traffic.

Against it the planted cooperation between enemies (story.py) should stand out.
"""

from __future__ import annotations

import datetime as dt
import random

D = dt.date


# (action, date, source, target, place, extra) for the background of conflict
BACKGROUND: list[tuple[str, dt.date, str, str | None, str, dict[str, object]]] = [
    ("request_ammo", D(2014, 10, 2), "emir_deir", "jund", "deir_airport", {}),
    ("capture", D(2014, 8, 24), "is", "saa", "tabqa_airbase", {"public": True}),
    ("airstrike", D(2014, 9, 10), "saa", "is", "raqqa", {"public": True, "internal": False}),
    ("reject_truce", D(2014, 11, 5), "is", "fsa", "al_bab", {}),
    ("accuse", D(2014, 12, 10), "is", "fsa", "aleppo", {"charge": 0}),
    ("shelling", D(2015, 1, 15), "is", "saa", "deir_airport", {}),
    ("threaten_traders", D(2015, 3, 1), "amn", "sgov", "raqqa", {}),
    ("arrest", D(2015, 4, 20), "amn", "fsa", "raqqa", {}),
    ("capture", D(2015, 5, 20), "is", "saa", "palmyra", {"public": True}),
    ("capture", D(2015, 6, 15), "ypg", "is", "tal_abyad", {"public": True, "internal": False}),
    ("mobilize", D(2015, 7, 10), "is", "saa", "deir", {}),
    ("accuse", D(2015, 8, 25), "sgov", "is", "palmyra", {"public": True, "internal": False, "charge": 3}),
    ("airstrike", D(2015, 9, 5), "saa", "is", "raqqa", {}),
    ("attack", D(2015, 10, 20), "is", "saa", "kuweires", {}),
    ("capture", D(2015, 11, 10), "saa", "is", "kuweires", {"public": True, "internal": False}),
    ("threaten", D(2015, 12, 1), "is", "sdf", "tabqa_dam", {}),
    ("attack", D(2016, 1, 16), "is", "saa", "deir", {"public": True}),
    ("request_ammo", D(2016, 2, 10), "emir_shaddadi", "jund", "shaddadi", {}),
    ("capture", D(2016, 2, 19), "sdf", "is", "shaddadi", {"public": True}),
    ("shelling", D(2016, 5, 10), "is", "saa", "t4", {"public": True}),
    ("accuse", D(2016, 6, 12), "sdf", "is", "manbij", {"public": True, "internal": False, "charge": 2}),
    ("mobilize", D(2016, 6, 20), "is", "sdf", "manbij", {}),
    ("capture", D(2016, 8, 12), "sdf", "is", "manbij", {"public": True}),
    ("arrest", D(2016, 10, 5), "amn", "sdf", "raqqa", {}),
    ("capture", D(2016, 12, 11), "is", "saa", "palmyra", {"public": True}),
    ("shelling", D(2017, 1, 14), "is", "saa", "deir_airport", {}),
    ("airstrike", D(2017, 1, 20), "saa", "is", "mayadin", {"public": True, "internal": False}),
    ("capture", D(2017, 3, 2), "saa", "is", "palmyra", {"public": True}),
    ("reject_truce", D(2017, 4, 10), "is", "sdf", "tabqa", {}),
    ("capture", D(2017, 5, 10), "sdf", "is", "tabqa", {"public": True}),
    ("threaten", D(2017, 6, 20), "is", "sdf", "raqqa", {}),
    ("mobilize", D(2017, 7, 1), "saa", "is", "sukhnah", {"internal": False, "public": True}),
    ("capture", D(2017, 8, 12), "saa", "is", "sukhnah", {"public": True}),
]


# (action, weight, sources, targets, places) for the routine traffic of a war
_ROUTINE: list[tuple[str, int, tuple[str, ...], tuple[str | None, ...], tuple[str, ...]]] = [
    (
        "request_ammo",
        4,
        ("emir_deir", "emir_shaddadi", "emir_maskanah"),
        ("jund",),
        ("deir", "shaddadi", "maskanah", "al_bab"),
    ),
    ("arrest", 3, ("amn",), ("fsa", "sdf", "sgov"), ("raqqa", "tabqa", "mayadin", "manbij")),
    ("mobilize", 3, ("is",), ("saa", "sdf"), ("deir", "mayadin", "tabqa", "bukamal", "al_bab")),
    ("shelling", 4, ("is", "saa"), ("saa", "is"), ("deir_airport", "deir", "kuweires", "aleppo")),
    ("attack", 4, ("is",), ("saa", "sdf", "fsa"), ("deir", "shaddadi", "manbij", "jarablus", "al_bab")),
    ("threaten", 2, ("is",), ("sdf", "fsa", "saa"), ("tabqa_dam", "raqqa", "manbij")),
    ("accuse", 2, ("is",), ("fsa", "sdf"), ("aleppo", "raqqa")),
]


# until when the group held (or besieged) a place: routine events there stop on that day
_HELD_UNTIL = {
    "shaddadi": D(2016, 2, 19),
    "manbij": D(2016, 8, 12),
    "jarablus": D(2016, 8, 24),
    "al_bab": D(2017, 2, 23),
    "tabqa": D(2017, 5, 10),
    "maskanah": D(2017, 6, 3),
    "kuweires": D(2015, 11, 10),
    "tabqa_dam": D(2017, 5, 10),
}
SDF_FOUNDED = D(2015, 10, 10)


def routine_events(
    rng: random.Random, count: int
) -> list[tuple[str, dt.date, str, str | None, str, dict[str, object]]]:
    """Random but repeatable background events, kept to where and when the group was.

    Never at Palmyra (nothing is recorded there between the withdrawal order and the army's
    entry) and never naming the SDF before it existed (the YPG stands in).
    """
    weights = [w for _, w, *_ in _ROUTINE]
    out = []
    start = D(2014, 9, 1)
    for _ in range(count):
        action, _, sources, targets, places = rng.choices(_ROUTINE, weights)[0]
        place = rng.choice(places)
        end = _HELD_UNTIL.get(place, D(2017, 8, 31))
        day = start + dt.timedelta(days=rng.randrange(0, (end - start).days))
        source = rng.choice(sources)
        target = rng.choice([t for t in targets if t != source] or list(targets))
        if target == "sdf" and day < SDF_FOUNDED:
            target = "ypg"
        extra: dict[str, object] = {"charge": rng.choice((0, 1, 4))} if action == "accuse" else {}
        out.append((action, day, source, target, place, extra))
    return out
