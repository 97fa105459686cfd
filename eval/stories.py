"""Story clustering on a labelled mixed corpus, scored with B-cubed precision/recall/F1.

The corpus is assembled from the project's own labelled sets: the facts dev set (4 stories,
24 articles), the dating dev set (4 stories, 36 articles) and the examples (1 story, 8
articles, one of them a syndicated copy), plus a syndicated copy made here of one article
of each of the 8 dev stories (another title, the last paragraph reworded away, another
site's footer), so 9 stories and 76 articles. Everything is built into one store, in one
build, and the stories Storyline finds are compared with the true ones.

    python eval/stories.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import gate

import storyline

ROOT = Path(__file__).resolve().parents[1]
SETS = [
    ROOT / "eval" / "data" / "facts" / "dev.jsonl",
    ROOT / "eval" / "data" / "dating" / "dev.jsonl",
]


def corpus() -> list[dict]:
    """Records with 'text', optional 'url', and the true 'story' label."""
    records = []
    for path in SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            records.append({"text": record["text"], "url": record.get("url") or None,
                            "story": f"{path.parent.name}-{record['story']}"})  # fmt: skip
    copies = {}
    for record in records:
        copies.setdefault(record["story"], record)
    for story, record in copies.items():
        title, _, body = record["text"].partition("\n\n")
        paragraphs = body.split("\n\n")
        copy = "\n\n".join([f"{title} - update", *paragraphs[:-1],
                            f"The post {title} appeared first on Syndicate Wire."])  # fmt: skip
        records.append({"text": copy, "url": None, "story": story})
    for path in sorted((ROOT / "examples" / "corpus").iterdir()):
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                item = json.loads(line)
                fields = {"text": item["text"], "url": item.get("url")}
                records.append({**fields, "published": item.get("published"), "story": "examples"})
        else:
            records.append({"file": path, "story": "examples"})
    return records


def bcubed(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for item, label in gold.items():
        by_gold[label].add(item)
    for item, label in predicted.items():
        by_pred[label].add(item)
    precision = recall = 0.0
    for item in gold:
        same_pred = by_pred[predicted[item]]
        same_gold = by_gold[gold[item]]
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    precision /= len(gold)
    recall /= len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def main() -> int:
    records = corpus()
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "mixed.jsonl"
        lines, files = [], []
        for record in records:
            if "file" in record:
                files.append(record)
            else:
                fields = {k: record[k] for k in ("text", "url", "published") if record.get(k)}
                lines.append(json.dumps(fields))
        feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
        db = Path(tmp) / "mixed.db"
        storyline.build([feed, *(r["file"] for r in files)], db=db)
        with storyline.load(db) as loaded:
            data = loaded.dossier().data
    line_records = [r for r in records if "file" not in r]
    gold, predicted = {}, {}
    for article in data["articles"]:
        source = article["source"]
        if "#" in source:
            record = line_records[int(source.rsplit("#", 1)[1]) - 1]
        else:
            record = next(r for r in files if r["file"].name == source)
        gold[article["id"]] = record["story"]
        predicted[article["id"]] = article["story"]
    p, r, f = bcubed(gold, predicted)
    groups = defaultdict(lambda: defaultdict(int))
    for item, label in predicted.items():
        groups[label][gold[item]] += 1
    for label, members in sorted(groups.items(), key=lambda kv: -sum(kv[1].values())):
        if len(members) > 1:
            print(f"found story {label} mixes: {dict(members)}")
    copies = sum(1 for a in data["articles"] if a["duplicate_of"])
    print(
        f"story clustering: {len(gold)} articles, {len(set(gold.values()))} true stories, "
        f"{len(set(predicted.values()))} found; {copies} linked as syndicated copies"
    )
    print(f"B-cubed precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    return gate.check("stories", None, {"precision": p, "recall": r, "f1": f})


if __name__ == "__main__":
    sys.exit(main())
