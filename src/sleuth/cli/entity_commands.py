"""Commands about entities: entities, entity, merge, split, rename, records, export, path."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from sleuth.cli.app import case_option, emit, handle_errors, info, main, open_case, output_options

ALIASES_SHOWN = 6


@main.command(name="entities")
@case_option
@click.option(
    "--type", "etype", default=None, help="Only this type: PERSON, ORG, GPE, LOC, FACILITY, PHONE, ..."
)
@click.option("--limit", type=int, default=50, show_default=True, help="How many (0 for all).")
@output_options
@handle_errors
def entities_command(case_path: Path, etype: str | None, limit: int, as_json: bool, silent: bool) -> None:
    """Every entity: canonical names, aliases in both scripts, documents, mentions, dates."""
    case = open_case(case_path)
    rows = case.store.mentions.entities(etype, limit=limit or None)
    if as_json:
        for row in rows:
            emit(_entity_json(row))
        return
    counts = case.store.mentions.counts()["entities"]
    info(
        f"{sum(counts.values())} entities: "
        + ", ".join(f"{t} {n}" for t, n in sorted(counts.items(), key=lambda kv: -kv[1])),
        silent,
    )
    for row in rows:
        click.echo(_entity_line(row))


def _entity_line(e: dict[str, Any]) -> str:
    names = e["canonical"] + (
        f" / {e['canonical_ar']}" if e["canonical_ar"] and e["canonical_ar"] != e["canonical"] else ""
    )
    seen = f", {e['first_seen']} to {e['last_seen']}" if e["first_seen"] else ""
    others = [a for a, _ in e["aliases"] if a not in (e["canonical"], e["canonical_ar"])][:ALIASES_SHOWN]
    line = (
        f"#{e['id']:<5} {e['type']:<8} {names}  ({e['documents']} documents, {e['mentions']} mentions{seen})"
    )
    if others:
        line += (
            "\n       also: " + ", ".join(others) + (" ..." if len(e["aliases"]) > len(others) + 2 else "")
        )
    return line


def _entity_json(e: dict[str, Any]) -> dict[str, Any]:
    from sleuth.link.profile import entity_fields

    return {**entity_fields(e), "aliases": [{"text": a, "mentions": n} for a, n in e["aliases"]]}


@main.command(name="entity")
@click.argument("name")
@case_option
@click.option("--sentences", type=int, default=10, show_default=True, help="Sentences to quote.")
@output_options
@handle_errors
def entity_command(name: str, case_path: Path, sentences: int, as_json: bool, silent: bool) -> None:
    """One entity: its documents, the sentences that name it, the entities linked to it.

    NAME is a canonical name, an alias in either script, or a number (#12)."""
    from sleuth.link.report import entity_report

    case = open_case(case_path)
    report = entity_report(case, name, sentences=sentences)
    if as_json:
        emit({**report, "entity": _entity_json(report["entity"])})
        return
    click.echo(_entity_line(report["entity"]))
    click.echo(f"\nDocuments ({len(report['documents'])}):")
    for d in report["documents"][:20]:
        click.echo(f"  #{d['id']:<5} {d['mentions']:>3}x  {d.get('title') or ''}  {d.get('path') or ''}")
    if len(report["documents"]) > 20:
        click.echo(f"  ... and {len(report['documents']) - 20} more")
    click.echo("\nSentences:")
    for s in report["sentences"]:
        a, b = s["mention"]
        text = s["text"][:a] + "«" + s["text"][a:b] + "»" + s["text"][b:]
        click.echo(f"  #{s['document']} p.{s['page']}: " + " ".join(text.split()))
    if report["linked"]:
        click.echo("\nMost linked (pages where both are named):")
        for other in report["linked"]:
            click.echo(
                f"  #{other['id']:<5} {other['type']:<8} {other['canonical']}  ({other['pages']} pages)"
            )


@main.command(name="merge")
@click.argument("keep")
@click.argument("other")
@case_option
@output_options
@handle_errors
def merge_command(keep: str, other: str, case_path: Path, as_json: bool, silent: bool) -> None:
    """Merge OTHER into KEEP (an analyst decision, kept across re-runs)."""
    from sleuth.link.decisions import merge

    _decided(merge(open_case(case_path), keep, other), as_json)


@main.command(name="split")
@click.argument("entity")
@click.argument("alias")
@case_option
@output_options
@handle_errors
def split_command(entity: str, alias: str, case_path: Path, as_json: bool, silent: bool) -> None:
    """Take the mentions written ALIAS out of ENTITY into an entity of their own."""
    from sleuth.link.decisions import split

    _decided(split(open_case(case_path), entity, alias), as_json)


@main.command(name="rename")
@click.argument("entity")
@click.argument("new_name")
@case_option
@output_options
@handle_errors
def rename_command(entity: str, new_name: str, case_path: Path, as_json: bool, silent: bool) -> None:
    """Give ENTITY the canonical name NEW_NAME."""
    from sleuth.link.decisions import rename

    _decided(rename(open_case(case_path), entity, new_name), as_json)


def _decided(entity: dict[str, Any], as_json: bool) -> None:
    if as_json:
        emit(_entity_json(entity))
    else:
        click.echo(_entity_line(entity))


@main.command(name="export")
@case_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ftm", "gexf", "csv"]),
    required=True,
    help="ftm: FollowTheMoney JSON lines (Aleph); gexf: the entity graph (Gephi); csv: a folder "
    "with entities.csv and mentions.csv.",
)
@click.argument("out", type=click.Path(path_type=Path))
@output_options
@handle_errors
def export_command(case_path: Path, fmt: str, out: Path, as_json: bool, silent: bool) -> None:
    """Export entities, documents and mentions to OUT."""
    from sleuth.export import export

    counts = export(open_case(case_path), fmt, out)
    if as_json:
        emit({"format": fmt, "out": str(out), "written": counts})
    else:
        info(f"Wrote {out} ({fmt}): " + ", ".join(f"{n} {k}" for k, n in counts.items()), silent)


@main.command(name="path")
@click.argument("start")
@click.argument("end")
@case_option
@output_options
@handle_errors
def path_command(start: str, end: str, case_path: Path, as_json: bool, silent: bool) -> None:
    """The shortest chain of documents linking two entities (named on the same page)."""
    from sleuth.link.graph import path_between

    steps = path_between(open_case(case_path), start, end)
    if as_json:
        emit({"steps": steps})
        return
    for step in steps:
        where = ", ".join(f"#{e['document']} p.{e['page']}" for e in step["evidence"][:5])
        more = f" and {step['pages'] - 5} more pages" if step["pages"] > 5 else ""
        click.echo(f"{step['from']['label']} -> {step['to']['label']}  ({where}{more})")


@main.command(name="records")
@case_option
@click.option(
    "--form", default=None, help="Only this form type (see extract/data/forms.yaml), e.g. personnel."
)
@click.option("--csv", "as_csv", is_flag=True, help="CSV on stdout: one row a record, one column a field.")
@output_options
@handle_errors
def records_command(case_path: Path, form: str | None, as_csv: bool, as_json: bool, silent: bool) -> None:
    """Forms read into records: every field's value, normalised dates and nationalities, and
    the entity a name field resolves to."""
    import csv

    from sleuth.extract.forms import load_forms

    case = open_case(case_path)
    rows = case.store.mentions.form_records(form)
    labels = case.store.mentions.document_labels(sorted({r["document_id"] for r in rows}))
    if as_json:
        for r in rows:
            emit({**r, "path": labels.get(r["document_id"], {}).get("path")})
        return
    names = [f.name for spec in load_forms() if form in (None, spec.name) for f in spec.fields]
    columns = list(dict.fromkeys(n for n in names if any(n in r["fields"] for r in rows)))
    if as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(
            [
                "document",
                "page",
                "path",
                "form",
                *columns,
                *(f"{c}_normalised" for c in columns if _has(rows, c, "normalised")),
                *(f"{c}_entity" for c in columns if _has(rows, c, "entity")),
            ]
        )
        for r in rows:
            f = r["fields"]
            writer.writerow(
                [
                    r["document_id"],
                    r["page"],
                    labels.get(r["document_id"], {}).get("path"),
                    r["form"],
                    *(f.get(c, {}).get("value", "") for c in columns),
                    *(f.get(c, {}).get("normalised", "") for c in columns if _has(rows, c, "normalised")),
                    *(f.get(c, {}).get("entity", "") for c in columns if _has(rows, c, "entity")),
                ]
            )
        return
    info(f"{len(rows)} records", silent)
    for r in rows:
        click.echo(
            f"#{r['document_id']} p.{r['page']} [{r['form']}] {labels.get(r['document_id'], {}).get('path')}"
        )
        for name, value in r["fields"].items():
            extra = value.get("normalised") or (
                f"-> #{value['entity_id']} {value['entity']}" if value.get("entity_id") else ""
            )
            click.echo(f"    {name:<20} {value['value']}" + (f"  ({extra})" if extra else ""))


def _has(rows: list[dict[str, Any]], column: str, key: str) -> bool:
    return any(key in r["fields"].get(column, {}) for r in rows)
