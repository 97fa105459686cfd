"""Article dating with the known dates hidden: metadata-free articles, dated from their URL,
dateline and story (eval/data/dating/dev.jsonl: text, url, gold date, story).

Each story is built into its own store (story clustering is a later stage) from its texts
and URLs only, and the publication date Storyline gives each article is compared with the
gold date. Prints coverage, accuracy at exact day, within 3 days and same month, over the
articles dated and over all, and the same by source. "No date" counts as a miss in the
"over all" line, never as a hit.

    python eval/dating.py
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import gate

import storyline

DATA = Path(__file__).parent / "data" / "dating" / "dev.jsonl"


def predict(records: list[dict]) -> dict[str, dict | None]:
    """Article id in the data -> the `published` object Storyline exports for it."""
    out: dict[str, dict | None] = {}
    by_story = defaultdict(list)
    for record in records:
        by_story[record["story"]].append(record)
    with tempfile.TemporaryDirectory() as tmp:
        for story, members in by_story.items():
            feed = Path(tmp) / f"{story}.jsonl"
            lines = [json.dumps({"text": r["text"], "url": r["url"] or None}) for r in members]
            feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
            db = Path(tmp) / f"{story}.db"
            storyline.build([feed], db=db)
            with storyline.load(db) as corpus:
                exported = corpus.dossier().data["articles"]
            by_line = {a["source"].rsplit("#", 1)[1]: a["published"] for a in exported}
            for number, record in enumerate(members, start=1):
                out[record["id"]] = by_line.get(str(number))
    return out


def score(records: list[dict], predicted: dict[str, dict | None]) -> dict[str, float]:
    """Coverage; among day-precision dates, exact and within 3 days; among all dates, the
    same month, and consistent (the gold day lies in the month or year given: a date at the
    precision known is right when it holds the true day)."""
    total = len(records)
    dated = days = exact = near = month = consistent = 0
    for record in records:
        published = predicted.get(record["id"])
        if not published:
            continue
        dated += 1
        gold = dt.date.fromisoformat(record["date"])
        guess = published["date"]
        if len(guess) == 10:
            days += 1
            gap = abs((dt.date.fromisoformat(guess) - gold).days)
            exact += gap == 0
            near += gap <= 3
        month += guess[:7] == record["date"][:7]
        consistent += record["date"].startswith(guess)
    return {
        "articles": total,
        "coverage": dated / total,
        "exact_of_dated": exact / days if days else 0.0,
        "near_of_dated": near / days if days else 0.0,
        "month_of_dated": month / dated if dated else 0.0,
        "consistent_of_dated": consistent / dated if dated else 0.0,
        "exact": exact / total,
        "near": near / total,
        "month": month / total,
        "day_dated": days / total,
    }


def main() -> int:
    if not DATA.is_file():
        print(f"no dating dev set at {DATA}", file=sys.stderr)
        return 1
    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    predicted = predict(records)
    r = score(records, predicted)
    coverage = f"coverage {r['coverage']:.1%}"
    print(f"article dating, {r['articles']} articles (gold dates hidden), {coverage}")
    print(f"{'':<16}{'exact day':>10}{'±3 days':>9}{'month':>8}{'holds it':>10}")
    dated = (r["exact_of_dated"], r["near_of_dated"], r["month_of_dated"])
    print(
        f"{'of dated':<16}{dated[0]:>10.1%}{dated[1]:>9.1%}{dated[2]:>8.1%}"
        f"{r['consistent_of_dated']:>10.1%}   (exact and ±3: of those dated to the day)"
    )
    print(f"{'of all':<16}{r['exact']:>10.1%}{r['near']:>9.1%}{r['month']:>8.1%}")
    by_source: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        published = predicted.get(record["id"])
        by_source[published["source"] if published else "(none)"].append(record)
    for source, members in sorted(by_source.items()):
        s = score(members, predicted)
        hits = (
            f"exact {s['exact']:.1%}, month {s['month']:.1%}, "
            f"holds the day {s['consistent_of_dated']:.1%}"
        )
        print(f"  {source:<12}{len(members):>4} articles, {hits}")
    return gate.check("dating", None, r)


if __name__ == "__main__":
    sys.exit(main())
