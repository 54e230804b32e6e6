"""The ReadContext the pipeline gives readers: caps on archives, and children collection."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sleuth.errors import LimitExceeded
from sleuth.settings import Settings


@dataclass
class Budget:
    """Counts shared by one top-level file and everything unpacked from it."""

    total_bytes: int = 0
    members: int = 0


@dataclass
class Child:
    """A member handed over by a reader, waiting to be stored and read."""

    name: str
    path: Path
    mtime: float | None


@dataclass
class PipelineContext:
    """ReadContext for one file being read. Children are collected for the pipeline."""

    settings: Settings
    tempdir: Path
    depth: int
    budget: Budget
    children: list[Child] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def check_member(self, name: str, size: int, compressed: int | None = None) -> None:
        """Raise LimitExceeded if a member of this declared size would break a cap."""
        s = self.settings
        if self.budget.members + 1 > s.archive_max_members:
            raise LimitExceeded(
                f"more than {s.archive_max_members} members unpacked from one archive "
                "(setting archive_max_members)")
        if self.budget.total_bytes + max(size, 0) > s.archive_max_total_bytes:
            raise LimitExceeded(
                f"unpacking {name} would exceed {s.archive_max_total_bytes} bytes from one archive "
                "(setting archive_max_total_bytes)")
        if compressed and size / compressed > s.archive_max_ratio:
            raise LimitExceeded(
                f"{name} expands {size // compressed}x (cap {s.archive_max_ratio}x, setting "
                "archive_max_ratio): likely an archive bomb")

    def add_child(self, name: str, path: Path, mtime: float | None = None) -> None:
        """Take over a member held in a temp file."""
        size = path.stat().st_size
        self.check_member(name, size)
        self.budget.members += 1
        self.budget.total_bytes += size
        self.children.append(Child(name, path, mtime))

    def add_failure(self, name: str, reason: str) -> None:
        """Record a member that could not be taken out."""
        self.failures.append((name, reason))
