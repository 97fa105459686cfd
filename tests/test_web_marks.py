"""Pure functions of the web layer: marked article text, chart labels, search terms."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from storyline.model import Article, Mention, Removed, Sentence, Timex
from storyline.options import Options
from storyline.pipeline.nlp.figures import find_article_figures
from storyline.store.read import MATCH_CLOSE, MATCH_OPEN, fts_query, source_label
from storyline.web.charts import actor_network, axis_date, figure_charts, label, timeline_chart
from storyline.web.ingest import (
    TokenError,
    bearer,
    configured_token,
    safe_upload_name,
    token_matches,
)
from storyline.web.marks import Mark, article_body, layered, marked_html
from storyline.web.pages import quotes_by_speaker, safe_href, snippet_html


class _Balance(HTMLParser):
    """Checks that every opened element closes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag != "br":
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def _balanced(html: str) -> bool:
    parser = _Balance()
    parser.feed(html)
    return parser.ok and not parser.stack


def test_web_marked_html_escapes_text_and_titles() -> None:
    text = 'He said <script>alert("x")</script> & left'
    marks = [Mark(8, 36, "entity", "PERSON", '"><img src=x onerror=alert(1)>')]
    html = marked_html(text, 0, marks)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&amp; left" in html
    assert _balanced(str(html))


def test_web_marks_nest_inside_quotes_and_never_cross() -> None:
    text = "“Kerry will meet Lavrov on Monday,” he said."
    marks = [
        Mark(1, 33, "quote", "quote", "quote"),
        Mark(1, 6, "entity", "PERSON", "PERSON"),
        Mark(17, 23, "entity", "PERSON", "PERSON"),
        Mark(27, 33, "timex", "DATE", "DATE 2014-01-13"),
        Mark(30, 40, "entity", "ORG", "crosses the quote's end"),
        Mark(2, 5, "entity", "ORG", "overlaps Kerry"),
    ]
    outer, inner = layered(marks)
    assert [m.kind for m in outer] == ["quote"]
    assert [(m.start, m.end) for m in inner] == [(1, 6), (17, 23), (27, 33)]
    html = str(marked_html(text, 0, marks))
    assert _balanced(html)
    assert html.count("<mark") == 4
    assert re.sub(r"<[^>]+>", "", html) == text


def test_web_marked_html_clips_marks_to_a_segment_and_places_anchors() -> None:
    text = "First sentence. Second one."
    marks = [Mark(10, 20, "entity", "ORG", "ORG")]
    html = str(marked_html(text[16:], 16, marks, anchors=[0, 16]))
    assert html.startswith('<a class="anchor" id="c16"></a><mark')
    assert re.sub(r"<[^>]+>", "", html) == "Second one."


def test_web_article_body_puts_removed_pieces_back_with_reasons() -> None:
    text = "Talks resumed in Oslo.\n\nThe war has killed 40,000 people."
    article = Article(
        id="a1",
        source="x.txt",
        raw=b"",
        format="text",
        text=text,
        removed=(
            Removed("Share this <b>now</b>", "share-widget", 24),
            Removed("Menu", "html-template"),
        ),
        sentences=(Sentence(0, 22, text[:22]), Sentence(24, len(text), text[24:])),
        entities=(Mention(17, 21, "Oslo", "GPE", 0),),
        timexes=(Timex(0, 0, "", "DATE", "2024", 0),),
    )
    article = find_article_figures(article, Options())
    body = article_body(article)
    assert [piece.removed_reason for piece in body] == [None, "share-widget", None, "html-template"]
    assert "&lt;b&gt;now" in body[1].html
    assert '<mark class="entity GPE"' in body[0].html
    assert '<mark class="figure figure"' in body[2].html and "40,000" in body[2].html


def test_web_snippet_marks_matches_and_escapes_the_rest() -> None:
    snippet = f"a <b>bold</b> {MATCH_OPEN}talk{MATCH_CLOSE} & more"
    assert str(snippet_html(snippet)) == "a &lt;b&gt;bold&lt;/b&gt; <mark>talk</mark> &amp; more"


def test_web_only_http_addresses_become_links() -> None:
    assert safe_href("https://example.org/a") == "https://example.org/a"
    for hostile in ("javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,x", None, ""):
        assert safe_href(hostile) is None


def test_web_fts_query_quotes_every_word() -> None:
    assert fts_query('Assad AND "Kerry" NEAR(x)') == '"Assad" "AND" "Kerry" "NEAR" "x"'
    assert fts_query("negotiat* talks") == '"negotiat"* "talks"'
    assert fts_query("' OR 1=1 --") == '"OR" "1" "1"'
    assert fts_query("—!?") is None


def test_web_source_label_prefers_site_then_host() -> None:
    assert source_label("Reuters", "https://www.x.org/a", "f.html") == "Reuters"
    assert source_label(None, "https://www.x.org/a", "f.html") == "x.org"
    assert source_label(None, None, "f.html") == "f.html"


def test_web_chart_labels_are_escaped_and_short() -> None:
    assert label("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert len(label("x" * 500)) == 160


def test_web_axis_dates_sit_at_the_start_of_their_period() -> None:
    assert axis_date("2014") == "2014-01-01"
    assert axis_date("2014-06") == "2014-06-01"
    assert axis_date("2014-01-22") == "2014-01-22"
    assert axis_date("2014-W03") == "2014-01-01"
    assert axis_date("PRESENT_REF") is None and axis_date(None) is None


def test_web_timeline_chart_points_carry_their_entry_index() -> None:
    timeline = [
        {"date": "2012-06", "headline": "<b>Geneva</b> communiqué", "sources": [{}, {}]},
        {"date": None, "headline": "undated", "sources": []},
        {"date": "2014-01-22", "headline": "Geneva II opens", "sources": [{}]},
    ]
    chart = timeline_chart(timeline)
    assert chart is not None
    trace = chart["data"][0]
    assert trace["customdata"] == [0, 2] and trace["y"] == [2, 1]
    assert "&lt;b&gt;Geneva" in trace["hovertext"][0]
    assert timeline_chart([]) is None


def test_web_figure_charts_flag_disagreements_and_use_article_dates() -> None:
    def figure(value: float, article: str, disagrees: bool = False, as_of: str | None = None):
        evidence = {"article": article, "text": "..."}
        return {"metric": "killed", "value": value, "disagrees": disagrees, "as_of": as_of,
                "evidence": evidence}  # fmt: skip

    figures = [figure(80_000, "a"), figure(130_000, "b"), figure(40, "c", True, "2014-01")]
    charts = figure_charts(figures, {"a": "2013-06-01", "b": "2014-01-10", "c": None})
    assert [chart["metric"] for chart in charts] == ["killed"]
    agreeing, disagreeing = charts[0]["figure"]["data"]
    assert agreeing["x"] == ["2013-06-01", "2014-01-10"]
    assert disagreeing["y"] == [40] and disagreeing["marker"]["color"] == "#c0392b"
    assert charts[0]["figure"]["layout"]["yaxis"]["type"] == "log"


def test_web_actor_network_links_actors_by_their_events() -> None:
    actors = [{"id": "k", "name": "Kerry"}, {"id": "a", "name": "<i>Assad</i>"}]
    events = [
        {"actor": "k", "target": "a", "action": "ACCUSE"},
        {"actor": "k", "target": "a", "action": "ACCUSE"},
        {"actor": "k", "target": None, "action": "CONSULT"},
    ]
    chart = actor_network(events, actors)
    assert chart is not None
    _edges, middles, nodes = chart["data"]
    assert middles["hovertext"] == ["Kerry → &lt;i&gt;Assad&lt;/i&gt;: ACCUSE ×2"]
    assert nodes["text"] == ["Kerry", "&lt;i&gt;Assad&lt;/i&gt;"]
    assert actor_network([events[2]], actors) is None


def test_web_quotes_group_by_speaker_unattributed_last() -> None:
    quotes = [
        {"speaker_name": None, "text": "a"},
        {"speaker_name": "Lavrov", "text": "b"},
        {"speaker_name": "Kerry", "text": "c"},
        {"speaker_name": "Kerry", "text": "d"},
    ]
    assert [speaker for speaker, _ in quotes_by_speaker(quotes)] == ["Kerry", "Lavrov", None]
    term = {"speaker_name": "Jarba", "text": "milestone", "kind": "term"}
    assert "Jarba" not in [speaker for speaker, _ in quotes_by_speaker([*quotes, term])]


def test_web_token_comes_from_a_file_or_the_environment(tmp_path) -> None:
    assert configured_token(environ={}) is None
    assert configured_token(environ={"STORYLINE_TOKEN": "  "}) is None
    assert configured_token(environ={"STORYLINE_TOKEN": "k" * 20}) == "k" * 20
    token_file = tmp_path / "token"
    token_file.write_text("f" * 32 + "\n")
    assert configured_token(token_file, environ={"STORYLINE_TOKEN": "k" * 20}) == "f" * 32
    with pytest.raises(TokenError, match="at least"):
        configured_token(environ={"STORYLINE_TOKEN": "short"})
    with pytest.raises(TokenError, match="cannot read"):
        configured_token(tmp_path / "missing")


def test_web_token_check_refuses_missing_and_wrong_tokens() -> None:
    assert token_matches("s" * 20, "s" * 20)
    assert not token_matches("s" * 19 + "t", "s" * 20)
    assert not token_matches(None, "s" * 20)
    assert not token_matches("", "")
    assert not token_matches("anything", None)
    assert bearer("Bearer abc ") == "abc" and bearer("bearer abc") == "abc"
    assert bearer("Basic abc") is None and bearer(None) is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("/abs/path/story.html", "story.html"),
        (".hidden.txt", "hidden.txt"),
        ("né ws;rm -rf.txt", "n_ws_rm_-rf.txt"),
        ("", "upload-3.txt"),
        (None, "upload-3.txt"),
        ("..", "upload-3.txt"),
    ],
)
def test_web_upload_names_stay_in_their_folder(given: str | None, expected: str) -> None:
    assert safe_upload_name(given, 3) == expected
