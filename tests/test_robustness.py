"""Hostile input in bulk, builds killed mid-way, Ctrl-C: nothing is lost, nothing doubled.

- 10,000 generated bad files built in one run: no crash, each reported once with its path
  and reason, every good file built.
- 20 builds of one store killed with SIGKILL at random moments: after each, the store passes
  `PRAGMA integrity_check` and holds only whole articles; a last build completes it, with
  each article exactly once.
- Ctrl-C (SIGINT) stops a build with exit status 130 and a summary; the store stays whole.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

import storyline
from storyline.options import Options

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus as generated  # the benchmarks' corpus generator

GOOD = (
    "Marenia talks resume in Oslo, day {n}\n\n"
    "OSLO, March {day} (Wire) - Negotiators from Marenia's government and the opposition met "
    "in Oslo on Monday for round {n} of talks on a prisoner exchange, Norway said.\n\n"
    "The war has killed more than {toll},000 people since 2021, monitors said."
)


def _bad_file(folder: Path, n: int) -> Path:
    """One of ten kinds of bad input, in turn."""
    kind = n % 10
    name = f"bad-{n:05d}"
    if kind == 0:
        path, data = folder / f"{name}.txt", b"\x00\x01\x02binary\xff" * 20
    elif kind == 1:
        path, data = folder / f"{name}.txt", b""
    elif kind == 2:
        path, data = folder / f"{name}.txt", b" \n\t\n  "
    elif kind == 3:
        path, data = folder / f"{name}.jsonl", b'{"text": "unterminated'
    elif kind == 4:
        path, data = folder / f"{name}.jsonl", json.dumps({"text": 42, "title": []}).encode()
    elif kind == 5:
        path, data = folder / f"{name}.pdf", b"%PDF-1.4 not an article"
    elif kind == 6:
        path, data = folder / f"{name}.txt", ("Talks went on. " * 3000).encode()  # over limit
    elif kind == 7:
        path, data = folder / f"{name}.warc.gz", gzip.compress(b"WARC/1.0\r\nWARC-Type: resp")[:30]
    elif kind == 8:
        path, data = folder / f"{name}.jsonl", b"[1, 2, 3]"
    else:
        path, data = folder / f"{name}.html", b"\xff\xfe\x00<\x00h\x00t" + os.urandom(64)
    path.write_bytes(data)
    return path


def test_robustness_ten_thousand_bad_files_in_one_build(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    bad = [_bad_file(inputs, n) for n in range(10_000)]
    for n in range(10):
        text = GOOD.format(n=n, day=10 + n, toll=40 + n)
        (inputs / f"good-{n}.txt").write_text(text, encoding="utf-8")
    report = storyline.build(
        [inputs], db=tmp_path / "s.db", options=Options(max_article_bytes=20_000)
    )
    assert report.built == 10
    sources = [problem.source for problem in report.problems]
    assert len(sources) == len(set(sources)) == 10_000
    assert {source.split("#")[0] for source in sources} == {path.name for path in bad}
    assert all(problem.reason for problem in report.problems)
    reasons = {problem.reason.split(" (")[0].split(":")[0] for problem in report.problems}
    assert len(reasons) >= 6  # each kind says what is wrong with it


def _store_is_whole(db: Path) -> int:
    """Integrity and the all-or-nothing article: every stored article has its sentences,
    signature, LSH bands and clauses. Returns the number of articles."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        half = conn.execute(
            "SELECT count(*) FROM articles a WHERE "
            "NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id) "
            "OR NOT EXISTS (SELECT 1 FROM minhashes m WHERE m.article_id = a.id) "
            "OR (SELECT count(*) FROM lsh_bands b WHERE b.article_id = a.id) != 32 "
            "OR a.clauses_kept IS NOT 1"
        ).fetchone()[0]
        assert half == 0, f"{half} half-written articles"
        return articles
    finally:
        conn.close()


def _build_command(inputs: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "storyline.cli", "build", str(inputs), "--db", str(db)]


@pytest.fixture(scope="module")
def crash_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "articles.jsonl"
    return generated.write_jsonl(path, 60, per_story=20)


def test_robustness_sigkill_at_random_moments_loses_and_doubles_nothing(tmp_path, crash_corpus):
    db = tmp_path / "s.db"
    rng = random.Random(20261123)
    command = [*_build_command(crash_corpus, db), "--batch-size", "4", "-q"]
    counts = []
    for _ in range(20):
        build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 5.0))
        build.send_signal(signal.SIGKILL)
        build.wait()
        counts.append(_store_is_whole(db) if db.exists() else 0)
    assert counts == sorted(counts)  # what was committed stays committed
    assert counts[-1] > 0, "no run got far enough to commit: kill later"
    final = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    assert _store_is_whole(db) == 60
    conn = sqlite3.connect(db)
    members = conn.execute("SELECT count(*), count(DISTINCT article_id) FROM story_articles")
    assert members.fetchone() == (60, 60)
    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert "0 articles built, 60 skipped" in again.stderr


def _stored(db: Path) -> int:
    try:
        with closing(sqlite3.connect(db, timeout=1)) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _interrupted_build(articles: Path, db: Path) -> subprocess.Popen | None:
    """A build sent SIGINT once it has stored a few articles; None if it finished before
    the interrupt could land (a timing miss, not a failure)."""
    build = subprocess.Popen(
        [*_build_command(articles, db), "--batch-size", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while _stored(db) < 4 and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.05)
    if build.poll() is not None:
        build.communicate()
        return None
    build.send_signal(signal.SIGINT)
    return build


def test_robustness_ctrl_c_stops_cleanly_with_a_summary(tmp_path):
    articles = generated.write_jsonl(tmp_path / "articles.jsonl", 400, per_story=50)
    for attempt in range(3):  # a fresh store each time the interrupt came too late
        db = tmp_path / f"s{attempt}.db"
        build = _interrupted_build(articles, db)
        if build is not None:
            break
    assert build is not None, "the build always finished before it could be interrupted"
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    stored = _store_is_whole(db)
    assert 4 <= stored < 400
    resumed = subprocess.run(
        [*_build_command(articles, db), "-q"], capture_output=True, text=True, timeout=900
    )
    assert resumed.returncode == 0
    assert f"{400 - stored} articles built, {stored} skipped" in resumed.stderr
    assert _store_is_whole(db) == 400
