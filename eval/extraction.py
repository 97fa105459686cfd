"""HTML main-text extraction on the ScrapingHub article-extraction benchmark.

Runs the benchmark's own metric on ../shared/data/article-extraction-benchmark (181 pages):
per page, word 4-gram shingles (tokens = `\\w+`) of the prediction and of the ground truth
are matched as multisets; precision and recall are computed per page and averaged over
pages; F1 comes from the averages. Prints Storyline (trafilatura, then our text-level
cleaning pass) next to trafilatura alone with the same settings. Exits non-zero when
Storyline falls below trafilatura or below eval/baseline.json.

    python eval/extraction.py [--data PATH] [--errors N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import gate
import trafilatura

from storyline.pipeline.clean.step import clean_text
from storyline.pipeline.normalize import normalize_text
from storyline.pipeline.parse import ExtractionFailed, extract_html
from storyline.pipeline.readers.html import decode_html

DEFAULT_DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark"
)


def shingles(text: str, n: int = 4) -> Counter:
    tokens = re.findall(r"\w+", text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_scores(truth: str, prediction: str) -> tuple[float, float]:
    gold, pred = shingles(truth), shingles(prediction)
    tp = sum((gold & pred).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    precision = tp / (tp + fp) if tp + fp else float(not gold)
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def trafilatura_alone(html: str) -> str:
    return trafilatura.extract(html, include_comments=False, favor_precision=True) or ""


def storyline_text(html: str) -> str:
    try:
        body, _meta = extract_html(html)
    except ExtractionFailed:
        return ""
    text, _removed = clean_text(normalize_text(body), extracted_html=True)
    return text


def evaluate(data: Path, system) -> tuple[dict[str, float], dict[str, tuple[float, float]]]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    per_page = {}
    started = time.perf_counter()
    for key, item in sorted(truth.items()):
        html = decode_html(gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()))
        per_page[key] = page_scores(item.get("articleBody", ""), system(html))
    seconds = time.perf_counter() - started
    precision = sum(p for p, _ in per_page.values()) / len(per_page)
    recall = sum(r for _, r in per_page.values()) / len(per_page)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "seconds": seconds}, per_page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--errors", type=int, default=0, help="show the N pages we lose most on")
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").is_file():
        print(f"benchmark data not found at {args.data}: skipped", file=sys.stderr)
        return 0
    ours, ours_pages = evaluate(args.data, storyline_text)
    alone, alone_pages = evaluate(args.data, trafilatura_alone)
    print(f"ScrapingHub article-extraction benchmark, {len(ours_pages)} pages")
    print(f"{'system':<34}{'precision':>10}{'recall':>8}{'F1':>7}{'seconds':>9}")
    for name, r in (("trafilatura 2.3.1 alone", alone), ("storyline (trafilatura + clean)", ours)):
        print(
            f"{name:<34}{r['precision']:>10.3f}{r['recall']:>8.3f}{r['f1']:>7.3f}"
            f"{r['seconds']:>9.1f}"
        )
    if args.errors:
        worst = sorted(ours_pages, key=lambda k: sum(ours_pages[k]) - sum(alone_pages[k]))
        for key in worst[: args.errors]:
            print(
                key[:12],
                "ours P/R {:.3f}/{:.3f}".format(*ours_pages[key]),
                "alone P/R {:.3f}/{:.3f}".format(*alone_pages[key]),
            )
    if ours["f1"] + 1e-9 < alone["f1"]:
        print("storyline is below trafilatura alone", file=sys.stderr)
        return 1
    return gate.check("extraction", None, ours)


if __name__ == "__main__":
    sys.exit(main())
