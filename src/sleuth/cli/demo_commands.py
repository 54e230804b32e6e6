"""The demo trove command."""

from __future__ import annotations

import json
from pathlib import Path

import click

from sleuth.cli.app import (
    emit,
    handle_errors,
    info,
    main,
    output_options,
)


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
