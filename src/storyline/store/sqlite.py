"""SQLite as the store (the default): a file in WAL mode, its schema and migrations."""

from __future__ import annotations

import re
import sqlite3
from importlib import resources

from storyline.store.errors import StoreError

_MIGRATION_NAME = re.compile(r"^(\d+)_.+\.sql$")


def _schema_files() -> tuple[str, dict[int, str]]:
    package = resources.files("storyline.store")
    base = package.joinpath("schema.sql").read_text(encoding="utf-8")
    migrations: dict[int, str] = {}
    folder = package.joinpath("migrations")
    for entry in folder.iterdir() if folder.is_dir() else ():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            migrations[int(match.group(1))] = entry.read_text(encoding="utf-8")
    return base, migrations


def latest_version() -> int:
    _, migrations = _schema_files()
    return max([1, *migrations])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring a store to the latest schema version; return the version it is at."""
    base, migrations = _schema_files()
    if not _has_schema(conn):
        conn.executescript(f"BEGIN IMMEDIATE;\n{base}\nCOMMIT;")
    version = conn.execute("SELECT version FROM schema_version").fetchone()[0]
    latest = max([1, *migrations])
    _refuse_newer(version, latest)
    for number in sorted(n for n in migrations if n > version):
        conn.executescript(
            f"BEGIN IMMEDIATE;\n{migrations[number]}\n"
            f"UPDATE schema_version SET version = {number};\nCOMMIT;"
        )
        version = number
    return version


def _has_schema(conn: sqlite3.Connection) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
    )


def _refuse_newer(version: int, latest: int) -> None:
    if version > latest:
        raise StoreError(
            f"the store has schema version {version}, newer than this storyline knows "
            f"({latest}): upgrade storyline"
        )


def open_sqlite(path: str, readonly: bool = False) -> sqlite3.Connection:
    """A connection to the store at `path` (created or migrated), or, `readonly`, to an
    existing store at the current version, refusing writes."""
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
        if readonly:
            conn.execute("PRAGMA query_only = ON")
            version = conn.execute("SELECT version FROM schema_version").fetchone()[0]
            _refuse_newer(version, latest_version())
            if version < latest_version():
                raise StoreError(
                    f"the store {path} has schema version {version}; run `storyline build` "
                    f"(or start `storyline serve`) once to upgrade it to {latest_version()}"
                )
            return conn
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open store {path}: {exc}") from exc
    return conn
