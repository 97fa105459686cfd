"""Parse stage: a `RawDocument` becomes an `Article` with text and metadata.

Plain text is taken as it is (its first line is the title when it looks like one). HTML goes
through trafilatura, the field's best-measured main-text extractor, with comments excluded
and precision favoured, and its metadata (title, date, author, site) is kept.
"""

from __future__ import annotations

from dataclasses import replace as _replace
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from storyline.model import Article, RawDocument, Removed
from storyline.options import Options

_MAX_TITLE_CHARS = 200


class ExtractionFailed(ValueError):
    """Raised when an HTML page yields no main text."""


def parse(doc: RawDocument, options: Options) -> Article:
    article = Article(
        id=doc.id,
        source=doc.source,
        raw=doc.raw,
        format=doc.format,
        url=doc.url,
        title=doc.title,
        site=doc.site,
        author=doc.author,
        published_hint=doc.published,
    )
    if doc.format == "html":
        return _from_html(article, doc.content)
    return _from_text(article, doc.content)


def _from_text(article: Article, content: str) -> Article:
    # Without a given title, the title step picks one once boilerplate is out of the way.
    return _with_title(article, content, article.title)


def extract_html(content: str, url: str | None = None) -> tuple[str, Any]:
    """Main text of a page (blocks separated by a blank line) and trafilatura's metadata."""
    extracted = trafilatura.bare_extraction(
        content,
        url=url,
        include_comments=False,
        favor_precision=True,
        with_metadata=True,
    )
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise ExtractionFailed("no main text found in the HTML page")
    # trafilatura ends each block with one newline; a blank line between blocks keeps the
    # paragraph structure that later stages (boilerplate, quotes) rely on.
    return "\n\n".join(line for line in body.splitlines() if line.strip()), extracted


_BLOCKS = (
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "aside",
    "nav",
    "header",
    "footer",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "form",
    "label",
    "button",
    "option",
    "dt",
    "dd",
    "title",
)


def page_lines(content: str) -> list[str]:
    """The visible text of a page, one line per block element (scripts and styles out)."""
    try:
        root = lxml.html.fromstring(content)
    except (lxml.etree.ParserError, ValueError):
        return []
    for junk in root.xpath("//script|//style|//noscript|//template|//svg|//head/meta"):
        junk.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return [line for line in lines if line]


def left_out_of_page(content: str, text: str) -> list[Removed]:
    """What the page showed and the extractor left out, kept so that nothing is lost."""
    kept = {" ".join(line.split()) for line in text.splitlines()}
    pieces = [line for line in page_lines(content) if line not in kept]
    return [Removed("\n".join(pieces), "html-template")] if pieces else []


def _from_html(article: Article, content: str) -> Article:
    text, extracted = extract_html(content, article.url)
    return _with_title(
        _replace(
            article,
            site=article.site or extracted.sitename,
            author=article.author or extracted.author,
            url=article.url or extracted.url,
            language=article.language or extracted.language,
            published_hint=article.published_hint or extracted.date,
            removed=(*article.removed, *left_out_of_page(content, text)),
        ),
        text,
        article.title or extracted.title,
    )


def _with_title(article: Article, text: str, title: str | None) -> Article:
    """The clean text holds the title and the body: put the title first if the body lacks it."""
    title = " ".join(title.split()) if title else None
    if title and not _collapsed(text[: len(title) * 3]).startswith(title):
        text = f"{title}\n\n{text}"
    return _replace(article, title=title or None, text=text)


def assign_title(article: Article, options: Options) -> Article:
    """Title step: a plain-text article without a given title takes its first line when
    that line is shaped like a headline."""
    if article.title:
        return article
    return _replace(article, title=guess_title(article.text))


def guess_title(text: str) -> str | None:
    """The first non-empty line when it is shaped like a headline (short, not a sentence)."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if len(line) <= _MAX_TITLE_CHARS and not line.endswith((".", ",", ";", ":")):
            return line
        return None
    return None


def _collapsed(text: str) -> str:
    return " ".join(text.split())
