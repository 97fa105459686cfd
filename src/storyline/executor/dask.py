"""Dask (`dask.distributed`): a LocalCluster of worker processes, or a real cluster given
its scheduler address. Each worker process loads the spaCy model once (the model cache is
per process) and keeps it for every batch it runs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class DaskExecutor:
    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None) -> None:
        from dask.distributed import Client, LocalCluster

        self._cluster: Any = None
        if scheduler:
            self._client = Client(scheduler)
        else:
            self._cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,  # logging.ERROR: the build prints its own progress
            )
            self._client = Client(self._cluster)

    def map(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        futures = self._client.map(fn, list(batches), pure=False)
        try:
            for future in futures:
                yield future.result()
        finally:
            self._client.cancel(futures)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
