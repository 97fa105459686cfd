"""Real coverage, scored by the shared scorer: `../shared/data/realnews/score.py` (not a copy
of it) on part-a and part-b, built as text only and with the pages' addresses.

For each way of building, the scorer writes the inputs (`score.py make`), Storyline builds
them into a fresh store and exports the dossier, and the scorer prints every measure against
its aim (`score.py score`). The figures are gated by eval/baseline.json ("realnews": per way
of building, minimums, and {"max": ...} for the measures where less is better).

    python eval/realnews.py [--parts part-a part-b] [--modes text url] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import gate

import storyline

REALNEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "realnews"
SCORER = REALNEWS / "score.py"
MODES = {"text": [], "url": ["--with-url"]}


def scored(mode: str, parts: list[Path], work: Path) -> tuple[dict, str]:
    """(measures, the scorer's own table) of one way of building."""
    dossier = built(mode, parts, work)
    run = [sys.executable, str(SCORER), "score", str(dossier), *map(str, parts)]
    table = subprocess.run(run, check=True, capture_output=True, text=True).stdout
    measures = json.loads(
        subprocess.run([*run, "--json"], check=True, capture_output=True, text=True).stdout
    )
    measures["period_wrong"] = period_wrong(json.loads(dossier.read_text()), parts)
    table += (
        f"  {'period_wrong':<16}{measures['period_wrong']:>7.3f}   (Storyline's own: "
        "month and year dates that miss the known day)\n"
    )
    return measures, table


def built(mode: str, parts: list[Path], work: Path) -> Path:
    """The dossier (JSON) of the parts' pages, built by one way of building (the scorer
    writes the inputs) into a fresh store."""
    inputs = work / f"inputs-{mode}"
    subprocess.run(
        [sys.executable, str(SCORER), "make", str(inputs), *map(str, parts), *MODES[mode]],
        check=True,
        capture_output=True,
    )
    db = work / f"{mode}.db"
    for suffix in ("", "-wal", "-shm"):  # a fresh store, even in a kept folder
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    report = storyline.build([inputs], db=db)
    for problem in report.problems:
        print(f"  {mode}: {problem.source} ({problem.step}): {problem.reason}", file=sys.stderr)
    dossier = work / f"{mode}.json"
    with storyline.load(db) as corpus:
        corpus.dossier().write(dossier, "json")
    return dossier


def period_wrong(dossier: dict, parts: list[Path]) -> float:
    """Share of the month- and year-precision publication dates (estimates from the story,
    month addresses) that do not hold the article's known day: the day its text states, else
    its address's day. The shared scorer checks day dates only; a wrong year is as wrong."""
    known: dict[str, str] = {}
    for part in parts:
        for line in (part / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("url_date") and len(row["url_date"]) == 10:
                known[row["id"]] = row["url_date"]
        for line in (part / "facts.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("pub_date_from_text"):
                known[row["id"]] = row["pub_date_from_text"]
    checked = wrong = 0
    for article in dossier.get("articles", []):
        stem = Path(str(article.get("source", "")).split("#")[0]).stem
        date = str((article.get("published") or {}).get("date") or "")
        if stem in known and 4 <= len(date) < 10:
            checked += 1
            wrong += not known[stem].startswith(date)
    return wrong / checked if checked else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", nargs="+", default=["part-a", "part-b"])
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    parser.add_argument("--keep", type=Path, help="keep the inputs, stores and dossiers here")
    args = parser.parse_args(argv)
    if not SCORER.is_file():
        print(f"skipped: no real-coverage data at {REALNEWS}")
        return 0
    parts = [REALNEWS / part for part in args.parts]
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for mode in args.modes:
            measures, table = scored(mode, parts, work)
            print(f"realnews {' + '.join(args.parts)}, built as {mode}:")
            print(table.rstrip())
            if args.parts == ["part-a", "part-b"]:
                present = {k: v for k, v in measures.items() if isinstance(v, int | float)}
                status |= gate.check("realnews", mode, present)
    return status


if __name__ == "__main__":
    sys.exit(main())
