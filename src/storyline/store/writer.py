"""The write side of the store: articles in, stories and their articles' date patches in,
one-off upgrade work. Every write is one transaction, so a crash loses at most the batch in
flight and never leaves half an article: an article row and its sentences, entities,
removed pieces and facts are committed together or not at all. All SQL is parameterized.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.codec import (
    ARTICLE_COLUMNS,
    article_row,
    clause_json,
    fact_rows,
    story_results,
    to_record,
)
from storyline.model import Article, BuildLog, DatePatch, StepStats, Story, Timex
from storyline.store.database import Database
from storyline.store.read import count_sources

_INSERT_BAND = "INSERT INTO lsh_bands (key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({ARTICLE_COLUMNS}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    # Only a repeated id is skipped; any other constraint failure aborts the batch.
    "ON CONFLICT (id) DO NOTHING"
)


@dataclass(frozen=True)
class Saved:
    added: int  # articles new to the store
    line_counts: dict[str, int]  # new totals of the corpus line counts the batch touched


class StoreWrites:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save_articles(
        self,
        articles: Sequence[Article],
        signatures: Sequence[bytes] | None = None,
        line_hashes: Sequence[Iterable[str]] | None = None,
        band_keys: Sequence[Iterable[int]] | None = None,
    ) -> Saved:
        """Insert new articles with everything extracted from them, their MinHash
        signatures and their share of the corpus line counts, in one transaction.

        Articles already present (same id) are left as they are, and count nothing again.
        Rows are written in a fixed order (articles by id, line counts by hash), so that
        concurrent builds into one PostgreSQL store wait for each other instead of
        deadlocking.
        """
        added = 0
        increments: Counter = Counter()
        in_batch = {article.id for article in articles}
        order = sorted(  # originals before the copies that point to them (foreign key)
            range(len(articles)),
            key=lambda i: (articles[i].duplicate_of in in_batch, articles[i].id),
        )
        with self.db.transaction() as conn:
            for i in order:
                article = articles[i]
                if not _insert_article(conn, article):
                    continue
                added += 1
                if signatures is not None:
                    conn.execute(
                        "INSERT INTO minhashes (article_id, signature) VALUES (?, ?)",
                        (article.id, signatures[i]),
                    )
                if band_keys is not None:
                    conn.executemany(_INSERT_BAND, [(key, article.id) for key in band_keys[i]])
                increments.update(set(line_hashes[i]) if line_hashes is not None else ())
            touched: dict[str, int] = {}
            for line in sorted(increments):
                conn.execute(
                    "INSERT INTO line_counts (hash, articles) VALUES (?, ?) "
                    "ON CONFLICT (hash) DO UPDATE SET articles = line_counts.articles + ?",
                    (line, increments[line], increments[line]),
                )
                touched[line] = conn.execute(
                    "SELECT articles FROM line_counts WHERE hash = ?", (line,)
                ).fetchone()[0]
        return Saved(added, touched)

    def save_stories(
        self, stories: Iterable[tuple[Story, str]], patches: Iterable[DatePatch] = ()
    ) -> None:
        """Insert or update the given stories (with their clustering profiles) and their
        membership, with the date patches the story stage made for their articles, in one
        transaction. Stories not given are left as they are."""
        with self.db.transaction() as conn:
            for patch in patches:
                _apply_date_patch(conn, patch)
            for story, profile in stories:
                conn.execute(
                    "INSERT INTO stories (id, title, span_start, span_end, results, profile) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                    "title = excluded.title, span_start = excluded.span_start, "
                    "span_end = excluded.span_end, results = excluded.results, "
                    "profile = excluded.profile",
                    (
                        story.id,
                        story.title,
                        story.span_start,
                        story.span_end,
                        story_results(story),
                        profile,
                    ),
                )
                conn.execute("DELETE FROM story_articles WHERE story_id = ?", (story.id,))
                conn.executemany(
                    "INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)",
                    [(story.id, article_id) for article_id in story.articles],
                )
                conn.executemany(
                    "UPDATE articles SET story_id = ? WHERE id = ?",
                    [(story.id, article_id) for article_id in story.articles],
                )
                conn.execute(
                    "UPDATE stories SET article_count = ?, source_count = ?, "
                    "revision = revision + 1 WHERE id = ?",
                    (len(story.articles), count_sources(conn, story.id), story.id),
                )

    def save_found(self, articles: Iterable[Article], parsed: set[str]) -> int:
        """Store what the fact steps found in articles stored before those steps existed,
        and the event clauses of those in `parsed` (the upgrade of an older store)."""
        count = 0
        with self.db.transaction() as conn:
            for article in articles:
                conn.execute("DELETE FROM article_facts WHERE article_id = ?", (article.id,))
                _insert_facts(conn, article)
                conn.execute("UPDATE articles SET facts_kept = 1 WHERE id = ?", (article.id,))
                if article.id in parsed:
                    conn.execute("DELETE FROM clauses WHERE article_id = ?", (article.id,))
                    _insert_clauses(conn, article)
                count += 1
        return count

    def backfill_bands(self, keys_of: Callable[[bytes], Iterable[int]]) -> int:
        """Band keys of signatures stored before they were kept (a one-off, after upgrade)."""
        with self.db.transaction() as conn:
            rows = conn.execute("SELECT article_id, signature FROM minhashes").fetchall()
            for article_id, blob in rows:
                conn.executemany(
                    _INSERT_BAND,
                    [(key, article_id) for key in keys_of(blob)],
                )
            conn.execute("DELETE FROM store_tasks WHERE name = 'lsh_bands'")
        return len(rows)

    def record_build(self, log: BuildLog) -> int:
        """Add a build to the store's log, with the inputs it rejected; return its id."""
        steps = {
            "article": [_stats_record(s) for s in log.steps],
            "story": [_stats_record(s) for s in log.story_steps],
        }
        with self.db.transaction() as conn:
            (build_id,) = conn.execute(
                "INSERT INTO builds (kind, started, seconds, built, unchanged, rejected, "
                "stories, interrupted, steps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    log.kind,
                    log.started,
                    round(log.seconds, 3),
                    log.built,
                    log.unchanged,
                    len(log.rejected),
                    log.stories,
                    int(log.interrupted),
                    json.dumps(steps, ensure_ascii=False),
                ),
            ).fetchone()
            conn.executemany(
                "INSERT INTO rejected (build_id, seq, source, step, reason) VALUES (?, ?, ?, ?, ?)",
                [
                    (build_id, seq, _text(problem.source), problem.step, _text(problem.reason))
                    for seq, problem in enumerate(log.rejected)
                ],
            )
        return build_id

    def record_settings(self, settings: dict[str, Any]) -> bool:
        """Record the settings of the store's first build; a store that has them keeps
        them. Returns whether they were recorded now."""
        with self.db.transaction() as conn:
            if conn.execute("SELECT 1 FROM settings LIMIT 1").fetchone():
                return False
            conn.executemany(
                "INSERT INTO settings (key, value) VALUES (?, ?)",
                [(key, json.dumps(value)) for key, value in sorted(settings.items())],
            )
        return True

    def finish_task(self, name: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM store_tasks WHERE name = ?", (name,))


def _stats_record(stats: StepStats) -> dict[str, Any]:
    return {**to_record(stats), "seconds": round(stats.seconds, 4)}


def _text(value: str) -> str:
    """Text any database takes: a file name's undecodable bytes (surrogates) as escapes."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _insert_article(conn: Any, article: Article) -> bool:
    cursor = conn.execute(_INSERT_ARTICLE, article_row(article))
    if cursor.rowcount == 0:
        return False
    conn.executemany(
        "INSERT INTO removed (article_id, seq, text, reason, at) VALUES (?, ?, ?, ?, ?)",
        [
            (article.id, i, piece.text, piece.reason, piece.at)
            for i, piece in enumerate(article.removed)
        ],
    )
    conn.executemany(
        'INSERT INTO sentences (article_id, seq, start, "end", text) VALUES (?, ?, ?, ?, ?)',
        [(article.id, i, s.start, s.end, s.text) for i, s in enumerate(article.sentences)],
    )
    _insert_timexes(conn, article.id, article.timexes)
    if article.clauses is not None:
        _insert_clauses(conn, article)
    conn.executemany(
        'INSERT INTO entities (article_id, seq, start, "end", text, label, sentence) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (article.id, i, e.start, e.end, e.text, e.label, e.sentence)
            for i, e in enumerate(article.entities)
        ],
    )
    _insert_facts(conn, article)
    conn.execute("UPDATE articles SET facts_kept = 1 WHERE id = ?", (article.id,))
    return True


def _insert_clauses(conn: Any, article: Article) -> None:
    conn.executemany(
        "INSERT INTO clauses (article_id, seq, sentence, data) VALUES (?, ?, ?, ?)",
        [
            (article.id, i, clause.sentence, clause_json(clause))
            for i, clause in enumerate(article.clauses or ())
        ],
    )
    conn.execute("UPDATE articles SET clauses_kept = 1 WHERE id = ?", (article.id,))


def _insert_facts(conn: Any, article: Article) -> None:
    conn.executemany(
        "INSERT INTO article_facts (article_id, kind, seq, data) VALUES (?, ?, ?, ?)",
        [(article.id, kind, seq, data) for kind, seq, data in fact_rows(article)],
    )


def _insert_timexes(conn: Any, article_id: str, timexes: Sequence[Timex]) -> None:
    conn.executemany(
        'INSERT INTO timexes (article_id, seq, start, "end", text, type, value, sentence) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, i, t.start, t.end, t.text, t.type, t.value, t.sentence)
            for i, t in enumerate(timexes)
        ],
    )


def _apply_date_patch(conn: Any, patch: DatePatch) -> None:
    published = patch.published
    conn.execute(
        "UPDATE articles SET published_date = ?, published_source = ?, "
        "published_confidence = ? WHERE id = ?",
        (
            published.date if published else None,
            published.source if published else None,
            published.confidence if published else None,
            patch.article,
        ),
    )
    conn.execute("DELETE FROM timexes WHERE article_id = ?", (patch.article,))
    _insert_timexes(conn, patch.article, patch.timexes)
