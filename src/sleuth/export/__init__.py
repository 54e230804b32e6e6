"""Exports to the formats investigators already use: FollowTheMoney (Aleph), GEXF (Gephi), CSV."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sleuth.errors import SleuthError

if TYPE_CHECKING:
    from sleuth.case import Case

FORMATS = ("ftm", "gexf", "csv")


def export(case: Case, fmt: str, out: Path) -> dict[str, int]:
    """Write the case's entities (and documents and mentions, where the format has them) to
    `out`: a file for ftm and gexf, a folder for csv. Returns counts of what was written."""
    if fmt == "ftm":
        from sleuth.export.ftm import write_ftm

        return write_ftm(case, out)
    if fmt == "gexf":
        from sleuth.export.gexf import write_gexf

        return write_gexf(case, out)
    if fmt == "csv":
        from sleuth.export.csv import write_csv

        return write_csv(case, out)
    raise SleuthError(f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}.")
