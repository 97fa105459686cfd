"""What differs between SQLite and PostgreSQL, in one object per database: how a write
transaction begins, how the story stage keeps concurrent builds apart, how a connection is
made read-only, and full-text search. Everything else is the same SQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

# Markers put around matched words in snippets: private-use characters, which the web
# layer turns into <mark> after escaping the rest, so article text never becomes markup.
MATCH_OPEN = "\ue000"
MATCH_CLOSE = "\ue001"
STORY_LOCK = 7_312_025  # PostgreSQL advisory lock key of the story stage


@dataclass(frozen=True)
class Search:
    """The full-text part of an article query, in one database's engine."""

    query: str
    where: str
    source: str
    order: str
    snippet: str


def fts_terms(words: list[tuple[str, bool]]) -> str:
    """Words as quoted FTS5 terms, all required ('word'* for a prefix)."""
    return " ".join(f'"{word}"' + ("*" if prefix else "") for word, prefix in words)


def ts_terms(words: list[tuple[str, bool]]) -> str:
    """Words as a PostgreSQL tsquery, all required ('word:*' for a prefix)."""
    return " & ".join(word.lower() + (":*" if prefix else "") for word, prefix in words)


class SQLiteDialect:
    name = "sqlite"
    # Take the write lock at once, so that two writers never deadlock mid-way.
    begin = "BEGIN IMMEDIATE"

    @contextmanager
    def story_lock(self, conn: Any) -> Iterator[None]:
        """SQLite writers are one at a time already (BEGIN IMMEDIATE, the file lock)."""
        yield

    def make_read_only(self, conn: Any) -> None:
        conn.execute("PRAGMA query_only = ON")

    def search(self, words: list[tuple[str, bool]]) -> Search:
        return Search(
            query=fts_terms(words),
            where="article_search MATCH ?",
            source="article_search JOIN articles a ON a.id = article_search.article_id",
            order="bm25(article_search, 0, 4, 1), a.id",
            snippet=f", snippet(article_search, 2, '{MATCH_OPEN}', '{MATCH_CLOSE}', '…', 16)",
        )


class PostgresDialect:
    name = "postgresql"
    begin = "BEGIN"

    @contextmanager
    def story_lock(self, conn: Any) -> Iterator[None]:
        """Concurrent builds into one PostgreSQL store assign and recompute stories one at
        a time."""
        conn.execute("SELECT pg_advisory_lock(?)", (STORY_LOCK,))
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(?)", (STORY_LOCK,))

    def make_read_only(self, conn: Any) -> None:
        conn.execute("SET default_transaction_read_only = on")

    def search(self, words: list[tuple[str, bool]]) -> Search:
        options = f"StartSel={MATCH_OPEN}, StopSel={MATCH_CLOSE}, MaxWords=30, MinWords=12"
        return Search(
            query=ts_terms(words),
            where="a.search @@ to_tsquery('simple', ?)",
            source="articles a",
            order="ts_rank(a.search, to_tsquery('simple', ?)) DESC, a.id",
            snippet=f", ts_headline('simple', a.text, to_tsquery('simple', ?), '{options}')",
        )


Dialect = SQLiteDialect | PostgresDialect
