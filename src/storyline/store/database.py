"""A connection to the store and its dialect: what the store's roles (writes, corpus
reads, web reads) share. SQLite by default; PostgreSQL for a postgresql:// address."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storyline.store.address import is_server_url
from storyline.store.dialect import Dialect, PostgresDialect, SQLiteDialect


class Database:
    """An open store: `conn` (sqlite3, or the PostgreSQL adapter with the same surface)
    and `dialect`."""

    def __init__(self, conn: Any, path: str, dialect: Dialect, readonly: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.dialect = dialect
        self.readonly = readonly

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        self.conn.execute(self.dialect.begin)
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


def open_database(path: str | Path, readonly: bool = False) -> Database:
    """Open (and create or upgrade, unless `readonly`) the store at `path`."""
    if is_server_url(path):
        from storyline.store.postgres import open_postgres

        dialect: Dialect = PostgresDialect()
        conn = open_postgres(str(path))
        if readonly:
            dialect.make_read_only(conn)
        return Database(conn, str(path), dialect, readonly)
    from storyline.store.sqlite import open_sqlite

    return Database(open_sqlite(str(path), readonly), str(path), SQLiteDialect(), readonly)
