"""truth.json is complete and consistent: paths exist, findings have evidence, people are invented."""

from __future__ import annotations

import datetime as dt
import email
import mailbox
import re
import zipfile
from email import policy
from pathlib import Path
from typing import Any

from sleuth.demo.world import QUAD_CLASS, load_world, normalise_name
from tests.demo.conftest import DemoTrove

# real public figures of the war, listed here independently of the generator's own block list
REAL_PEOPLE = [
    "Abu Bakr al-Baghdadi",
    "Abu Muhammad al-Adnani",
    "Abu Omar al-Shishani",
    "Abu Musab al-Zarqawi",
    "Abu Mohammad al-Julani",
    "Abu Ali al-Anbari",
    "Abu Sayyaf",
    "Abu Luqman",
    "Abu Talha al-Almani",
    "Bashar al-Assad",
    "Maher al-Assad",
    "Rami Makhlouf",
    "Issam Zahreddine",
    "Suheil al-Hassan",
    "George Haswani",
    "Hussam Qaterji",
    "Mazloum Abdi",
    "Talal Silo",
    "Mohammed Emwazi",
    "Abdelhamid Abaaoud",
]
REAL_ARABIC = [
    "أبو بكر البغدادي",
    "أبو محمد العدناني",
    "أبو عمر الشيشاني",
    "أبو مصعب الزرقاوي",
    "بشار الأسد",
    "أبو محمد الجولاني",
    "أبو سياف",
    "أبو لقمان",
]


def _exists(demo: DemoTrove, path: str) -> bool:
    """A path on disk, or a member (after '!') of an archive, e-mail or mailbox on disk."""
    parts = path.split("!")
    file = demo.path(parts[0])
    if not file.is_file():
        return False
    if len(parts) == 1:
        return True
    if file.suffix == ".zip":
        data = file.read_bytes()
        for member in parts[1:]:
            import io

            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if member not in zf.namelist():
                    return False
                data = zf.read(member)
        return True
    if file.suffix == ".eml":
        msg = email.message_from_bytes(file.read_bytes(), policy=policy.default)
        return parts[1] in [a.get_filename() for a in msg.iter_attachments()]  # type: ignore[attr-defined]
    if file.suffix == ".mbox":
        return int(parts[1].rsplit("-", 1)[1]) <= len(mailbox.mbox(str(file)))
    return False


def test_header(demo_trove: DemoTrove) -> None:
    truth = demo_trove.truth
    assert truth["synthetic"] is True
    assert truth["schema"] == "sleuth-demo-truth" and truth["version"] == 1
    assert truth["quad_classes"] == QUAD_CLASS
    assert len(QUAD_CLASS) == 16


def test_every_listed_path_exists(demo_trove: DemoTrove) -> None:
    truth = demo_trove.truth
    paths = [f["path"] for f in truth["files"]]
    paths += [p for g in truth["duplicates"] for p in g["paths"]]
    paths += [f["path"] for f in truth["forgeries"]] + [b["path"] for b in truth["broken"]]
    paths += [p for f in truth["findings"] for p in f["evidence"]]
    paths += [p for c in truth["claims"] for p in c["asserted_by"] + c["denied_by"]]
    missing = [p for p in sorted(set(paths)) if not _exists(demo_trove, p)]
    assert not missing, missing[:10]
    on_disk = {
        str(p.relative_to(demo_trove.outdir)) for p in (demo_trove.outdir / "trove").rglob("*") if p.is_file()
    }
    assert on_disk == {f["path"] for f in demo_trove.files}


def test_events_are_coded_consistently(demo_trove: DemoTrove) -> None:
    truth = demo_trove.truth
    story_events = {e["event"]: e for e in truth["events"]}
    forged = {f["path"] for f in truth["forgeries"]}
    count = 0
    for record in truth["files"]:
        for event in record["events"]:
            count += 1
            assert event["type"] in QUAD_CLASS and event["quad_class"] == QUAD_CLASS[event["type"]]
            assert event["sentence"], record["path"]
            dt.date.fromisoformat(event["date"])
            if record["path"] not in forged:
                known = story_events[event["event"]]
                assert (known["type"], known["source"], known["target"], known["date"]) == (
                    event["type"],
                    event["source"],
                    event["target"],
                    event["date"],
                )
    assert count >= 300
    types = {e["type"] for e in truth["events"]}
    assert {"AGREE", "COOPERATE", "RETREAT", "REQUEST", "ASSAULT", "ACCUSE", "REJECT", "THREATEN"} <= types


def test_planted_findings_have_evidence(demo_trove: DemoTrove) -> None:
    findings = {f["id"]: f for f in demo_trove.truth["findings"]}
    assert set(findings) == {"palmyra-withdrawal", "oil-for-fertiliser", "evacuation-deal"}
    files = {f["path"]: f for f in demo_trove.truth["files"]}
    for finding in findings.values():
        evidence = finding["evidence"]
        assert len(evidence) >= 5, finding["id"]
        assert len({files[p]["format"] for p in evidence}) >= 3, finding["id"]
        assert {files[p]["language"] for p in evidence} >= {"ar", "en"}
        told = {e["event"] for p in evidence for e in files[p]["events"]}
        assert set(finding["events"]) <= told, finding["id"]  # every event of it is told somewhere
    events = {e["event"]: e for e in demo_trove.truth["events"]}
    palmyra = [events[i] for i in findings["palmyra-withdrawal"]["events"]]
    assert [e["type"] for e in palmyra] == ["REQUEST", "RETREAT", "COERCE"]
    order, retaken = palmyra[0]["date"], palmyra[-1]["date"]
    fighting = [
        e
        for e in events.values()
        if e["place"] == "Palmyra" and e["type"] == "ASSAULT" and order <= e["date"] <= retaken
    ]
    assert not fighting, "no fighting may be recorded between the order and the army's entry"
    oil = {events[i]["type"] for i in findings["oil-for-fertiliser"]["events"]}
    assert {"AGREE", "COOPERATE"} <= oil
    evacuation = [events[i]["type"] for i in findings["evacuation-deal"]["events"]]
    assert "AGREE" in evacuation and "RETREAT" in evacuation
    assert evacuation.index("AGREE") < evacuation.index("RETREAT")
    # the ledger lists the shipments
    ledger = [f for f in demo_trove.truth["files"] if f["format"] == "xlsx" and f["events"]]
    assert ledger and all(e["type"] == "COOPERATE" for e in ledger[0]["events"])


def test_only_the_forgery_names_the_sdf_before_it_existed(demo_trove: DemoTrove) -> None:
    forged = {f["path"] for f in demo_trove.truth["forgeries"]}
    early = [
        f["path"]
        for f in demo_trove.truth["files"]
        for e in f["events"]
        if "Syrian Democratic Forces" in (e["source"], e["target"]) and e["date"] < "2015-10-10"
    ]
    assert early and set(early) <= forged


def test_claims_and_counter_claims(demo_trove: DemoTrove) -> None:
    claims = {c["id"]: c for c in demo_trove.truth["claims"]}
    handover = claims["palmyra-handover-agreed"]
    assert handover["asserted_by"] and handover["denied_by"]
    assert claims["army-fought-palmyra"]["asserted_by"]


def test_people_are_invented(demo_trove: DemoTrove) -> None:
    truth = demo_trove.truth
    real = {normalise_name(n) for n in REAL_PEOPLE}
    names: list[str] = [p["canonical"] for p in truth["people"]]
    names += [e["text"] for f in truth["files"] for e in f["entities"] if e["type"] == "PERSON"]
    latin = [n for n in names if n.isascii()]
    assert not [n for n in latin if normalise_name(n) in real]
    arabic = [p["arabic"] for p in truth["people"]] + [p["full_name_ar"] for p in truth["people"]]
    assert not set(arabic) & set(REAL_ARABIC)
    assert all(p["invented"] for p in truth["people"])
    assert len({p["canonical"] for p in truth["people"]}) == len(truth["people"])


def test_names_vary_across_documents(demo_trove: DemoTrove) -> None:
    spellings: dict[str, set[str]] = {}
    for record in demo_trove.truth["files"]:
        for e in record["entities"]:
            spellings.setdefault(e["canonical"], set()).add(e["text"])
    assert len(spellings["Islamic State"]) >= 6  # IS, ISIS, Daesh, داعش, الدولة الإسلامية, ...
    scripts = {any("\u0600" <= ch <= "\u06ff" for ch in s) for s in spellings["Palmyra"]}
    assert scripts == {True, False}
    people = [p["canonical"] for p in demo_trove.truth["people"] if p["role"] == "rikaz_head"]
    assert len(spellings[people[0]]) >= 4


def test_scans_carry_their_true_text(demo_trove: DemoTrove) -> None:
    from PIL import Image

    scans = [f for f in demo_trove.files if f["needs_ocr"] and f["format"] in ("png", "tif", "jpg")]
    assert scans
    for record in scans:
        text = record["ocr_text"]
        assert isinstance(text, list) and text and all(isinstance(t, str) for t in text)
        with Image.open(demo_trove.path(record["path"])) as img:
            dpi = record["metadata"]["dpi"]
            assert abs(img.size[0] - round(8.27 * dpi)) <= 1
    low = [f for f in scans if f["metadata"]["dpi"] < 200]
    assert low, "some scans should be at low resolution"


def _read_texts(demo: DemoTrove, records: list[dict[str, Any]]) -> dict[str, str]:
    """The text of each file as the ingest reads it; for a scan, the text drawn on it."""
    from sleuth.ingest.extract import extract_files

    texts = {r["path"]: "\n".join(r["ocr_text"]) for r in records if r["needs_ocr"]}
    wanted = {demo.path(r["path"]).resolve(): r["path"] for r in records if not r["needs_ocr"]}
    for record in extract_files(list(wanted)):
        path = Path(getattr(record, "path", ""))
        pages = getattr(record, "pages", None)
        if path in wanted and pages is not None:
            texts[wanted[path]] = "\n".join(page.text for page in pages)
    assert set(texts) == {r["path"] for r in records}
    return texts


def _letters(text: str) -> str:
    """Letters and digits only: the text layer of an Arabic PDF comes back with its spaces and
    punctuation moved around numbers and brackets, never its letters."""
    return re.sub(r"[\W_]+", "", text)


def _sample(demo: DemoTrove) -> list[dict[str, Any]]:
    """Arabic and English forms (text and scanned), news pages, forum threads, letters and orders."""
    broken = {b["path"] for b in demo.truth["broken"]}
    files = [f for f in demo.files if f["path"] not in broken and "/backup/" not in f["path"]]

    def pick(kinds: tuple[str, ...], lang: str, scanned: bool, n: int) -> list[dict[str, Any]]:
        chosen = [
            f for f in files if f["kind"] in kinds and f["language"] == lang and f["needs_ocr"] == scanned
        ]
        assert chosen, (kinds, lang, scanned)
        return chosen[:n]

    out: list[dict[str, Any]] = []
    for lang in ("ar", "en"):
        out += pick(("form",), lang, False, 6) + pick(("form",), lang, True, 4)
        out += pick(("news",), lang, False, 40) + pick(("letter", "order"), lang, False, 12)
    out += pick(("letter", "order"), "ar", True, 4)  # photos of Arabic letters
    return out + [f for f in files if f["kind"] == "forum"]


def _unmasked(text: str, entities: list[dict[str, Any]]) -> str:
    """The text with every mention the truth lists blanked out (longest names first)."""
    text = " ".join(text.split())
    for e in sorted(entities, key=lambda e: -len(e["text"])):
        text = text.replace(e["text"], " \x00 ", e["count"])
    return " ".join(w for w in text.split() if "_" not in w and "@" not in w)  # handles, addresses


def _standalone(name: str, text: str) -> list[str]:
    """Where `name` occurs in `text` as a word of its own (an Arabic proclitic may precede it)."""
    out = []
    for m in re.finditer(re.escape(name), text):
        start, end = m.span()
        before, after = text[max(0, start - 2) : start], text[end : end + 1]
        glued = before[-1:].isalnum() and not (before[-1] in "وبلفك" and not before[:-1].isalnum())
        if not glued and not after.isalnum():
            out.append(text[max(0, start - 30) : end + 30])
    return out


def test_entities_are_written_in_the_files(demo_trove: DemoTrove) -> None:
    """Every name the truth lists occurs in the file that many times; no name written is left out."""
    records = _sample(demo_trove)
    texts = _read_texts(demo_trove, records)
    spellings = {s for e in load_world().entities.values() for s in e.all_spellings()}
    short, missing, unlisted = [], [], []
    for r in records:
        text = texts[r["path"]]
        arabic_pdf = r["language"] == "ar" and r["format"] == "pdf" and not r["needs_ocr"]
        for e in r["entities"]:
            n = (
                _letters(text).count(_letters(e["text"]))
                if arabic_pdf
                else " ".join(text.split()).count(e["text"])
            )
            if n < e["count"]:
                short.append((r["path"], e["text"], e["count"], n))
        if arabic_pdf:  # words keep their order there, but not their spaces
            continue
        rest = _unmasked(text, r["entities"])
        missing += [(r["path"], s, where) for s in spellings for where in _standalone(s, rest)]
        unlisted += [(r["path"], m.group()) for m in re.finditer(r"(?:Abu|أبو) \w+", rest)]
    assert not short, short[:10]
    assert not missing, missing[:10]
    assert not unlisted, unlisted[:10]


def test_boilerplate_names_are_in_the_truth(demo_trove: DemoTrove) -> None:
    """Form headers and footers, mothers' names, news menus and outlets are recorded."""
    forms = [f for f in demo_trove.files if f["kind"] == "form" and f["entities"]]
    assert len(forms) >= 60
    for form in forms:
        canon: dict[str, int] = {}
        for e in form["entities"]:
            canon[e["canonical"]] = canon.get(e["canonical"], 0) + e["count"]
        border = [e for e in form["entities"] if e["canonical"] == "Border Administration"]
        assert [(e["text"], e["type"]) for e in border] == [
            ("إدارة الحدود" if form["language"] == "ar" else "Border Administration", "ORG")
        ], form["path"]
        assert canon["Diwan al-Jund"] >= 2, form["path"]  # the letterhead and the footer
    records = [f for f in _sample(demo_trove) if f["kind"] == "form"]
    texts = _read_texts(demo_trove, records)
    for form in records:
        found = re.search(r"(?:اسم الأم|Mother's name)\s*:\s*(\w+)", texts[form["path"]])
        assert found, form["path"]
        mother = {"text": found.group(1), "type": "PERSON", "canonical": found.group(1), "count": 1}
        assert mother in form["entities"], form["path"]
    from sleuth.demo.web import OUTLETS

    menus = {
        "Levant Monitor": [("Syria", "GPE"), ("Iraq", "GPE")],
        "الراصد الإخباري": [("سوريا", "GPE"), ("العراق", "GPE")],
        "نافذة الفرات": [("الرقة", "GPE"), ("دير الزور", "GPE")],
    }
    canonical = {o.name: o.canonical for o in OUTLETS}
    news = [f for f in demo_trove.files if f["kind"] == "news"]
    assert {f["metadata"]["outlet"] for f in news} >= set(menus)
    for page in news:
        outlet = page["metadata"]["outlet"]
        listed = {(e["text"], e["type"]): e for e in page["entities"]}
        assert (
            listed[(outlet, "ORG")]["count"] == 2
            and listed[(outlet, "ORG")]["canonical"] == canonical[outlet]
        )
        for key in menus.get(outlet, []):
            assert key in listed, (page["path"], key)
