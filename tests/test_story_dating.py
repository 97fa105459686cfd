import datetime as dt
from dataclasses import replace

from articles import text_article

from storyline.model import Article, Published
from storyline.pipeline.dating import date_hints, dateline_month_day
from storyline.story.dating import date_by_neighbours, date_by_story, year_for


def _article(article_id: str, text: str, date: str | None = None) -> Article:
    """An article as the date step leaves it: dated, or with its date hints."""
    published = Published(date, "metadata", 0.95) if date else None
    article = text_article(article_id, text, title=text.split("\n")[0], published=published)
    return article if published else replace(article, date_hints=date_hints(article))


def test_story_dating_year_less_dateline_takes_the_story_year():
    articles = [
        _article("a", "Talks end\n\nOSLO (Wire) - Talks ended.", "2014-01-16"),
        _article("b", "Talks open\n\nOSLO, Jan. 12 (Wire) - Talks opened on Sunday."),
        _article("c", "Talks go on\n\nGENEVA (Wire) - Talks went on."),
    ]
    found = date_by_story(articles)
    assert found == {"b": Published("2014-01-12", "story", 0.6)}


def test_story_dating_refuses_a_date_far_from_the_story():
    dates = [dt.date(2014, 1, 16)]
    assert year_for(12, 30, dates) == dt.date(2013, 12, 30)  # across the new year
    assert year_for(6, 1, dates) is None  # months away from every dated article


def test_story_dating_needs_a_dated_article():
    assert date_by_story([_article("b", "T\n\nOSLO, Jan. 12 (Wire) - Talks.")]) == {}


def test_dating_year_less_dateline_shapes():
    assert dateline_month_day("T\n\nNAIROBI, Kenya (AP) April 12 — Floods.", "T") == (4, 12)
    assert dateline_month_day("T\n\nA caption.\nBEIRUT, Feb. 29 (Reuters) - War.", "T") == (2, 29)
    assert dateline_month_day("T\n\nTalks resumed on March 10 (the second round) - x", "T") is None
    assert dateline_month_day("T\n\nGENEVA, March 10, 2024 (Wire) - x", "T") is None  # has a year


def test_story_dating_a_weekday_in_the_lead_picks_among_near_years():
    dates = [dt.date(2017, 5, 15), dt.date(2018, 7, 10)]  # a story back every summer
    assert year_for(6, 19, dates) == dt.date(2018, 6, 19)  # the nearer, with no weekday
    assert year_for(6, 19, dates, weekdays=frozenset({0})) == dt.date(2017, 6, 19)  # a Monday
    assert year_for(6, 19, dates[1:], weekdays=frozenset({0})) == dt.date(2018, 6, 19)


_ROUND_ONE = "Envoys reach a truce in Oslo harbour after long night of haggling over prisoners"
_ROUND_TWO = "Envoys reach a truce in Oslo harbour after long night of haggling over borders"


def _neighbours(lead: str) -> dict[str, Published]:
    articles = [
        _article("a", f"T\n\n{_ROUND_TWO}. They met on Thursday.", "2019-06-20"),
        _article("b", f"T\n\n{_ROUND_TWO}. They met on Thursday.", "2019-06-20"),
        _article("c", f"T\n\n{_ROUND_TWO} and prisoners. {lead}"),
    ]
    return date_by_neighbours(articles, {})


def test_story_dating_neighbours_give_their_month_unless_the_lead_names_another_day():
    assert _neighbours("They met on Thursday.") == {"c": Published("2019-06", "story", 0.3)}
    assert _neighbours("The news came late.") == {"c": Published("2019-06", "story", 0.3)}
    assert _neighbours("They met on Tuesday.") == {}  # another round, on another day


def test_story_dating_one_neighbour_that_stands_out_dates_a_lead_naming_its_day():
    other = "Farmers protest the price of grain across the northern provinces again"
    articles = [
        _article("a", f"T\n\n{_ROUND_TWO}. They met on Thursday.", "2019-06-20"),
        _article("b", f"T\n\n{other}. Roads closed.", "2019-09-10"),
        _article("c", f"T\n\n{_ROUND_TWO} and prisoners. They met on Thursday."),
        _article("d", f"T\n\n{_ROUND_TWO} and prisoners. The talks were long."),
    ]
    found = date_by_neighbours(articles, {})
    assert found == {"c": Published("2019-06", "story", 0.3)}  # d names no day: unknown


def test_dating_weekday_named_dates_are_hints_in_every_order():
    article = _article("a", "T\n\nThey signed a text on Tuesday (June 12). On Monday, 26 "
                       "September, they met again; on Friday the 13th nothing.")  # fmt: skip
    weekday = [(h.value, h.weekday) for h in article.date_hints if h.source == "weekday"]
    assert weekday == [("XXXX-06-12", 1), ("XXXX-09-26", 0)]


def test_story_dating_a_weekday_named_date_takes_the_one_year_of_the_story_it_fits():
    """June 12 fell on a Tuesday in 2018 alone of the story's years (2017 to 2020): the
    article is of June 2018, though no dated article is near it."""
    articles = [
        _article("a", "T\n\nGENEVA (Wire) - Talks.", "2019-02-28"),
        _article("b", "T\n\nHANOI (Wire) - More talks.", "2019-06-30"),
        _article("c", "T\n\nThey signed a text on Tuesday (June 12) in Singapore."),
        _article("d", "T\n\nThey signed a text on Thursday (June 12) in Singapore."),
    ]
    assert date_by_story(articles) == {"c": Published("2018-06", "story", 0.6)}  # d: no year
    wide = [_article("e", "T\n\nTalks.", "2012-03-01"), *articles]  # 2012 fits as well
    assert "c" not in date_by_story(wide)


def test_story_dating_neighbours_of_another_weekday_step_aside_for_those_that_fit():
    """The second round's articles are the closest in words, but its lead's Tuesday fits
    none of them; the first round's (dated to the month) tell it, and give their year."""
    articles = [
        _article("a", f"T\n\n{_ROUND_TWO}. They met on Sunday.", "2019-06-30"),
        _article("b", f"T\n\n{_ROUND_TWO}. They met on Sunday.", "2019-06-30"),
        _article("c", f"T\n\n{_ROUND_ONE} at the palace.", None),
        _article("d", f"T\n\n{_ROUND_ONE} at the palace gates.", None),
        _article("e", f"T\n\n{_ROUND_ONE} and {_ROUND_TWO}. They met on Tuesday."),
    ]
    dated = {"c": Published("2018-06", "story", 0.6), "d": Published("2018-06", "story", 0.6)}
    assert date_by_neighbours(articles, dated)["e"] == Published("2018", "story", 0.3)


def test_story_dating_a_neighbour_out_the_day_before_told_the_news_ahead():
    """'Talks resume on Saturday', out on the Friday, tells the news of a Saturday lead."""
    other = "Farmers protest the price of grain across the northern provinces again"
    articles = [
        _article("a", f"T\n\n{_ROUND_TWO}. They meet on Saturday.", "2019-06-21"),
        _article("b", f"T\n\n{other}. Roads closed.", "2019-09-10"),
        _article("c", f"T\n\n{_ROUND_TWO} and prisoners. They met on Saturday."),
    ]
    assert date_by_neighbours(articles, {}) == {"c": Published("2019-06", "story", 0.3)}
