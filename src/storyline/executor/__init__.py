"""Executors run the per-batch phases of a build: `map(fn, batches)` yields `fn(batch)` in
input order. They hold no NLP logic; the stages hold no scheduling logic. Results are the
same under every executor (tested), because a batch carries all it needs as data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

from storyline.executor.local import LocalExecutor
from storyline.options import Options

T = TypeVar("T")
R = TypeVar("R")
EXECUTORS = ("local", "processes", "dask")


class Executor(Protocol):
    name: str

    def map(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


def make_executor(options: Options) -> Executor:
    """The executor named in `options.executor`, started (close it when done)."""
    if options.executor == "local":
        return LocalExecutor()
    if options.executor == "processes":
        from storyline.executor.processes import ProcessExecutor

        return ProcessExecutor(options.workers, options.spacy_model)
    if options.executor == "dask":
        from storyline.executor.dask import DaskExecutor

        return DaskExecutor(options.workers, options.scheduler)
    raise ValueError(f"unknown executor {options.executor!r} (choose from {', '.join(EXECUTORS)})")
