"""Cost of temporal tagging next to spaCy's own time on the same texts.

Target (issue 4): tagging costs less than 25% of spaCy's time. Texts: the TempEval-3 TBAQ
documents when ../shared is present, else the examples.

    python benchmarks/timex.py
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from storyline.options import Options
from storyline.pipeline.nlp.annotate import load_model
from storyline.pipeline.nlp.timex import tag

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))


def texts() -> list[str]:
    data = ROOT.parent / "shared" / "data" / "tempeval3" / "tbaq"
    if data.is_dir():
        from tempeval3 import read_tml  # type: ignore[import-not-found]

        return [read_tml(path).text for path in sorted(data.rglob("*.tml"))]
    return [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "corpus").glob("*.txt"))
    ]


def main() -> None:
    corpus = texts()
    nlp = load_model(Options().spacy_model)
    started = time.perf_counter()
    for _ in nlp.pipe(corpus, batch_size=64):
        pass
    spacy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for text in corpus:
        tag(text, dt.date(2013, 3, 22))
    tag_seconds = time.perf_counter() - started
    chars = sum(map(len, corpus))
    print(f"{len(corpus)} texts, {chars / 1e6:.2f} M characters")
    print(f"spaCy nlp.pipe   {spacy_seconds:7.2f} s")
    print(f"timex tagging    {tag_seconds:7.2f} s  = {tag_seconds / spacy_seconds:.1%} of spaCy")


if __name__ == "__main__":
    main()
