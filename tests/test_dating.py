import pytest

from storyline.model import Article
from storyline.options import Options
from storyline.pipeline.dating import date_article, date_from_metadata, date_from_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2024-03-14", "2024-03-14"),
        ("2024-03-14T09:30:00Z", "2024-03-14"),
        ("March 14, 2024", "2024-03-14"),
        ("14 Jan 2014", "2014-01-14"),
        ("January 2014", "2014-01"),
        ("2014", "2014"),
        ("2024-02-30", None),
        ("yesterday-ish", None),
        ("", None),
        (None, None),
    ],
)
def test_dating_metadata_strings(given, expected):
    assert date_from_metadata(given) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.org/2024/03/15/shield-demands", ("2024-03-15", "url-day")),
        ("https://x.org/world/20140114-kerry", ("2014-01-14", "url-day")),
        ("https://x.org/a-2014-01-14.html", ("2014-01-14", "url-day")),
        ("https://x.org/2014/01/kerry", ("2014-01", "url-month")),
        ("https://x.org/story/1234567890123", None),
        ("https://2014.x.org/13/45/", None),
        (None, None),
    ],
)
def test_dating_url(url, expected):
    assert date_from_url(url) == expected


def _article(**fields) -> Article:
    return Article(id="a", source="s", raw=b"", format="text", text="t", **fields)


def test_dating_prefers_metadata_over_url():
    article = date_article(
        _article(published_hint="2024-03-14", url="https://x.org/2023/01/02/a"), Options()
    )
    assert article.published is not None
    assert (article.published.date, article.published.source) == ("2024-03-14", "metadata")


def test_dating_falls_back_to_url_and_leaves_undated_alone():
    dated = date_article(_article(url="https://x.org/2023/01/02/a"), Options())
    assert dated.published is not None and dated.published.source == "url"
    assert date_article(_article(), Options()).published is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\nJNN 14 Jan 2014 New York : U.S. Secretary of State John Kerry said", "2014-01-14"),
        ("GENEVA, March 10, 2024 (Wire) - Talks opened on Monday.", "2024-03-10"),
        ("OSLO, March 10 (Wire) - Talks opened.", None),  # no year: not a full date
        ("Kerry met Jarba in Paris on January 12, 2014, to discuss the talks.", None),
        ("MOSCOW (Wire News / Agency - 29th February, 2020) The two sides signed.", "2020-02-29"),
        ("KABUL, Afghanistan (Wire, March 3, 2020) Talks opened.", "2020-03-03"),
        ("Talks (held on March 3, 2020) opened in Kabul.", None),  # not a dateline's place
    ],
)
def test_dating_dateline(text, expected):
    from storyline.pipeline.dating import date_from_dateline

    assert date_from_dateline(text, "Title") == expected


def test_dating_dateline_comes_after_url():
    text = "GENEVA, March 10, 2024 (Wire) - Talks opened."
    dated = date_article(_article_with_text(text), Options())
    assert dated.published is not None
    assert (dated.published.date, dated.published.source) == ("2024-03-10", "dateline")


def _article_with_text(text: str) -> Article:
    return Article(id="a", source="s", raw=b"", format="text", text=text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("After the 2013 budget, talks on Thursday, Jan. 9 ended without a deal.", "2014-01"),
        ("In 2014 ministers met in Paris on Sunday, January 12.", "2014-01"),
        ("Talks on Thursday, Jan. 9 ended.", None),  # no year anywhere: no anchor
        ("After the 2013 budget, talks on Tuesday, Jan. 28 ended.", None),  # week crosses months
        ("After the 2013 budget, talks on Friday, Jan. 9 ended.", None),  # no year fits
    ],
)
def test_dating_text_weekday_and_date_line_up(text, expected):
    from storyline.pipeline.dating import date_from_text

    assert date_from_text(text) == expected
