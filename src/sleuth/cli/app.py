"""The command group and what every command shares: output flags, errors, JSON lines.

`--json` writes one JSON object per line to stdout and nothing else there; messages and
progress bars go to stderr. Exit codes: 0 ok, 1 some inputs failed (recorded), 2 usage error.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
