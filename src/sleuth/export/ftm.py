"""FollowTheMoney entities, one JSON object per line, for Aleph (`ftm store write` or
`alephclient write-entities`) and the rest of the FtM ecosystem.

Documents become `Document` entities (title, file name, hash, MIME type, language, date);
people `Person`, organisations `Organization`, places and facilities `Address` (with
country), phones, e-mails and ID numbers properties of nothing but their own `Mention`s.
Every document that names an entity gets a `Mention` (document, resolved, name as
written, detectedSchema), so Aleph shows where each entity is named. Ids are stable:
derived from the document's sha256 and the entity's key.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followthemoney import model

from sleuth.extract.gazetteer import Gazetteer, load_gazetteer

if TYPE_CHECKING:
    from sleuth.case import Case

SCHEMA = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Address",
    "LOC": "Address",
    "FACILITY": "Address",
}


def write_ftm(case: Case, out: Path) -> dict[str, int]:
    """Write documents, entities and mentions as FtM JSON lines to `out`."""
    store = case.store.mentions
    counts: dict[str, int] = defaultdict(int)
    entities = {e["id"]: e for e in store.entities(limit=None) if e["type"] in SCHEMA}
    ids: dict[int, str] = {}
    gazetteer = load_gazetteer(case.root)
    with out.open("w", encoding="utf-8") as f:

        def emit(proxy: Any) -> None:
            f.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            counts[proxy.schema.name] += 1

        for e in entities.values():
            proxy = model.make_entity(SCHEMA[e["type"]])
            proxy.make_id("sleuth-entity", e["key"])
            names = [e["canonical"], *([e["canonical_ar"]] if e["canonical_ar"] else [])]
            if proxy.schema.name == "Address":
                proxy.add("full", e["canonical"])
            proxy.add("name", names)
            proxy.add("alias", [a for a, _ in e["aliases"] if a not in names])
            country = _country(gazetteer, e)
            if country:
                proxy.add("country", country)
            proxy.add(
                "notes", f"{e['mentions']} mentions in {e['documents']} documents (Sleuth entity #{e['id']})"
            )
            ids[e["id"]] = str(proxy.id)
            emit(proxy)
        docs = case.store.mentions.document_labels(case.store.mentions.document_ids())
        dates = store.document_dates()
        doc_ids: dict[int, str] = {}
        for doc_id, label in docs.items():
            proxy = model.make_entity("Document")
            proxy.make_id("sleuth-document", label["sha256"])
            proxy.add("title", label.get("title") or Path(label["path"] or "").name)
            proxy.add("fileName", Path(label["path"] or "").name)
            proxy.add("contentHash", label["sha256"])
            proxy.add("mimeType", label.get("mime"))
            if label.get("language") and label["language"] != "und":
                proxy.add("language", label["language"])
            if doc_id in dates:
                proxy.add("date", dates[doc_id])
            doc_ids[doc_id] = str(proxy.id)
            emit(proxy)
        for (doc_id, entity_id), spellings in store.named_in().items():
            if entity_id not in ids or doc_id not in doc_ids:
                continue
            proxy = model.make_entity("Mention")
            proxy.make_id("sleuth-mention", doc_ids[doc_id], ids[entity_id])
            proxy.add("document", doc_ids[doc_id])
            proxy.add("resolved", ids[entity_id])
            proxy.add("name", sorted(spellings))
            proxy.add("detectedSchema", SCHEMA[entities[entity_id]["type"]])
            emit(proxy)
    return dict(counts)


def _country(gazetteer: Gazetteer, entity: dict[str, Any]) -> list[str]:
    """ISO country codes of a gazetteer entry (lower case, as FtM writes them)."""
    entry = gazetteer.get(entity["entry"]) if entity["entry"] else None
    return [c.lower() for c in entry.countries] if entry else []
