"""Readers: the only stage that splits input into articles.

`read_inputs` walks files and folders and yields one `RawDocument` per article, or a
`Problem` (source, reason, step "read") for anything that cannot be read. It never raises
for a bad file, so one broken file cannot stop a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from storyline.model import Problem, RawDocument
from storyline.options import Options
from storyline.pipeline.readers.files import InputTooLarge, source_name, walk
from storyline.pipeline.readers.html import read_html
from storyline.pipeline.readers.jsonl import read_jsonl
from storyline.pipeline.readers.text import read_text
from storyline.pipeline.readers.warc import read_warc

READ = "read"  # the step name of every problem a reader reports
Reader = Callable[[Path, str, Options], Iterator[RawDocument | Problem]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}


def reader_for(path: Path) -> Reader | None:
    double = "".join(path.suffixes[-2:]).lower()
    return READERS.get(double) or READERS.get(path.suffix.lower())


def read_inputs(
    inputs: Iterable[str | Path], options: Options, exclude: Iterable[Path] = ()
) -> Iterator[RawDocument | Problem]:
    """Read every article under `inputs`; files in `exclude` (the store itself) are passed over."""
    skip = {path.resolve() for path in exclude}
    for given in inputs:
        root = Path(given)
        if not root.exists():
            yield Problem(str(given), "no such file or folder", READ)
            continue
        for path in walk(root):
            if path.resolve() not in skip:
                yield from read_file(path, source_name(path, root), options)


def read_file(path: Path, source: str, options: Options) -> Iterator[RawDocument | Problem]:
    reader = reader_for(path)
    if reader is None:
        supported = ", ".join(sorted(READERS))
        yield Problem(
            source, f"unsupported file type '{path.suffix}' (supported: {supported})", READ
        )
        return
    try:
        for item in reader(path, source, options):
            yield replace(item, step=READ) if isinstance(item, Problem) else item
    except (OSError, InputTooLarge) as exc:
        yield Problem(source, _describe(exc), READ)


def _describe(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read: {exc.strerror}"
    return str(exc)
