"""Commands that read: search, show, extract."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from sleuth.cli.app import (
    EXIT_FAILED,
    EXIT_OK,
    case_option,
    emit,
    handle_errors,
    info,
    main,
    open_case,
    output_options,
)
from sleuth.errors import SleuthError
from sleuth.search.base import SORTS


@main.command(name="search")
@click.argument("query")
@case_option
@click.option("--limit", type=int, default=None, help="Results per page (default 20).")
@click.option("--offset", type=int, default=0, help="Skip this many results (pagination).")
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True,
              help="Order: best match, the document's own date (newest or oldest first, undated "
                   "last) or document number.")
@output_options
@handle_errors
def search_command(query: str, case_path: Path, limit: int | None, offset: int, sort: str,
                   as_json: bool, silent: bool) -> None:
    """Full-text search: words, "phrases", AND/OR/NOT, prefix*, type: lang: path: entity:
    event: tag: date: filters."""
    from sleuth.search.case_search import search

    case = open_case(case_path)
    results, hits = search(case, query, limit=limit or case.settings.search_limit, offset=offset, sort=sort)
    if as_json:
        for hit in hits:
            emit(hit.as_dict())
        return
    info(f"{results.total} documents match {query!r} ({results.took_ms:.1f} ms)", silent)
    for facet, counts in results.facets.items():
        if counts:
            names = results.labels.get(facet, {})  # an entity shown as #12 has its name here
            shown = (f"{k} ({names[k]})" if names.get(k, k) != k else k for k in counts)
            info(f"  {facet}: " + ", ".join(f"{k} {n}" for k, n in zip(shown, counts.values(), strict=True)),
                 silent)
    style = "ansi" if sys.stdout.isatty() else "plain"
    for n, hit in enumerate(hits, start=offset + 1):
        h = hit.hit
        dated = f", {h.date}" if h.date else ""
        click.echo(f"{n}. #{h.doc_id} [{h.kind}, {h.language}{dated}] {h.title}\n   {h.path}")
        for snippet in hit.snippets:
            click.echo(f"   p.{snippet.page}: {snippet.render(style)}")


@main.command()
@click.argument("doc")
@case_option
@output_options
@handle_errors
def show(doc: str, case_path: Path, as_json: bool, silent: bool) -> None:
    """Show a document: text per page, metadata, provenance, children, stages.

    DOC is a document number, a sha256 (or a prefix of it) or a path.
    """
    case = open_case(case_path)
    found = case.store.find_document(doc)
    if found is None:
        raise SleuthError(f"No document {doc!r} in this case.\n"
                          "Give a document number, a sha256 prefix or a path (see sleuth search).")
    detail = case.store.document_detail(found["id"])
    detail["mentions"] = case.store.mentions.for_document(found["id"])
    detail["events"] = [_event_json(r) for r in case.store.events.rows([found["id"]])]
    if as_json:
        emit(detail)
        return
    click.echo(f"Document #{detail['id']}  {detail['title'] or ''}")
    click.echo(f"  sha256   {detail['sha256']}\n  type     {detail['kind']} ({detail['mime']}), "
               f"{detail['size']} bytes, {detail['page_count']} pages, language {detail['language']}")
    for p in detail["provenance"]:
        parent = f" (inside #{p['parent_id']})" if p["parent_id"] else ""
        click.echo(f"  found at {p['path']}{parent}")
    for s in detail["stages"]:
        click.echo(f"  stage    {s['stage']} v{s['stage_version']}: {s['status']}"
                   + (f" - {s['error']}" if s["error"] else ""))
    for key, values in detail["metadata"].items():
        for value in values:
            click.echo(f"  {key:<8} {value}")
    for child in detail["children"]:
        click.echo(f"  contains #{child['document_id']} {child['path']}")
    for page in detail["pages"]:
        click.echo(f"\n--- page {page['number']} [{_page_label(page)}] ---\n{page['text']}")
    if detail["mentions"]:
        click.echo(f"\n--- mentions ({len(detail['mentions'])}) ---")
        for m in detail["mentions"]:
            target = f" -> #{m['entity_id']} {m['canonical']}" if m["entity_id"] else (
                f" = {m['value']}" if m["value"] else "")
            click.echo(f"  p.{m['page']} [{m['start']}:{m['end']}] {m['type']:<8} {m['text']}{target}")


    if detail["events"]:
        click.echo(f"\n--- events ({len(detail['events'])}) ---")
        for e in detail["events"]:
            mark = "" if e["modality"] == "asserted" else f" [{e['modality']}]"
            where = f" at {e['location']}" if e["location"] else ""
            click.echo(f"  p.{e['page']} {e['date'] or 'undated':<10} {e['type']}{mark}  "
                       f"{e['source'] or '?'} -> {e['target'] or '-'}{where}  «{e['trigger']}»")


def _event_json(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event of a document, as `show` gives it."""
    return {
        "page": row["page"], "type": row["type"], "mode": row["mode"], "quad_class": row["quad_class"],
        "modality": row["modality"], "source": row["source_name"] or row["source_text"],
        "target": row["target_name"] or row["target_text"], "location": row["place_text"],
        "date": row["date"],
        "trigger": row["trigger"], "sentence": row["sentence"],
        "span": [row["sentence_start"], row["sentence_end"]],
    }


def _page_label(page: dict[str, Any]) -> str:
    """How a page's text was obtained: text layer, OCR with confidence, or why not."""
    ocr = page.get("ocr")
    if page["method"] == "ocr" and ocr:
        return f"ocr, confidence {ocr['confidence']:.0f}%, {ocr['languages']}"
    if not page["needs_ocr"]:
        return page["method"]
    if ocr is None:
        return f"{page['method']}, waiting for OCR"
    if ocr["status"] == "failed":
        return f"{page['method']}, OCR failed: {ocr['error']}"
    return f"{page['method']}, text layer kept over OCR (confidence {ocr['confidence'] or 0:.0f}%)"


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_options
@handle_errors
def extract(files: tuple[Path, ...], as_json: bool, silent: bool) -> None:
    """Read files without a case and print what each holds (one JSON line per file)."""
    from sleuth.extract.events import EventCoder
    from sleuth.extract.stage import build_finder, document_view
    from sleuth.ingest.extract import extract_files
    from sleuth.store import FailureRecord

    failed = False
    from sleuth.settings import load_settings

    settings = load_settings()
    finder = build_finder(settings)
    coder = EventCoder.for_case(None, finder.gazetteer, str(settings.spacy_pipeline or ""))
    for record in extract_files(list(files)):
        if isinstance(record, FailureRecord):
            failed = True
            obj: dict[str, Any] = {"path": record.path, "status": "not read", "error": record.reason}
        else:
            failed = failed or record.status != "ok"
            pages = record.pages or []
            obj = {"path": record.path, "sha256": record.sha256, "mime": record.mime,
                   "kind": record.kind, "language": record.language, "pages": len(pages),
                   "text": "\f".join(p.text for p in pages), "status": record.status,
                   "error": record.error,
                   "ocr": [{"page": p.number, "method": p.method, "confidence": p.confidence,
                            "error": p.ocr_error} for p in pages if p.needs_ocr],
                   "metadata": record.metadata}
            obj["entities"], obj["events"] = document_view([p.text for p in pages], finder, coder,
                                                           set(record.metadata.get("boilerplate", [])))
            failed = failed or any(p.ocr_error for p in pages)
        if as_json:
            emit(obj)
        else:
            click.echo(f"== {obj['path']} ({obj.get('mime', '-')}, {obj['status']})")
            if obj.get("error"):
                click.echo(f"   {obj['error']}")
            if obj.get("text"):
                click.echo(obj["text"])
    sys.exit(EXIT_FAILED if failed else EXIT_OK)
