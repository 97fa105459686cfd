"""Line-level boilerplate evaluation on the labelled plain-text sets in eval/data/boilerplate.

Each file is one scraped article, one `LABEL<TAB>line` per line (`content` or a removal
reason). Prints, for Storyline and for baselines run on the same lines (jusText and
trafilatura on the text wrapped as HTML, one <p> per line): precision, recall and F1 of
boilerplate lines, and the share of content lines kept. Exits non-zero when Storyline falls
below the minimum scores in eval/baseline.json.

    python eval/boilerplate.py [--split dev|test|all] [--errors]
"""

from __future__ import annotations

import argparse
import html
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import gate

from storyline.pipeline.clean.boilerplate import classify, split_lines
from storyline.pipeline.normalize import normalize_text

DATA = Path(__file__).parent / "data" / "boilerplate"


def load(split: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(name, [(label, line), ...])]; blank lines have label ''."""
    folders = ["dev", "test"] if split == "all" else [split]
    docs = []
    for folder in folders:
        for path in sorted((DATA / folder).glob("*.txt")):
            rows = []
            for raw in path.read_text(encoding="utf-8").split("\n"):
                if not raw.strip():
                    rows.append(("", ""))
                    continue
                label, _, text = raw.partition("\t")
                rows.append((label.strip(), normalize_text(text)))
            docs.append((f"{folder}/{path.name}", rows))
    return docs


def storyline_predict(rows: list[tuple[str, str]]) -> list[bool]:
    """True = predicted boilerplate, one per non-blank row."""
    text = "\n".join(line for _, line in rows)
    lines = split_lines(text)
    reasons = classify(lines)
    return [reason is not None for reason in reasons]


def justext_predict(rows: list[tuple[str, str]]) -> list[bool]:
    import justext

    lines = [line for label, line in rows if label]
    page = "<html><body>" + "".join(f"<p>{html.escape(x)}</p>" for x in lines) + "</body></html>"
    paragraphs = justext.justext(page.encode(), justext.get_stoplist("English"))
    kept = Counter(p.text.strip() for p in paragraphs if not p.is_boilerplate)
    return _by_membership(lines, kept)


def trafilatura_predict(rows: list[tuple[str, str]]) -> list[bool]:
    import trafilatura

    lines = [line for label, line in rows if label]
    page = "<html><body><article>" + "".join(f"<p>{html.escape(x)}</p>" for x in lines)
    out = (
        trafilatura.extract(
            page + "</article></body></html>", include_comments=False, favor_precision=True
        )
        or ""
    )
    return _by_membership(lines, Counter(x.strip() for x in out.split("\n")))


def _by_membership(lines: list[str], kept: Counter) -> list[bool]:
    predicted = []
    for line in lines:
        if kept[line.strip()] > 0:
            kept[line.strip()] -= 1
            predicted.append(False)
        else:
            predicted.append(True)
    return predicted


def score(docs, predict) -> dict[str, float]:
    tp = fp = fn = content = content_kept = 0
    for _name, rows in docs:
        gold = [label != "content" for label, _ in rows if label]
        pred = predict(rows)
        assert len(gold) == len(pred), _name
        for g, p in zip(gold, pred, strict=True):
            tp += g and p
            fp += p and not g
            fn += g and not p
            content += not g
            content_kept += (not g) and (not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "content_kept": content_kept / content if content else 1.0,
        "lines": tp + fp + fn + content_kept,
    }


def recall_by_label(docs) -> dict[str, tuple[int, int]]:
    """For each gold label: lines Storyline classified the same way (content kept,
    boilerplate removed), and lines in all."""
    counts: dict[str, list[int]] = {}
    for _name, rows in docs:
        gold = [label for label, _ in rows if label]
        for label, removed in zip(gold, storyline_predict(rows), strict=True):
            entry = counts.setdefault(label, [0, 0])
            entry[0] += removed == (label != "content")
            entry[1] += 1
    return {label: (found, total) for label, (found, total) in counts.items()}


def show_errors(docs) -> None:
    for name, rows in docs:
        labelled = [(label, line) for label, line in rows if label]
        text = "\n".join(line for _, line in rows)
        reasons = classify(split_lines(text))
        for (label, line), reason in zip(labelled, reasons, strict=True):
            if (label == "content") != (reason is None):
                print(f"{name}: gold={label} got={reason}: {line[:110]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    parser.add_argument("--errors", action="store_true", help="print every misclassified line")
    args = parser.parse_args()
    docs = load(args.split)
    if not docs:
        print(f"no labelled files in {DATA}/{args.split}", file=sys.stderr)
        return 1
    print(f"{len(docs)} articles, split {args.split}")
    print(f"{'system':<14}{'bp precision':>13}{'bp recall':>11}{'bp F1':>8}{'content kept':>14}")
    results = {}
    for name, predict in (
        ("storyline", storyline_predict),
        ("jusText", justext_predict),
        ("trafilatura", trafilatura_predict),
    ):
        results[name] = r = score(docs, predict)
        print(
            f"{name:<14}{r['precision']:>13.3f}{r['recall']:>11.3f}{r['f1']:>8.3f}"
            f"{r['content_kept']:>14.3f}"
        )
    print()
    print("storyline recall by gold label:")
    for label, (found, total) in sorted(recall_by_label(docs).items()):
        print(f"  {label:<20}{found:>4}/{total:<4}{found / total:>7.2f}")
    if args.errors:
        show_errors(docs)
    return gate.check("boilerplate", args.split, results["storyline"])


if __name__ == "__main__":
    sys.exit(main())
