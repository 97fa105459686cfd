"""Cost of recomputing one large story: a store holding one generated story of `--size`
articles (benchmarks/corpus.py) gets one more article of that story, and the story stage
recomputes the whole story. Prints the stage's time, its read queries, and each story
step's time.

    python benchmarks/story_stage.py [--size 1000] [--db /tmp/story-stage.db]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import corpus

from storyline.build import build
from storyline.options import Options
from storyline.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "story-stage.db")
    args = parser.parse_args()
    records = list(corpus.generate(args.size + 1, per_story=args.size + 1))
    with tempfile.TemporaryDirectory() as folder:
        first, last = Path(folder) / "first.jsonl", Path(folder) / "last.jsonl"
        first.write_text("".join(json.dumps(r) + "\n" for r in records[:-1]), encoding="utf-8")
        last.write_text(json.dumps(records[-1]) + "\n", encoding="utf-8")
        base = args.db.with_suffix(".base.db")
        if not base.exists():
            build([first], db=base, options=Options(batch_size=256))
        work = Path(folder) / "work.db"
        shutil.copy(base, work)
        report = build([last], db=work)
    with Store.open(base) as store:
        sizes = sorted(len(s.articles) for s in store.read.stories())
    print(f"stories in the store: {len(sizes)}, largest {sizes[-1]} articles (+1 new)")
    print(
        f"story stage: {report.story_seconds:.2f} s, {report.story_queries} read queries, "
        f"{report.stories} story saved"
    )
    for name, stats in report.story_steps.items():
        print(f"  {name:<10} {stats.seconds:>7.3f} s  {stats.kept:>6} items")


if __name__ == "__main__":
    main()
