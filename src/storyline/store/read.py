"""The read side of the store: what the export, the web UI and the REST API read. Stories
and articles as records, pages of them, full-text search with filters. All SQL is
parameterized; user text reaches the search engine only as quoted terms, so no search
input can change the query's meaning. The web opens the store read-only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from storyline.codec import (
    ARTICLE_COLUMNS,
    ARTICLE_COLUMNS_WITHOUT_RAW,
    article_from_row,
    story_from_results,
)
from storyline.model import Article, Removed, Story
from storyline.store.address import marks
from storyline.store.corpus import CorpusReader
from storyline.store.database import Database
from storyline.store.dialect import MATCH_CLOSE, MATCH_OPEN, fts_terms, ts_terms
from storyline.store.errors import DATABASE_ERRORS

__all__ = ["MATCH_CLOSE", "MATCH_OPEN", "ArticleFilter", "BadQuery", "Page", "ReadQueries"]

_TERM = re.compile(r"(\w+)(\*?)")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
MAX_TERMS = 16
# Matches are counted up to this many (a common word in a big corpus would otherwise cost a
# full count on every page of results); `total` says "at least" beyond it.
MAX_COUNTED = 1_000
# Entity labels that name someone or something (not dates, numbers, ordinals).
NAME_LABELS = (
    "PERSON",
    "ORG",
    "GPE",
    "NORP",
    "LOC",
    "FAC",
    "EVENT",
    "PRODUCT",
    "WORK_OF_ART",
    "LAW",
)


class BadQuery(ValueError):
    """A filter value the store cannot use (the message says which and why)."""


@dataclass(frozen=True)
class ArticleFilter:
    """What the articles list and the search narrow down to; empty fields filter nothing."""

    q: str = ""
    story: str | None = None
    actor_articles: frozenset[str] | None = None  # resolved from an actor, see actor_articles
    actor_name: str | None = None  # an actor not found in the story: match mentions by name
    date_from: str | None = None
    date_to: str | None = None

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value and not _DATE.match(value):
                raise BadQuery(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    @property
    def total_exact(self) -> bool:
        return self.total < MAX_COUNTED

    def as_dict(self) -> dict[str, Any]:
        following = self.offset + self.limit
        return {
            "items": self.items,
            "total": self.total,
            "total_exact": self.total_exact,
            "limit": self.limit,
            "offset": self.offset,
            "next_offset": following if following < self.total else None,
        }


def search_terms(text: str) -> list[tuple[str, bool]]:
    """The words of a search, with whether each ends in * (prefix search: 'negotiat*').
    Only word characters survive: operators and punctuation in the input are nothing."""
    return [(word, star == "*") for word, star in _TERM.findall(text)][:MAX_TERMS]


def fts_query(text: str) -> str | None:
    """The words of `text` as quoted FTS5 terms, all required."""
    return fts_terms(search_terms(text)) or None


def tsquery(text: str) -> str | None:
    """The words of `text` as a PostgreSQL tsquery, all required ('word:*' for a prefix)."""
    return ts_terms(search_terms(text)) or None


@lru_cache(maxsize=65536)
def source_label(site: str | None, url: str | None, source: str) -> str:
    """Who published an article: its site, else its web host, else its input file."""
    if site:
        return site
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else source


def count_sources(conn: Any, story_id: str) -> int:
    """Distinct publishers (site, else web host, else input file) of a story's articles."""
    rows = conn.execute(
        "SELECT DISTINCT a.site, a.url, a.source FROM story_articles sa "
        "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?",
        (story_id,),
    )
    return len({source_label(*row) for row in rows})


def _where(filters: ArticleFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.story:
        clauses.append("a.story_id = ?")
        params.append(filters.story)
    if filters.actor_articles is not None:
        ids = sorted(filters.actor_articles)
        clauses.append(f"a.id IN ({','.join('?' * len(ids))})" if ids else "0")
        params += ids
    if filters.actor_name:
        clauses.append("a.id IN (SELECT article_id FROM entities WHERE text = ?)")
        params.append(filters.actor_name)
    if filters.date_from:
        clauses.append("a.published_date >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        clauses.append("substr(a.published_date, 1, ?) <= ?")
        params += [len(filters.date_to), filters.date_to]
    return clauses, params


_LISTED = (
    "a.id, a.title, a.source, a.site, a.url, a.published_date, a.published_source, "
    "a.story_id, a.duplicate_of"
)


def _listed(row: tuple, snippet: str | None = None) -> dict[str, Any]:
    article_id, title, source, site, url, date, date_source, story, duplicate_of = row[:9]
    item = {
        "id": article_id,
        "title": title,
        "source": source,
        "site": source_label(site, url, source),
        "url": url,
        "published": date,
        "published_source": date_source,
        "story": story,
        "duplicate_of": duplicate_of,
    }
    if snippet is not None:
        item["snippet"] = snippet
    return item


class ReadQueries:
    """The queries behind the export, the pages and the API."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def conn(self) -> Any:
        return self.db.conn

    # -- counts ---------------------------------------------------------------------------

    def count_articles(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def count_stories(self) -> int:
        return self.conn.execute("SELECT count(*) FROM stories").fetchone()[0]

    # -- articles -------------------------------------------------------------------------

    def articles(self, with_raw: bool = False) -> Iterator[Article]:
        """Every article with its removed pieces, in source order."""
        columns = ARTICLE_COLUMNS if with_raw else ARTICLE_COLUMNS_WITHOUT_RAW
        rows = self.conn.execute(f"SELECT {columns} FROM articles ORDER BY source, id")
        for row in rows.fetchall():
            yield article_from_row(row, self._removed(row[0]))

    def article(self, id_or_prefix: str) -> Article | None:
        """One article by id, or by an unambiguous id prefix (as `git` takes hashes)."""
        pattern = id_or_prefix.replace("\\", "").replace("%", "").replace("_", "")
        rows = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id LIKE ? || '%' LIMIT 2",
            (pattern,),
        ).fetchall()
        if len(rows) != 1 or not pattern:
            return None
        return article_from_row(rows[0], self._removed(rows[0][0]))

    def article_by_id(self, article_id: str) -> Article | None:
        """One article by its exact id (the web's lookup: an index seek, no prefix scan)."""
        row = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS_WITHOUT_RAW} FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        return article_from_row(row, self._removed(row[0])) if row else None

    def _removed(self, article_id: str) -> tuple[Removed, ...]:
        rows = self.conn.execute(
            "SELECT text, reason, at FROM removed WHERE article_id = ? ORDER BY seq", (article_id,)
        )
        return tuple(Removed(text, reason, at) for text, reason, at in rows)

    def annotated(self, article: Article) -> Article:
        """The article with its stored sentences, entities, temporal expressions, event
        clauses and found facts (what the article page marks), read as the story stage
        reads its members."""
        return CorpusReader(self.db).annotated(article)

    def entity_counts(
        self, story_id: str | None = None, labels: Iterable[str] = NAME_LABELS
    ) -> list[tuple[str, str, int]]:
        """(text, label, mentions) of names in one story's articles (all articles by
        default), most frequent first."""
        wanted = list(labels)
        # Syndicated copies repeat their original's names: count each text once.
        where = (
            f"WHERE label IN ({marks(len(wanted))}) AND article_id IN "
            "(SELECT id FROM articles WHERE duplicate_of IS NULL)"
        )
        params = list(wanted)
        if story_id is not None:
            where += " AND article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)"
            params.append(story_id)
        rows = self.conn.execute(
            f"SELECT text, label, count(*) AS n FROM entities {where} "
            "GROUP BY text, label ORDER BY n DESC, text",
            params,
        )
        return [tuple(row) for row in rows]

    # -- stories --------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        rows = self.conn.execute(
            "SELECT id, title, span_start, span_end, results FROM stories ORDER BY id"
        ).fetchall()
        return [self._story_from_row(row) for row in rows]

    def story(self, story_id: str) -> Story | None:
        row = self.conn.execute(
            "SELECT id, title, span_start, span_end, results FROM stories WHERE id = ?",
            (story_id,),
        ).fetchone()
        return self._story_from_row(row) if row else None

    def _story_from_row(self, row: tuple) -> Story:
        story_id, title, start, end, results = row
        members = [
            member
            for (member,) in self.conn.execute(
                "SELECT a.id FROM story_articles s JOIN articles a ON a.id = s.article_id "
                "WHERE s.story_id = ? ORDER BY coalesce(a.published_date, ''), a.source, a.id",
                (story_id,),
            )
        ]
        return story_from_results(story_id, title, members, (start, end), results)

    # -- the build log --------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        """The settings the store's first build recorded (none before it)."""
        rows = self.conn.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
        return {key: json.loads(value) for key, value in rows}

    def builds(self, limit: int = 20, offset: int = 0) -> Page:
        """Builds, latest first, with what each did step by step."""
        total = self.conn.execute("SELECT count(*) FROM builds").fetchone()[0]
        rows = self.conn.execute(
            "SELECT id, kind, started, seconds, built, unchanged, rejected, stories, "
            "interrupted, steps FROM builds ORDER BY id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        keys = ("id", "kind", "started", "seconds", "built", "unchanged", "rejected", "stories")
        items = [
            {**dict(zip(keys, row[:8], strict=True)), "interrupted": bool(row[8]),
             "steps": json.loads(row[9])}
            for row in rows
        ]  # fmt: skip
        return Page(items, total, limit, offset)

    def rejected(self, limit: int = 50, offset: int = 0, build: int | None = None) -> Page:
        """Inputs builds rejected (of one build, or of all, latest first), with the step
        and the reason."""
        where, params = ("WHERE build_id = ?", [build]) if build is not None else ("", [])
        total = self.conn.execute(f"SELECT count(*) FROM rejected {where}", params).fetchone()[0]
        rows = self.conn.execute(
            "SELECT r.build_id, b.started, r.source, r.step, r.reason FROM rejected r "
            f"JOIN builds b ON b.id = r.build_id {where.replace('build_id', 'r.build_id')} "
            "ORDER BY r.build_id DESC, r.seq LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        keys = ("build", "started", "source", "step", "reason")
        return Page([dict(zip(keys, row, strict=True)) for row in rows], total, limit, offset)

    def story_page(self, limit: int, offset: int) -> Page:
        """Stories, latest first, with their date span and how many articles and sources."""
        total = self.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
        rows = self.conn.execute(
            "SELECT id, title, span_start, span_end, article_count, source_count "
            "FROM stories ORDER BY coalesce(span_end, '') DESC, article_count DESC, id "
            "LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        items = [
            {
                "id": story_id,
                "title": title,
                "span": {"start": start, "end": end},
                "articles": articles if articles is not None else self._members(story_id),
                "sources": sources if sources is not None else self.story_sources(story_id),
            }
            for story_id, title, start, end, articles, sources in rows
        ]
        return Page(items, total, limit, offset)

    def story_titles(self, limit: int = 1000) -> list[tuple[str, str]]:
        """(id, title) of the latest stories: what a story filter offers."""
        rows = self.conn.execute(
            "SELECT id, title FROM stories ORDER BY coalesce(span_end, '') DESC, id LIMIT ?",
            (limit,),
        )
        return [tuple(row) for row in rows]

    def story_revision(self, story_id: str) -> int | None:
        """Raised whenever the story is saved again (None: no such story)."""
        row = self.conn.execute("SELECT revision FROM stories WHERE id = ?", (story_id,)).fetchone()
        return row[0] if row else None

    def story_title(self, story_id: str) -> str | None:
        row = self.conn.execute("SELECT title FROM stories WHERE id = ?", (story_id,)).fetchone()
        return row[0] if row else None

    def _members(self, story_id: str) -> int:
        query = "SELECT count(*) FROM story_articles WHERE story_id = ?"
        return self.conn.execute(query, (story_id,)).fetchone()[0]

    def story_sources(self, story_id: str) -> int:
        return count_sources(self.conn, story_id)

    def article_list(self, filters: ArticleFilter, limit: int, offset: int) -> Page:
        """Articles matching the filters: by search rank when there is a query, else by
        date (latest first). Search hits carry a snippet with the matched words marked."""
        clauses, params = _where(filters)
        words = search_terms(filters.q) if filters.q else []
        if filters.q and not words:
            return Page([], 0, limit, offset)
        search = self.db.dialect.search(words) if words else None
        if search is not None:
            clauses.insert(0, search.where)
            params.insert(0, search.query)
            source, order, snippet = search.source, search.order, search.snippet
            order_params = [search.query] * search.order.count("?")
            snippet_params = [search.query] * search.snippet.count("?")
        else:
            source, order, snippet = "articles a", "coalesce(a.published_date, '') DESC, a.id", ""
            order_params, snippet_params = [], []
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        try:
            count = self.conn.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {source} {where} LIMIT ?) hits",
                [*params, MAX_COUNTED],
            )
            total = count.fetchone()[0]
            rows = self.conn.execute(
                f"SELECT {_LISTED}{snippet} FROM {source} {where} ORDER BY {order} "
                "LIMIT ? OFFSET ?",
                [*snippet_params, *params, *order_params, limit, offset],
            ).fetchall()
        except DATABASE_ERRORS as exc:  # a full-text engine's limit, never user SQL
            raise BadQuery(f"cannot search for {filters.q!r}: {exc}") from exc
        items = [_listed(row, row[9] if search else None) for row in rows]
        return Page(items, total, limit, offset)

    def story_articles(self, story_id: str, limit: int, offset: int) -> Page:
        return self.article_list(ArticleFilter(story=story_id), limit, offset)

    def copies_of(self, article_id: str) -> list[dict[str, Any]]:
        """Near-duplicate copies stored after the given article (syndicated reprints)."""
        rows = self.conn.execute(
            f"SELECT {_LISTED} FROM articles a WHERE a.duplicate_of = ? ORDER BY a.source",
            (article_id,),
        ).fetchall()
        return [_listed(row) for row in rows]

    def listed(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Title, source and date of the given articles, by id."""
        found: dict[str, dict[str, Any]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self.conn.execute(
                f"SELECT {_LISTED} FROM articles a WHERE a.id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update((row[0], _listed(row)) for row in rows)
        return found
