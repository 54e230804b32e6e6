"""ZIP files with fixed member dates, so archives and Office files are byte-for-byte repeatable."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable

from sleuth.demo.jobs import Job


def _info(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(
        name,
        date_time=(
            max(when.year, 1980),
            when.month,
            when.day,
            when.hour,
            when.minute,
            when.second - when.second % 2,
        ),
    )
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0o644 << 16
    return info


def build_zip(members: Iterable[tuple[str, bytes]], when: dt.datetime) -> bytes:
    """A ZIP of (name, data) members, every member dated `when`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members:
            zf.writestr(_info(name, when), data)
    return out.getvalue()


def normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a ZIP (DOCX, XLSX) with fixed member dates and stable order of attributes."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    return build_zip(members, when)


def render_zip(members: list[tuple[str, Job]], when: dt.datetime) -> bytes:
    """A ZIP whose members are rendered by jobs (a member may itself be a ZIP job)."""
    return build_zip(((name, job.run()) for name, job in members), when)
