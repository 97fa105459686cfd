"""Whole-build throughput against spaCy alone, in one run on the same texts.

spaCy alone: `nlp.pipe` over the article texts with the same model, in one process (the
floor for any pipeline that parses every article). Whole build: `storyline build` of the
same articles into a fresh store — reading, extraction, cleaning, annotation, dating,
near-duplicates, storage and the story stage — with the local executor, then with
`processes` and `dask` at `--workers` workers. Prints seconds, articles per second and the
ratio to spaCy alone.

    python benchmarks/throughput.py [--articles 600] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import corpus
import spacy

from storyline.build import build
from storyline.options import Options
from storyline.pipeline.nlp.annotate import load_model


def spacy_alone(texts: list[str], model: str, batch_size: int) -> float:
    nlp = spacy.load(model)  # the model as shipped, without storyline's own component
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def whole_build(path: Path, options: Options) -> float:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        report = build([path], db=Path(folder) / "bench.db", options=options)
        seconds = time.perf_counter() - started
    assert not report.problems, report.problems[:3]
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    options = Options()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        path = corpus.write_jsonl(Path(folder) / "articles.jsonl", args.articles, per_story=50)
        texts = [json.loads(line)["text"] for line in path.read_text().splitlines()]
        print(f"{len(texts)} articles, {sum(map(len, texts)) / 1e6:.2f} M characters")
        load_model(options.spacy_model)  # loading is not what is measured
        alone = spacy_alone(texts, options.spacy_model, options.batch_size)
        rows = [("spaCy nlp.pipe alone, 1 process", alone)]
        rows.append(("whole build, local", whole_build(path, options)))
        for executor in ("processes", "dask"):
            parallel = Options(executor=executor, workers=args.workers)
            rows.append((f"whole build, {executor} x{args.workers}", whole_build(path, parallel)))
    print(f"\n{'run':<34} {'seconds':>8} {'articles/s':>11} {'÷ spaCy alone':>14}")
    for name, seconds in rows:
        print(f"{name:<34} {seconds:>8.1f} {len(texts) / seconds:>11.1f} {seconds / alone:>14.2f}")


if __name__ == "__main__":
    main()
