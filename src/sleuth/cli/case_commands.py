"""Commands that make and fill a case: init, ingest, status."""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import ExitStack
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
    progress_bar,
)


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
    ex = summary.extract
    if ex.documents:
        click.echo(f"Entities: {summary.entities} from {ex.mentions} mentions in {ex.documents} documents "
                   f"({ex.seconds:.1f} s); list them with: sleuth entities")
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
    """Counts per type and stage, every failure with its reason, a running ingest."""
    from sleuth.ingest.status import case_status

    case = open_case(case_path)
    status = case_status(case)
    summary, ocr, problems = status, status["ocr"], status["problems"]
    found = {"entities": status["entities"], "mentions": status["mentions"]}
    if as_json:
        emit(status)
        return
    click.echo(f"Case {case.root}")
    click.echo(f"{summary['documents']} documents at {summary['paths']} paths; "
               f"{summary['failures']} paths not ingested")
    click.echo(f"OCR: {ocr['pages']} pages without a text layer: {ocr['ok']} read, {ocr['failed']} failed, "
               f"{ocr['waiting']} waiting")
    click.echo("By type: " + ", ".join(f"{k} {n}" for k, n in summary["kinds"].items()))
    if found["entities"]:
        by_type = sorted(found["entities"].items(), key=lambda kv: -kv[1])
        click.echo(f"Entities: {sum(found['entities'].values())} from {sum(found['mentions'].values())} "
                   "mentions (" + ", ".join(f"{k} {n}" for k, n in by_type) + ")")
    for stage, counts in summary["stages"].items():
        click.echo(f"Stage {stage}: " + ", ".join(f"{s} {n}" for s, n in sorted(counts.items())))
    if ocr["unavailable"]:
        click.echo(ocr["unavailable"])
    running = status["ingest"]
    if running and running["running"]:
        ocr_part = f", OCR {running['ocr_done']}/{running['ocr_total']} pages" if running["ocr_total"] else ""
        click.echo(f"An ingest is running: {running['phase']}, {running['files']} files{ocr_part}")
    if problems:
        click.echo(f"\nProblems ({len(problems)}):")
        for p in problems:
            ref = f"#{p['document']}" if p["document"] else "-"
            click.echo(f"  {ref:>6} {p['status']:<13} {p['path']}\n         {p['reason']}")
