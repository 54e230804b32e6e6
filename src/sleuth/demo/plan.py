"""The plan of a trove: which file goes where, how to render it, and what it truly holds."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from typing import Any

from sleuth.demo.jobs import Job
from sleuth.demo.story import Story
from sleuth.demo.truth import FileTruth, TruthBook

ROOT = "trove"


@dataclass
class Plan:
    """Jobs to run and the truth about each file; sections of the trove add to it."""

    story: Story
    seed: int
    truth: TruthBook = field(init=False)
    jobs: dict[str, Job] = field(default_factory=dict)
    copies: list[tuple[str, str]] = field(default_factory=list)
    docs: dict[str, Any] = field(default_factory=dict)  # path -> (Doc, Composer) of composed letters

    def __post_init__(self) -> None:
        self.truth = TruthBook(self.story)

    def rng(self, name: str) -> random.Random:
        """A random stream of its own for each section, so sections do not disturb each other."""
        return random.Random(f"sleuth-demo-{self.seed}-{name}")

    def add(self, folder: str, name: str, job: Job, truth: FileTruth) -> str:
        """Plan a file at trove/folder/name; returns its path relative to OUTDIR."""
        path = f"{ROOT}/{folder}/{name}"
        truth.path = path
        self.truth.add(truth)
        self.jobs[path] = job
        return path

    def member(self, container: str, name: str, truth: FileTruth) -> str:
        """Record the truth of a file inside an archive (written by the archive's job)."""
        truth.path = f"{container}!{name}"
        truth.container = container
        self.truth.add(truth)
        return truth.path

    def copy(self, source: str, folder: str, name: str) -> str:
        """An exact duplicate: the same bytes as `source` under another name."""
        path = f"{ROOT}/{folder}/{name}"
        original = self.truth.files[source]
        self.truth.add(replace(original, path=path, notes=f"exact copy of {source}"))
        self.copies.append((source, path))
        return path

    def exact_group(self, paths: list[str]) -> None:
        """Record a group of byte-identical files."""
        self.truth.duplicates.append({"kind": "exact", "original": paths[0], "paths": paths, "changes": []})

    def near_group(self, original: str, copies: list[str], changes: list[str]) -> None:
        """Record near-duplicates of `original` and how they differ."""
        self.truth.duplicates.append(
            {"kind": "near", "original": original, "paths": [original, *copies], "changes": changes}
        )
