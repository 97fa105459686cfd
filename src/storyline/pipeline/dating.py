"""Dating stage (first part): the publication date when the input gives it.

In order of trust: a date given with the input (JSONL `published`, or HTML metadata found by
trafilatura/htmldate), then a date in the URL path (`/2014/01/14/`, `/2014-01-14-`,
`/20140114/`, or `/2014/01/` at month precision), then a dated dateline at the head of the
clean text (boilerplate is already out of it), then a weekday named with a date. A year-less
dateline is kept as a date hint (`XXXX-MM-DD`) for the story stage, which knows the years of
the story's other articles. A wrong date is worse than none, so anything that does not
parse to a plausible calendar date is ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import dateparser

from storyline.model import Article, DateHint, Published
from storyline.options import Options
from storyline.pipeline.nlp.timex import tense_around
from storyline.pipeline.stamps import DateCandidate, full_dates, page_dates, title_end

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")
_URL_DAY = re.compile(
    r"(?<!\d)((?:19|20)\d{2})([/_-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)"
)
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/")
_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
# How far we trust each source when it is all we have.
CONFIDENCE = {
    "metadata": 0.95,
    "html-metadata": 0.85,
    "url-day": 0.9,
    "url-month": 0.8,
    "dateline": 0.8,
    "text": 0.5,
}
_MONTH_NAMES = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A dated dateline: 'JNN 14 Jan 2014 New York :', 'GENEVA, March 10, 2024 (Wire) -'. The
# full date must be followed closely by the dateline's own punctuation, so that an event date
# in the first sentence ('met on January 12, 2014, in Paris') is not taken for it.
_DATELINE = re.compile(
    rf"\b(?P<date>\d{{1,2}}\s+{_MONTH_NAMES}\s+(?:19|20)\d\d|{_MONTH_NAMES}\s+\d{{1,2}},?\s+(?:19|20)\d\d)"
    r"[^.\n]{0,40}?(?:\s:|:\s|\s[-–—]\s|\()",
    re.IGNORECASE,
)
# A dateline whose date stands in its parentheses, after the outlet or agency: 'MOSCOW
# (Sputnik - 29th February, 2020) The United States ...'. The place opens a line in capitals.
_DATELINE_PARENS = re.compile(
    r"^[A-Z][A-Z .'’/-]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,30}?)?\s*\((?P<inside>[^()\n]{4,80})\)"
)
_DATELINE_REACH = 300  # characters of body text a dateline may start in
_DATELINE_LINES = 6  # a year-less dateline opens one of the first lines (captions come first)
# A dateline with month and day but no year: 'OSLO, March 10 (Wire) -',
# 'NAIROBI, Kenya (AP) April 12 —'. The place must open the body in capitals, so that a
# first sentence ('Talks resumed on March 10 (the second round)') is not taken for it.
_DATELINE_MONTH_DAY = re.compile(
    rf"^(?P<place>[A-Z][A-Z .'’/-]{{1,40}})(?:,\s*[A-Z][\w.'’ -]{{1,30}}?)?"
    rf"(?:\s*\([^)\n]{{1,30}}\))?,?\s+(?P<month>(?i:{_MONTH_NAMES}))\s+(?P<day>\d{{1,2}})\b"
    r"(?!,?\s+(?:19|20)\d\d)\s*(?:\([^)\n]{1,30}\))?\s*(?:[-–—:_]|(?<=\s)(?=[A-Z\"“]))"
)
# The same with the place in title case, as many outlets write it ('Havana, June 23 (RHC)--',
# 'Brussels, July-13 Eurozone leaders ...'): the place is one to three capitalised words
# (not a weekday), a comma, then the month and day and the body or its separator.
_DATELINE_TITLE_CASE = re.compile(
    rf"^(?!(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)"
    rf"(?P<place>[A-Z][a-z'’.-]+(?:\s+[A-Z][a-z'’.-]+){{0,2}}),\s+"
    rf"(?P<month>(?i:{_MONTH_NAMES}))[\s-](?P<day>\d{{1,2}})\b(?!,?\s+(?:19|20)\d\d)"
    r"\s*(?:\([^)\n]{1,30}\))?\s*(?:[-–—:_]|(?=[A-Z\"“]))"
)
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def date_from_metadata(value: str | None) -> str | None:
    """An ISO date (at the precision given) from a metadata date string, else None."""
    if not value or not value.strip():
        return None
    match = _ISO.match(value)
    if match:
        return _valid(*match.groups())
    parsed = dateparser.DateDataParser(settings=_DATEPARSER_SETTINGS).get_date_data(value)
    if parsed is None or parsed.date_obj is None:
        return None
    day = parsed.date_obj
    precision = parsed.period or "day"
    parts = [str(day.year), f"{day.month:02d}", f"{day.day:02d}"]
    keep = {"year": 1, "month": 2}.get(precision, 3)
    return _valid(*parts[:keep])


def date_from_url(url: str | None) -> tuple[str, str] | None:
    """(date, precision kind) from a dated URL path, else None."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    match = _URL_DAY.search(path)
    if match:
        date = _valid(match.group(1), match.group(3), match.group(4))
        if date:
            return date, "url-day"
    match = _URL_MONTH.search(path)
    if match:
        date = _valid(match.group(1), match.group(2), None)
        if date:
            return date, "url-month"
    return None


def date_from_dateline(text: str, title: str | None = None) -> str | None:
    """The full date of a dateline at the head of the body, else None."""
    body = text[title_end(text, title) :]
    head = body.lstrip()[:_DATELINE_REACH]
    match = _DATELINE.search(head)
    if match:
        return date_from_metadata(match.group("date"))
    for line in head.split("\n")[:_DATELINE_LINES]:
        parens = _DATELINE_PARENS.match(line.strip())
        dates = [value for _, _, value in full_dates(parens["inside"])] if parens else []
        if len(dates) == 1:
            return dates[0]
    return None


def dateline_month_day(text: str, title: str | None = None) -> tuple[int, int] | None:
    """(month, day) of a year-less dateline at the head of the body, else None.

    The year comes from the story (see `story.dating`), never from a guess."""
    body = text[title_end(text, title) :]
    head_lines = [line.strip() for line in body.strip().split("\n")[:_DATELINE_LINES]]
    match = next(
        filter(
            None,
            (
                _DATELINE_MONTH_DAY.match(line) or _DATELINE_TITLE_CASE.match(line)
                for line in head_lines
            ),
        ),
        None,
    )
    if not match:
        return None
    month = _MONTHS[match.group("month").lower().rstrip(".")[:3]]
    day = int(match.group("day"))
    return (month, day) if _valid("2000", str(month), str(day)) else None


_MONTHS = {
    name: i
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# 'Thursday, Jan. 6', 'Tuesday (June 12)', 'Monday, 26 September': a weekday named with a
# year-less date.
_WEEKDAY_DATE = re.compile(
    rf"\b(?P<wd>{'|'.join(WEEKDAY_NAMES)}),?\s+\(?"
    rf"(?:(?P<month>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month_after>{_MONTH_NAMES})(?![a-z]))"
    rf"(?!,?\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)
_YEAR_IN_TEXT = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,])")
_TEXT_WINDOW_DAYS = 7  # a dated event reported in the past tense is at most a week old
_WEEKDAY_HINTS = 5  # weekday-named dates kept as hints, at most


def date_from_text(text: str) -> str | None:
    """The publication month, from a weekday named with a year-less date ('Thursday,
    Jan. 6'): only one year near the years the text mentions puts Jan. 6 on a Thursday, and
    an article reports such a date within a week. Month precision, and only when the week
    stays in one month; None when anything is ambiguous."""
    years = [int(y) for y in _YEAR_IN_TEXT.findall(text)]
    if not years:
        return None
    anchor = max(years)
    return month_of_weekday_dates(weekday_dates(text), range(anchor - 1, anchor + 2))


def weekday_dates(text: str) -> list[DateHint]:
    """The year-less dates the text names with their weekday ('Tuesday (June 12)'), as
    hints `XXXX-MM-DD` with that weekday (source 'weekday')."""
    found = []
    for match in _WEEKDAY_DATE.finditer(text):
        month_name = match.group("month") or match.group("month_after")
        month = _MONTHS[month_name.lower().rstrip(".")[:3]]
        day = int(match.group("day") or match.group("day_first"))
        if _valid("2000", str(month), str(day)):
            weekday = WEEKDAY_NAMES.index(match.group("wd").lower())
            found.append(DateHint(f"XXXX-{month:02d}-{day:02d}", "weekday", weekday))
    return found


def month_of_weekday_dates(hints: list[DateHint], years: range) -> str | None:
    """The publication month that weekday-named dates tell: each date falls on its weekday
    in only one of `years`, and an article reports such a date within a week, so the month
    of that week when it stays in one month. None when a date fits no year or several, or
    when the dates tell different months."""
    months = set()
    for hint in hints:
        if hint.weekday is None:
            continue
        _, month_text, day_text = hint.value.split("-")
        month, day = int(month_text), int(day_text)
        fits = [
            y
            for y in years
            if _valid(str(y), str(month), str(day))
            and dt.date(y, month, day).weekday() == hint.weekday
        ]
        if len(fits) != 1:
            return None
        event = dt.date(fits[0], month, day)
        end = event + dt.timedelta(days=_TEXT_WINDOW_DAYS - 1)
        if (event.year, event.month) != (end.year, end.month):
            return None
        months.add(f"{event.year}-{event.month:02d}")
    return months.pop() if len(months) == 1 else None


# A photo caption's credit: 'Picture: AFP', '(AFP)', '[AFP]', 'REUTERS/Name', 'FILE -'.
_CREDIT = re.compile(
    r"\b(?:photo|picture|image|credit)s?\s*:|[(\[](?:AFP|AP|Reuters|REUTERS|Getty|EPA|Xinhua)\b"
    r"|\b(?:REUTERS|AFP|Getty Images|EPA)\s*/|^\s*FILE\b",
    re.I,
)


def latest_reported(text: str) -> str | None:
    """The latest date written in full that the text reports (not a plan in the future
    tense, not a photo's caption): the article is of that day or later. A bound, not a
    date: an article may recall events years old."""
    latest = None
    for start, end, value in full_dates(text):
        line = text[text.rfind("\n", 0, start) + 1 : text.find("\n", end) % (len(text) + 1)]
        if tense_around(text, start, end) == "future" or _CREDIT.search(line):
            continue
        latest = max(latest or value, value)
    return latest


def _valid(year: str, month: str | None = None, day: str | None = None) -> str | None:
    """Format a date at its precision if it exists on the calendar and is plausible."""
    y = int(year)
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        return None
    if month is None:
        return f"{y:04d}"
    m = int(month)
    if day is None:
        return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None
    try:
        return dt.date(y, m, int(day)).isoformat()
    except ValueError:
        return None


def date_article(article: Article, options: Options) -> Article:
    """Date step: the publication date from what the input and the page say, in order of
    trust (see `choose_date`); an article left undated keeps its date hints for the story."""
    if article.published is not None:
        return article
    stamps = page_dates(article)
    published = choose_date(article, stamps)
    if published is not None:
        return replace(article, published=published)
    return replace(article, date_hints=date_hints(article, stamps))


# The page's own dates by kind: (rank among the sources below, confidence).
STAMP_TRUST = {"published": (1, 0.9), "stamp": (4, 0.85), "byline": (4, 0.85), "updated": (5, 0.7)}


def choose_date(article: Article, stamps: list[DateCandidate] | None = None) -> Published | None:
    """The publication date, from the most trusted source that gives one:

    0. the date given with the input (JSONL `published`, HTML metadata);
    1. a labelled stamp of the page ('Published 3 September 2016', 'Posted Oct 7, 2016',
       'date 2016-10-08');
    2. the address, to the day;
    3. a dated dateline ('GENEVA, March 10, 2024 (Wire) -');
    4. an unlabelled stamp or a dated byline under the headline ('15 July, 2016',
       'By Avery Kelly | The Argentina Independent | May 27, 2013');
    5. an 'Updated' stamp (only when the page prints no other);
    6. an unlabelled stamp above the headline (the site's header may print today's date);
    7. the address, to the month;
    8. a weekday named with a date in the text, to the month.
    The first stamp of the best kind wins; a year-less stamp dates nothing here.
    """
    given = date_from_metadata(article.published_hint)
    if given:
        kind = "html-metadata" if article.format == "html" else "metadata"
        return Published(given, "metadata", CONFIDENCE[kind])
    stamps = page_dates(article) if stamps is None else stamps
    ranked: list[tuple[int, Published]] = []
    for stamp in stamps:
        if stamp.value.startswith("XXXX"):
            continue
        rank, confidence = STAMP_TRUST[stamp.kind]
        if stamp.above_title and stamp.kind in {"stamp", "byline"}:
            rank, confidence = 6, 0.6
        ranked.append((rank, Published(stamp.value, "stamp", confidence)))
    from_url = date_from_url(article.url)
    if from_url:
        date, kind = from_url
        ranked.append((2 if kind == "url-day" else 7, Published(date, "url", CONFIDENCE[kind])))
    from_dateline = date_from_dateline(article.text, article.title)
    if from_dateline:
        ranked.append((3, Published(from_dateline, "dateline", CONFIDENCE["dateline"])))
    from_text = date_from_text(article.text)
    if from_text:
        ranked.append((8, Published(from_text, "text", CONFIDENCE["text"])))
    if not ranked:
        return None
    return min(ranked, key=lambda rp: rp[0])[1]


def date_hints(article: Article, stamps: list[DateCandidate] | None = None) -> tuple[DateHint, ...]:
    """What the page says of its date that cannot date it alone: a year-less dateline or
    stamp ('HAVANA, May 26 (Reuters) -', 'Jul 6, 11:33 AM'), which the story stage dates
    from the other articles of its story; the year-less dates named with their weekday
    ('on Tuesday (June 12)'), whose year the story's years fix; and the latest day it
    reports (source 'reported'), which no date the story gives it may come before."""
    hints = []
    month_day = dateline_month_day(article.text, article.title)
    if month_day is not None:
        month, day = month_day
        hints.append(DateHint(f"XXXX-{month:02d}-{day:02d}", "dateline"))
    stamps = page_dates(article) if stamps is None else stamps
    for stamp in stamps:
        if stamp.value.startswith("XXXX") and stamp.value not in {h.value for h in hints}:
            hints.append(DateHint(stamp.value, "stamp"))
            break
    hints.extend(weekday_dates(article.text)[:_WEEKDAY_HINTS])
    reported = latest_reported(article.text)
    if reported is not None:
        hints.append(DateHint(reported, "reported"))
    return tuple(hints)
