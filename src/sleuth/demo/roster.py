"""Who plays which role: the group's officials, the government side, the press, the recruits.

All of them are invented (see cast.py); only their titles and places are real. Titles and
previous experience carry name markup ("Wali of [Wilayat Homs|w_homs]", see world.py): a composer
writes them with `Composer.fill`, which records the names in them; `plain()` gives the text.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sleuth.demo.cast import Cast, Person
from sleuth.demo.world import NamePart, World

D = dt.date


@dataclass(frozen=True)
class Recruit:
    """A foreign or local recruit with a registration form."""

    person: Person
    entry: dt.date
    entry_point: str
    recommender: Person
    experience: NamePart
    job: NamePart
    registered: dt.date
    registrar: Person
    mother: NamePart
    marital: NamePart
    blood: str
    education: NamePart


def _t(ar: str, en: str) -> NamePart:
    return NamePart(ar, (en,))


def build_cast(world: World, rng: random.Random) -> Cast:
    """The officials, the other side's people and the press (recruits come later)."""
    cast, towns, nats = Cast(world, rng), world.town_nisbas, world.nationalities
    is_roles = [
        ("wali_homs", _t("والي [ولاية حمص|w_homs]", "Wali of [Wilayat Homs|w_homs]"), nats["iraq"].nisba),
        (
            "emir_palmyra",
            _t("أمير قطاع [تدمر|palmyra]", "emir of the [Palmyra|palmyra] sector"),
            towns["deir"],
        ),
        (
            "wali_raqqa",
            _t("والي [ولاية الرقة|w_raqqa]", "Wali of [Wilayat al-Raqqa|w_raqqa]"),
            towns["mosul"],
        ),
        ("rikaz_head", _t("أمير [ديوان الركاز|rikaz]", "head of [Diwan al-Rikaz|rikaz]"), towns["raqqa"]),
        (
            "rikaz_clerk",
            _t("محاسب [ديوان الركاز|rikaz]", "accountant of [Diwan al-Rikaz|rikaz]"),
            towns["tabqa"],
        ),
        ("ziraa_head", _t("أمير [ديوان الزراعة|ziraa]", "head of [Diwan al-Zira'a|ziraa]"), towns["raqqa"]),
        ("jund_head", _t("أمير [ديوان الجند|jund]", "head of [Diwan al-Jund|jund]"), nats["jordan"].nisba),
        ("amn_head", _t("أمير [الأمن العام|amn]", "emir of [General Security|amn]"), towns["mayadin"]),
        ("wali_halab", _t("والي [ولاية حلب|w_halab]", "Wali of [Wilayat Halab|w_halab]"), towns["aleppo"]),
        (
            "emir_maskanah",
            _t("أمير قطاع [مسكنة|maskanah]", "emir of the [Maskanah|maskanah] sector"),
            towns["manbij"],
        ),
        (
            "emir_deir",
            _t("الأمير العسكري ل[ولاية الخير|w_khayr]", "military emir of [Wilayat al-Khayr|w_khayr]"),
            towns["deir"],
        ),
        (
            "emir_shaddadi",
            _t("أمير قاطع [الشدادي|shaddadi]", "emir of the [al-Shaddadi|shaddadi] sector"),
            towns["shaddadi"],
        ),
        (
            "registrar_1",
            _t(
                "مسؤول التسجيل في [منفذ تل أبيض|tal_abyad_crossing]",
                "registration officer at [Tal Abyad|tal_abyad]",
            ),
            towns["raqqa"],
        ),
        (
            "registrar_2",
            _t(
                "مسؤول التسجيل في [منفذ جرابلس|jarablus_crossing]",
                "registration officer at [Jarablus|jarablus]",
            ),
            towns["aleppo"],
        ),
    ]
    for role, title, nisba in is_roles:
        cast.add(role, "Islamic State", title, nisba=nisba, born=(1968, 1988))
    for i in range(8):
        nisba = rng.choice([*towns.values(), nats["tunisia"].nisba, nats["saudi"].nisba])
        cast.add(
            f"recommender_{i + 1}", "Islamic State", _t("مزكٍّ", "recommender"), nisba=nisba, born=(1970, 1990)
        )
    cast.add(
        "intermediary",
        "Syrian government",
        _t(
            "مدير [شركة البادية للتجارة والنقل|badia]",
            "director of the [Badia Trading and Transport Co.|badia]",
        ),
        kind="civil",
        born=(1960, 1980),
    )
    cast.add(
        "logistics",
        "Syrian government",
        _t("مسؤول النقل في [شركة البادية|badia]", "transport manager, [Badia company|badia]"),
        kind="civil",
        born=(1965, 1985),
    )
    cast.add(
        "officer_homs",
        "Syrian government",
        _t("ضابط في [الأمن العسكري|milsec] ب[حمص|homs]", "[Military Security|milsec] officer in [Homs|homs]"),
        kind="officer",
        born=(1960, 1975),
    )
    cast.add(
        "officer_aleppo",
        "Syrian government",
        _t("ضابط ارتباط في ريف [حلب|aleppo] الشرقي", "liaison officer, east [Aleppo|aleppo] countryside"),
        kind="officer",
        born=(1960, 1975),
    )
    cast.add(
        "gfc_manager",
        "Syrian government",
        _t("مدير المبيعات في [الشركة العامة للأسمدة|gfc]", "sales manager, [General Fertiliser Company|gfc]"),
        kind="civil",
        born=(1958, 1975),
    )
    cast.add(
        "sdf_commander",
        "Syrian Democratic Forces",
        _t("قائد ميداني في [قسد|sdf]", "[SDF|sdf] field commander"),
        kind="kurdish",
        born=(1975, 1990),
    )
    for i in range(3):
        cast.add(f"journalist_{i + 1}", "press", _t("صحفية", "journalist"), kind="woman", born=(1980, 1992))
    for i in range(2):
        cast.add(
            f"reporter_{i + 1}", "press", _t("مراسل", "correspondent"), kind="western", born=(1970, 1990)
        )
    return cast


def build_recruits(world: World, cast: Cast, rng: random.Random, count: int) -> list[Recruit]:
    """`count` recruits with everything their registration forms ask."""
    nats = [n for n in world.nationalities.values() if n.key != "syria"]
    experiences = [
        _t("لا يوجد", "none"),
        _t("خدمة عسكرية إلزامية", "compulsory military service"),
        _t("قتال في [العراق|iraq]", "fighting in [Iraq|iraq]"),
        _t("تمريض", "nursing"),
        _t("ميكانيك سيارات", "car mechanic"),
        _t("برمجة حاسوب", "computer programming"),
        _t("كهرباء", "electrician"),
        _t("سائق شاحنة", "lorry driver"),
    ]
    jobs = [
        _t("مقاتل", "fighter"),
        _t("مقاتل", "fighter"),
        _t("إداري", "administration"),
        _t("طبي", "medical"),
        _t("إعلامي", "media"),
        _t("هندسي", "engineering"),
    ]
    marital = [_t("أعزب", "single"), _t("متزوج", "married")]
    education = [_t("ابتدائي", "primary"), _t("ثانوي", "secondary"), _t("جامعي", "university")]
    mothers = [NamePart(n.ar, n.en) for n in world.name_parts("female_given")] + [
        _t("فاطمة", "Fatima"),
        _t("خديجة", "Khadija"),
        _t("مريم", "Maryam"),
        _t("زينب", "Zaynab"),
    ]
    recommenders = [p for p in cast.people.values() if p.role.startswith("recommender_")]
    out: list[Recruit] = []
    for i in range(count):
        nat = rng.choice(nats)
        person = cast.add(
            f"recruit_{i + 1}",
            "Islamic State",
            _t("عنصر", "recruit"),
            nisba=nat.nisba,
            nationality=nat.key,
            born=(1980, 1998),
        )
        entry = D(2013, 10, 1) + dt.timedelta(days=rng.randrange(0, 960))
        if entry < D(2015, 6, 10):
            point, registrar = rng.choice(["tal_abyad", "tal_abyad", "jarablus"]), cast["registrar_1"]
        else:
            point, registrar = rng.choice(["jarablus", "bukamal"]), cast["registrar_2"]
        # some recruits vouch for later ones: a chain the link stage should find
        earlier = [r.person for r in out if r.entry < entry - dt.timedelta(days=90)]
        recommender = rng.choice(earlier) if earlier and rng.random() < 0.3 else rng.choice(recommenders)
        out.append(
            Recruit(
                person=person,
                entry=entry,
                entry_point=point,
                recommender=recommender,
                experience=rng.choice(experiences),
                job=rng.choice(jobs),
                registered=entry + dt.timedelta(days=rng.randrange(0, 6)),
                registrar=registrar,
                mother=rng.choice(mothers),
                marital=rng.choice(marital),
                blood=rng.choice(["A+", "B+", "O+", "AB+", "O-", "A-"]),
                education=rng.choice(education),
            )
        )
    return out
