import codecs
import json
from pathlib import Path

import pytest

from storyline.model import Problem, RawDocument
from storyline.options import Options
from storyline.pipeline.readers import read_inputs
from storyline.pipeline.readers.decode import NotText, decode_bytes
from storyline.pipeline.readers.html import decode_html
from storyline.pipeline.readers.jsonl import record_to_document

OPTIONS = Options()


def _read(*paths: Path) -> list[RawDocument | Problem]:
    return list(read_inputs(paths, OPTIONS))


def test_decode_utf8_with_and_without_bom():
    assert decode_bytes("Syria’s talks".encode()) == "Syria’s talks"
    assert decode_bytes(codecs.BOM_UTF8 + "Syria’s talks".encode()) == "Syria’s talks"


def test_decode_utf16_with_bom():
    assert decode_bytes("Genève talks".encode("utf-16")) == "Genève talks"


def test_decode_cp1252_fallback():
    assert decode_bytes("Genève said “no”".encode("cp1252")) == "Genève said “no”"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (NUL bytes)"),
        (bytes(range(1, 32)) * 20, "binary content (control characters)"),
    ],
)
def test_decode_refuses_non_text(data, reason):
    with pytest.raises(NotText, match=reason.split(" (")[0]):
        decode_bytes(data)


def test_decode_html_uses_declared_charset():
    page = '<html><head><meta charset="windows-1251"></head><body>Москва</body></html>'
    assert "Москва" in decode_html(page.encode("windows-1251"))


def test_readers_dispatch_and_report_bad_files(tmp_path):
    (tmp_path / "good.txt").write_text("Title\n\nBody of the article.", encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><body><p>Hi</p></body></html>", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    items = _read(tmp_path)
    docs = {item.source: item for item in items if isinstance(item, RawDocument)}
    problems = {item.source: item.reason for item in items if isinstance(item, Problem)}
    assert set(docs) == {"good.txt", "page.html"}
    assert docs["page.html"].format == "html"
    assert problems["empty.txt"] == "empty file"
    assert problems["photo.jpg"].startswith("unsupported file type '.jpg'")
    assert ".hidden.txt" not in problems


def test_readers_missing_input_is_a_problem(tmp_path):
    assert _read(tmp_path / "nope") == [
        Problem(str(tmp_path / "nope"), "no such file or folder", "read")
    ]


def test_readers_file_too_large(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 100, encoding="utf-8")
    items = list(read_inputs([big], Options(max_article_bytes=100)))
    assert isinstance(items[0], Problem)
    assert "file too large" in items[0].reason


def test_jsonl_reader_reports_each_bad_line_and_keeps_the_rest(tmp_path):
    lines = [
        json.dumps({"text": "First article.", "title": "One", "url": "https://x.org/a"}),
        "{broken json",
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": "Body", "published": 2014}),
        "",
        json.dumps({"html": "<p>Second article.</p>", "site": "Wire"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path)
    docs = [item for item in items if isinstance(item, RawDocument)]
    problems = {item.source: item.reason for item in items if isinstance(item, Problem)}
    assert [doc.source for doc in docs] == ["feed.jsonl#1", "feed.jsonl#7"]
    assert docs[0].title == "One" and docs[0].url == "https://x.org/a"
    assert docs[1].format == "html" and docs[1].site == "Wire"
    assert problems["feed.jsonl#2"].startswith("malformed JSON")
    assert problems["feed.jsonl#3"] == "expected a JSON object, got list"
    assert problems["feed.jsonl#4"] == "no non-empty 'text' or 'html' string field"
    assert problems["feed.jsonl#5"] == "field 'published' must be a string, got int"


def test_jsonl_record_raw_is_the_line_so_ids_are_stable():
    one = record_to_document({"text": "A"}, b'{"text": "A"}', "f#1")
    two = record_to_document({"text": "A"}, b'{"text": "A"}', "g#9")
    assert isinstance(one, RawDocument) and isinstance(two, RawDocument)
    assert one.id == two.id


def test_jsonl_empty_file(tmp_path):
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert _read(path) == [Problem("none.jsonl", "empty file", "read")]
