"""n worker processes on one machine, each loading the spaCy model once."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor as _Pool
from typing import TypeVar

from storyline.pipeline.nlp.annotate import load_model

T = TypeVar("T")
R = TypeVar("R")


def _warm_up(model: str) -> None:
    """Runs once in each new worker: load the model before the first batch arrives."""
    load_model(model)


class ProcessExecutor:
    """Runs batches in `workers` processes ("spawn": no state inherited from the parent but
    what each batch carries), yielding results in input order."""

    name = "processes"

    def __init__(self, workers: int, spacy_model: str) -> None:
        self.workers = workers
        self._pool = _Pool(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm_up,
            initargs=(spacy_model,),
        )

    def map(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        futures = [self._pool.submit(fn, batch) for batch in batches]
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.cancel()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
