"""PostgreSQL as the store: the same dossier as SQLite, concurrent builds that never
duplicate an article, search and pages over it. Needs a server (see conftest.py)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import psycopg
from fastapi.testclient import TestClient

import storyline
from storyline.web.app import create_app
from storyline.web.context import Settings


def _dossier(db: str | Path) -> str:
    with storyline.load(db) as corpus:
        return corpus.dossier().to_json()


def test_postgres_builds_the_same_dossier_as_sqlite(postgres_url, examples_dir, tmp_path):
    sqlite_db = tmp_path / "s.db"
    assert storyline.build([examples_dir], db=sqlite_db).problems == []
    report = storyline.build([examples_dir], db=postgres_url)
    assert (report.built, report.problems) == (8, [])
    assert "storyline:***@" in report.summary() and ":storyline@" not in report.summary()
    assert _dossier(postgres_url) == _dossier(sqlite_db)
    again = storyline.build([examples_dir], db=postgres_url)
    assert (again.built, again.unchanged) == (0, 8)


def test_postgres_seeds_match_sqlite(postgres_url, seeds_dir, tmp_path):
    sqlite_db = tmp_path / "s.db"
    storyline.build([seeds_dir], db=sqlite_db)
    storyline.build([seeds_dir], db=postgres_url)
    assert _dossier(postgres_url) == _dossier(sqlite_db)


def _build_in_process(inputs: list[str], db: str) -> None:
    storyline.build(inputs, db=db)


def test_postgres_concurrent_builds_store_each_article_once(postgres_url, examples_dir):
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_build_in_process, args=([str(examples_dir)], postgres_url))
        for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
        assert worker.exitcode == 0
    with psycopg.connect(postgres_url) as conn:
        articles = conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        members = conn.execute(
            "SELECT count(*), count(DISTINCT article_id) FROM story_articles"
        ).fetchone()
        sentences = conn.execute(
            "SELECT count(*) FROM (SELECT article_id, seq FROM sentences "
            "GROUP BY article_id, seq HAVING count(*) > 1) repeated"
        ).fetchone()[0]
    assert articles == (8, 8)
    assert members == (8, 8)
    assert sentences == 0


def test_postgres_serves_pages_and_search(postgres_url, examples_dir):
    storyline.build([examples_dir], db=postgres_url)
    client = TestClient(create_app(Settings(db=postgres_url)))
    assert client.get("/healthz").json()["articles"] == 8
    hits = client.get("/api/search", params={"q": "Qadira bread"}).json()
    assert hits["total"] >= 1 and "\ue000" in hits["items"][0]["snippet"]
    assert client.get("/api/search", params={"q": "negotiat*"}).json()["total"] >= 1
    assert client.get("/api/search", params={"q": "' OR 1=1 --"}).status_code == 200
    story = client.get("/api/stories").json()["items"][0]
    page = client.get(f"/stories/{story['id']}")
    assert page.status_code == 200 and story["title"] in page.text
    assert client.get(f"/stories/{story['id']}").text == page.text
