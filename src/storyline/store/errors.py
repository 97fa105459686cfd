"""Errors of the store, whichever database is behind it."""

from __future__ import annotations

import sqlite3


class StoreError(RuntimeError):
    """The store cannot be opened or used; the message says why."""


def _database_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [sqlite3.Error]
    try:
        import psycopg

        errors.append(psycopg.Error)
    except ImportError:  # pragma: no cover - psycopg is a dependency
        pass
    return tuple(errors)


# What a database raises when it, not an article, is the problem: never swallowed.
DATABASE_ERRORS = _database_errors()
