"""The extract stage over a case: every page's mentions, stored with their evidence.

`extract_document` is a pure function of a document's pages and the gazetteer, so it runs
in the parent, in a local process pool or on a cluster worker alike. Within one document
it also decides what a mention refers to as far as the document tells (`match_key`): the
short "Abu Hamza" of a letter that names "Abu Hamza al-Raqqawi" in its heading is him, and
a form's name and kunya fields are one person. Forms are read into records here too
(`extract/forms.py`). Resolution across documents is `sleuth.link.resolve`.
"""

from __future__ import annotations

import os
import time
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sleuth.extract.events.coder import CodedEvent, EventCoder
from sleuth.extract.events.document import resolve_definite_agents, tidy_document
from sleuth.extract.finder import MentionFinder
from sleuth.extract.forms import Record, read_forms
from sleuth.extract.gazetteer import fingerprint, load_gazetteer
from sleuth.extract.mention import IDENTIFIER_TYPES, Mention
from sleuth.link.keys import name_words, nisbas

if TYPE_CHECKING:
    from sleuth.case import Case
    from sleuth.settings import Settings

# Bump when extraction output changes (rules, gazetteer format, keys): documents are read again.
EXTRACT_VERSION = 2
EXTRACT = "extract"
CHUNK_DOCS = 32
# Form labels whose values are one person: the name and the kunya of a registration form.
NAME_LABELS = frozenset({"name", "full name", "الاسم", "الاسم الكامل", "اسم العنصر", "الاسم الثلاثي"})
KUNYA_LABELS = frozenset({"kunya", "nom de guerre", "الكنيه", "الكنية"})
DOCUMENT_DATE = "DATE:document"
# Words before a date (normalised) that make it the document's own date, or not.
DOCUMENT_DATE_CUES = ("date", "dated", "sent", "التاريخ", "بتاريخ", "تاريخ التسجيل", "تاريخ التحرير")
NOT_DOCUMENT_DATE = ("birth", "born", "entry", "arriv", "الميلاد", "مواليد", "الدخول", "الوصول")

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class PageMention:
    """A mention on a page with what it refers to as far as its document tells."""

    page: int
    mention: Mention
    match_key: str | None
    own_key: str | None = None  # set when the document links this name to another one


@dataclass
class ExtractSummary:
    """What one run of the stage did."""

    documents: int = 0
    failed: int = 0
    mentions: int = 0
    events: int = 0
    seconds: float = 0.0
    types: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "documents": self.documents,
            "mentions": self.mentions,
            "events": self.events,
            "seconds": round(self.seconds, 3),
            "types": self.types,
        }


def extract_document(pages: Sequence[str], finder: MentionFinder, doc_ref: str = "") -> list[PageMention]:
    """Mentions of one document's pages (numbered from 1) with their match keys.

    A person named by one word only (a first name, a bare kunya: "Maryam", "Abu Yusuf") is
    this document's: its key carries `doc_ref`, so two documents' Maryams are not made one
    person; resolution may still join it to the one longer name it is part of."""
    found = finder.find_pages(pages)
    out: list[PageMention] = []
    people: list[tuple[int, Mention, frozenset[str]]] = []
    for number, mentions in enumerate(found, start=1):
        for m in mentions:
            if m.entry:
                out.append(PageMention(number, m, f"entry:{m.entry}"))
            elif m.type in IDENTIFIER_TYPES and m.value:
                out.append(PageMention(number, m, f"{m.type}:{m.value}"))
            elif m.source == "value":
                out.append(PageMention(number, m, None))
            else:
                words = name_words(m.text)
                if not words:
                    continue
                if m.type == "PERSON":
                    people.append((len(out), m, frozenset(words)))
                out.append(PageMention(number, m, f"{m.type}:{' '.join(sorted(words))}"))
    _corefer_people(out, people, pages, found)
    _document_date(out, pages)
    if doc_ref:
        for i, pm in enumerate(out):
            key = pm.match_key
            if pm.mention.type == "PERSON" and key and key.startswith("PERSON:") and _one_word(key):
                out[i] = PageMention(pm.page, pm.mention, f"{key} @{doc_ref}", pm.own_key)
    return out


def _document_date(out: list[PageMention], pages: Sequence[str]) -> None:
    """Key the document's own date `DATE:document`: on the first page, the first full date
    after a date label (Date:, التاريخ, بتاريخ, registration date), else the first full date
    whose line is not about a birth or an arrival."""
    first_page = [(i, pm) for i, pm in enumerate(out)
                  if pm.page == 1 and pm.mention.type == "DATE" and len(pm.mention.value or "") == 10]
    if not first_page:
        return
    text = pages[0]
    chosen = None
    for i, pm in first_page:
        line = _line_before(text, pm.mention.start)
        if any(cue in line for cue in NOT_DOCUMENT_DATE):
            continue
        if any(cue in line for cue in DOCUMENT_DATE_CUES):
            chosen = i
            break
        if chosen is None:
            chosen = i
    if chosen is not None:
        pm = out[chosen]
        out[chosen] = PageMention(pm.page, pm.mention, DOCUMENT_DATE, pm.own_key)


def _line_before(text: str, start: int) -> str:
    from sleuth.text.normalize import normalize

    return normalize(text[max(text.rfind("\n", 0, start) + 1, start - 60):start])


def _one_word(key: str) -> bool:
    """A name key with one word that tells names apart (kunya markers aside)."""
    words = key.partition(":")[2].split()
    return sum(1 for w in words if w not in ("abu", "umm")) <= 1


def _corefer_people(
    out: list[PageMention],
    people: list[tuple[int, Mention, frozenset[str]]],
    pages: Sequence[str],
    found: list[list[Mention]],
) -> None:
    """Within a document: a name that is part of exactly one longer name is that person."""
    if not people:
        return
    full = {words for _, _, words in people}
    for idx, m, words in people:
        longer = {f for f in full if words < f and _distinct(words)}
        if len(longer) == 1:
            target = next(iter(longer))
            out[idx] = PageMention(out[idx].page, m, "PERSON:" + " ".join(sorted(target)))
    _form_person(out, pages)


def _distinct(words: frozenset[str]) -> bool:
    """Enough of a name to stand for a longer one: two words, or a kunya and a name."""
    return len(words) >= 2


def _form_person(out: list[PageMention], pages: Sequence[str]) -> None:
    """A form's name field and kunya field name one person: both take the kunya's key."""
    name_at: list[int] = []
    kunya_at: list[int] = []
    for i, pm in enumerate(out):
        if pm.mention.type != "PERSON" or pm.match_key is None:
            continue
        label = _label_before(pages[pm.page - 1], pm.mention.start)
        if label in NAME_LABELS:
            name_at.append(i)
        elif label in KUNYA_LABELS:
            kunya_at.append(i)
    if len(name_at) == 1 and len(kunya_at) == 1:
        n, k = name_at[0], kunya_at[0]
        out[n] = PageMention(out[n].page, out[n].mention, out[k].match_key, own_key=out[n].match_key)


def _label_before(text: str, start: int) -> str:
    """The label of a 'Label: value' line that ends right before `start`, normalised."""
    from sleuth.text.normalize import normalize

    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start].rstrip()
    if not head.endswith(":"):
        return ""
    return " ".join(normalize(head[:-1]).split())


# ---- running the stage over a case -----------------------------------------------------

_FINDER: MentionFinder | None = None
_CODER: EventCoder | None = None


Result = tuple[int, list[PageMention], str | None]  # document, mentions, error
PageEvent = tuple[int, CodedEvent]  # page number, event
# and the forms read and the events coded, by document
Chunk = tuple[list[Result], dict[int, list[Record]], dict[int, list[PageEvent]]]


def _extract_chunk(docs: list[tuple[int, list[str], set[str]]]) -> Chunk:
    assert _FINDER is not None and _CODER is not None
    out: list[Result] = []
    forms: dict[int, list[Record]] = {}
    events: dict[int, list[PageEvent]] = {}
    for doc_id, pages, furniture in docs:
        try:
            found = extract_document(pages, _FINDER, str(doc_id))
            forms[doc_id] = read_forms(pages)
            events[doc_id] = code_document(_CODER, pages, found, furniture)
            out.append((doc_id, found, None))
        except Exception as exc:  # a bug on one document must not stop the batch
            out.append((doc_id, [], f"{type(exc).__name__}: {exc}"))
            forms.pop(doc_id, None)
    return out, forms, events


def code_document(coder: EventCoder, pages: Sequence[str], found: Sequence[PageMention],
                  furniture: Collection[str] = ()) -> list[PageEvent]:
    """The events of a document's pages, coded with the mentions the document's extraction
    found; a sentence without a date takes the document's own date. Lines in `furniture`
    (a web page's menus and "most read" headlines) are not coded."""
    document_date = next((pm.mention.value for pm in found if pm.match_key == DOCUMENT_DATE), None)
    by_page: dict[int, list[tuple[Mention, str | None]]] = {}
    for pm in found:
        by_page.setdefault(pm.page, []).append((pm.mention, pm.match_key))
    coded = [(number, e) for number, text in enumerate(pages, start=1)
             for e in coder.code_page(text, by_page.get(number, []), document_date, furniture)]
    named = [(pm.page, pm.mention, pm.match_key) for pm in found if pm.mention.entry]
    return tidy_document(resolve_definite_agents(coded, named, coder.gazetteer))


def run_extract(case: Case, workers: int | None = None, progress: Progress | None = None) -> ExtractSummary:
    """Extract mentions from every document that waits for this stage version."""
    global _FINDER, _CODER
    started = time.perf_counter()
    summary = ExtractSummary()
    stamp = f"{EXTRACT_VERSION}:{fingerprint(case.root)}:{case.settings.spacy_pipeline}"
    if case.store.info("extract_inputs") != stamp:
        case.store.forget_stage(EXTRACT)  # new gazetteer or rules: every document again
        case.store.set_info("extract_inputs", stamp)
    pending = case.store.pending(EXTRACT, EXTRACT_VERSION)
    if not pending:
        return summary
    _FINDER = build_finder(case.settings, case.root)
    _CODER = EventCoder.for_case(case.root, _FINDER.gazetteer, str(case.settings.spacy_pipeline or ""))
    nisbas()  # built once here, before the workers are forked
    chunks = _chunks(case, pending)
    n_workers = min(
        workers or case.settings.workers or os.cpu_count() or 1, max(1, len(pending) // CHUNK_DOCS)
    )
    types: dict[str, int] = {}
    # The index learns each batch's entities, events and date as they are stored (its texts
    # are at hand); resolution afterwards re-indexes the documents whose entities changed.
    from sleuth.search.indexing import IndexRefresher

    refresher = IndexRefresher(case)

    def store(chunk: Chunk, texts: dict[int, str]) -> None:
        results, forms, events = chunk
        case.store.mentions.write(results, EXTRACT_VERSION, forms, events)
        refresher.add(texts, texts)
        summary.events += sum(len(v) for v in events.values())
        summary.documents += len(results)
        summary.failed += sum(1 for *_, error in results if error)
        for _, found, _ in results:
            summary.mentions += len(found)
            for pm in found:
                types[pm.mention.type] = types.get(pm.mention.type, 0) + 1
        if progress:
            progress(len(results))

    if n_workers <= 1:
        for chunk in chunks:
            store(_extract_chunk(chunk), _texts(chunk))
    else:
        # fork after the finder is built: workers share it instead of building their own
        with ProcessPoolExecutor(n_workers, mp_context=get_context("fork")) as pool:
            window: deque[tuple[Future[Chunk], dict[int, str]]] = deque()
            for chunk in chunks:  # a bounded window in flight: the case is streamed
                window.append((pool.submit(_extract_chunk, chunk), _texts(chunk)))
                if len(window) >= n_workers * 3:
                    future, texts = window.popleft()
                    store(future.result(), texts)
            while window:
                future, texts = window.popleft()
                store(future.result(), texts)
    refresher.finish()
    summary.types = dict(sorted(types.items(), key=lambda kv: -kv[1]))
    summary.seconds = time.perf_counter() - started
    return summary


def build_finder(settings: Settings, case_dir: Path | None = None) -> MentionFinder:
    """The mention finder for a case (or, without one, for `sleuth extract`): the gazetteer,
    and the spaCy pipeline the settings name, if any."""
    extra = None
    if settings.spacy_pipeline:
        from sleuth.extract.spacy_ner import SpacyNer

        extra = SpacyNer(str(settings.spacy_pipeline))
    return MentionFinder(load_gazetteer(case_dir), extra=extra)


def _texts(chunk: list[tuple[int, list[str], set[str]]]) -> dict[int, str]:
    """The chunk's documents' texts as the index takes them (pages joined by form feeds)."""
    return {doc_id: "\f".join(pages) for doc_id, pages, _ in chunk}


def _chunks(case: Case, doc_ids: list[int]) -> Iterator[list[tuple[int, list[str], set[str]]]]:
    for start in range(0, len(doc_ids), CHUNK_DOCS):
        ids = doc_ids[start : start + CHUNK_DOCS]
        pages = case.store.mentions.page_texts(ids)
        furniture = case.store.metadata_values(ids, "boilerplate")  # read/html.py
        yield [(doc_id, pages.get(doc_id, []), furniture.get(doc_id, set())) for doc_id in ids]


def document_view(pages: Sequence[str], finder: MentionFinder, coder: EventCoder,
                  furniture: Collection[str] = ()) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The `entities` and `events` fields of `sleuth extract --json`."""
    found = extract_document(pages, finder)
    names = _canonical_names(found, finder)
    page_start = _page_starts(pages)
    events = []
    for page, e in code_document(coder, pages, found, furniture):
        offset = page_start[page - 1]
        events.append({
            "source": names(e.source.key, e.source.entry, e.source.text) if e.source else None,
            "type": e.type, "mode": e.mode,
            "target": names(e.target.key, e.target.entry, e.target.text) if e.target else None,
            "location": names(e.place.key, e.place.entry, e.place.text) if e.place else None,
            "date": e.date, "quad_class": e.quad_class, "modality": e.modality,
            "reciprocal": e.reciprocal, "arranged": e.arranged,
            "evidence": {"page": page, "sentence": e.sentence_text, "start": offset + e.sentence[0],
                         "end": offset + e.sentence[1], "trigger": e.trigger_text},
        })
    return document_entities(pages, finder, found), events


def _page_starts(pages: Sequence[str]) -> list[int]:
    page_start = [0]
    for text in pages:
        page_start.append(page_start[-1] + len(text) + 1)
    return page_start


def _canonical_names(
    found: Sequence[PageMention], finder: MentionFinder
) -> Callable[[str | None, str | None, str], str]:
    """A function naming an actor the way `entities` does: its gazetteer entry's name, or
    the fullest spelling its document gives."""
    by_key: dict[str, Counter[str]] = {}
    for pm in found:
        if pm.match_key:
            by_key.setdefault(pm.match_key, Counter())[pm.mention.text] += 1

    def name(key: str | None, entry_id: str | None, text: str) -> str:
        entry = finder.gazetteer.get(entry_id) if entry_id else None
        if entry is not None:
            return entry.name
        if key and key in by_key:
            return max(by_key[key].items(), key=lambda kv: (len(kv[0].split()), kv[1]))[0]
        return text

    return name


def document_entities(pages: Sequence[str], finder: MentionFinder,
                      found: Sequence[PageMention] | None = None) -> list[dict[str, Any]]:
    """The `entities` field of `sleuth extract --json`: every mention with its type, the
    canonical name it resolves to within this document, and its span in the pages joined by
    form feeds."""
    if found is None:
        found = extract_document(pages, finder)
    page_start = _page_starts(pages)
    names = _canonical_names(found, finder)
    out: list[dict[str, Any]] = []
    for pm in found:
        m = pm.mention
        canonical = m.value if m.value is not None and not m.entry else names(pm.match_key, m.entry, m.text)
        offset = page_start[pm.page - 1]
        out.append(
            {
                "text": m.text,
                "type": m.type,
                "canonical": canonical,
                "start": offset + m.start,
                "end": offset + m.end,
                "page": pm.page,
                "source": m.source,
            }
        )
    return out
