"""Digests of every export of the project's corpora, for changes that must not change the
dossier (a restructuring, a speed-up): run it before and after, and compare.

    python eval/digest.py --out before.json [--keep DIR]
    python eval/digest.py --compare before.json        # exit 1 when any export differs

Corpora: examples/corpus, and when ../shared is present the seeds and the real-coverage
excerpts (as text only and with their addresses, written by the shared scorer's `make`).
Each is built into a fresh store and exported as JSON, Markdown, TimelineJS and CSV tables.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REALNEWS = SHARED / "data" / "realnews"
STORYLINE = [sys.executable, "-m", "storyline.cli"]
# Builds must not depend on the order Python happens to iterate sets in: every build runs
# with a random hash seed, so an order-dependent result shows up as a difference.


def corpora(workdir: Path) -> dict[str, Path]:
    """The corpora there are, by name (the real-coverage inputs are written into workdir)."""
    found = {"examples": ROOT / "examples" / "corpus"}
    if (SHARED / "seeds").is_dir():
        found["seeds"] = SHARED / "seeds"
    if (REALNEWS / "score.py").is_file():
        parts = [str(REALNEWS / "part-a"), str(REALNEWS / "part-b")]
        for name, extra in (("realnews-text", []), ("realnews-url", ["--with-url"])):
            target = workdir / name
            subprocess.run(
                [sys.executable, str(REALNEWS / "score.py"), "make", str(target), *parts, *extra],
                check=True,
                capture_output=True,
            )
            found[name] = target
    return found


def exports(corpus: Path, workdir: Path) -> dict[str, Path]:
    """Build the corpus into a fresh store and export it in every format."""
    db = workdir / "storyline.db"
    for suffix in ("", "-wal", "-shm"):  # a fresh store, even in a kept folder
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    env = {**os.environ, "PYTHONHASHSEED": str(random.randrange(1, 2**32))}
    subprocess.run(
        [*STORYLINE, "build", str(corpus), "--db", str(db)],
        check=True,
        capture_output=True,
        env=env,
    )
    made = {}
    for fmt, name in (("json", "dossier.json"), ("md", "dossier.md"), ("timelinejs", "tl.json")):
        out = workdir / name
        subprocess.run(
            [*STORYLINE, "export", "--db", str(db), "--format", fmt, "--out", str(out)],
            check=True,
            capture_output=True,
        )
        made[fmt] = out
    tables = workdir / "tables"
    subprocess.run(
        [*STORYLINE, "export", "--db", str(db), "--format", "csv", "--out", str(tables)],
        check=True,
        capture_output=True,
    )
    for path in sorted(tables.iterdir()):
        made[f"csv/{path.name}"] = path
    return made


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write the digests here (JSON)")
    parser.add_argument("--compare", type=Path, help="digests to compare with (JSON)")
    parser.add_argument("--keep", type=Path, help="keep the exports in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        found: dict[str, dict[str, str]] = {}
        for name, corpus in corpora(work / "inputs").items():
            folder = work / name
            folder.mkdir(exist_ok=True)
            found[name] = {fmt: digest(p) for fmt, p in exports(corpus, folder).items()}
    if args.out:
        args.out.write_text(json.dumps(found, indent=2, sort_keys=True) + "\n")
    expected = json.loads(args.compare.read_text()) if args.compare else None
    differs = 0
    for name, digests in found.items():
        for fmt, value in digests.items():
            mark = ""
            if expected is not None:
                same = expected.get(name, {}).get(fmt) == value
                differs += not same
                mark = "  same" if same else "  DIFFERS"
            print(f"{name:14} {fmt:28} {value}{mark}")
    if expected is not None:
        missing = [(n, f) for n, d in expected.items() for f in d if f not in found.get(n, {})]
        for name, fmt in missing:
            print(f"{name:14} {fmt:28} missing")
        differs += len(missing)
        print("all exports identical" if not differs else f"{differs} exports differ")
    return 1 if differs else 0


if __name__ == "__main__":
    raise SystemExit(main())
