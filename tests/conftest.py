"""Shared fixtures. Tests that need ../shared skip with a clear message when it is absent."""

from __future__ import annotations

import json
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
