import json

from articles import text_article

from storyline.export.timelinejs import to_timelinejs
from storyline.model import Article, Published, Sentence, Timex
from storyline.story.timeline import build_timeline, timeline_size


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


def test_timeline_a_dated_article_tells_the_news_of_its_day_by_its_lead():
    day = Published("2018-11-25", "stamp", 0.9)
    a = _article("a", ["Leaders endorsed the withdrawal deal at a summit."], [], published=day)
    caption = "A leader waves on arrival in Brussels (AP Photo/Someone)"
    b = _article("b", [caption, "Leaders endorsed the deal."], [], published=day)
    timeline = build_timeline([a, b])
    assert [(e.date, e.text) for e in timeline] == [("2018-11-25", a.sentences[0].text)]
    assert [s.article for s in timeline[0].sources] == ["a"]  # not a photo's caption
    month = Published("2018-11", "story", 0.3)
    assert (
        build_timeline([_article("c", ["Leaders endorsed the deal."], [], published=month)]) == []
    )


def test_timeline_two_dates_of_one_sentence_each_get_an_entry_from_another():
    both = "Envoys meet today to sign the deal at a ceremony on Sunday."
    a = _article("a", [both], [(0, "2018-11-22"), (0, "2018-11-25")])
    b = _article("b", ["The ceremony on Sunday sealed the deal at last."], [(0, "2018-11-25")])
    c = _article("c", ["Only this one sentence tells of that day, then."], [(0, "2018-11-22")])
    timeline = build_timeline([a, b, c])
    assert [(e.date, e.text) for e in timeline][1] == ("2018-11-25", b.sentences[0].text)


def test_timeline_a_bare_year_needs_two_articles_and_a_stamp_is_no_mention():
    a = _article("a", ["The army has held the town in 2016 and after that."], [(0, "2016")])
    assert build_timeline([a]) == []
    b = _article("b", ["The army took the town back in 2016, as feared."], [(0, "2016")])
    assert [e.date for e in build_timeline([a, b])] == ["2016"]
    stamp = Timex(0, 10, "2016-05-04", "DATE", "2016-05-04", 0)
    text = "2016-05-04 The envoy arrived in the capital for more talks."
    c = text_article("c", text, sentences=(Sentence(0, len(text), text),), timexes=(stamp,))
    assert build_timeline([c]) == []


def test_timeline_grows_with_the_story():
    articles = [_article(str(i), ["Talks went on."], []) for i in range(30)]
    assert timeline_size(articles[:3], 12, 200) == 12
    assert timeline_size(articles, 12, 200) == 60
    assert timeline_size(articles, 12, 40) == 40


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
