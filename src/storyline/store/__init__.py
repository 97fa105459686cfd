"""The store, split by role: `writes` (articles, stories, upgrades), `corpus` (the bulk
reads of a build and its story stage), `read` (what the export and the web read), over one
`Database` (a connection and its SQLite or PostgreSQL dialect).

    with Store.open("storyline.db") as store:
        story = store.read.story(story_id)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storyline.store.address import is_server_url, key_chunks, shown
from storyline.store.corpus import CorpusReader
from storyline.store.database import Database, open_database
from storyline.store.errors import StoreError
from storyline.store.read import ReadQueries
from storyline.store.writer import Saved, StoreWrites

__all__ = ["Saved", "Store", "StoreError", "is_server_url", "key_chunks", "shown"]


class Store:
    """An open store and its three roles. Opened `readonly`, it has no write role."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.read = ReadQueries(db)
        self.corpus = CorpusReader(db)
        self._writes = None if db.readonly else StoreWrites(db)

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False) -> Store:
        return cls(open_database(path, readonly))

    @property
    def writes(self) -> StoreWrites:
        if self._writes is None:
            raise StoreError(f"the store {shown(self.db.path)} is open read-only")
        return self._writes

    @property
    def conn(self) -> Any:
        return self.db.conn

    @property
    def path(self) -> str:
        return self.db.path

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        with self.db.transaction() as conn:
            yield conn

    @contextmanager
    def story_lock(self) -> Iterator[None]:
        """Held by the story stage, so that concurrent builds into one PostgreSQL store
        assign and recompute stories one at a time."""
        with self.db.dialect.story_lock(self.db.conn):
            yield

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
