"""`AnalysisCache`: a result is kept until the case's events, entities or decisions change."""

from __future__ import annotations

from pathlib import Path

from sleuth.analyze.cache import AnalysisCache
from sleuth.case import Case


def test_a_kept_result_is_made_again_only_when_the_case_changes(tmp_path: Path) -> None:
    case = Case.init(tmp_path / "case")
    cache = AnalysisCache()
    made: list[int] = []

    def compute() -> list[int]:
        made.append(1)
        return [len(made)]

    first = cache.get(case, "answer", compute)
    assert cache.get(case, "answer", compute) is first and len(made) == 1
    assert cache.seconds(case, "answer") is not None
    # an analyst's decision changes what the events resolve to
    case.store.mentions.add_decision("rename", "entry:islamic-state", "ISIS", by="eve")
    assert cache.get(case, "answer", compute) == [2]
    assert cache.get(case, "other", compute) == [3]  # each name is its own result
    cache.clear()
    assert cache.seconds(case, "answer") is None
