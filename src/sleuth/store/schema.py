"""The case database schema, in SQLAlchemy Core so every backend shares it."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

SCHEMA_VERSION = 3

metadata = MetaData()

# One row per distinct content (sha256). A file seen at several paths is one document.
documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("size", Integer, nullable=False),
    Column("mime", String(200), nullable=False),
    Column("kind", String(40), nullable=False, default="unknown"),
    Column("language", String(16)),
    Column("title", Text),
    Column("page_count", Integer, nullable=False, default=0),
    Column("created_at", Float, nullable=False),
)

# Every place a document was found: a file on disk, or a member of a container
# (`/src/trove.zip!/letters/a.pdf`). `parent_id` is the containing document.
provenance = Table(
    "provenance",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("path", Text, nullable=False),
    Column("parent_id", Integer, ForeignKey("documents.id")),
    Column("size", Integer, nullable=False),
    Column("mtime", Float),
    Column("mime", String(200), nullable=False),
    Column("found_at", Float, nullable=False),
    UniqueConstraint("document_id", "path", name="uq_provenance_document_path"),
)
Index("ix_provenance_path", provenance.c.path)
Index("ix_provenance_parent", provenance.c.parent_id)

pages = Table(
    "pages",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("needs_ocr", Boolean, nullable=False, default=False),
    Column("method", String(20), nullable=False, default="text"),
    Column("confidence", Float),
)
# The few pages that wait for OCR, found without reading every page's text (the overview
# counts them at every poll, the OCR stage lists them).
Index("ix_pages_needs_ocr", pages.c.document_id, pages.c.number,
      sqlite_where=pages.c.needs_ocr.is_(True), postgresql_where=pages.c.needs_ocr.is_(True))

# Document metadata: author, title, producer, dates, e-mail headers... Several values
# per key are allowed (Received headers, recipients).
doc_metadata = Table(
    "metadata",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("key", String(100), nullable=False),
    Column("value", Text, nullable=False),
)
Index("ix_metadata_document", doc_metadata.c.document_id)
Index("ix_metadata_key", doc_metadata.c.key)

# Stage bookkeeping: one row per (document, stage); a new stage_version re-runs it.
stages = Table(
    "stages",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id"), primary_key=True),
    Column("stage", String(40), primary_key=True),
    Column("stage_version", Integer, nullable=False),
    Column("status", String(20), nullable=False),  # ok | failed | unsupported | skipped
    Column("error", Text),
    Column("duration", Float),
    Column("updated_at", Float, nullable=False),
)
Index("ix_stages_stage_status", stages.c.stage, stages.c.status)

# Files that never became documents: unreadable, broken symlinks, unsafe archive members,
# members over a cap. Keyed by path so a re-run replaces instead of doubling.
failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("path", Text, nullable=False, unique=True),
    Column("parent_id", Integer, ForeignKey("documents.id")),
    Column("reason", Text, nullable=False),
    Column("at", Float, nullable=False),
)

# OCR results keyed by what was read: sha256 of the page's pixels, the languages asked for,
# the engine and its models, and the OCR version. The same page in two files is read once.
ocr_results = Table(
    "ocr_results",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("text", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("languages", String(60), nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("words", Text, nullable=False),  # JSON: [[text, conf, left, top, width, height, line], ...]
    Column("seconds", Float),
    Column("created_at", Float, nullable=False),
)

# OCR bookkeeping per page: done (ok/failed) at a version, and which result it used. A page
# that needs OCR and has no row at the current version is waiting.
ocr_pages = Table(
    "ocr_pages",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("status", String(20), nullable=False),  # ok | failed
    Column("error", Text),
    Column("result_key", String(64)),
    Column("seconds", Float),
    Column("updated_at", Float, nullable=False),
)

case_info = Table(
    "case_info",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

# Mentions found by the extract stage: a span of one page's stored text. `entry` is the
# gazetteer entry the words name, `value` the normalised value of a date or identifier.
# `match_key` says what the mention refers to as far as its own document tells
# ("entry:islamic-state", "PERSON:abu hmz rk", "PHONE:+963944123456"); resolution maps
# match keys to entities (entity_keys), so re-resolving never rewrites the mentions.
mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("page", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("source", String(20), nullable=False),
    Column("entry", String(120)),
    Column("value", Text),
    Column("score", Float, nullable=False),
    Column("match_key", Text),
    # the mention's own match key, when its document says it names someone known by another
    # (a form's name field and its kunya field): resolution joins the two keys
    Column("own_key", Text),
)
Index("ix_mentions_document", mentions.c.document_id, mentions.c.page)
Index("ix_mentions_match_key", mentions.c.match_key)

# Entities made by resolution. `key` is stable across runs ("entry:islamic-state" or the
# match key of the entity's first name), so analyst decisions can refer to it.
entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False, unique=True),
    Column("type", String(20), nullable=False),
    Column("canonical", Text, nullable=False),
    Column("canonical_ar", Text),
    Column("entry", String(120)),
    Column("aliases", Text, nullable=False),  # JSON: [[alias, mentions], ...], most frequent first
    Column("mentions", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("first_seen", String(10)),
    Column("last_seen", String(10)),
    Column("confidence", Float, nullable=False),
)
Index("ix_entities_type", entities.c.type)
# the search page names its entity facet's values by canonical name on every search
Index("ix_entities_canonical", entities.c.canonical)

# Which entity each match key belongs to, with the confidence of that link.
entity_keys = Table(
    "entity_keys",
    metadata,
    Column("match_key", Text, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("confidence", Float, nullable=False),
)
Index("ix_entity_keys_entity", entity_keys.c.entity_id)

# Analyst decisions on entities (merge, split, rename), replayed after every resolution.
entity_decisions = Table(
    "entity_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(20), nullable=False),  # merge | split | rename
    Column("subject", Text, nullable=False),       # entity key, or match key for split
    Column("object", Text),                        # other entity key / new name
    Column("made_at", Float, nullable=False),
    Column("made_by", String(100)),                # the workbench user; empty from the CLI
)

# Forms read into records (extract/forms.py): one row per page that is a form; `fields` is
# JSON {field: {value, start, end, normalised?}} with spans in the page's text.
records = Table(
    "records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("page", Integer, nullable=False),
    Column("form", String(60), nullable=False),
    Column("fields", Text, nullable=False),
)
Index("ix_records_form", records.c.form)
Index("ix_records_document", records.c.document_id)

# Events coded from sentences (extract/events): one row per (source, target) a sentence
# tells, with its evidence. Actors are match keys (resolved to entities through
# entity_keys at query time, so merges and splits apply without coding again).
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("page", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("mode", String(40), nullable=False),
    Column("quad_class", String(30), nullable=False),
    Column("modality", String(20), nullable=False),
    Column("source_key", Text),
    Column("source_text", Text),
    Column("source_type", String(20)),
    Column("target_key", Text),
    Column("target_text", Text),
    Column("target_type", String(20)),
    Column("place_key", Text),
    Column("place_text", Text),
    Column("date", String(10)),
    Column("date_from", String(10), nullable=False),
    Column("reciprocal", Boolean, nullable=False),
    Column("arranged", Boolean, nullable=False),
    Column("sentence", Text, nullable=False),
)
Index("ix_events_document", events.c.document_id)
Index("ix_events_source", events.c.source_key)
Index("ix_events_target", events.c.target_key)

# ---- the workbench: users, their sessions, the audit trail, and what analysts add ----

# Local users of `sleuth serve`. `password` is an argon2 hash; role is admin|editor|viewer.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("password", Text, nullable=False),
    Column("role", String(20), nullable=False),
    Column("created_at", Float, nullable=False),
)

# Logged-in browser sessions. Only a hash of the cookie's token is kept, so a copy of the
# case folder does not hand out live sessions.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
)

# Who did what, when: searches, documents opened, downloads, exports, entity decisions,
# logins. Append-only; `detail` is JSON.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", Float, nullable=False),
    Column("user", String(100), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", Text),
    Column("detail", Text),
    Column("address", String(64)),
)
Index("ix_audit_at", audit_log.c.at)

# Tags and notes analysts put on documents.
tags = Table(
    "tags",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id"), primary_key=True),
    Column("tag", String(100), primary_key=True),
    Column("user", String(100), nullable=False),
    Column("at", Float, nullable=False),
)
Index("ix_tags_tag", tags.c.tag)

notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("page", Integer),
    Column("text", Text, nullable=False),
    Column("user", String(100), nullable=False),
    Column("at", Float, nullable=False),
)
Index("ix_notes_document", notes.c.document_id)

# A user's saved searches (the query and its name).
saved_searches = Table(
    "saved_searches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user", String(100), nullable=False),
    Column("name", String(200), nullable=False),
    Column("query", Text, nullable=False),
    Column("at", Float, nullable=False),
    UniqueConstraint("user", "name", name="uq_saved_search_user_name"),
)
