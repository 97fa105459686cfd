"""An article as read, with the pieces left out of its clean text put back in place."""

from __future__ import annotations

from storyline.model import Article

Segment = tuple[str, str | None]  # (text, removal reason or None for clean text)


def segments(article: Article) -> list[Segment]:
    """The clean text cut at the places where removed pieces stood, each piece in place.

    Pieces without a position (what the HTML extractor left out of the page) come last.
    """
    placed = sorted(
        (piece for piece in article.removed if piece.at is not None),
        key=lambda piece: piece.at or 0,  # only placed pieces are here
    )
    out: list[Segment] = []
    cursor = 0
    for piece in placed:
        at = min(max(piece.at or 0, cursor), len(article.text))
        if at > cursor:
            out.append((article.text[cursor:at], None))
            cursor = at
        out.append((piece.text, piece.reason))
    if cursor < len(article.text):
        out.append((article.text[cursor:], None))
    out += [(piece.text, piece.reason) for piece in article.removed if piece.at is None]
    return out


def header(article: Article) -> list[str]:
    published = article.published
    date = f"{published.date} ({published.source})" if published else "undated"
    lines = [
        article.title or "(no title)",
        f"id {article.id} · source {article.source} · {date}",
    ]
    if article.duplicate_of:
        lines.append(f"near-duplicate of {article.duplicate_of}")
    return lines
