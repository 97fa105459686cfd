"""TempEval-3 temporal expression evaluation (task A: extents, types and values).

Reads TimeML files (`.tml`) from ../shared/data/tempeval3: the text inside <TEXT>, the gold
TIMEX3 extents with their type and value, and the document creation time (DCT). Runs the
Storyline tagger on the plain text against the DCT and prints, as TempEval-3 reports them:
strict and relaxed extent precision/recall/F1, type and value accuracy over relaxed
matches, and value F1 = relaxed F1 x value accuracy. Develop on `tbaq`; report on
`platinum` (do not tune on it).

    python eval/tempeval3.py [--set platinum|tbaq] [--errors N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import gate

from storyline.pipeline.nlp.timex import Timex, tag

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3"
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Document:
    name: str
    dct: dt.date
    text: str
    gold: list[Timex]


def read_tml(path: Path) -> Document:
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r'<DCT>.*?value="(\d{4}-\d{2}-\d{2})', raw, re.S)
    dct = dt.date.fromisoformat(dct_match.group(1)) if dct_match else dt.date.today()
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    text_parts: list[str] = []
    gold: list[Timex] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    cursor = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[cursor : m.start()])
        text_parts.append(chunk)
        length += len(chunk)
        cursor = m.end()
        closing, name, attrs = m.group(1) == "/", m.group(2), dict(_ATTR.findall(m.group(3)))
        if name == "TIMEX3" and not closing:
            open_timex = (length, attrs)
        elif name == "TIMEX3" and closing and open_timex:
            start, attrs = open_timex
            gold.append(Timex(start, length, "", attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    text_parts.append(html.unescape(body[cursor:]))
    text = "".join(text_parts)
    gold = [Timex(g.start, g.end, text[g.start : g.end], g.type, g.value) for g in gold]
    return Document(path.name, dct, text, gold)


def score(docs: list[Document], predictions: list[list[Timex]]) -> dict[str, float]:
    n_gold = sum(len(d.gold) for d in docs)
    n_pred = sum(len(p) for p in predictions)
    strict = relaxed = type_ok = value_ok = 0
    for doc, predicted in zip(docs, predictions, strict=True):
        for g in doc.gold:
            exact = next((p for p in predicted if (p.start, p.end) == (g.start, g.end)), None)
            overlap = exact or next(
                (p for p in predicted if p.start < g.end and g.start < p.end), None
            )
            strict += exact is not None
            if overlap is not None:
                relaxed += 1
                type_ok += overlap.type == g.type
                value_ok += overlap.value == g.value

    def f1(hits: int) -> tuple[float, float, float]:
        p = hits / n_pred if n_pred else 0.0
        r = hits / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    sp, sr, sf = f1(strict)
    rp, rr, rf = f1(relaxed)
    type_acc = type_ok / relaxed if relaxed else 0.0
    value_acc = value_ok / relaxed if relaxed else 0.0
    return {
        "strict_p": sp, "strict_r": sr, "strict_f1": sf,
        "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
        "type_acc": type_acc, "value_acc": value_acc,
        "type_f1": rf * type_acc, "value_f1": rf * value_acc,
        "gold": n_gold, "predicted": n_pred,
    }  # fmt: skip


def show_errors(docs: list[Document], predictions: list[list[Timex]], limit: int) -> None:
    shown = 0
    for doc, predicted in zip(docs, predictions, strict=True):
        for g in doc.gold:
            p = next((p for p in predicted if p.start < g.end and g.start < p.end), None)
            if p is None or p.value != g.value or (p.start, p.end) != (g.start, g.end):
                got = f"{p.text!r} {p.type} {p.value}" if p else "MISSED"
                print(f"{doc.name} dct={doc.dct} gold {g.text!r} {g.type} {g.value} | got {got}")
                shown += 1
        gold_spans = [(g.start, g.end) for g in doc.gold]
        for p in predicted:
            if not any(p.start < e and s < p.end for s, e in gold_spans):
                print(f"{doc.name} SPURIOUS {p.text!r} {p.type} {p.value}")
                shown += 1
        if shown >= limit:
            return


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="platinum", choices=["platinum", "tbaq"])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    folder = args.data / args.set
    paths = sorted(folder.rglob("*.tml"))
    if not paths:
        print(f"TempEval-3 data not found in {folder}: skipped", file=sys.stderr)
        return 0
    docs = [read_tml(p) for p in paths]
    started = time.perf_counter()
    predictions = [tag(doc.text, doc.dct) for doc in docs]
    seconds = time.perf_counter() - started
    r = score(docs, predictions)
    print(
        f"TempEval-3 {args.set}: {len(docs)} documents, {r['gold']} gold TIMEX3, "
        f"{r['predicted']} predicted, tagging {seconds:.2f} s"
    )
    print(f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}")
    print(f"{'strict extent':<22}{r['strict_p']:>7.2%}{r['strict_r']:>7.2%}{r['strict_f1']:>7.2%}")
    print(
        f"{'relaxed extent':<22}{r['relaxed_p']:>7.2%}{r['relaxed_r']:>7.2%}{r['relaxed_f1']:>7.2%}"
    )
    print(f"type accuracy {r['type_acc']:.2%}  type F1 {r['type_f1']:.2%}")
    print(f"value accuracy {r['value_acc']:.2%}  value F1 {r['value_f1']:.2%}")
    if args.errors:
        show_errors(docs, predictions, args.errors)
    return gate.check("tempeval3", args.set, r)


if __name__ == "__main__":
    sys.exit(main())
