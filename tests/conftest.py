"""Shared fixtures. Tests that need ../shared skip with a clear message when it is absent."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
SHARED = ROOT.parent / "shared"
SCHEMA = Path(__file__).parent / "data" / "dossier.schema.json"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}: seeds and benchmark data unavailable")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    seeds = shared_dir / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"no seeds folder in {shared_dir}")
    return seeds


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def built_examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from examples/corpus, shared by read-only tests."""
    import storyline

    db = tmp_path_factory.mktemp("examples") / "examples.db"
    report = storyline.build([EXAMPLES], db=db)
    assert report.problems == []
    return db


# An article whose every field carries script and HTML payloads: the web tests check that
# each page shows them as text and that nothing of them runs.
XSS_PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
HOSTILE_ARTICLE = {
    "url": "javascript:window.__pwned=3",
    "title": f"Marenia talks {XSS_PAYLOAD} resume in Oslo",
    "site": 'Evil"><svg onload="window.__pwned=4">',
    "published": "2024-03-21",
    "text": (
        "OSLO, March 21 (Wire) - Marenia's government and the Marenian National Council "
        f"resumed talks in Oslo on Thursday {XSS_PAYLOAD}, Norway's foreign ministry said. "
        "The war has killed more than 47,000 people, the United Nations said.\n\n"
        f"“We will not leave Oslo without a deal {XSS_PAYLOAD},” said Kari Solberg-Vik, "
        "Norway's foreign minister. Dalia Haddad accused the government of stalling."
    ),
}


@pytest.fixture(scope="session")
def web_db(built_examples: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples store plus one hostile article, for the web tests (read-only)."""
    import shutil

    import storyline

    folder = tmp_path_factory.mktemp("web")
    db = folder / "web.db"
    shutil.copy(built_examples, db)
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_ARTICLE) + "\n", encoding="utf-8")
    report = storyline.build([hostile], db=db)
    assert report.built == 1 and report.problems == []
    return db


# PostgreSQL for the store tests that run against both databases: an address of a database
# whose user may create databases (each test gets a fresh one). CI starts a server and sets
# it (scripts/postgres-for-tests); without it those tests skip, unless
# STORYLINE_REQUIRE_POSTGRES=1 makes that a failure.
POSTGRES_VARIABLE = "STORYLINE_TEST_POSTGRES"


@pytest.fixture(scope="session")
def postgres_admin() -> str:
    import os

    url = os.environ.get(POSTGRES_VARIABLE)
    required = os.environ.get("STORYLINE_REQUIRE_POSTGRES") == "1"
    if not url:
        if required:
            pytest.fail(f"{POSTGRES_VARIABLE} is not set but PostgreSQL tests are required")
        pytest.skip(f"PostgreSQL tests need {POSTGRES_VARIABLE} (see scripts/postgres-for-tests)")
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=5).close()
    except Exception as exc:
        if required:
            pytest.fail(f"PostgreSQL at {POSTGRES_VARIABLE} is unreachable: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    return url


@pytest.fixture()
def postgres_url(postgres_admin: str):
    """A fresh, empty database for one test, dropped afterwards."""
    import uuid

    import psycopg

    name = f"storyline_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_admin, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = postgres_admin.rpartition("/")
    yield f"{base}/{name}"
    # FORCE cannot end a server process of another role (an autovacuum worker that has just
    # started on the new database): it is gone within moments, so try again briefly.
    for attempt in range(10):
        try:
            with psycopg.connect(postgres_admin, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectInUse):
            if attempt == 9:
                raise
            time.sleep(0.5)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new store address: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres_url")
