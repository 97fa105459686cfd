"""Story clustering at scale: B-cubed scores and speed on a store that `growth.py` built.

The generated corpus (benchmarks/corpus.py) knows each article's true story: the story
number in its URL (`https://bench.example.org/<year>/<story>/<index>`). Generated stories
that share a seed article tell the same events in the same words under other names, some
months apart: exactly the case where a clusterer that goes by words merges two stories.
This re-clusters the first `--articles` articles of the store from scratch (as one build
would, from their stored entities) and compares the stories found with the true ones.

    python benchmarks/clustering.py --db /tmp/growth.db [--articles 10000 30000]
"""

from __future__ import annotations

import argparse
import re
import time
from collections import defaultdict
from pathlib import Path

from storyline.store import Store
from storyline.story.cluster import Newcomer, assign

_STORY_IN_URL = re.compile(r"/\d{4}/(\d+)/\d+$")


def bcubed(found: dict[str, str], true: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against the true one."""
    by_found, by_true = defaultdict(set), defaultdict(set)
    for item in found:
        by_found[found[item]].add(item)
        by_true[true[item]].add(item)
    shared = {item: len(by_found[found[item]] & by_true[true[item]]) for item in found}
    precision = sum(shared[i] / len(by_found[found[i]]) for i in found) / len(found)
    recall = sum(shared[i] / len(by_true[true[i]]) for i in found) / len(found)
    return precision, recall, 2 * precision * recall / (precision + recall)


def newcomers(store: Store, count: int) -> tuple[list[Newcomer], dict[str, str]]:
    """The first `count` generated articles of the store, and their true stories."""
    rows = store.conn.execute("SELECT id FROM articles ORDER BY rowid LIMIT ?", (count,))
    ids = [row[0] for row in rows]
    found, true = [], {}
    for start in range(0, len(ids), 1000):
        for article in store.corpus.named(ids[start : start + 1000]):
            match = _STORY_IN_URL.search(article.url or "")
            if match:
                true[article.id] = match.group(1)
                found.append(Newcomer.of(article))
    return found, true


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a store growth.py built")
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000, 30_000])
    args = parser.parse_args()
    with Store.open(args.db) as store:
        header = ("articles", "true", "found", "B3 P", "B3 R", "F1", "ms/article")
        print(" ".join(f"{name:>10}" for name in header))
        for count in args.articles:
            articles, true = newcomers(store, count)
            began = time.perf_counter()
            found = assign(articles, [], {})
            seconds = time.perf_counter() - began
            precision, recall, f1 = bcubed(found, true)
            row = (
                f"{len(articles)}",
                f"{len(set(true.values()))}",
                f"{len(set(found.values()))}",
                *(f"{score:.3f}" for score in (precision, recall, f1)),
                f"{1000 * seconds / len(articles):.2f}",
            )
            print(" ".join(f"{cell:>10}" for cell in row))


if __name__ == "__main__":
    main()
