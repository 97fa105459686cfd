"""WARC input: HTML responses become articles, everything else in a crawl is passed over,
and a broken record is reported without losing the records before it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import storyline
from storyline.model import Problem, RawDocument
from storyline.options import Options
from storyline.pipeline.readers import read_inputs

PAGE = """<html><head><title>{title}</title><meta charset="utf-8"></head><body>
<nav>Home | World | Sport</nav>
<article><h1>{title}</h1>
<p>GENEVA, May 2 (Wire) - Negotiators from Marenia's government and the opposition met in
Geneva on Thursday for a {n}th round of talks on a prisoner exchange, the United Nations said.</p>
<p>The war has killed more than 50,000 people since 2021, according to monitors.</p>
</article><footer>© Example News</footer></body></html>"""


def _response(writer: WARCWriter, url: str, body: bytes, status: str = "200 OK",
              kind: str = "text/html; charset=utf-8") -> None:  # fmt: skip
    headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                       http_headers=headers)  # fmt: skip
    writer.write_record(record)


def write_warc(path: Path, pages: int = 3, gzip: bool = True) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        get = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        request = writer.create_warc_record("https://news.example.org/", "request", payload=get)
        writer.write_record(request)
        _response(writer, "https://news.example.org/logo.png", b"\x89PNG...", kind="image/png")
        _response(writer, "https://news.example.org/gone", b"<html>gone</html>", "404 Not Found")
        for n in range(pages):
            title = f"Marenia talks, round {n + 2}"
            body = PAGE.format(title=title, n=n + 2).encode("utf-8")
            _response(writer, f"https://news.example.org/2024/05/02/round-{n + 2}", body)
    return path


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_html_responses_become_articles(tmp_path: Path, gzip: bool) -> None:
    name = "crawl.warc.gz" if gzip else "crawl.warc"
    path = write_warc(tmp_path / name, pages=3, gzip=gzip)
    items = list(read_inputs([path], Options()))
    assert all(isinstance(item, RawDocument) for item in items)
    assert [item.url for item in items] == [
        f"https://news.example.org/2024/05/02/round-{n}" for n in (2, 3, 4)
    ]
    assert items[0].source.startswith(f"{name}#4 https://news.example.org/")
    assert items[0].format == "html" and "Marenia" in items[0].content


def test_warc_build_extracts_and_dates_from_the_url(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", pages=2)
    db = tmp_path / "warc.db"
    report = storyline.build([path], db=db)
    assert (report.built, report.problems) == (2, [])
    with storyline.load(db) as corpus:
        articles = corpus.dossier().data["articles"]
    assert all(a["published"]["date"] == "2024-05-02" for a in articles)
    assert all("Home | World" not in a["text"] for a in articles)
    assert storyline.build([path], db=db).built == 0  # re-running adds nothing


def test_warc_truncated_file_keeps_the_records_before(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "whole.warc.gz", pages=4).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) - 200])
    items = list(read_inputs([cut], Options()))
    documents = [i for i in items if isinstance(i, RawDocument)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(documents) == 3
    assert len(problems) == 1 and problems[0].source.startswith("cut.warc.gz#")


def test_warc_corrupt_record_is_reported(tmp_path: Path) -> None:
    whole = bytearray(write_warc(tmp_path / "whole.warc.gz", pages=4).read_bytes())
    middle = len(whole) // 2
    whole[middle : middle + 40] = b"\x00" * 40
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(bytes(whole))
    items = list(read_inputs([broken], Options()))
    assert any(isinstance(i, Problem) for i in items)
    assert any(isinstance(i, RawDocument) for i in items)


def test_warc_oversized_page_is_refused(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", pages=1, gzip=False)
    items = list(read_inputs([path], Options(max_article_bytes=100)))
    assert len(items) == 1 and isinstance(items[0], Problem)
    assert "too large" in items[0].reason


def test_warc_not_a_warc_is_a_clear_problem(tmp_path: Path) -> None:
    fake = tmp_path / "fake.warc.gz"
    fake.write_bytes(b"this is not a crawl")
    items = list(read_inputs([fake], Options()))
    assert len(items) == 1 and isinstance(items[0], Problem)


def test_warc_is_read_as_a_stream(tmp_path: Path) -> None:
    """Reading a 20 MB crawl holds one record at a time, not the file."""
    import tracemalloc

    path = tmp_path / "big.warc"
    filler = "<p>" + "Talks went on late into the night in Geneva. " * 40 + "</p>"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        for n in range(10_000):
            body = PAGE.format(title=f"Round {n}", n=n).replace("</article>", filler + "</article>")
            _response(writer, f"https://news.example.org/{n}", body.encode("utf-8"))
    assert path.stat().st_size > 20_000_000
    tracemalloc.start()
    count = sum(1 for _ in read_inputs([path], Options()))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 10_000
    assert peak < 2_000_000, f"peak {peak:,} bytes"
