"""Walk the sources a user gave: files and folders, never following symlinks out."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sleuth.store.records import FailureRecord


@dataclass(frozen=True)
class FoundFile:
    """A regular file to ingest. `display` is the path as stored (always valid UTF-8)."""

    fs_path: str
    display: str
    size: int
    mtime: float


def display_path(path: str) -> str:
    """A path that can be stored and printed: bytes that are not UTF-8 are shown as \\xNN."""
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="backslashreplace")


def walk(sources: Sequence[Path]) -> Iterator[FoundFile | FailureRecord]:
    """Yield every regular file under the sources, and a FailureRecord for every entry that
    cannot be ingested (broken or escaping symlinks, special files, unreadable folders)."""
    for source in sources:
        source_str = os.path.abspath(os.fspath(source))
        if not os.path.lexists(source_str):
            yield FailureRecord(display_path(source_str), "missing: no such file or folder")
            continue
        if os.path.isdir(source_str) and not os.path.islink(source_str):
            yield from _walk_dir(source_str)
        else:
            yield _entry(source_str, os.path.dirname(source_str))


def _walk_dir(root: str) -> Iterator[FoundFile | FailureRecord]:
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield FailureRecord(display_path(folder), f"unreadable folder: {exc.strerror or exc}")
            continue
        subdirs = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                subdirs.append(entry.path)
            else:
                yield _entry(entry.path, root)
        stack.extend(reversed(subdirs))


def _entry(path: str, root: str) -> FoundFile | FailureRecord:
    shown = display_path(path)
    try:
        st = os.lstat(path)
    except OSError as exc:
        return FailureRecord(shown, f"unreadable: {exc.strerror or exc}")
    if stat.S_ISLNK(st.st_mode):
        return _symlink(path, shown, root)
    if not stat.S_ISREG(st.st_mode):
        return FailureRecord(shown, "special file (device, socket or pipe): not read")
    return FoundFile(path, shown, st.st_size, st.st_mtime)


def _symlink(path: str, shown: str, root: str) -> FailureRecord:
    target = os.readlink(path)
    resolved = os.path.realpath(path)
    if not os.path.exists(resolved):
        return FailureRecord(shown, f"broken symlink to {display_path(target)}: nothing to read")
    inside = os.path.commonpath([resolved, os.path.realpath(root)]) == os.path.realpath(root)
    if not inside:
        return FailureRecord(
            shown, f"unsafe: symlink to {display_path(target)} points outside the source; not followed")
    return FailureRecord(
        shown, f"symlink to {display_path(target)} inside the source: not followed "
        "(the target is ingested at its own path)")
