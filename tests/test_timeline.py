import json

from articles import text_article

from storyline.export.timelinejs import to_timelinejs
from storyline.model import Article, Sentence, Timex
from storyline.story.timeline import build_timeline


def _article(article_id: str, sentences: list[str], dates: list[tuple[int, str]], **kw) -> Article:
    text, spans, offset = "", [], 0
    for sentence in sentences:
        spans.append(Sentence(offset, offset + len(sentence), sentence))
        text += sentence + " "
        offset += len(sentence) + 1
    timexes = tuple(
        Timex(spans[i].start, spans[i].start + 4, "date", "DATE", v, i) for i, v in dates
    )
    return text_article(
        article_id,
        text,
        title=f"Title {article_id}",
        sentences=tuple(spans),
        timexes=timexes,
        **kw,
    )


def test_timeline_ranks_dates_by_sources_and_merges_them():
    a = _article(
        "a",
        ["Talks opened in Geneva on Jan 22.", "Fighting began on Jan 3."],
        [(0, "2014-01-22"), (1, "2014-01-03")],
    )
    b = _article("b", ["The Geneva talks opened on 22 January."], [(0, "2014-01-22")])
    c = _article(
        "c", ["A copy: talks opened in Geneva on Jan 22."], [(0, "2014-01-22")], duplicate_of="a"
    )
    timeline = build_timeline([a, b, c])
    assert [e.date for e in timeline] == ["2014-01-03", "2014-01-22"]
    geneva = timeline[1]
    assert {s.article for s in geneva.sources} == {"a", "b"}  # the copy is not a source


def test_timeline_skips_a_day_next_to_a_chosen_one():
    a = _article(
        "a",
        ["Talks opened on Jan 22.", "Talks went on Jan 23."],
        [(0, "2014-01-22"), (1, "2014-01-23")],
    )
    b = _article("b", ["Talks opened on Jan 22."], [(0, "2014-01-22")])
    assert [e.date for e in build_timeline([a, b])] == ["2014-01-22"]


def test_timelinejs_escapes_article_text():
    story = {
        "title": "<b>Talks</b>",
        "articles": ["a"],
        "timeline": [
            {
                "date": "2014-01-22",
                "headline": "<script>x</script>",
                "text": "<img src=x>",
                "sources": [{"article": "a", "text": "<i>s</i>"}],
            }
        ],
    }
    out = json.loads(to_timelinejs({"stories": [story]}))
    assert out["events"][0]["start_date"] == {"year": "2014", "month": "1", "day": "22"}
    rendered = json.dumps(out)
    assert "<script>" not in rendered and "<img" not in rendered and "&lt;i&gt;" in rendered
