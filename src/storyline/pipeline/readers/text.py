"""Plain-text articles: one file, one article."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from storyline.model import Problem, RawDocument, RawFormat
from storyline.options import Options
from storyline.pipeline.readers.decode import NotText, decode_bytes
from storyline.pipeline.readers.files import read_limited


def read_text(path: Path, source: str, options: Options) -> Iterator[RawDocument | Problem]:
    yield read_one(path, source, options, "text", decode_bytes)


def read_one(
    path: Path,
    source: str,
    options: Options,
    fmt: RawFormat,
    decode: Callable[[bytes], str],
) -> RawDocument | Problem:
    """One file, one article: read within the size limit and decode, or say why not."""
    data = read_limited(path, options.max_article_bytes)
    try:
        content = decode(data)
    except NotText as exc:
        return Problem(source, str(exc))
    return RawDocument(source=source, raw=data, format=fmt, content=content)
