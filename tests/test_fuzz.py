"""Property-based tests (hypothesis) of everything that reads outside input: whatever the
bytes, a reader yields articles or problems with a reason and never raises; the text
parsers (dates, numbers, quotes, boilerplate) never raise and only report spans that exist.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.model import Article, Problem, RawDocument, Sentence
from storyline.options import Options
from storyline.pipeline.clean.step import clean_text
from storyline.pipeline.dating import date_article
from storyline.pipeline.nlp.figures import find_figures
from storyline.pipeline.nlp.quotes import find_quotes
from storyline.pipeline.nlp.timex import tag
from storyline.pipeline.normalize import normalize
from storyline.pipeline.parse import parse
from storyline.pipeline.readers import READERS, read_file
from storyline.pipeline.readers.decode import NotText, decode_bytes

FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SUFFIXES = sorted(READERS)

# Text that looks like news: words, numbers, dates, quotes, markup and control characters.
news_words = st.sampled_from(
    [
        "Kerry",
        "said",
        "Monday",
        "12",
        "March",
        "2014",
        "killed",
        "80,000",
        "more",
        "than",
        "“We",
        "will”",
        '"',
        "'",
        "(",
        ")",
        "-",
        "—",
        "\n\n",
        "Geneva",
        "talks",
        "1,200",
        "1.2",
        "million",
        "about",
        "next",
        "week",
        "last",
        "year",
        "<b>",
        "</p>",
        "&",
        "\x00",
        "\u200b",
        "€",
        "5%",
    ]
)
news_text = st.lists(st.one_of(news_words, st.text(max_size=12)), max_size=80).map(" ".join)
hostile_bytes = st.one_of(
    st.binary(max_size=4000),
    news_text.map(lambda t: t.encode("utf-8")),
    news_text.map(lambda t: t.encode("utf-16")),
    news_text.map(lambda t: t.encode("cp1252", errors="ignore")),
    news_text.map(lambda t: t.encode("utf-8").decode("latin-1").encode("utf-8")),  # mojibake
)


def _outcome(items: list) -> None:
    assert items, "a file gives at least one article or one problem"
    for item in items:
        assert isinstance(item, RawDocument | Problem)
        if isinstance(item, Problem):
            assert item.source and item.reason


@FAST
@given(data=hostile_bytes, suffix=st.sampled_from(SUFFIXES))
def test_fuzz_any_bytes_under_any_file_type_give_articles_or_problems(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    _outcome(list(read_file(path, path.name, Options(max_article_bytes=100_000))))


@FAST
@given(data=hostile_bytes)
def test_fuzz_decoding_returns_text_or_says_why(data):
    try:
        text = decode_bytes(data)
    except NotText as exc:
        assert str(exc)
    else:
        assert isinstance(text, str)


@FAST
@given(
    depth=st.integers(0, 3000),
    attribute=st.integers(0, 200_000),
    cut=st.floats(0, 1),
    body=news_text,
)
def test_fuzz_html_deep_huge_or_truncated_parses(depth, attribute, cut, body):
    page = (
        f"<html><head><title>{body[:40]}</title></head><body>"
        + "<div>" * depth
        + f'<p class="{"x" * attribute}">{body}</p>'
        + "</div>" * depth
        + "</body></html>"
    )
    page = page[: int(len(page) * cut)] if cut < 0.9 else page
    document = RawDocument("p.html", page.encode(), "html", page)
    try:
        article = parse(document, Options())
    except ValueError as exc:  # a parse failure is reported for that page only
        assert str(exc)
    else:
        assert isinstance(article.text, str)


@FAST
@given(
    lines=st.lists(
        st.one_of(
            st.binary(max_size=200),
            st.dictionaries(st.text(max_size=8), st.one_of(st.none(), st.integers(), news_text))
            .map(json.dumps)
            .map(str.encode),
            st.builds(lambda t: json.dumps({"text": t, "title": 5}).encode(), news_text),
            st.just(b'{"text": "' + b"x" * 3000 + b'"}'),
        ),
        max_size=30,
    )
)
def test_fuzz_jsonl_lines_each_give_an_article_or_a_problem(tmp_path, lines):
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines))
    items = list(read_file(path, "f.jsonl", Options(max_jsonl_line_bytes=2000)))
    for item in items:
        assert isinstance(item, RawDocument | Problem)


@FAST
@given(cut=st.integers(0, 4000), flip=st.integers(0, 4000), gz=st.booleans())
def test_fuzz_warc_truncated_or_corrupted_gives_articles_or_problems(tmp_path, cut, flip, gz):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for n in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = f"<html><body><p>Talks round {n} went on in Geneva.</p></body></html>".encode()
        record = writer.create_warc_record(
            f"https://x.org/{n}", "response", payload=io.BytesIO(page), http_headers=headers
        )
        writer.write_record(record)
    data = bytearray(buffer.getvalue()[: max(1, len(buffer.getvalue()) - cut)])
    if flip < len(data):
        data[flip] ^= 0xFF
    path = tmp_path / ("c.warc.gz" if gz else "c.warc")
    path.write_bytes(bytes(data))
    _outcome(list(read_file(path, path.name, Options())))


def _sentences(text: str) -> tuple[Sentence, ...]:
    found, start = [], 0
    for part in text.split("\n"):
        if part.strip():
            found.append(Sentence(start, start + len(part), part))
        start += len(part) + 1
    return tuple(found)


@FAST
@given(text=news_text, dct=st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
def test_fuzz_temporal_tagger_reports_real_spans(text, dct):
    for found in tag(text, dct):
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start : found.end] == found.text
        assert found.type in {"DATE", "TIME", "DURATION", "SET"} and found.value


@FAST
@given(text=news_text)
def test_fuzz_figures_and_quotes_report_real_spans(text):
    sentences = _sentences(text)
    for figure in find_figures(text, sentences, ()):
        assert text[figure.start : figure.end] == figure.text
        assert figure.value >= 0
    for quote in find_quotes(text, sentences, ()):
        assert 0 <= quote.start <= quote.end <= len(text)


@FAST
@given(text=news_text, hint=st.one_of(st.none(), news_text), url=st.one_of(st.none(), news_text))
def test_fuzz_dating_and_cleaning_never_fail(text, hint, url):
    article = Article(
        id="x", source="x", raw=b"", format="text", text=text, url=url, published_hint=hint
    )
    dated = date_article(normalize(article, Options()), Options())
    if dated.published:
        assert dated.published.date[:4].isdigit()
    cleaned, removed = clean_text(text)
    assert len(cleaned) <= len(text) + 1 and all(piece.reason for piece in removed)


def test_fuzz_readers_cover_every_registered_type():
    assert {".txt", ".html", ".jsonl", ".warc", ".warc.gz"} <= set(SUFFIXES)
    assert Path("x.warc.gz").suffixes[-2:] == [".warc", ".gz"]
