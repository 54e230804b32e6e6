"""Keeping a case's search index current.

A document's index entry holds its text and metadata (from the read stage) and what later
stages and analysts add: the entities it names, the types of the events it tells, its own
date (extract stage, resolution) and its tags (the workbench). tantivy cannot update one
field of a document, so each of those moments re-indexes the documents it touched:

- the read stage and OCR (`sleuth.ingest.pipeline`), with every field already known;
- the extract stage (`run_extract`), as it writes each batch of mentions and events;
- resolution (`sleuth.link.resolve`), for the documents whose match keys now belong to
  another entity (merges, splits, new names joining a known one);
- a tag added or removed (`retag`).

The entity field holds entity *keys* (`entities.key`: stable across resolutions, unlike
ids of merged entities), so counting them over the matches counts documents per entity
exactly; a match key that has no entity yet (between the extract stage and resolution)
stands for itself. Before a document is re-indexed its INDEX stage row is dropped and it is
marked again only after the index commit: a crash, or another process holding the index's
writer (an ingest while `sleuth serve` tags), leaves it for the next `sleuth ingest`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sleuth.search.base import INDEX_VERSION, IndexDoc, SearchIndex
from sleuth.store.batches import batches

if TYPE_CHECKING:
    from sleuth.case import Case

INDEX = "index"  # the stage name (sleuth.store.INDEX)
#: case_info key: the INDEX_VERSION the case's index was built with.
INDEX_VERSION_KEY = "index_version"
BATCH = 256
log = logging.getLogger(__name__)
#: One writer per index: the web server's request threads tag one document at a time.
_WRITING = threading.Lock()


def index_docs(case: Case, doc_ids: Sequence[int], texts: dict[int, str] | None = None) -> list[IndexDoc]:
    """What the index keeps of these documents, from the case database (`texts`: their
    texts, pages joined by form feeds, when the caller has them at hand)."""
    store = case.store
    names, dates = store.search.index_fields(doc_ids)
    events = store.events.types_of(doc_ids)
    tags = store.workbench.tags_of(doc_ids)
    return [IndexDoc(doc_id=row["id"], sha256=row["sha256"], text=row["text"], title=row["title"] or "",
                     kind=row["kind"], mime=row["mime"], language=row["language"] or "und",
                     paths=row["paths"], date=_date(dates.get(row["id"])),
                     entities=sorted(names.get(row["id"], ())), events=sorted(events.get(row["id"], ())),
                     tags=tags.get(row["id"], []))
            for row in store.documents_for_index(doc_ids, texts)]


class IndexRefresher:
    """Re-indexes documents in batches, committing every `commit_every` documents and at
    `finish()`; marks their INDEX stage after each commit."""

    def __init__(self, case: Case, index: SearchIndex | None = None, commit_every: int | None = None) -> None:
        self.case = case
        self.index = index if index is not None else case.index
        self.commit_every = commit_every or case.settings.index_commit_every
        self.uncommitted: list[int] = []
        self.blocked = False  # another process holds the index's writer
        self.written = 0

    def add(self, doc_ids: Iterable[int], texts: dict[int, str] | None = None) -> None:
        """Re-index these documents (visible after the next commit)."""
        ids = sorted(set(doc_ids))
        if not ids:
            return
        self.case.store.forget_stage(INDEX, ids)  # pending until committed
        if self.blocked:
            return
        for chunk in batches(ids, BATCH):
            try:
                self.index.add(index_docs(self.case, chunk, texts))
            except ValueError as exc:
                if "Lock" not in str(exc):
                    raise
                log.warning("The search index is being written by another process; %d documents "
                            "will be re-indexed by the next `sleuth ingest`.", len(ids))
                self.blocked = True
                return
            self.uncommitted += chunk
            if len(self.uncommitted) >= self.commit_every:
                self.commit()

    def commit(self) -> None:
        """Make what was added searchable and record it."""
        if self.blocked or not self.uncommitted:
            return
        self.index.commit()
        self.case.store.mark_stage(self.uncommitted, INDEX, INDEX_VERSION)
        self.written += len(self.uncommitted)
        self.uncommitted = []

    def finish(self) -> int:
        """Commit; the number of documents re-indexed."""
        self.commit()
        return self.written


def reindex(case: Case, doc_ids: Iterable[int], texts: dict[int, str] | None = None) -> int:
    """Re-index some documents now and commit; how many were."""
    with _WRITING:
        refresher = IndexRefresher(case)
        refresher.add(doc_ids, texts)
        return refresher.finish()


def retag(case: Case, doc_id: int) -> None:
    """Re-index a document whose tags changed, so tag: filters and the tag facet show it."""
    reindex(case, [doc_id])


def refresh_entities(case: Case, before: dict[str, str], after: dict[str, str]) -> int:
    """After a resolution: re-index the documents whose match keys now name another entity
    key than the one indexed. `before` and `after` map match keys to entity keys; a key
    missing from `before` was indexed as itself, except a split-off key (`split:...`), whose
    mentions were indexed under the key they were split from."""
    changed = [k for k, v in after.items()
               if before.get(k, k) != v or (k.startswith("split:") and k not in before)]
    changed += [k for k, v in before.items() if k not in after and v != k]
    if not changed:
        return 0
    return reindex(case, case.store.search.documents_with_keys(changed))


def open_case_index(case: Case) -> SearchIndex:
    """The case's index; rebuilt from the database when it was made by another INDEX_VERSION
    (a schema change: the index is derived data, nothing is lost)."""
    from sleuth.search import open_index

    index = open_index(case.root / "index")
    rebuilt = getattr(index, "rebuilt", False)
    if not rebuilt and case.store.info(INDEX_VERSION_KEY) == str(INDEX_VERSION):
        return index
    if not rebuilt and index.count() == 0 and not case.store.summary()["stages"].get(INDEX):
        # a new case: nothing was ever indexed, ingest indexes what it reads
        case.store.set_info(INDEX_VERSION_KEY, str(INDEX_VERSION))
        return index
    rebuild(case, index)
    return index


def rebuild(case: Case, index: SearchIndex) -> int:
    """Index every document again (after the index folder was emptied or its version
    changed); the number indexed."""
    case.store.forget_stage(INDEX)
    pending = case.store.pending(INDEX, INDEX_VERSION)
    if pending:
        log.warning("Rebuilding the search index of %s (%d documents, index version %d).",
                    case.root, len(pending), INDEX_VERSION)
    refresher = IndexRefresher(case, index)
    for chunk in batches(pending, BATCH):
        refresher.add(chunk)
    done = refresher.finish()
    if not refresher.blocked:  # else the next open (or `sleuth ingest`) finishes the work
        index.commit()
        case.store.set_info(INDEX_VERSION_KEY, str(INDEX_VERSION))
    return done


def _date(value: str | None) -> datetime | None:
    """A document date YYYY-MM-DD as a datetime (None when absent or malformed)."""
    if not value:
        return None
    try:
        return datetime.strptime(value[:10], "%Y-%m-%d")
    except ValueError:
        return None
