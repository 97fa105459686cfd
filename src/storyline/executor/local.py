"""The default executor: runs batches one after another in this process."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class LocalExecutor:
    """Executors share one contract: `map(fn, batches)` yields `fn(batch)` in input order.

    They hold no NLP logic; stages hold no scheduling logic.
    """

    name = "local"

    def map(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        for batch in batches:
            yield fn(batch)

    def close(self) -> None:
        pass
