"""Commands about events: events, timeline, collusion."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from sleuth.cli.app import case_option, emit, handle_errors, info, main, open_case, output_options
from sleuth.errors import SleuthError

if TYPE_CHECKING:
    from sleuth.case import Case

MODALITY_MARK = {
    "asserted": "",
    "negated": " [negated]",
    "planned": " [planned]",
    "hypothetical": " [hypothetical]",
    "reported": " [reported]",
}


@main.command(name="events")
@case_option
@click.option(
    "--actor", "actors", multiple=True, help="Only events with this actor on either side (any spelling)."
)
@click.option(
    "--type", "types", multiple=True, help="Only this PLOVER type (RETREAT, AGREE, ...); repeatable."
)
@click.option("--from", "since", default=None, help="From this date on (2015, 2015-01, 2015-01-27).")
@click.option("--to", "until", default=None, help="Up to this date.")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Also negated, planned, hypothetical and reported events (marked).",
)
@click.option("--limit", type=int, default=100, show_default=True, help="How many (0 for all).")
@output_options
@handle_errors
def events_command(
    case_path: Path,
    actors: tuple[str, ...],
    types: tuple[str, ...],
    since: str | None,
    until: str | None,
    show_all: bool,
    limit: int,
    as_json: bool,
    silent: bool,
) -> None:
    """Who did what to whom: the case's events, each with its evidence."""
    from sleuth.analyze.events import blocs_for, filter_events, load_events
    from sleuth.extract.events.vocabulary import event_types

    case = open_case(case_path)
    wanted_types = {t.upper() for t in types}
    unknown = wanted_types - set(event_types())
    if unknown:
        raise SleuthError(f"Unknown event type {sorted(unknown)[0]!r}. The types: {', '.join(event_types())}")
    actor_ids = _actor_ids(case, actors)
    events = list(
        filter_events(
            load_events(case),
            actor_ids,
            wanted_types,
            since,
            until,
            counted_only=not show_all,
            blocs=blocs_for(case) if actor_ids else None,
        )
    )
    shown = events[:limit] if limit else events
    if as_json:
        for e in shown:
            emit(e.as_dict())
        return
    info(
        f"{len(events)} events" + (f", the first {len(shown)} shown" if len(shown) < len(events) else ""),
        silent,
    )
    for e in shown:
        who = f"{e.source.name if e.source else '?'} -> {e.target.name if e.target else '-'}"
        where = f" at {e.place}" if e.place else ""
        mode = f" ({e.mode})" if e.mode else ""
        click.echo(
            f"{e.date or 'undated':<10}  {e.type}{mode}{MODALITY_MARK[e.modality]}  {who}{where}"
            f"  [{e.quad_class}; {e.independent} source{'s' if e.independent != 1 else ''}]"
        )
        for ev in e.evidence[:3]:
            click.echo(f"      DOC {ev.document} p.{ev.page}: {' '.join(ev.sentence.split())[:150]}")
        if len(e.evidence) > 3:
            click.echo(f"      ... told in {len(e.evidence)} places")


@main.command(name="timeline")
@case_option
@click.option(
    "--actor",
    "actors",
    multiple=True,
    required=True,
    help="An actor; give two to see only the events between them.",
)
@click.option(
    "--all", "show_all", is_flag=True, help="Also negated, planned, hypothetical and reported events."
)
@click.option("--from", "since", default=None, help="From this month on (2016, 2016-01).")
@click.option("--to", "until", default=None, help="Up to this month.")
@output_options
@handle_errors
def timeline_command(
    case_path: Path,
    actors: tuple[str, ...],
    show_all: bool,
    since: str | None,
    until: str | None,
    as_json: bool,
    silent: bool,
) -> None:
    """Month by month, the dated events of an actor (or between two), cooperation and conflict
    side by side."""
    from sleuth.analyze.events import blocs_for, load_events
    from sleuth.analyze.timeline import timeline

    if len(actors) > 2:
        raise SleuthError("Give one --actor, or two to see the events between them.")
    case = open_case(case_path)
    first = _actor_ids(case, actors[:1]) or set()
    second = _actor_ids(case, actors[1:]) if len(actors) > 1 else None
    months = timeline(
        load_events(case),
        first,
        second,
        blocs_for(case),
        include_uncounted=show_all,
        since=since,
        until=until,
    )
    if as_json:
        for m in months:
            emit(m.as_dict())
        return
    info(
        f"{sum(len(m.cooperation) + len(m.conflict) for m in months)} events in {len(months)} months", silent
    )
    for m in months:
        click.echo(f"{m.month}   cooperation {len(m.cooperation):>3}   conflict {len(m.conflict):>3}")
        for label, items in (("+", m.cooperation), ("-", m.conflict)):
            for e in items:
                who = f"{e.source.name if e.source else '?'} -> {e.target.name if e.target else '-'}"
                where = f" at {e.place}" if e.place else ""
                click.echo(
                    f"   {label} {e.date or '':<10} {e.type}{MODALITY_MARK[e.modality]}  {who}{where}"
                    f"  (DOC {e.evidence[0].document} p.{e.evidence[0].page})"
                )


@main.command(name="collusion")
@case_option
@click.option("--limit", type=int, default=10, show_default=True, help="How many pairs (0 for all).")
@output_options
@handle_errors
def collusion_command(case_path: Path, limit: int, as_json: bool, silent: bool) -> None:
    """Enemies who cooperate: pairs of sides that fight, yet agree, trade, concede or hand over
    ground, ranked, each with its evidence."""
    from sleuth.analyze.collusion import find_collusion
    from sleuth.analyze.findings import collusion_lines

    case = open_case(case_path)
    found = find_collusion(case)
    shown = found[:limit] if limit else found
    if as_json:
        for c in shown:
            emit(c.as_dict())
        return
    if not found:
        info("No cooperation between enemies found.", silent)
    for c in shown:
        click.echo("\n".join(collusion_lines(c)))
        click.echo()


def _actor_ids(case: Case, names: tuple[str, ...]) -> set[str] | None:
    from sleuth.analyze.events import matching_actor_ids

    if not names:
        return None
    ids: set[str] = set()
    for name in names:
        ids |= matching_actor_ids(case, name)
    return ids
