"""A store built before facts (or event clauses) were kept per article: the next build finds
them once, as a fresh build would have, and the story stage then needs no parse."""

import shutil
import sqlite3

import storyline
from storyline.options import Options
from storyline.store import Store
from storyline.upgrade import upgrade_store


def _rows(db, table: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall()
    finally:
        conn.close()


def test_upgrade_finds_the_facts_and_clauses_an_older_store_lacks(built_examples, tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(built_examples, db)
    facts, clauses = _rows(db, "article_facts"), _rows(db, "clauses")
    assert facts and clauses
    conn = sqlite3.connect(db)
    with conn:  # as an older version left it
        conn.execute("DELETE FROM article_facts")
        conn.execute("DELETE FROM clauses")
        conn.execute("UPDATE articles SET facts_kept = NULL, clauses_kept = NULL")
        conn.execute("INSERT INTO store_tasks (name) VALUES ('article_facts')")
    conn.close()
    with Store.open(db) as store:
        assert upgrade_store(store, Options()) == []
        assert not store.corpus.pending_task("article_facts")
    assert _rows(db, "article_facts") == facts
    # Clauses come from a parse of the candidate sentences on their own, which reads a few
    # arguments differently from the parse of the whole text.
    again = _rows(db, "clauses")
    same = {(a, s, d[:60]) for a, s, _, d in again} & {(a, s, d[:60]) for a, s, _, d in clauses}
    assert len(again) >= len(clauses) - 2 and len(same) >= len(clauses) - 4


def test_upgrade_runs_on_the_next_build(built_examples, tmp_path, examples_dir):
    db = tmp_path / "old.db"
    shutil.copy(built_examples, db)
    facts = _rows(db, "article_facts")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM article_facts")
        conn.execute("UPDATE articles SET facts_kept = NULL")
        conn.execute("INSERT INTO store_tasks (name) VALUES ('article_facts')")
    conn.close()
    report = storyline.build([examples_dir], db=db)
    assert (report.built, report.unchanged, report.problems) == (0, 8, [])
    assert _rows(db, "article_facts") == facts
