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
