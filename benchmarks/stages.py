"""Time each per-article stage of a build on the same texts, as a share of the whole.

The cleaning target is that boilerplate removal adds less than 10% to build time; this
prints every step's seconds and share so that the cost of each stage is visible. Texts: the
labelled boilerplate sets, the examples and, when present, the seeds and the ScrapingHub
pages (HTML), each repeated `--repeat` times with a marker so that ids differ.

    python benchmarks/stages.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import platform
import time
from collections import defaultdict
from pathlib import Path

from storyline.model import RawDocument
from storyline.options import Options
from storyline.pipeline.clean.dedup import DuplicateIndex
from storyline.pipeline.nlp.annotate import load_model
from storyline.pipeline.parse import parse
from storyline.pipeline.readers import read_inputs
from storyline.pipeline.steps import STEPS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus(repeat: int) -> list[RawDocument]:
    docs: list[RawDocument] = []
    for folder in ("dev", "test"):
        for path in sorted((ROOT / "eval" / "data" / "boilerplate" / folder).glob("*.txt")):
            lines = [line.partition("\t")[2] for line in path.read_text().split("\n")]
            text = "\n".join(lines)
            docs.append(RawDocument(path.name, text.encode(), "text", text))
    inputs = [ROOT / "examples" / "corpus"]
    if (SHARED / "seeds").is_dir():
        inputs.append(SHARED / "seeds")
    docs += [d for d in read_inputs(inputs, Options()) if isinstance(d, RawDocument)]
    pages = SHARED / "data" / "article-extraction-benchmark" / "html"
    for path in sorted(pages.glob("*.html.gz"))[:60] if pages.is_dir() else []:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        docs.append(RawDocument(path.name, html.encode(), "html", html))
    return [
        RawDocument(f"{d.source}#{i}", d.raw + f"\n{i}".encode(), d.format, d.content)
        for i in range(repeat)
        for d in docs
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    options = Options()
    load_model(options.spacy_model)  # loading the model is not per-article work
    docs = corpus(args.repeat)
    seconds: dict[str, float] = defaultdict(float)
    started = time.perf_counter()
    articles = []
    for doc in docs:
        t = time.perf_counter()
        articles.append(parse(doc, options))
        seconds["parse (incl. trafilatura)"] += time.perf_counter() - t
    for step in STEPS:
        t = time.perf_counter()
        if step.batch:
            batches = [articles[i : i + options.batch_size] for i in range(0, len(articles), 64)]
            articles = [a for batch in batches for a in step.run(batch, options)]
        else:
            articles = [step.run(article, options) for article in articles]
        seconds[step.name] += time.perf_counter() - t
    t = time.perf_counter()
    DuplicateIndex().link(articles)
    seconds["near-duplicates"] += time.perf_counter() - t
    total = time.perf_counter() - started
    chars = sum(len(a.text) for a in articles)
    print(
        f"{len(docs)} articles, {chars / 1e6:.1f} M characters of clean text; "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    print(f"{'stage':<28}{'seconds':>9}{'share':>8}")
    for name, value in seconds.items():
        print(f"{name:<28}{value:>9.2f}{value / total:>8.1%}")
    print(f"{'total':<28}{total:>9.2f}")
    cleaning = seconds["clean"] + seconds["near-duplicates"]
    print(
        f"cleaning (clean + near-duplicates) adds {cleaning / (total - cleaning):.1%} "
        "to the rest of the build"
    )


if __name__ == "__main__":
    main()
