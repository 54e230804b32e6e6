"""What analysts add to a case in the workbench: tags and notes on documents, saved searches."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select

from sleuth.store.schema import notes, saved_searches, tags

if TYPE_CHECKING:
    from sleuth.store.store import Store


class WorkbenchStore:
    """Rows of tags, notes and saved_searches."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine
        self._insert = store._insert

    # ---- tags ---------------------------------------------------------------------

    def add_tag(self, doc_id: int, tag: str, user: str) -> None:
        """Tag a document (tagging twice is one tag)."""
        with self.engine.begin() as conn:
            conn.execute(self._insert(tags).values(document_id=doc_id, tag=tag, user=user, at=time.time())
                         .on_conflict_do_nothing())

    def remove_tag(self, doc_id: int, tag: str) -> None:
        """Take a tag off a document."""
        with self.engine.begin() as conn:
            conn.execute(delete(tags).where(tags.c.document_id == doc_id, tags.c.tag == tag))

    def tags_of(self, doc_ids: Sequence[int]) -> dict[int, list[str]]:
        """Each document's tags, alphabetical."""
        out: dict[int, list[str]] = {}
        with self.engine.connect() as conn:
            for doc_id, tag in conn.execute(select(tags.c.document_id, tags.c.tag)
                                            .where(tags.c.document_id.in_(list(doc_ids)))
                                            .order_by(tags.c.tag)):
                out.setdefault(doc_id, []).append(tag)
        return out

    def tag_counts(self) -> dict[str, int]:
        """Every tag in the case with its number of documents, most used first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(tags.c.tag, func.count()).group_by(tags.c.tag)
                                .order_by(func.count().desc(), tags.c.tag)).all()
        return {tag: int(n) for tag, n in rows}

    def tagged(self, tag: str) -> set[int]:
        """The documents that carry a tag."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(tags.c.document_id).where(tags.c.tag == tag)).scalars()
            return {int(d) for d in rows}

    # ---- notes --------------------------------------------------------------------

    def add_note(self, doc_id: int, text: str, user: str, page: int | None = None) -> dict[str, Any]:
        """Add a note to a document (or one of its pages)."""
        with self.engine.begin() as conn:
            result = conn.execute(notes.insert().values(document_id=doc_id, page=page, text=text, user=user,
                                                        at=time.time()))
            note_id = result.inserted_primary_key[0] if result.inserted_primary_key else None
        return {"id": note_id, "document_id": doc_id, "page": page, "text": text, "user": user}

    def notes_of(self, doc_id: int) -> list[dict[str, Any]]:
        """A document's notes, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(notes).where(notes.c.document_id == doc_id).order_by(notes.c.id)).all()
        return [dict(r._mapping) for r in rows]

    def note(self, note_id: int) -> dict[str, Any] | None:
        """One note by id, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(notes).where(notes.c.id == note_id)).first()
        return dict(row._mapping) if row is not None else None

    def remove_note(self, note_id: int) -> dict[str, Any] | None:
        """Delete a note; the note as it was, or None when there was none."""
        with self.engine.begin() as conn:
            row = conn.execute(select(notes).where(notes.c.id == note_id)).first()
            if row is None:
                return None
            conn.execute(delete(notes).where(notes.c.id == note_id))
        return dict(row._mapping)

    # ---- saved searches -----------------------------------------------------------

    def save_search(self, user: str, name: str, query: str) -> None:
        """Save (or overwrite) a user's named search."""
        stmt = self._insert(saved_searches).values(user=user, name=name, query=query, at=time.time())
        with self.engine.begin() as conn:
            keys = [saved_searches.c.user, saved_searches.c.name]
            update = {"query": query, "at": time.time()}
            conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=update))

    def saved_searches(self, user: str) -> list[dict[str, Any]]:
        """A user's saved searches, newest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(saved_searches.c.id, saved_searches.c.name, saved_searches.c.query,
                                       saved_searches.c.at)
                                .where(saved_searches.c.user == user).order_by(saved_searches.c.at.desc()))
            return [dict(r._mapping) for r in rows]

    def remove_saved_search(self, user: str, search_id: int) -> bool:
        """Delete one of a user's saved searches."""
        with self.engine.begin() as conn:
            result = conn.execute(delete(saved_searches).where(saved_searches.c.user == user,
                                                               saved_searches.c.id == search_id))
        return bool(result.rowcount)
