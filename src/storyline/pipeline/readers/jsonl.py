"""JSON Lines: one article per line, with `text` or `html` and optional metadata.

A broken line is reported as `file.jsonl#N` with the reason, and the other lines are read:
one bad record never costs the rest of the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from storyline.model import Problem, RawDocument, RawFormat
from storyline.options import Options

OPTIONAL_FIELDS = ("url", "title", "published", "site", "author")


def read_jsonl(path: Path, source: str, options: Options) -> Iterator[RawDocument | Problem]:
    seen_any = False
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            seen_any = True
            yield _parse_line(line, f"{source}#{number}", options)
    if not seen_any:
        yield Problem(source, "empty file")


def _parse_line(line: bytes, source: str, options: Options) -> RawDocument | Problem:
    if len(line) > options.max_jsonl_line_bytes:
        return Problem(
            source, f"line too long ({len(line)} bytes > {options.max_jsonl_line_bytes})"
        )
    raw = line.rstrip(b"\r\n")
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Problem(source, "line is not valid UTF-8")
    except json.JSONDecodeError as exc:
        return Problem(source, f"malformed JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(record, dict):
        return Problem(source, f"expected a JSON object, got {type(record).__name__}")
    return record_to_document(record, raw, source)


def record_to_document(record: dict, raw: bytes, source: str) -> RawDocument | Problem:
    """Validate one JSON record and turn it into a RawDocument (or say what is wrong)."""
    html, text = record.get("html"), record.get("text")
    fmt: RawFormat = "html" if isinstance(html, str) and html.strip() else "text"
    body = html if fmt == "html" else text
    if not isinstance(body, str) or not body.strip():
        return Problem(source, "no non-empty 'text' or 'html' string field")
    meta: dict[str, str | None] = {}
    for name in OPTIONAL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return Problem(source, f"field '{name}' must be a string, got {type(value).__name__}")
        meta[name] = (value.strip() or None) if isinstance(value, str) else None
    return RawDocument(source=source, raw=raw, format=fmt, content=body, **meta)
