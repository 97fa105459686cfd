"""The embedded store: SQLite in WAL mode, all SQL parameterized.

Writes happen in explicit transactions, one per batch of articles, so a crash loses at most
the batch in flight and never leaves half an article: an article row and its sentences,
entities and removed pieces are committed together or not at all.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from storyline.model import (
    Argument,
    Article,
    Clause,
    Mention,
    Published,
    Removed,
    Sentence,
    Story,
    Timex,
)
from storyline.store.errors import StoreError
from storyline.store.read import ReadQueries, count_sources

_ARTICLE_COLUMNS_WITH = (
    "id, source, format, {raw}, text, url, title, site, author, language, published_hint, "
    "published_date, published_source, published_confidence, duplicate_of, story_id"
)
_ARTICLE_COLUMNS = _ARTICLE_COLUMNS_WITH.replace("{raw}", "raw")
_WITHOUT_RAW = _ARTICLE_COLUMNS_WITH.replace("{raw}", "NULL AS raw")
_INSERT_BAND = "INSERT INTO lsh_bands (key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
STORY_LOCK = 7_312_025  # PostgreSQL advisory lock key of the story stage
_MIGRATION_NAME = re.compile(r"^(\d+)_.+\.sql$")
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
_STORY_LISTS = ("summary", "timeline", "actors", "quotes", "figures", "events", "figure_series")


@dataclass(frozen=True)
class Saved:
    added: int  # articles new to the store
    line_counts: dict[str, int]  # new totals of the corpus line counts the batch touched


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
    has_schema = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has_schema:
        conn.executescript(f"BEGIN IMMEDIATE;\n{base}\nCOMMIT;")
    version = conn.execute("SELECT version FROM schema_version").fetchone()[0]
    latest = max([1, *migrations])
    if version > latest:
        raise StoreError(
            f"the store has schema version {version}, newer than this storyline knows "
            f"({latest}): upgrade storyline"
        )
    for number in sorted(n for n in migrations if n > version):
        conn.executescript(
            f"BEGIN IMMEDIATE;\n{migrations[number]}\n"
            f"UPDATE schema_version SET version = {number};\nCOMMIT;"
        )
        version = number
    return version


def is_server_url(db: str | Path) -> bool:
    """A PostgreSQL address rather than a SQLite file."""
    return str(db).startswith(("postgresql://", "postgres://"))


def shown(db: str | Path) -> str:
    """A store's address as printed: a PostgreSQL password is never shown."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", str(db))


class Store(ReadQueries):
    """The store: SQLite by default, PostgreSQL when opened with a postgresql:// address.
    The SQL is shared; `dialect` tells the few places that differ (search, locking)."""

    def __init__(self, conn: sqlite3.Connection, path: str, dialect: str = "sqlite") -> None:
        self.conn = conn
        self.path = path
        self.dialect = dialect

    @classmethod
    def open(cls, path: str | Path) -> Store:
        if is_server_url(path):
            from storyline.store.postgres import open_postgres

            return cls(open_postgres(str(path)), str(path), "postgresql")  # type: ignore[arg-type]
        path = str(path)
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        # SQLite: take the write lock at once, so two writers never deadlock mid-way.
        self.conn.execute("BEGIN IMMEDIATE" if self.dialect == "sqlite" else "BEGIN")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextmanager
    def story_lock(self) -> Iterator[None]:
        """Held by the story stage, so that concurrent builds into one PostgreSQL store
        assign and recompute stories one at a time (SQLite writers are one at a time
        already, by its file lock)."""
        if self.dialect != "postgresql":
            yield
            return
        self.conn.execute("SELECT pg_advisory_lock(?)", (STORY_LOCK,))
        try:
            yield
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(?)", (STORY_LOCK,))

    # -- articles ---------------------------------------------------------------------------

    def unassigned_ids(self) -> list[str]:
        """Articles in no story: what a build stopped before its story stage left behind."""
        rows = self.conn.execute("SELECT id FROM articles WHERE story_id IS NULL ORDER BY rowid")
        return [article_id for (article_id,) in rows]

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

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
        with self.transaction() as conn:
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

    def line_counts(self, at_least: int = 1) -> dict[str, int]:
        """Corpus line counts (hash -> articles) of lines in `at_least` articles or more."""
        rows = self.conn.execute(
            "SELECT hash, articles FROM line_counts WHERE articles >= ?", (at_least,)
        )
        return dict(rows.fetchall())

    def line_counts_of(self, hashes: Iterable[str]) -> dict[str, int]:
        """Corpus line counts of the given lines only (what one window of a build needs)."""
        wanted = list(hashes)
        found: dict[str, int] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT hash, articles FROM line_counts WHERE hash IN ({marks})", chunk
            )
            found.update(rows.fetchall())
        return found

    def duplicate_candidates(self, keys: Sequence[int]) -> list[tuple[str, bytes, str | None]]:
        """(id, signature, duplicate_of) of stored articles sharing an LSH band key."""
        marks = ",".join("?" * len(keys))
        return self.conn.execute(
            "SELECT DISTINCT m.article_id, m.signature, a.duplicate_of FROM lsh_bands b "
            "JOIN minhashes m ON m.article_id = b.article_id "
            f"JOIN articles a ON a.id = b.article_id WHERE b.key IN ({marks})",
            list(keys),
        ).fetchall()

    def pending_task(self, name: str) -> bool:
        return bool(
            self.conn.execute("SELECT 1 FROM store_tasks WHERE name = ?", (name,)).fetchone()
        )

    def backfill_bands(self, keys_of: Callable[[bytes], Iterable[int]]) -> int:
        """Band keys of signatures stored before they were kept (a one-off, after upgrade)."""
        with self.transaction() as conn:
            rows = conn.execute("SELECT article_id, signature FROM minhashes").fetchall()
            for article_id, blob in rows:
                conn.executemany(
                    _INSERT_BAND,
                    [(key, article_id) for key in keys_of(blob)],
                )
            conn.execute("DELETE FROM store_tasks WHERE name = 'lsh_bands'")
        return len(rows)

    def count_articles(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(self, with_raw: bool = False) -> Iterator[Article]:
        """Every article with its removed pieces (sentences and entities on request)."""
        columns = _ARTICLE_COLUMNS if with_raw else _WITHOUT_RAW
        rows = self.conn.execute(f"SELECT {columns} FROM articles ORDER BY source, id")
        for row in rows.fetchall():
            yield _article_from_row(row, self._removed(row[0]))

    def article(self, id_or_prefix: str) -> Article | None:
        """One article by id, or by an unambiguous id prefix (as `git` takes hashes)."""
        pattern = id_or_prefix.replace("\\", "").replace("%", "").replace("_", "")
        rows = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id LIKE ? || '%' LIMIT 2",
            (pattern,),
        ).fetchall()
        if len(rows) != 1 or not pattern:
            return None
        return _article_from_row(rows[0], self._removed(rows[0][0]))

    def article_by_id(self, article_id: str) -> Article | None:
        """One article by its exact id (the web's lookup: an index seek, no prefix scan)."""
        row = self.conn.execute(
            f"SELECT {_WITHOUT_RAW} FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        return _article_from_row(row, self._removed(row[0])) if row else None

    def _removed(self, article_id: str) -> tuple[Removed, ...]:
        rows = self.conn.execute(
            "SELECT text, reason, at FROM removed WHERE article_id = ? ORDER BY seq", (article_id,)
        )
        return tuple(Removed(text, reason, at) for text, reason, at in rows)

    def _rows_of(self, table: str, columns: str, article_id: str) -> list[tuple]:
        """An article's rows of one per-article table, in order (names are ours, not input)."""
        return self.conn.execute(
            f"SELECT {columns} FROM {table} WHERE article_id = ? ORDER BY seq", (article_id,)
        ).fetchall()

    def sentences(self, article_id: str) -> list[Sentence]:
        return [Sentence(*r) for r in self._rows_of("sentences", 'start, "end", text', article_id)]

    def entities(self, article_id: str) -> list[Mention]:
        rows = self._rows_of("entities", 'start, "end", text, label, sentence', article_id)
        return [Mention(*row) for row in rows]

    def annotated(self, article: Article) -> Article:
        """The article with its stored sentences, entities and temporal expressions."""
        return replace(
            article,
            sentences=tuple(self.sentences(article.id)),
            entities=tuple(self.entities(article.id)),
            timexes=tuple(self.timexes(article.id)),
            clauses=self.clauses(article.id),
        )

    def clauses(self, article_id: str) -> tuple[Clause, ...] | None:
        """The article's event clauses; None when it was annotated before they were kept."""
        kept = self.conn.execute(
            "SELECT clauses_kept FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if not kept or kept[0] is None:
            return None
        rows = self._rows_of("clauses", "data", article_id)
        return tuple(clause_from_record(json.loads(data)) for (data,) in rows)

    def timexes(self, article_id: str) -> list[Timex]:
        rows = self._rows_of("timexes", 'start, "end", text, type, value, sentence', article_id)
        return [Timex(*row) for row in rows]

    def entity_counts(
        self, story_id: str | None = None, labels: Iterable[str] = NAME_LABELS
    ) -> list[tuple[str, str, int]]:
        """(text, label, mentions) of names in one story's articles (all articles by
        default), most frequent first."""
        wanted = list(labels)
        # Syndicated copies repeat their original's names: count each text once.
        where = (
            f"WHERE label IN ({','.join('?' * len(wanted))}) AND article_id IN "
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

    # -- stories ----------------------------------------------------------------------------

    def story_profiles(self) -> list[tuple[str, str | None]]:
        """[(story id, profile JSON or None)], in the order the stories were opened."""
        rows = self.conn.execute("SELECT id, profile FROM stories ORDER BY rowid").fetchall()
        return [(sid, profile) for sid, profile in rows]

    def stories_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Article id -> story id, for those of the given articles that are in a story."""
        found: dict[str, str] = {}
        for chunk in key_chunks(sorted(set(article_ids))):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT id, story_id FROM articles WHERE id IN ({marks}) AND story_id IS NOT NULL",
                chunk,
            )
            found.update(dict(rows))
        return found

    def members_of(self, story_ids: Iterable[str]) -> dict[str, list[str]]:
        """Story id -> the ids of its stored articles, for the given stories: read by key, so
        the story stage never reads the whole article-to-story map."""
        members: dict[str, list[str]] = {}
        for chunk in key_chunks(sorted(set(story_ids))):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT story_id, article_id FROM story_articles WHERE story_id IN ({marks}) "
                "ORDER BY story_id, article_id",
                chunk,
            )
            for story_id, article_id in rows:
                members.setdefault(story_id, []).append(article_id)
        return members

    def articles_by_id(self, ids: Iterable[str]) -> list[Article]:
        """The given articles (in source order), read by key rather than by a full scan."""
        columns = _WITHOUT_RAW
        found = []
        for chunk in key_chunks(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT {columns} FROM articles WHERE id IN ({marks})", chunk
            ).fetchall()
            found += [_article_from_row(row, self._removed(row[0])) for row in rows]
        return sorted(found, key=lambda a: (a.source, a.id))

    def save_stories(
        self, stories: Iterable[tuple[Story, str]], dated: Iterable[Article] = ()
    ) -> None:
        """Insert or update the given stories (with their clustering profiles) and their
        membership, with the articles the story stage dated, in one transaction. Stories
        not given are left as they are."""
        with self.transaction() as conn:
            for article in dated:
                _update_dating(conn, article)
            for story, profile in stories:
                results = {name: getattr(story, name) for name in _STORY_LISTS}
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
                        json.dumps(results, ensure_ascii=False, sort_keys=True),
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
        members = tuple(
            member
            for (member,) in self.conn.execute(
                "SELECT a.id FROM story_articles s JOIN articles a ON a.id = s.article_id "
                "WHERE s.story_id = ? ORDER BY coalesce(a.published_date, ''), a.source, a.id",
                (story_id,),
            )
        )
        lists = json.loads(results)
        return Story(
            story_id,
            title,
            members,
            start,
            end,
            **{name: lists.get(name, []) for name in _STORY_LISTS},
        )


def key_chunks(items: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    """Key lists cut to a size every database accepts in one IN (...)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert_article(conn: sqlite3.Connection, article: Article) -> bool:
    published = article.published
    cursor = conn.execute(
        "INSERT INTO articles (id, source, format, raw, text, url, title, site, "
        "author, language, published_hint, published_date, published_source, "
        "published_confidence, duplicate_of, story_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        # Only a repeated id is skipped; any other constraint failure aborts the batch.
        "ON CONFLICT (id) DO NOTHING",
        (
            article.id,
            article.source,
            article.format,
            article.raw,
            article.text,
            article.url,
            article.title,
            article.site,
            article.author,
            article.language,
            article.published_hint,
            published.date if published else None,
            published.source if published else None,
            published.confidence if published else None,
            article.duplicate_of,
            article.story,
        ),
    )
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
    _insert_timexes(conn, article)
    if article.clauses is not None:
        conn.executemany(
            "INSERT INTO clauses (article_id, seq, sentence, data) VALUES (?, ?, ?, ?)",
            [
                (article.id, i, c.sentence, json.dumps(clause_record(c), ensure_ascii=False))
                for i, c in enumerate(article.clauses)
            ],
        )
        conn.execute("UPDATE articles SET clauses_kept = 1 WHERE id = ?", (article.id,))
    conn.executemany(
        'INSERT INTO entities (article_id, seq, start, "end", text, label, sentence) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (article.id, i, e.start, e.end, e.text, e.label, e.sentence)
            for i, e in enumerate(article.entities)
        ],
    )
    return True


def clause_record(clause: Clause) -> dict:
    return {
        "kind": clause.kind,
        "lemma": clause.lemma,
        "subject": clause.subject,
        "target": clause.target,
        "pronoun": clause.pronoun,
        "reporter": clause.reporter,
        "location": clause.location,
        "sentence": clause.sentence,
    }


def clause_from_record(record: dict) -> Clause:
    def argument(value: list | None) -> Argument | None:
        return (value[0], tuple(value[1])) if value else None

    return Clause(
        sentence=record["sentence"],
        kind=record["kind"],
        lemma=record["lemma"],
        subject=argument(record["subject"]),
        target=argument(record["target"]),
        pronoun=record["pronoun"],
        reporter=argument(record["reporter"]),
        location=record["location"],
    )


def _insert_timexes(conn: sqlite3.Connection, article: Article) -> None:
    conn.executemany(
        'INSERT INTO timexes (article_id, seq, start, "end", text, type, value, sentence) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article.id, i, t.start, t.end, t.text, t.type, t.value, t.sentence)
            for i, t in enumerate(article.timexes)
        ],
    )


def _update_dating(conn: sqlite3.Connection, article: Article) -> None:
    published = article.published
    conn.execute(
        "UPDATE articles SET published_date = ?, published_source = ?, "
        "published_confidence = ? WHERE id = ?",
        (
            published.date if published else None,
            published.source if published else None,
            published.confidence if published else None,
            article.id,
        ),
    )
    conn.execute("DELETE FROM timexes WHERE article_id = ?", (article.id,))
    _insert_timexes(conn, article)


def _article_from_row(row: tuple, removed: tuple[Removed, ...]) -> Article:
    (
        article_id,
        source,
        fmt,
        raw,
        text,
        url,
        title,
        site,
        author,
        language,
        hint,
        pub_date,
        pub_source,
        pub_conf,
        duplicate_of,
        story_id,
    ) = row
    published = Published(pub_date, pub_source, pub_conf) if pub_date else None
    return Article(
        id=article_id,
        source=source,
        raw=bytes(raw) if raw is not None else b"",
        format=fmt,
        text=text,
        url=url,
        title=title,
        site=site,
        author=author,
        language=language,
        published_hint=hint,
        published=published,
        removed=removed,
        duplicate_of=duplicate_of,
        story=story_id,
    )
