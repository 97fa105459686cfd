"""Read-side queries of the store for the web UI and the REST API: pages of stories and
articles, full-text search with filters. All SQL is parameterized; user text reaches FTS5
only as quoted terms, so no search input can change the query's meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from storyline.store.errors import DATABASE_ERRORS

# Markers FTS5 puts around matched words in snippets: private-use characters, which the web
# layer turns into <mark> after escaping the rest, so article text never becomes markup.
MATCH_OPEN = "\ue000"
MATCH_CLOSE = "\ue001"
_TERM = re.compile(r"(\w+)(\*?)")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
MAX_TERMS = 16
# Matches are counted up to this many (a common word in a big corpus would otherwise cost a
# full count on every page of results); `total` says "at least" beyond it.
MAX_COUNTED = 1_000


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
    return _fts(search_terms(text)) or None


def tsquery(text: str) -> str | None:
    """The words of `text` as a PostgreSQL tsquery, all required ('word:*' for a prefix)."""
    return _ts(search_terms(text)) or None


def _fts(words: list[tuple[str, bool]]) -> str:
    return " ".join(f'"{word}"' + ("*" if prefix else "") for word, prefix in words)


def _ts(words: list[tuple[str, bool]]) -> str:
    return " & ".join(word.lower() + (":*" if prefix else "") for word, prefix in words)


@dataclass(frozen=True)
class _Search:
    query: str
    where: str
    source: str
    order: str
    snippet: str


def _search_sql(dialect: str, words: list[tuple[str, bool]]) -> _Search:
    """The full-text part of an article query, in the store's own engine."""
    if dialect == "postgresql":
        options = f"StartSel={MATCH_OPEN}, StopSel={MATCH_CLOSE}, MaxWords=30, MinWords=12"
        return _Search(
            query=_ts(words),
            where="a.search @@ to_tsquery('simple', ?)",
            source="articles a",
            order="ts_rank(a.search, to_tsquery('simple', ?)) DESC, a.id",
            snippet=f", ts_headline('simple', a.text, to_tsquery('simple', ?), '{options}')",
        )
    return _Search(
        query=_fts(words),
        where="article_search MATCH ?",
        source="article_search JOIN articles a ON a.id = article_search.article_id",
        order="bm25(article_search, 0, 4, 1), a.id",
        snippet=f", snippet(article_search, 2, '{MATCH_OPEN}', '{MATCH_CLOSE}', '…', 16)",
    )


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
    """Mixed into Store: the queries behind the pages and the API."""

    conn: Any  # sqlite3.Connection, or the PostgreSQL adapter
    dialect: str  # "sqlite" or "postgresql"

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
        search = _search_sql(self.dialect, words) if words else None
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
