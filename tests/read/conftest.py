"""Shared fixtures for reader tests: a fake ReadContext that records children and failures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sleuth.settings import Settings


@dataclass
class FakeContext:
    """Stands in for the pipeline's ReadContext; children and failures are just recorded."""

    tempdir: Path
    settings: Settings = field(default_factory=Settings)
    depth: int = 0
    children: list[tuple[str, Path, float | None]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add_child(self, name: str, path: Path, mtime: float | None = None) -> None:
        self.children.append((name, path, mtime))

    def add_failure(self, name: str, reason: str) -> None:
        self.failures.append((name, reason))

    def check_member(self, name: str, size: int, compressed: int | None = None) -> None:
        return None


@pytest.fixture
def ctx(tmp_path: Path) -> FakeContext:
    return FakeContext(tempdir=tmp_path)
