import datetime as dt

import pytest

from storyline.pipeline.nlp.timex import tag, tense_around

DCT = dt.date(2014, 1, 14)  # a Tuesday


def _values(text: str, dct: dt.date = DCT) -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in tag(text, dct)}


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Kerry on Sunday led an international bid.", "Sunday", ("DATE", "2014-01-12")),
        ("The two-day meeting will begin Sunday in Paris.", "Sunday", ("DATE", "2014-01-19")),
        ("The two-day meeting will begin Sunday in Paris.", "two-day", ("DURATION", "P2D")),
        ("Ahead of the January 22 talks in Montreux.", "January 22", ("DATE", "2014-01-22")),
        ("The war has killed 260 000 people since March 2011.", "March 2011", ("DATE", "2011-03")),
        ("A deal struck in Geneva in June 2012.", "June 2012", ("DATE", "2012-06")),
        ("Talks are due next week.", "next week", ("DATE", "2014-W04")),
        ("Clashes erupted over the last week.", "the last week", ("DATE", "2014-W02")),
        ("In the next few days the envoy will decide.", "the next few days", ("DURATION", "PXD")),
        ("Killed in nearly three years of war.", "nearly three years", ("DURATION", "P3Y")),
        ("Two years ago the talks failed.", "Two years ago", ("DATE", "2012")),
        ("The meeting is scheduled for 1600 GMT.", "1600 GMT", ("TIME", "2014-01-14T16:00")),
        ("He spoke at 5 p.m. on Monday.", "5 p.m. on Monday", ("TIME", "2014-01-13T17:00")),
        ("Prices rose in the third quarter.", "the third quarter", ("DATE", "2013-Q3")),
        ("Fighting slowed last summer.", "last summer", ("DATE", "2013-SU")),
        ("Refugees returned in the 1990s.", "the 1990s", ("DATE", "199")),
        ("The council meets every year.", "every year", ("SET", "P1Y")),
        ("It publishes a report weekly.", "weekly", ("SET", "P1W")),
        ("Talks are now under way.", "now", ("DATE", "PRESENT_REF")),
        ("Yesterday the envoy said so.", "Yesterday", ("DATE", "2014-01-13")),
        ("Monday, Jan. 20, is the deadline.", "Monday, Jan. 20", ("DATE", "2014-01-20")),
        ("It happened on 2013-12-18.", "2013-12-18", ("DATE", "2013-12-18")),
    ],
)
def test_timex_normalizes(text, expression, expected):
    assert _values(text)[expression] == expected


def test_timex_offsets_point_into_the_text():
    text = "On Friday, Kerry said talks would resume next month, 10 years after the war."
    for found in tag(text, DCT):
        assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "text",
    [
        "A 6-year-old girl was among the dead.",
        "The group may attend if invited.",
        "About 2,013 people were displaced.",
        "Prices fall as supply grows.",
        "Mr. Lund, 61 years old, will retire.",
        "A second convoy reached the border.",
        'She told CBS\'s "60 Minutes" she would run.',
        "The mill pays $40 million a year in taxes.",
        "Exporters sell a quarter of the harvest abroad.",
    ],
)
def test_timex_rejects_lookalikes(text):
    assert tag(text, DCT) == []


def test_timex_tense_decides_direction_of_weekdays():
    assert tense_around("They will meet on Friday.", 17, 23) == "future"
    assert tense_around("They met on Friday.", 12, 18) == "past"
    assert _values("They will meet on Friday.")["Friday"][1] == "2014-01-17"
    assert _values("They met on Friday.")["Friday"][1] == "2014-01-10"


def test_timex_year_less_dates_take_the_nearest_year():
    dct = dt.date(2000, 1, 6)
    assert _values("The vote is set for Jan. 14.", dct)["Jan. 14"][1] == "2000-01-14"
    assert _values("The tally closed Dec. 30.", dct)["Dec. 30"][1] == "1999-12-30"


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("The crossing took 5 1/2 hours.", "5 1/2 hours", ("DURATION", "PT5H30M")),
        ("The siege lasted two and a half years.", "two and a half years", ("DURATION", "P2Y6M")),
        ("He waited a minute and a half.", "a minute and a half", ("DURATION", "PT1M30S")),
        ("Shares fell over the last twenty-four hours.", "the last twenty-four hours",
         ("DURATION", "PT24H")),
        ("The truce should hold for three more weeks.", "three more weeks", ("DURATION", "P3W")),
    ],
)  # fmt: skip
def test_timex_counts_with_fractions_and_compounds(text, expression, expected):
    assert _values(text)[expression] == expected


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("The strike lasted about two weeks.", "about two weeks"),
        ("They met almost four years ago.", "almost four years ago"),
        ("The talks went on for over a month.", "over a month"),
        ("The bridge closes at around 9 p.m. daily.", "around 9 p.m."),
        ("A deal is expected within the next decade or so.", "the next decade or so"),
        ("The rebels left a month or so ago.", "a month or so ago"),
    ],
)
def test_timex_extent_includes_approximation(text, expression):
    """TimeML keeps 'about', 'almost', 'over a', 'or so' inside the extent (MOD)."""
    assert expression in _values(text)


def test_timex_over_a_span_is_a_preposition():
    assert "three years" in _values("The money will be spent over three years.")


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("The lease runs out at the end of March.", "the end of March", ("DATE", "2014-03")),
        ("Prices peaked in the middle of August 2011.", "the middle of August 2011",
         ("DATE", "2011-08")),
        ("The dam was finished in May last year.", "May last year", ("DATE", "2013-05")),
        ("Voting starts in early April next year.", "early April next year", ("DATE", "2015-04")),
        ("The board met last June.", "last June", ("DATE", "2013-06")),
    ],
)  # fmt: skip
def test_timex_months_with_parts_and_relative_years(text, expression, expected):
    assert _values(text)[expression] == expected


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Profit doubled from the year-ago quarter.", "the year-ago quarter", ("DATE", "2012-Q4")),
        ("Sales fell from the year-earlier period.", "the year-earlier period",
         ("DATE", "2012-Q4")),
        ("A charge was taken in the 2012 second quarter.", "the 2012 second quarter",
         ("DATE", "2012-Q2")),
        ("Margins improved in this year's first quarter.", "this year's first quarter",
         ("DATE", "2014-Q1")),
        ("Revenue rose in the fiscal second quarter.", "the fiscal second quarter",
         ("DATE", "2013-Q2")),
        ("Costs climbed 8% in the latest period.", "the latest period", ("DATE", "2013-Q4")),
    ],
)  # fmt: skip
def test_timex_financial_periods(text, expression, expected):
    assert _values(text)[expression] == expected


def test_timex_adjectival_quarter_leaves_the_article_out():
    """'the' in 'the third-quarter loss' is the loss's article."""
    assert "third-quarter" in _values("The board blamed the third-quarter loss on fuel.")


def test_timex_early_and_late_stay_with_the_day():
    """TimeML: 'late yesterday' is one expression (MOD END)."""
    assert _values("The ministry said late yesterday it would appeal.")["late yesterday"] == (
        "DATE",
        "2014-01-13",
    )


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Rents soared in the early 2000s.", "the early 2000s", ("DATE", "200")),
        ("The band peaked in the mid-'70s.", "the mid-'70s", ("DATE", "197")),
        ("Crops failed in the late summer.", "the late summer", ("DATE", "2014-SU")),
        ("The lake froze this past spring.", "this past spring", ("DATE", "2013-SP")),
        ("The index was up from the previous Friday.", "the previous Friday",
         ("DATE", "2014-01-10")),
    ],
)  # fmt: skip
def test_timex_article_and_modifier_belong_to_decades_and_seasons(text, expression, expected):
    assert _values(text)[expression] == expected


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("The decades-long feud ended.", "decades-long", ("DURATION", "PXDE")),
        ("They held a day-long summit.", "day-long", ("DURATION", "P1D")),
        ("Markets may swing in the weeks ahead.", "the weeks ahead", ("DURATION", "PXW")),
        ("Rates will stay low in the near term.", "the near term", ("DATE", "FUTURE_REF")),
        ("The city was ruled by Venice for centuries.", "centuries", ("DURATION", "PXCE")),
        ("The ship sailed the next morning.", "the next morning", ("TIME", "2014-01-15TMO")),
        ("Losses for that quarter were small.", "that quarter", ("DATE", "XXXX-QX")),
    ],
)
def test_timex_vague_and_anaphoric_spans(text, expression, expected):
    assert _values(text)[expression] == expected


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("The ferry sails twice a week.", "twice a week", ("SET", "P1W")),
        ("Inspectors call three times a year.", "three times a year", ("SET", "P1Y")),
        ("Polls close at 21:00 on the island.", "21:00", ("TIME", "2014-01-14T21:00")),
        ("The fire was out within hours.", "hours", ("DURATION", "PTXH")),
    ],
)
def test_timex_frequencies_clock_and_bare_hours(text, expression, expected):
    assert _values(text)[expression] == expected


def test_timex_a_score_is_not_a_clock_time():
    assert _values("Arsenal led 2:1 at the break; shares closed at 10:30.5.") == {}


def test_timex_trigger_words_only_skip_rules_that_cannot_match(monkeypatch):
    from storyline.pipeline.nlp import timex

    text = (
        "Twice a week since the early 1990s, and at 14:30 on Christmas Eve, the decades-long "
        "feud flared; in the year-ago quarter, at the end of March, profits fell. Some time "
        "in the weeks ahead, the near term looks weak, that day and the next morning too. "
        "In the days before the vote, its fifth day, as months ago. Last Thanksgiving, at "
        "nine o'clock, for a while, the day after Election Day, two to three weeks, "
        "a one-year term, the week of March 6, around Nov. 1."
    )
    with_triggers = tag(text, DCT)
    monkeypatch.setattr(timex, "_TRIGGERS", {})
    assert tag(text, DCT) == with_triggers


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Witnesses saw the van in the weeks before the fire.", "weeks", ("DURATION", "PXW")),
        ("In the years that followed, the port grew.", "years", ("DURATION", "PXY")),
        ("The mayor, popular only months ago, quit.", "months ago", ("DATE", "PAST_REF")),
        ("Years later, the bridge was rebuilt.", "Years later", ("DATE", "FUTURE_REF")),
        ("Today is the ninth day of the strike.", "ninth day", ("DATE", "2014-01-14")),
        ("She promised action on her first day in office.", "first day", ("DATE", "XXXX-XX-XX")),
        ("Shares rose for six trading days.", "six trading days", ("DURATION", "P6D")),
    ],
)
def test_timex_plural_units_and_counted_days_without_numbers(text, expression, expected):
    assert _values(text)[expression] == expected


@pytest.mark.parametrize(
    "text",
    [
        "It is a matter of days before the deal closes.",
        "They held a third day-long session.",
    ],
)
def test_timex_bare_units_that_are_not_expressions(text):
    found = _values(text)
    assert "days" not in found and "third day" not in found


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("The ferry sank last Christmas.", "last Christmas", ("DATE", "2013-12-25")),
        ("Voters go to the polls on Election Day.", "Election Day", ("DATE", "2013-11-05")),
        ("Turnout will be high on Election Day.", "Election Day", ("DATE", "2014-11-04")),
        ("Markets shut for Easter Sunday.", "Easter Sunday", ("DATE", "2014-04-20")),
        ("Talks resume after Labour Day.", "Labour Day", ("DATE", "2014-09-01")),
        (
            "Roads will be busy over Memorial Day weekend.",
            "Memorial Day weekend",
            ("DATE", "2014-W22-WE"),
        ),
        ("Pilgrims gathered in Easter week.", "Easter week", ("DATE", "2013-W13")),
    ],
)
def test_timex_holidays(text, expression, expected):
    assert _values(text)[expression] == expected


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Repairs take two to three weeks.", "two to three weeks", ("DURATION", "P2W")),
        (
            "Hiring will follow in the next 6 to 9 months.",
            "the next 6 to 9 months",
            ("DURATION", "P6M"),
        ),
        ("The virus spreads within days or weeks.", "days or weeks", ("DURATION", "PXD")),
        ("Prices may settle in a year or two.", "a year or two", ("DURATION", "P1Y")),
        ("It won't turn a profit until 2020 or later.", "2020 or later", ("DATE", "2020")),
        ("Pilgrims march each July to the shrine.", "each July", ("SET", "XXXX-07")),
        ("The convoy left at 4 in the morning.", "4 in the morning", ("TIME", "2014-01-14T04:00")),
        ("The bells rang at nine o'clock.", "nine o'clock", ("TIME", "2014-01-14T09:00")),
        ("Guards patrol until 10 at night.", "10 at night", ("TIME", "2014-01-14T22:00")),
        ("The plant will close for a while.", "a while", ("DURATION", "PXX")),
        ("Terms will be set at a later date.", "a later date", ("DATE", "FUTURE_REF")),
        ("Riots broke out the day after the verdict.", "the day", ("DATE", "XXXX-XX-XX")),
        ("Over the years the town shrank.", "the years", ("DURATION", "PXY")),
        ("She was ill. Later that year she retired.", "Later that year", ("DATE", "XXXX")),
    ],
)
def test_timex_ranges_clock_words_and_unstated_spans(text, expression, expected):
    assert _values(text)[expression] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Police held 4 in the morning raid.",
        "It took a while to load.",
        "She left later in the day before dinner.",
        "Scores ran 5 to 3 weeks ago.",
    ],
)
def test_timex_no_clock_or_range_lookalikes(text):
    found = _values(text)
    assert not any(k in found for k in ("4 in the morning", "a while", "the day"))
    assert "5 to 3 weeks ago" not in found


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        (
            "The offer expires at 5 p.m. EST, Jan. 20.",
            "5 p.m. EST, Jan. 20",
            ("TIME", "2014-01-20T17:00"),
        ),
        ("The shop was robbed last Dec. 3 at dawn.", "Dec. 3", ("DATE", "2013-12-03")),
        ("The vote is set for the week of Feb. 10.", "the week of Feb. 10", ("DATE", "2014-W07")),
        ("Sales fell over a two-year period.", "a two-year period", ("DURATION", "P2Y")),
        ("The sale should close around Feb. 1.", "around Feb. 1", ("DATE", "2014-02-01")),
        ("A ruling is due sometime next year.", "sometime next year", ("DATE", "2015")),
    ],
)
def test_timex_clock_dates_weeks_of_and_approximate_dates(text, expression, expected):
    assert _values(text)[expression] == expected


def test_timex_around_a_weekday_is_a_preposition():
    assert "Wednesday" in _values("They sought ways around Wednesday's ruling.")


def test_timex_the_morning_after_in():
    found = _values("Traders bought heavily in the morning.")
    assert found["the morning"] == ("TIME", "2014-01-14TMO")
    assert "the morning" not in _values("She reads it in the morning paper.")


@pytest.mark.parametrize(
    "text",
    [
        "Thousands joined the annual March for Life in the capital.",
        'The film "High Noon" was shown; for the party, high noon comes today.',
    ],
)
def test_timex_march_and_noon_as_names(text):
    found = _values(text)
    assert "March" not in found and "Noon" not in found and "noon" not in found


def test_timex_march_the_month_before_for():
    assert _values("Prices rose in March for a third month.")["March"][0] == "DATE"
