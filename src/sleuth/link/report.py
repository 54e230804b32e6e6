"""What the case says about one entity: its documents, the sentences that name it, and
the entities it is most often named with."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from sleuth.link.decisions import find_entity
from sleuth.text.sentences import sentence_around

if TYPE_CHECKING:
    from sleuth.case import Case


def entity_report(case: Case, ref: str, sentences: int = 20, linked: int = 10) -> dict[str, Any]:
    """The entity `ref` names, with documents, quoted sentences and linked entities."""
    entity = find_entity(case, ref)
    store = case.store.mentions
    found = store.mentions_of(entity["id"], limit=100_000)
    per_doc = Counter(m["document_id"] for m in found)
    labels = store.document_labels(list(per_doc))
    documents = [
        {"id": doc_id, "mentions": n, **labels.get(doc_id, {})} for doc_id, n in per_doc.most_common()
    ]
    quoted: list[dict[str, Any]] = []
    seen: set[tuple[int, int, int]] = set()
    wanted = [m for m in found][: sentences * 4]
    texts = store.page_texts(sorted({m["document_id"] for m in wanted}))
    for m in wanted:
        pages = texts.get(m["document_id"], [])
        if m["page"] > len(pages):
            continue
        text = pages[m["page"] - 1]
        s, e = sentence_around(text, m["start"], m["end"])
        if (m["document_id"], m["page"], s) in seen:
            continue
        seen.add((m["document_id"], m["page"], s))
        quoted.append(
            {
                "document": m["document_id"],
                "page": m["page"],
                "text": text[s:e],
                "mention": [m["start"] - s, m["end"] - s],
                **labels.get(m["document_id"], {}),
            }
        )
        if len(quoted) >= sentences:
            break
    return {
        "entity": entity,
        "documents": documents,
        "sentences": quoted,
        "linked": store.co_mentioned(entity["id"], limit=linked),
    }
