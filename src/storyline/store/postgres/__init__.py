"""PostgreSQL as the store (`--db postgresql://user:password@host/dbname`), for teams and
for concurrent builds. The Store's SQL is shared with SQLite: this module adapts a psycopg
connection to the small sqlite3 surface the Store uses (qmark parameters, `execute`,
`executemany`, `executescript`) and creates or upgrades the schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any

from storyline.store.errors import StoreError

_PLACEHOLDER = re.compile(r"\?")
_MIGRATION_NAME = re.compile(r"^(\d+)_.+\.sql$")


def to_pyformat(sql: str) -> str:
    """sqlite3's `?` placeholders as psycopg's `%s` (a literal % doubled). The Store's SQL
    has no `?` or `%` inside string literals except LIKE patterns, which this keeps."""
    return _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))


class Connection:
    """The sqlite3.Connection methods the Store uses, over psycopg (autocommit: the Store
    issues BEGIN and COMMIT itself)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(to_pyformat(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(to_pyformat(sql), rows)

    def executescript(self, script: str) -> None:
        self._conn.execute(script)

    def close(self) -> None:
        self._conn.close()


def open_postgres(url: str) -> Connection:
    from storyline.store.address import shown  # the one password mask

    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        raise StoreError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from exc
    try:
        conn = Connection(psycopg.connect(url, autocommit=True, connect_timeout=10))
        migrate_postgres(conn)
    except psycopg.Error as exc:
        raise StoreError(f"cannot open store {shown(url)}: {shown(str(exc))}") from exc
    return conn


def migrate_postgres(conn: Connection) -> int:
    """Create the schema in an empty database, or bring it to the latest version. Runs under
    an advisory lock, so that workers starting at once do not race."""
    package = resources.files("storyline.store.postgres")
    migrations = {
        int(match.group(1)): entry.read_text(encoding="utf-8")
        for entry in (package / "migrations").iterdir()
        if (package / "migrations").is_dir() and (match := _MIGRATION_NAME.match(entry.name))
    }
    conn.execute("SELECT pg_advisory_lock(7312024)")
    try:
        exists = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()[0]
        if not exists:
            schema = (package / "schema.sql").read_text(encoding="utf-8")
            conn.executescript(f"BEGIN;\n{schema}\nCOMMIT;")
        version = conn.execute("SELECT version FROM schema_version").fetchone()[0]
        latest = max([version, *migrations])
        if version > max([10, *migrations]):
            raise StoreError(
                f"the store has schema version {version}, newer than this storyline knows: "
                "upgrade storyline"
            )
        for number in sorted(n for n in migrations if n > version):
            conn.executescript(
                f"BEGIN;\n{migrations[number]}\nUPDATE schema_version SET version = {number};\n"
                "COMMIT;"
            )
        return latest
    finally:
        conn.execute("SELECT pg_advisory_unlock(7312024)")
