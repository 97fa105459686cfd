"""Store addresses and key lists: what every part of the store (and its callers) shares."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def is_server_url(db: str | Path) -> bool:
    """A PostgreSQL address rather than a SQLite file."""
    return str(db).startswith(("postgresql://", "postgres://"))


def shown(db: str | Path) -> str:
    """A store's address as printed: a PostgreSQL password is never shown."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", str(db))


def key_chunks(items: Sequence[T], size: int = 500) -> Iterator[Sequence[T]]:
    """Key lists cut to a size every database accepts in one IN (...)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(count: int) -> str:
    """`?, ?, ?` for an IN list of `count` parameters."""
    return ",".join("?" * count)
