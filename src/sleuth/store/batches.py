"""Long lists cut into batches: an `IN (...)` query over thousands of ids is sent a batch at
a time, under the databases' limits on bound parameters and statement size."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

#: Values in one `IN (...)` list.
IN_BATCH = 500


def batches(items: Sequence[T], size: int = IN_BATCH) -> Iterator[Sequence[T]]:
    """`items` in consecutive slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
