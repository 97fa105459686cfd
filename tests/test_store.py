import sqlite3

import pytest

from storyline.model import (
    Actor,
    Article,
    FoundFigure,
    FoundQuote,
    Mention,
    Published,
    Removed,
    Sentence,
    Story,
)
from storyline.store import Store, StoreError
from storyline.store import sqlite as store_module
from storyline.store.errors import DATABASE_ERRORS


def _article(article_id: str = "a1") -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        raw=b"raw bytes \xff",
        format="text",
        text="Kerry met Lavrov.",
        published=Published("2014-01-13", "metadata", 0.95),
        removed=(Removed("Leave a Reply", "comment-widget"),),
        sentences=(Sentence(0, 17, "Kerry met Lavrov."),),
        entities=(Mention(0, 5, "Kerry", "PERSON", 0), Mention(10, 16, "Lavrov", "PERSON", 0)),
        clauses=(),
        quotes=(FoundQuote(0, 5, "Kerry", 0, "Lavrov"),),
        figures=(FoundFigure(0, 1, "1", "killed", 1.0, None, None, None, None, 0),),
    )


def test_store_fresh_is_wal_and_at_latest_version(tmp_path):
    with Store.open(tmp_path / "s.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        version = store.conn.execute("SELECT version FROM schema_version").fetchone()[0]
        assert version == store_module.latest_version()


def test_store_roundtrip_keeps_everything(store_db):
    with Store.open(store_db) as store:
        assert store.writes.save_articles([_article()]).added == 1
        (loaded,) = store.read.articles(with_raw=True)
        assert loaded.raw == b"raw bytes \xff"
        assert loaded.removed == (Removed("Leave a Reply", "comment-widget"),)
        assert loaded.published == Published("2014-01-13", "metadata", 0.95)
        (member,) = store.corpus.members(["a1"])
        expected = _article()
        for name in ("sentences", "entities", "clauses", "quotes", "figures", "published"):
            assert getattr(member, name) == getattr(expected, name), name
        assert store.read.annotated(loaded).quotes == expected.quotes


def test_store_saving_twice_adds_nothing(store_db):
    with Store.open(store_db) as store:
        store.writes.save_articles([_article()])
        assert store.writes.save_articles([_article()]).added == 0
        assert store.read.count_articles() == 1
        assert store.conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 2


def test_store_failed_batch_leaves_nothing_behind(store_db):
    bad = Article(id="a2", source="x", raw=b"", format="text", text=None)  # type: ignore[arg-type]
    with Store.open(store_db) as store:
        with pytest.raises(DATABASE_ERRORS):
            store.writes.save_articles([_article("a1"), bad])
        assert store.read.count_articles() == 0
        assert store.conn.execute("SELECT count(*) FROM sentences").fetchone()[0] == 0


def test_store_stories_saved_one_by_one_with_their_members(store_db):
    with Store.open(store_db) as store:
        writes, corpus = store.writes, store.corpus
        writes.save_articles([_article("a1"), _article("a2"), _article("a3")])
        writes.save_stories(
            [(Story("s1", "Talks", ("a1", "a2"), "2014-01-13", "2014-01-13"), "{}")]
        )
        actor = Actor("x", "Ana", "PERSON", ("Ana",), (), None, 1, ("a3",))
        writes.save_stories([(Story("s2", "Floods", ("a3",), actors=(actor,)), "{}")])
        writes.save_stories([(Story("s1", "Talks resume", ("a1", "a2")), '{"size": 2}')])
        stories = {s.id: s for s in store.read.stories()}
        assert stories["s1"].title == "Talks resume" and stories["s2"].actors == (actor,)
        assert {a.id: a.story for a in store.read.articles()} == {
            "a1": "s1",
            "a2": "s1",
            "a3": "s2",
        }
        assert corpus.story_profiles() == [("s1", '{"size": 2}'), ("s2", "{}")]
        assert corpus.stories_of(["a3", "a1", "nope"]) == {"a1": "s1", "a3": "s2"}
        assert corpus.members_of(["s1", "s2", "nope"]) == {"s1": ["a1", "a2"], "s2": ["a3"]}


def test_store_migration_path_upgrades_a_version_1_store(tmp_path):
    db = tmp_path / "old.db"
    base, _ = store_module._schema_files()
    conn = sqlite3.connect(db)
    conn.executescript(base)  # a store as the first release wrote it
    conn.close()
    with Store.open(db) as store:
        version = store.conn.execute("SELECT version FROM schema_version").fetchone()[0]
        assert version == store_module.latest_version() >= 2
        columns = [row[1] for row in store.conn.execute("PRAGMA table_info(removed)")]
        assert "at" in columns


def test_store_migration_path_applies_newer_scripts(tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    Store.open(db).close()
    base, migrations = store_module._schema_files()
    newer = store_module.latest_version() + 1
    migration = "ALTER TABLE articles ADD COLUMN word_count INTEGER;"
    monkeypatch.setattr(
        store_module, "_schema_files", lambda: (base, {**migrations, newer: migration})
    )
    with Store.open(db) as store:
        assert store.conn.execute("SELECT version FROM schema_version").fetchone()[0] == newer
        columns = [row[1] for row in store.conn.execute("PRAGMA table_info(articles)")]
        assert "word_count" in columns


def test_store_refuses_a_newer_schema(tmp_path):
    db = tmp_path / "s.db"
    Store.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this storyline knows"):
        Store.open(db)


def test_store_refuses_a_file_that_is_not_a_database(tmp_path):
    db = tmp_path / "s.db"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        Store.open(db)


def test_store_line_counts_count_each_new_article_once(store_db):
    with Store.open(store_db) as store:
        articles = [_article("a1"), _article("a2")]
        saved = store.writes.save_articles(articles, None, [{"h1"}, {"h1", "h2"}])
        assert saved.line_counts == {"h1": 2, "h2": 1}
        again = store.writes.save_articles([_article("a1")], None, [{"h1"}])
        assert (again.added, again.line_counts) == (0, {})
        assert store.corpus.line_counts(at_least=2) == {"h1": 2}


def test_store_postgres_schema_keeps_up_with_sqlite():
    """A SQLite migration needs its PostgreSQL counterpart (store/postgres/)."""
    import re
    from importlib import resources

    package = resources.files("storyline.store.postgres")
    schema = (package / "schema.sql").read_text(encoding="utf-8")
    version = int(re.search(r"INSERT INTO schema_version \(version\) VALUES \((\d+)\)", schema)[1])
    migrations = [
        int(entry.name.split("_")[0])
        for entry in (package / "migrations").iterdir()
        if entry.name.endswith(".sql")
    ]
    assert max([version, *migrations]) == store_module.latest_version()


def test_store_read_only_refuses_writes(tmp_path):
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.writes.save_articles([_article()])
    with Store.open(db, readonly=True) as store:
        assert store.read.count_articles() == 1
        with pytest.raises(StoreError, match="read-only"):
            store.writes.save_articles([_article("a2")])
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("DELETE FROM articles")


def test_store_corpus_reads_members_in_bulk(tmp_path):
    """Reading a story's members costs a few queries per chunk, not several per article."""
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.writes.save_articles([_article(f"a{i:04d}") for i in range(1200)])
        before = store.corpus.queries
        members = store.corpus.members(f"a{i:04d}" for i in range(1200))
        assert len(members) == 1200 and all(m.quotes for m in members)
        assert store.corpus.queries - before == 3 * 6  # 3 chunks of 500, 6 tables
