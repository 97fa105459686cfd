"""The same build under every executor gives the same dossier: batches carry all they need
as data, and the corpus line counts are gathered per window, not per schedule."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import storyline
from storyline.executor import make_executor
from storyline.options import Options

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus as generated  # the benchmarks' corpus generator

EXECUTORS = ("local", "processes", "dask")


def _dossier(inputs: list[Path], db: Path, options: Options) -> str:
    report = storyline.build(inputs, db=db, options=options)
    assert report.problems == []
    with storyline.load(db) as built:
        return built.dossier().to_json()


@pytest.fixture(scope="module")
def larger_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 generated articles in 6 stories: several windows of several batches."""
    path = tmp_path_factory.mktemp("generated") / "articles.jsonl"
    return generated.write_jsonl(path, 120, per_story=20)


def test_executors_give_the_same_dossier_on_the_examples(tmp_path, examples_dir) -> None:
    dossiers = {
        name: _dossier(
            [examples_dir], tmp_path / f"{name}.db", Options(executor=name, batch_size=3)
        )
        for name in EXECUTORS
    }
    assert dossiers["processes"] == dossiers["local"]
    assert dossiers["dask"] == dossiers["local"]


def test_executors_give_the_same_dossier_on_the_seeds(tmp_path, seeds_dir) -> None:
    local = _dossier([seeds_dir], tmp_path / "local.db", Options(batch_size=2))
    dask = _dossier([seeds_dir], tmp_path / "dask.db", Options(executor="dask", batch_size=2))
    assert dask == local


def test_executors_give_the_same_dossier_on_a_larger_corpus(tmp_path, larger_corpus) -> None:
    options = {"batch_size": 8, "window_batches": 3}
    local = _dossier([larger_corpus], tmp_path / "local.db", Options(**options))
    processes = _dossier(
        [larger_corpus], tmp_path / "p.db", Options(executor="processes", workers=2, **options)
    )
    dask = _dossier(
        [larger_corpus], tmp_path / "d.db", Options(executor="dask", workers=2, **options)
    )
    assert processes == local
    assert dask == local
    assert local.count('"duplicate_of": null') > 60


def test_executor_unknown_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown executor"):
        make_executor(Options(executor="threads"))


def test_executor_results_come_back_in_input_order() -> None:
    executor = make_executor(Options(executor="processes", workers=2))
    try:
        assert list(executor.map(abs, [-3, 2, -1, 0])) == [3, 2, 1, 0]
    finally:
        executor.close()


def test_executors_dask_writes_shards_that_load_into_the_same_store(tmp_path, examples_dir):
    from storyline.build import load_shards
    from storyline.store.shards import shard_paths

    direct = _dossier([examples_dir], tmp_path / "direct.db", Options(batch_size=3))
    shards = tmp_path / "shards"
    report = storyline.build(
        [examples_dir],
        db=tmp_path / "unused.db",
        options=Options(executor="dask", batch_size=3),
        shards=shards,
    )
    assert report.built == 8 and len(shard_paths(shards)) == 3
    loaded = load_shards(shards, db=tmp_path / "loaded.db")
    assert (loaded.built, loaded.problems) == (8, [])
    with storyline.load(tmp_path / "loaded.db") as built:
        assert built.dossier().to_json() == direct
    again = load_shards(shards, db=tmp_path / "loaded.db")
    assert (again.built, again.unchanged) == (0, 8)
    (shards / "shard-000009.parquet").write_bytes(b"not parquet")
    damaged = load_shards(shards, db=tmp_path / "loaded.db")
    assert [p.source for p in damaged.problems] == ["shard-000009.parquet"]
