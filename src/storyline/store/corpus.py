"""The bulk corpus reader: what a build and its story stage read from the store. Articles
are read by key, in chunks, one query per table per chunk (never one per article), and
nothing here reads the whole corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from storyline.codec import (
    ARTICLE_COLUMNS_WITHOUT_RAW,
    article_from_row,
    clause_from_json,
    with_facts,
)
from storyline.model import Article, Mention, Sentence, Timex
from storyline.store.address import key_chunks, marks
from storyline.store.database import Database

CHUNK = 500  # keys per IN (...): every database accepts this many parameters


class CorpusReader:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.queries = 0  # statements this reader issued (the story stage reports them)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        self.queries += 1
        return self.db.conn.execute(sql, params)

    # -- what a build asks before it works ------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in key_chunks(list(ids), CHUNK):
            rows = self._execute(
                f"SELECT id FROM articles WHERE id IN ({marks(len(chunk))})", chunk
            )
            found.update(row[0] for row in rows)
        return found

    def unassigned_ids(self) -> list[str]:
        """Articles in no story: what a build stopped before its story stage left behind."""
        rows = self._execute("SELECT id FROM articles WHERE story_id IS NULL ORDER BY rowid")
        return [article_id for (article_id,) in rows]

    def line_counts(self, at_least: int = 1) -> dict[str, int]:
        """Corpus line counts (hash -> articles) of lines in `at_least` articles or more."""
        rows = self._execute(
            "SELECT hash, articles FROM line_counts WHERE articles >= ?", (at_least,)
        )
        return dict(rows.fetchall())

    def line_counts_of(self, hashes: Iterable[str]) -> dict[str, int]:
        """Corpus line counts of the given lines only (what one window of a build needs)."""
        found: dict[str, int] = {}
        for chunk in key_chunks(list(hashes), CHUNK):
            rows = self._execute(
                f"SELECT hash, articles FROM line_counts WHERE hash IN ({marks(len(chunk))})",
                chunk,
            )
            found.update(rows.fetchall())
        return found

    def duplicate_candidates(self, keys: Sequence[int]) -> list[tuple[str, bytes, str | None]]:
        """(id, signature, duplicate_of) of stored articles sharing an LSH band key."""
        return self._execute(
            "SELECT DISTINCT m.article_id, m.signature, a.duplicate_of FROM lsh_bands b "
            "JOIN minhashes m ON m.article_id = b.article_id "
            f"JOIN articles a ON a.id = b.article_id WHERE b.key IN ({marks(len(keys))})",
            list(keys),
        ).fetchall()

    def pending_task(self, name: str) -> bool:
        return bool(self._execute("SELECT 1 FROM store_tasks WHERE name = ?", (name,)).fetchone())

    def without_facts(self, limit: int) -> list[str]:
        """Up to `limit` articles stored before their facts (or event clauses) were kept."""
        rows = self._execute(
            "SELECT id FROM articles WHERE facts_kept IS NULL OR clauses_kept IS NULL "
            "ORDER BY id LIMIT ?",
            (limit,),
        )
        return [article_id for (article_id,) in rows]

    # -- stories --------------------------------------------------------------------------

    def story_profiles(self) -> list[tuple[str, str | None]]:
        """[(story id, profile JSON or None)], in the order the stories were opened."""
        rows = self._execute("SELECT id, profile FROM stories ORDER BY rowid").fetchall()
        return [(sid, profile) for sid, profile in rows]

    def stories_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Article id -> story id, for those of the given articles that are in a story."""
        found: dict[str, str] = {}
        for chunk in key_chunks(sorted(set(article_ids)), CHUNK):
            rows = self._execute(
                f"SELECT id, story_id FROM articles WHERE id IN ({marks(len(chunk))}) "
                "AND story_id IS NOT NULL",
                chunk,
            )
            found.update(dict(rows))
        return found

    def members_of(self, story_ids: Iterable[str]) -> dict[str, list[str]]:
        """Story id -> the ids of its stored articles, for the given stories: read by key, so
        the story stage never reads the whole article-to-story map."""
        members: dict[str, list[str]] = {}
        for chunk in key_chunks(sorted(set(story_ids)), CHUNK):
            rows = self._execute(
                "SELECT story_id, article_id FROM story_articles "
                f"WHERE story_id IN ({marks(len(chunk))}) ORDER BY story_id, article_id",
                chunk,
            )
            for story_id, article_id in rows:
                members.setdefault(story_id, []).append(article_id)
        return members

    # -- articles in bulk -----------------------------------------------------------------

    def named(self, ids: Iterable[str]) -> list[Article]:
        """The given articles with their entities only (what clustering reads of a new
        article: its names and words), in source order."""
        found: list[Article] = []
        for chunk in key_chunks(sorted(set(ids)), CHUNK):
            articles = self._articles(chunk)
            entities = self._per_article("entities", 'start, "end", text, label, sentence', chunk)
            found += [
                replace(a, entities=tuple(Mention(*row) for row in entities.get(a.id, ())))
                for a, _ in articles
            ]
        return sorted(found, key=lambda a: (a.source, a.id))

    def members(self, ids: Iterable[str]) -> list[Article]:
        """The given articles as the story stage reads them, in source order: text and
        metadata (not the raw input or the removed pieces), sentences, entities, temporal
        expressions, event clauses and the facts found in each."""
        found: list[Article] = []
        for chunk in key_chunks(sorted(set(ids)), CHUNK):
            found += self._annotated(self._articles(chunk))
        return sorted(found, key=lambda a: (a.source, a.id))

    def annotated(self, article: Article) -> Article:
        """One article (as read elsewhere, its removed pieces and raw input kept) with what
        the members of a story are read with."""
        kept = self._execute(
            "SELECT clauses_kept FROM articles WHERE id = ?", (article.id,)
        ).fetchone()
        (annotated,) = self._annotated([(article, bool(kept and kept[0]))])
        return annotated

    def _annotated(self, articles: list[tuple[Article, bool]]) -> list[Article]:
        """The articles (each with whether its event clauses are kept) with their rows of
        every per-article table: one query per table."""
        chunk = [article.id for article, _ in articles]
        sentences = self._per_article("sentences", 'start, "end", text', chunk)
        entities = self._per_article("entities", 'start, "end", text, label, sentence', chunk)
        timexes = self._per_article("timexes", 'start, "end", text, type, value, sentence', chunk)
        clauses = self._per_article("clauses", "data", chunk)
        facts = self._per_article("article_facts", "kind, data", chunk, order="kind, seq")
        return [
            with_facts(
                replace(
                    article,
                    sentences=tuple(Sentence(*row) for row in sentences.get(article.id, ())),
                    entities=tuple(Mention(*row) for row in entities.get(article.id, ())),
                    timexes=tuple(Timex(*row) for row in timexes.get(article.id, ())),
                    clauses=(
                        tuple(clause_from_json(data) for (data,) in clauses.get(article.id, ()))
                        if clauses_kept
                        else None
                    ),
                ),
                facts.get(article.id, ()),
            )
            for article, clauses_kept in articles
        ]

    def _articles(self, chunk: Sequence[str]) -> list[tuple[Article, bool]]:
        """The articles of a chunk, each with whether its event clauses are kept."""
        rows = self._execute(
            f"SELECT {ARTICLE_COLUMNS_WITHOUT_RAW}, clauses_kept FROM articles "
            f"WHERE id IN ({marks(len(chunk))})",
            chunk,
        ).fetchall()
        return [(article_from_row(row[:-1]), bool(row[-1])) for row in rows]

    def _per_article(
        self, table: str, columns: str, chunk: Sequence[str], order: str = "seq"
    ) -> dict[str, list[tuple]]:
        """Rows of one per-article table for a chunk of articles, by article, in order
        (table and column names are ours, never input)."""
        rows = self._execute(
            f"SELECT article_id, {columns} FROM {table} "
            f"WHERE article_id IN ({marks(len(chunk))}) ORDER BY article_id, {order}",
            chunk,
        )
        grouped: defaultdict[str, list[tuple]] = defaultdict(list)
        for article_id, *values in rows:
            grouped[article_id].append(tuple(values))
        return grouped
