"""Cost of a build as the corpus grows: seconds per new article and peak memory.

Grows one store by steps of `--step` generated articles (benchmarks/corpus.py: distinct
articles in stories of 100) up to `--max`, each step a separate `storyline build` in a fresh
process, as a user adding a day's crawl to a store would run it. For each step prints the
store size before it, seconds per new article, and the step's peak RSS. Flat figures mean a
new article costs the same whatever the size of the corpus.

    python benchmarks/growth.py [--step 1000] [--max 10000] [--db /tmp/growth.db]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import corpus

# Runs in the child: one build, then its own peak resident memory (VmHWM, in kB).
CHILD = """
import json, sys, time
from storyline.build import build
from storyline.options import Options
started = time.perf_counter()
report = build([sys.argv[1]], db=sys.argv[2], options=Options(batch_size=256))
seconds = time.perf_counter() - started
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"built": report.built, "seconds": seconds, "peak_kb": peak,
                  "problems": len(report.problems)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--step", type=int, default=1000)
    parser.add_argument("--max", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "growth.db")
    args = parser.parse_args()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores")
    records = list(corpus.generate(args.max, per_story=100))
    print(f"{'store before':>12} {'new':>6} {'s/article':>10} {'peak RSS MB':>12}")
    with tempfile.TemporaryDirectory() as folder:
        for start in range(0, args.max, args.step):
            step = Path(folder) / f"step-{start}.jsonl"
            with step.open("w", encoding="utf-8") as out:
                for record in records[start : start + args.step]:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            began = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-c", CHILD, str(step), str(args.db)],
                capture_output=True,
                text=True,
                check=True,
            )
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            wall = time.perf_counter() - began
            print(
                f"{start:>12} {figures['built']:>6} {figures['seconds'] / figures['built']:>10.3f} "
                f"{figures['peak_kb'] / 1024:>12.0f}   (wall {wall:.0f} s)",
                flush=True,
            )


if __name__ == "__main__":
    main()
