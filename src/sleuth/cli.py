"""The command line: a thin face over the library. Parses input, calls, formats output.

`--json` writes one JSON object per line to stdout and nothing else there; messages and
progress bars go to stderr. Exit codes: 0 ok, 1 some inputs failed (recorded), 2 usage error.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from sleuth import __version__
from sleuth.errors import SleuthError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def output_options(func: F) -> F:
    """Every command gets the same output flags: --json and --silent."""
    func = click.option("--silent", is_flag=True, help="No progress bars or messages on stderr.")(func)
    func = click.option("--json", "as_json", is_flag=True,
                        help="One JSON object per line on stdout (see docs/cli.md).")(func)
    return func


def case_option(func: F) -> F:
    """The --case option (also SLEUTH_CASE)."""
    return click.option("--case", "case_path", required=True, envvar="SLEUTH_CASE",
                        type=click.Path(path_type=Path), help="The case folder.")(func)


def handle_errors(func: F) -> F:
    """Turn SleuthError into a readable message and exit code 2."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SleuthError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
    return wrapper  # type: ignore[return-value]


def emit(obj: dict[str, Any]) -> None:
    """Write one JSON line to stdout."""
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))


def info(message: str, silent: bool = False) -> None:
    """A message for people, on stderr."""
    if not silent:
        click.echo(message, err=True)


@contextmanager
def progress_bar(total: int | None, desc: str, silent: bool,
                 unit: str = "file") -> Iterator[Callable[[int], None]]:
    """A tqdm bar on stderr (only on a terminal, never with --silent)."""
    from tqdm import tqdm

    bar = tqdm(total=total, desc=desc, unit=unit, file=sys.stderr,
               disable=True if silent else None, dynamic_ncols=True)
    def advance(n: int) -> None:
        bar.update(n)

    try:
        yield advance
    finally:
        bar.close()


def open_case(path: Path) -> Any:
    """Open a case or fail with a message that says how to make one."""
    from sleuth.case import Case

    return Case.open(path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sleuth")
def main() -> None:
    """Sleuth: an offline investigation workbench for leaked document troves."""


@main.command()
@click.argument("case_path", type=click.Path(path_type=Path))
@output_options
@handle_errors
def init(case_path: Path, as_json: bool, silent: bool) -> None:
    """Create a case folder (database, blob store, search index)."""
    from sleuth.case import Case

    case = Case.init(case_path)
    if as_json:
        emit({"case": str(case.root)})
    else:
        info(f"Case ready at {case.root}\nNext: sleuth ingest SOURCE... --case {case_path}", silent)


@main.command(name="ingest")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@case_option
@click.option("--workers", type=int, default=None, help="Worker processes (default: one per core).")
@click.option("--no-ocr", is_flag=True, help="Do not OCR now: scanned pages wait for a later run.")
@output_options
@handle_errors
def ingest_command(sources: tuple[Path, ...], case_path: Path, workers: int | None, no_ocr: bool,
                   as_json: bool, silent: bool) -> None:
    """Ingest files, folders and archives into a case, then OCR scanned pages.

    Re-running skips finished files and pages."""
    from sleuth.ingest import ingest
    from sleuth.ingest.walk import walk

    case = open_case(case_path)
    total = None if silent or not sys.stderr.isatty() else sum(1 for _ in walk(list(sources)))
    with ExitStack() as bars:
        advance = bars.enter_context(progress_bar(total, "ingest", silent))
        ocr_advance: list[Callable[[int], None]] = []

        def ocr_progress(done: int, pages: int) -> None:
            if not ocr_advance:
                ocr_advance.append(bars.enter_context(progress_bar(pages, "ocr", silent, unit="page")))
            ocr_advance[0](done)

        summary = ingest(case, list(sources), progress=advance, workers=workers, ocr=not no_ocr,
                         ocr_progress=ocr_progress)
    case.close()
    if as_json:
        emit(summary.as_dict())
    else:
        _print_ingest(summary, silent)
    sys.exit(EXIT_OK if summary.ok else EXIT_FAILED)


def _print_ingest(summary: Any, silent: bool) -> None:
    rate = summary.files_seen / summary.seconds if summary.seconds else 0.0
    click.echo(f"{summary.files_seen} files seen, {summary.documents_new} new documents "
               f"({summary.members} unpacked from containers), {summary.duplicates} already known, "
               f"{summary.files_skipped} skipped as done, in {summary.seconds:.1f} s ({rate:.0f} files/s)")
    if summary.kinds:
        click.echo("By type: " + ", ".join(f"{k} {n}" for k, n in summary.kinds.most_common()))
    ocr = summary.ocr
    if ocr.read or ocr.cached or ocr.failed:
        rate = 60 * (ocr.read + ocr.cached) / ocr.seconds if ocr.seconds else 0.0
        click.echo(f"OCR: {ocr.read} pages read, {ocr.cached} from the cache, {ocr.failed} failed, "
                   f"in {ocr.seconds:.1f} s ({rate:.0f} pages/min)")
    if ocr.left:
        click.echo(f"OCR: {ocr.left} pages wait for OCR.")
    if ocr.unavailable:
        info(ocr.unavailable, silent)
    if summary.problems:
        click.echo(f"{len(summary.problems)} problems (recorded in the case; see sleuth status):")
        for p in summary.problems[:50]:
            click.echo(f"  {p['status']:<13} {p['path']}\n                {p['reason']}")
        if len(summary.problems) > 50:
            click.echo(f"  ... and {len(summary.problems) - 50} more")


@main.command()
@case_option
@output_options
@handle_errors
def status(case_path: Path, as_json: bool, silent: bool) -> None:
    """Counts per type and stage, and every failure with its reason."""
    from sleuth.ocr.stage import ocr_status

    case = open_case(case_path)
    summary = case.store.summary()
    problems = case.store.problems()
    ocr = ocr_status(case)
    for failure in ocr.pop("failures"):
        problems.append({"document": failure["document_id"], "sha256": None, "path": failure["path"],
                         "mime": None, "status": "ocr failed",
                         "reason": f"page {failure['number']}: {failure['error']}"})
    if as_json:
        emit({**summary, "ocr": ocr, "problems": problems})
        return
    click.echo(f"Case {case.root}")
    click.echo(f"{summary['documents']} documents at {summary['paths']} paths; "
               f"{summary['failures']} paths not ingested")
    click.echo(f"OCR: {ocr['pages']} pages without a text layer: {ocr['ok']} read, {ocr['failed']} failed, "
               f"{ocr['waiting']} waiting")
    click.echo("By type: " + ", ".join(f"{k} {n}" for k, n in summary["kinds"].items()))
    for stage, counts in summary["stages"].items():
        click.echo(f"Stage {stage}: " + ", ".join(f"{s} {n}" for s, n in sorted(counts.items())))
    if ocr["unavailable"]:
        click.echo(ocr["unavailable"])
    if problems:
        click.echo(f"\nProblems ({len(problems)}):")
        for p in problems:
            ref = f"#{p['document']}" if p["document"] else "-"
            click.echo(f"  {ref:>6} {p['status']:<13} {p['path']}\n         {p['reason']}")


@main.command(name="search")
@click.argument("query")
@case_option
@click.option("--limit", type=int, default=None, help="Results per page (default 20).")
@click.option("--offset", type=int, default=0, help="Skip this many results (pagination).")
@output_options
@handle_errors
def search_command(query: str, case_path: Path, limit: int | None, offset: int,
                   as_json: bool, silent: bool) -> None:
    """Full-text search: words, "phrases", AND/OR/NOT, prefix*, type: lang: path: filters."""
    from sleuth.search.case_search import search

    case = open_case(case_path)
    results, hits = search(case, query, limit=limit or case.settings.search_limit, offset=offset)
    if as_json:
        for hit in hits:
            emit(hit.as_dict())
        return
    info(f"{results.total} documents match {query!r} ({results.took_ms:.1f} ms)", silent)
    for facet, counts in results.facets.items():
        if counts:
            info(f"  {facet}: " + ", ".join(f"{k} {n}" for k, n in counts.items()), silent)
    style = "ansi" if sys.stdout.isatty() else "plain"
    for n, hit in enumerate(hits, start=offset + 1):
        h = hit.hit
        click.echo(f"{n}. #{h.doc_id} [{h.kind}, {h.language}] {h.title}\n   {h.path}")
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
    from sleuth.ingest.extract import extract_files
    from sleuth.store import FailureRecord

    failed = False
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


@main.command(name="demo-trove")
@click.argument("outdir", type=click.Path(path_type=Path))
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed (same seed, same files).")
@click.option("--size", type=int, default=None, help="Write a large text-heavy trove of N files.")
@output_options
@handle_errors
def demo_trove(outdir: Path, seed: int, size: int | None, as_json: bool, silent: bool) -> None:
    """Write the synthetic demo trove (and its truth.json) into OUTDIR."""
    from sleuth.demo import write_demo_trove

    summary = write_demo_trove(outdir, seed=seed, size=size)
    data = summary.as_dict() if hasattr(summary, "as_dict") else dict(vars(summary))
    if as_json:
        emit(data)
    else:
        info(f"Wrote the synthetic demo trove to {outdir}: " + json.dumps(data, default=str), silent)


if __name__ == "__main__":
    main()
