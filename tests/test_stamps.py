"""The page's own dates: stamps and bylines, kept or removed, and what is not the date."""

from __future__ import annotations

from articles import text_article

from storyline.model import Removed
from storyline.options import Options
from storyline.pipeline.dating import choose_date, date_article, latest_reported
from storyline.pipeline.stamps import page_dates


def _article(text: str, removed: tuple[Removed, ...] = (), url: str | None = None):
    return text_article("a", text, title=text.split("\n")[0], removed=removed, url=url)


def _date(text: str, removed: tuple[Removed, ...] = (), url: str | None = None):
    published = choose_date(_article(text, removed, url))
    return (published.date, published.source) if published else None


def test_stamps_labelled_dates_win_and_updated_only_without_published():
    text = "Talks resume in Oslo\nPublished 03.09.2016 10:02\nUpdated 04.09.2016 08:00\n\nBody."
    assert _date(text) == ("2016-09-03", "stamp")
    assert _date("Talks resume\nLast updated: 4 September 2016\n\nBody text.") == (
        "2016-09-04",
        "stamp",
    )
    assert _date("Talks resume\nPosted Oct 7, 2016 4:32 AM CDT\n\nBody.") == ("2016-10-07", "stamp")
    assert _date("date 2018-12-13 Talks resume in Oslo\n\nBody text here.") == (
        "2018-12-13",
        "stamp",
    )


def test_stamps_a_removed_stamp_still_dates_the_article():
    text = "Talks resume in Oslo\n\nThe envoy met both sides on Monday."
    stamp = Removed("12 March, 2019 | 3 min read", "timestamp", 21)
    assert _date(text, (stamp,)) == ("2019-03-12", "stamp")


def test_stamps_bylines_and_bare_stamp_lines():
    assert _date("Talks resume\nBy Ana Ruiz | The Daily Ledger | May 27, 2013\n\nBody.") == (
        "2013-05-27",
        "stamp",
    )
    assert _date("Talks resume\n2016-06-23 17:03:55\n\nBody of the article.") == (
        "2016-06-23",
        "stamp",
    )


def test_stamps_what_is_not_the_pages_date():
    caption = "Talks resume\nThe envoy greets delegates in Oslo, 26 September 2016\n\nBody."
    assert _date(caption) is None  # a caption is prose, not a stamp
    assert _date("Talks resume\nUpdated 2 years ago\n\nBody.") is None
    assert _date("Talks resume\nSearch date: 14-05-2019 Return to current date\n\nBody.") is None
    event = "Talks resume\n\nThe talks opened in Brussels on 23 June 2015, officials said."
    assert _date(event) is None  # an event in a sentence


def test_stamps_the_page_before_the_address_and_the_address_before_a_bare_stamp():
    url = "https://news.example.org/2016/09/05/talks"
    assert _date("Talks resume\nPublished 3 September 2016\n\nBody.", url=url)[1] == "stamp"
    assert _date("Talks resume\n4 September 2016\n\nBody text.", url=url) == ("2016-09-05", "url")


def test_stamps_a_year_less_stamp_is_a_hint_for_the_story():
    article = date_article(_article("Talks resume\nJul 6, 11:33 AM\n\nBody."), Options())
    assert article.published is None
    assert [h.value for h in article.date_hints] == ["XXXX-07-06"]
    assert [c.kind for c in page_dates(_article("Talks\nJul 6, 11:33 AM\n\nBody."))] == ["stamp"]


def test_stamps_latest_reported_skips_plans_and_captions():
    text = (
        "The deal was signed on June 23, 2016. Elections will take place on July 30, 2016.\n"
        "Delegates in Havana, June 25, 2016. Photo: AFP"
    )
    assert latest_reported(text) == "2016-06-23"


def test_stamps_a_label_glued_to_a_heading_with_its_time_and_zone():
    text = "Live: the day\n\n1. Leaders meet in Brusselspublished at 17:14 GMT 31 January 2020\n"
    assert _date(text + "\nBody.") == ("2020-01-31", "stamp")
    zone = "Live: the day\nPosted at 9:05 pm Greenwich Mean Time 3 February 2020\n\nBody."
    assert _date(zone) == ("2020-02-03", "stamp")


def test_stamps_prose_and_credits_are_not_labels():
    prose = "Talks resume\nThe report, published on 3 March 2016, was read out\n\nBody."
    assert _date(prose) is None  # a label in lower case after a space is a sentence's
    credit = " date 2017-03-29 © some photographer\n\nLondon. A letter was handed over."
    assert _date(credit) == ("2017-03-29", "stamp")  # the © starts the photo's credit
    assert _date("Talks resume\n© 2016-05-04 Daily Ledger\n\nBody.") is None
