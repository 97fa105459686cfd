"""The accuracy gates of eval/ run with the tests: a change that drops a score below
eval/baseline.json fails CI, as trafilatura's evaluation gate does."""

import runpy
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1] / "eval"


def _run(script: str, *args: str) -> int:
    argv = sys.argv
    sys.argv = [script, *args]
    try:
        return runpy.run_path(str(EVAL / script), run_name="eval_script")["main"]()
    finally:
        sys.argv = argv


@pytest.mark.parametrize("split", ["dev", "test"])
def test_eval_boilerplate_meets_baseline(split, capsys):
    assert _run("boilerplate.py", "--split", split) == 0, capsys.readouterr().out


def test_eval_extraction_not_below_trafilatura(shared_dir, capsys):
    data = shared_dir / "data" / "article-extraction-benchmark"
    if not data.is_dir():
        pytest.skip(f"no ScrapingHub benchmark in {shared_dir}/data")
    assert _run("extraction.py", "--data", str(data)) == 0, capsys.readouterr().out


@pytest.mark.parametrize("subset", ["tbaq", "platinum"])
def test_eval_tempeval3_meets_baseline(shared_dir, subset, capsys):
    data = shared_dir / "data" / "tempeval3"
    if not (data / subset).is_dir():
        pytest.skip(f"no TempEval-3 {subset} in {shared_dir}/data")
    assert _run("tempeval3.py", "--set", subset, "--data", str(data)) == 0, capsys.readouterr().out


def test_eval_dating_meets_baseline(capsys):
    assert _run("dating.py") == 0, capsys.readouterr().out


def test_eval_facts_meets_baseline(capsys):
    assert _run("facts.py") == 0, capsys.readouterr().out


def test_eval_stories_meets_baseline(capsys):
    assert _run("stories.py") == 0, capsys.readouterr().out


def test_eval_events_meets_baseline(capsys):
    assert _run("events.py") == 0, capsys.readouterr().out


def test_eval_realnews_meets_baseline(shared_dir, capsys):
    if not (shared_dir / "data" / "realnews" / "score.py").is_file():
        pytest.skip(f"no real-coverage data in {shared_dir}/data")
    assert _run("realnews.py") == 0, capsys.readouterr().out


def test_eval_actors_meets_baseline(shared_dir, capsys):
    if not (shared_dir / "data" / "realnews" / "score.py").is_file():
        pytest.skip(f"no real-coverage data in {shared_dir}/data")
    assert _run("actors.py") == 0, capsys.readouterr().out
