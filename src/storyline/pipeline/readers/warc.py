"""WARC and WARC.gz files (web crawls such as Common Crawl's news crawl): each HTTP
response record holding an HTML page is one article. Read as a stream with `warcio`, one
record at a time, so memory does not grow with the file.

A record that cannot be read (a truncated download, a corrupt gzip member) is reported with
its position; the records before it are kept. A gzip stream cannot be re-synchronized after
corruption, so reading that file stops there, and the report says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from storyline.model import Problem, RawDocument
from storyline.options import Options
from storyline.pipeline.readers.decode import NotText
from storyline.pipeline.readers.html import decode_html

HTML_TYPES = ("text/html", "application/xhtml+xml")
RECORD_TYPES = {
    "warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion",
    "continuation",
}  # fmt: skip


def read_warc(path: Path, source: str, options: Options) -> Iterator[RawDocument | Problem]:
    """Every HTML page of the file; a file with none is itself reported, so that no input
    ever vanishes without a word."""
    given = 0
    for item in _records(path, source, options):
        given += 1
        yield item
    if given == 0:
        yield Problem(source, "no HTML page (HTTP 200 text/html response) in this WARC file")


def _records(path: Path, source: str, options: Options) -> Iterator[RawDocument | Problem]:
    index = 0
    with path.open("rb") as stream:
        records = iter(ArchiveIterator(stream))
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except Exception as exc:  # warcio and zlib raise many kinds on broken input
                reason = f"{type(exc).__name__}: {exc}"[:200]
                yield Problem(
                    f"{source}#{index + 1}",
                    f"unreadable WARC record ({reason}); the rest of this file is skipped",
                )
                return
            index += 1
            if not _well_formed(record):
                yield Problem(f"{source}#{index}", "not a WARC record (no record id or type)")
                continue
            try:
                item = _document(record, f"{source}#{index}", options)
            except Exception as exc:
                item = Problem(f"{source}#{index}", f"unreadable WARC record: {exc}")
            if item is not None:
                yield item


def _well_formed(record) -> bool:
    """Every WARC record has an id and a known type; warcio reads anything leniently (as an
    old ARC file, say), so a file that is no crawl shows up here."""
    return (
        record.format == "warc"
        and record.rec_type in RECORD_TYPES
        and bool(record.rec_headers.get_header("WARC-Record-ID"))
    )


def _document(record, source: str, options: Options) -> RawDocument | Problem | None:
    """The article in one record; None for records that are not HTML pages (requests,
    metadata, images, redirects), which a crawl is full of and nobody needs listed."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if status != "200" or kind not in HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    named = f"{source} {url}" if url else source
    payload = record.content_stream().read(options.max_article_bytes + 1)
    if len(payload) > options.max_article_bytes:
        return Problem(named, f"page too large (> limit {options.max_article_bytes} bytes)")
    missing = getattr(record.raw_stream, "limit", 0)  # bytes the record declared, not read
    if missing:
        return Problem(named, f"truncated record ({missing} bytes missing)")
    if not payload.strip():
        return Problem(named, "empty page")
    try:
        content = decode_html(payload)
    except NotText as exc:
        return Problem(named, str(exc))
    return RawDocument(source=named, raw=payload, format="html", content=content, url=url)
