"""An article's clean text as HTML with what was extracted from it marked: names, dates,
quotes and figures, and the removed pieces put back in place, greyed, with their reason.

Every piece of article text goes through `markupsafe.escape`; the only markup is ours.
Quotes are the outer layer (they hold names and figures); the other marks nest inside them
and never overlap each other, so the HTML is always well formed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from storyline.export.show import segments
from storyline.model import Article
from storyline.pipeline.nlp.quotes import resolve_speakers
from storyline.store.read import NAME_LABELS

OUTER_KINDS = frozenset({"quote"})


@dataclass(frozen=True, slots=True)
class Mark:
    start: int  # offsets in the clean text
    end: int
    kind: str  # entity | timex | quote | figure
    label: str  # a CSS-safe subclass: PERSON, DATE, killed, ...
    title: str  # shown on hover


def article_marks(article: Article) -> list[Mark]:
    """Marks for an annotated article (its stored entities, temporal expressions, quotes
    and figures loaded); a quote's speaker as the article alone tells it."""
    marks = [
        Mark(e.start, e.end, "entity", e.label, e.label)
        for e in article.entities
        if e.label in NAME_LABELS
    ]
    marks += [Mark(t.start, t.end, "timex", t.type, f"{t.type} {t.value}") for t in article.timexes]
    speakers = resolve_speakers(article.quotes)
    for quote, speaker in zip(article.quotes, speakers, strict=True):
        said = f"quote: {speaker}" if speaker else "quote (unattributed)"
        marks.append(Mark(quote.start, quote.end, "quote", "quote", said))
    for figure in article.figures:
        about = " ".join(
            part for part in (figure.qualifier, f"{figure.value:,.0f}", figure.metric) if part
        )
        marks.append(Mark(figure.start, figure.end, "figure", "figure", about))
    return marks


def layered(marks: Sequence[Mark]) -> tuple[list[Mark], list[Mark]]:
    """(outer, inner) marks, each layer without overlaps (earliest, then longest, wins);
    an inner mark that crosses an outer mark's edge is dropped."""
    outer = _no_overlaps([m for m in marks if m.kind in OUTER_KINDS])
    inner = [
        m
        for m in _no_overlaps([m for m in marks if m.kind not in OUTER_KINDS])
        if not any(o.start < m.end and m.start < o.end and not _inside(m, o) for o in outer)
    ]
    return outer, inner


def _inside(mark: Mark, outer: Mark) -> bool:
    return outer.start <= mark.start and mark.end <= outer.end


def _no_overlaps(marks: Sequence[Mark]) -> list[Mark]:
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if mark.end > mark.start and (not kept or mark.start >= kept[-1].end):
            kept.append(mark)
    return kept


def marked_html(text: str, base: int, marks: Sequence[Mark], anchors: Sequence[int] = ()) -> Markup:
    """`text` (which starts at offset `base` of the clean text) with the marks that fall in
    it as <mark> elements, clipped to it, and an empty anchor `c<offset>` at each offset in
    `anchors` (sentence starts, which the story page links to)."""
    end_of_text = base + len(text)
    outer, inner = layered(
        [
            Mark(max(m.start, base), min(m.end, end_of_text), m.kind, m.label, m.title)
            for m in marks
            if m.start < end_of_text and m.end > base
        ]
    )
    cuts = {base, end_of_text}
    for mark in (*outer, *inner):
        cuts.update((mark.start, mark.end))
    cuts.update(a for a in anchors if base <= a < end_of_text)
    opens_outer = {m.start: m for m in outer}
    opens_inner = {m.start: m for m in inner}
    closes_outer = {m.end for m in outer}
    closes_inner = {m.end for m in inner}
    anchor_set = set(anchors)
    out: list[str] = []
    ordered = sorted(cuts)
    for at, following in zip(ordered, [*ordered[1:], None], strict=True):
        if at in closes_inner:
            out.append("</mark>")
        if at in closes_outer:
            out.append("</mark>")
        if at in anchor_set and at < end_of_text:
            out.append(f'<a class="anchor" id="c{at}"></a>')
        for layer in (opens_outer, opens_inner):
            opened = layer.get(at)
            if opened is not None:
                out.append(_open(opened))
        if following is not None:
            out.append(str(escape(text[at - base : following - base])))
    return Markup("".join(out))


def _open(mark: Mark) -> str:
    return f'<mark class="{mark.kind} {escape(_css(mark.label))}" title="{escape(mark.title)}">'


def _css(label: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in label)


@dataclass(frozen=True, slots=True)
class Piece:
    html: Markup
    removed_reason: str | None  # None: clean text


def article_body(article: Article) -> list[Piece]:
    """The article as read: clean text with marks, removed pieces in place with reasons."""
    marks = article_marks(article)
    anchors = [s.start for s in article.sentences]
    pieces: list[Piece] = []
    cursor = 0
    for text, reason in segments(article):
        if reason is not None:
            pieces.append(Piece(escape(text), reason))
            continue
        pieces.append(Piece(marked_html(text, cursor, marks, anchors), None))
        cursor += len(text)
    return pieces
