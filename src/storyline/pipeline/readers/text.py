"""Plain-text articles: one file, one article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from storyline.model import Problem, RawDocument
from storyline.options import Options
from storyline.pipeline.readers.decode import NotText, decode_bytes
from storyline.pipeline.readers.files import read_limited


def read_text(path: Path, source: str, options: Options) -> Iterator[RawDocument | Problem]:
    data = read_limited(path, options.max_article_bytes)
    try:
        content = decode_bytes(data)
    except NotText as exc:
        yield Problem(source, str(exc))
        return
    yield RawDocument(source=source, raw=data, format="text", content=content)
