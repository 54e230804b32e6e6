"""The same seed writes the same bytes; another seed writes another trove."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sleuth.demo import write_demo_trove
from tests.demo.conftest import DemoTrove


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_same_seed_same_bytes(demo_trove: DemoTrove, tmp_path: Path) -> None:
    write_demo_trove(tmp_path / "again", seed=7, workers=1)  # serial here, a process pool in the fixture
    first, second = _digests(demo_trove.outdir), _digests(tmp_path / "again")
    assert list(first) == list(second)
    different = [p for p in first if first[p] != second[p]]
    assert not different, different[:10]


def test_same_seed_same_bulk_bytes(tmp_path: Path) -> None:
    write_demo_trove(tmp_path / "a", seed=3, size=1500)
    write_demo_trove(tmp_path / "b", seed=3, size=1500, workers=1)
    write_demo_trove(tmp_path / "c", seed=4, size=1500)
    a, b, c = (_digests(tmp_path / x) for x in "abc")
    assert a == b
    assert a != c


@pytest.mark.parametrize("seed", [1, 2, 11, 2024])
def test_other_seeds_plan_a_complete_trove(seed: int) -> None:
    """Names and numbers change with the seed; size and planted findings do not."""
    from sleuth.demo.trove import plan_trove

    plan = plan_trove(seed)
    assert 300 <= len(plan.jobs) + len(plan.copies) <= 500
    for finding in plan.story.findings:
        assert len(plan.truth.evidence(finding.id)) >= 5
    assert len(plan.truth.forgeries) >= 5 and len(plan.truth.broken) >= 7
