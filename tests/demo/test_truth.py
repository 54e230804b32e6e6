"""truth.json is complete and consistent: paths exist, findings have evidence, people are invented."""

from __future__ import annotations

import datetime as dt
import email
import mailbox
import zipfile
from email import policy

from sleuth.demo.world import QUAD_CLASS, normalise_name
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

