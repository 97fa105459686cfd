"""HTML pages: one file, one article. Extraction itself happens in the parse stage."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from storyline.model import Problem, RawDocument
from storyline.options import Options
from storyline.pipeline.readers.decode import decode_bytes
from storyline.pipeline.readers.text import read_one

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode_html(data: bytes) -> str:
    """Decode a page, trusting its declared charset when it is not UTF-8 and decodes cleanly."""
    charset = declared_charset(data)
    if charset and charset not in {"utf-8", "ascii"} and not data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_bytes(data)


def read_html(path: Path, source: str, options: Options) -> Iterator[RawDocument | Problem]:
    item = read_one(path, source, options, "html", decode_html)
    if isinstance(item, RawDocument) and "<" not in item.content:
        item = Problem(source, "no HTML markup in an .html file")
    yield item
