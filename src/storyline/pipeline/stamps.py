"""The dates a page prints about itself: stamps ('Posted Oct 7, 2016 4:32 AM CDT',
'15 July, 2016', '2016-06-23 17:03:55', 'date 2016-10-08'), bylines with a date ('By Avery
Kelly | The Argentina Independent | May 27, 2013') and datelines, wherever they stand in
the head of the page: in the clean text, or in a piece cleaning removed (a stamp is
boilerplate to the text, and evidence to the dating).

Each is a `DateCandidate` with what kind it is and where it stood. What is *not* the page's
own date is left out by shape and place: a date inside a sentence (a photo caption, an
event), a relative crawl stamp ('2 years ago'), anything past the head of the page
(teasers, comments), a search or archive widget's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from storyline.model import Article

_MONTHS = {
    name: i
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d\d"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
# Full dates, most specific first; each names its groups y, m (number or name) and d.
_FULL_DATES = [
    rf"(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])",
    rf"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?[\s-]+(?P<m>{_MONTH}),?[\s-]+(?P<y>{_YEAR})\b",
    rf"(?P<m>{_MONTH})[\s-]+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})\b",
    # 23.06.2016 and 14-05-2019: day first, as everywhere but the United States writes it
    rf"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{_YEAR})\b",
    rf"(?<![\d-])(?P<d>[0-3]\d)-(?P<m>[01]\d)-(?P<y>{_YEAR})\b",
]
_FULL_EACH = [re.compile(p, re.I) for p in _FULL_DATES]
# A month and day without the year: 'Jul 6, 11:33 AM', 'June 23', '23 June'.
_MONTH_DAY = [
    re.compile(rf"\b(?P<m>{_MONTH})[\s-]+(?P<d>[0-3]?\d)\b(?!\s*,?\s*(?:19|20)\d\d)", re.I),
    re.compile(rf"\b(?P<d>[0-3]?\d)\s+(?P<m>{_MONTH})\b(?!\s*,?\s*(?:19|20)\d\d)", re.I),
]
# Words a stamp or byline line may hold besides its date.
# A label right before the date: 'Published 3 September 2016', 'Posted Oct 7, 2016', and,
# only where nothing but a separator comes before them, 'date 2016-10-08', '| on: ...'.
# A label may be glued to the word before it ('...on Brexitpublished at 17:14 GMT'), as
# extraction runs a heading into its time element; in lower case after a space it is
# prose ('the report, published on 3 March 2016, said'), not a stamp.
_LABEL = re.compile(
    r"(?:(?:^|(?<=[|•·:\w])|(?<=\s)(?=[A-Z]))(?P<label>(?i:published|posted|first published|"
    r"updated|last updated|modified|last modified))|(?:^|[|•·]|\s[-–—]\s)\s*"
    r"(?P<weak>(?i:date|dated|on)))\b\s*(?i:on|at)?\s*:?\s*"
    r"(?:\d{1,2}[:.]\d\d\s*(?i:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|Greenwich Mean Time)?,?\s*)?"
    rf"(?:(?i:{_WEEKDAY}),?\s*)?$",
)
_STAMP_WORDS = re.compile(
    rf"^(?:{_WEEKDAY}|by|on|at|in|of|the|and|am|pm|a\.m\.|p\.m\.|[a-z]{{2,4}}t|utc|gmt|"
    r"published|posted|updated|last|first|modified|date|dated|min|mins|minute|minutes|read|"
    r"reading|time|edt|est|cdt|cst|pdt|pst|bst|cet|cest|ist|ast|jst|hrs?|h)$",
    re.I,
)
_NOT_OWN = re.compile(
    r"\b(?:ago|search|archive|return to|today'?s? date|weather|°|forecast|copyright|©)\b|©",
    re.I,
)
_WORD = re.compile(r"[^\W\d_][\w.'’-]*", re.UNICODE)
_RELATIVE = re.compile(r"\b\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\b", re.I)

HEAD_LINES = 14  # a page's own stamp stands within the first lines of its text
HEAD_CHARS = 1_500


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """A date the page prints about itself."""

    value: str  # YYYY-MM-DD, or XXXX-MM-DD when the year is not printed
    kind: str  # published | updated | stamp | byline
    at: int  # offset in the clean text (where a removed piece stood)
    above_title: bool  # in the site's furniture above the headline
    text: str  # the line it was read from


def page_dates(article: Article) -> list[DateCandidate]:
    """The page's own dates, in the order they stand, from its clean text and the pieces
    cleaning removed from its head."""
    body_start = title_end(article.text, article.title)
    found = []
    for line, at in _head_lines(article):
        found.extend(_candidates(line, at, at < body_start))
    return sorted(found, key=lambda c: c.at)


def title_end(text: str, title: str | None) -> int:
    """Where the body starts: after the title when the text opens with it, else 0."""
    return len(title) if title and text.startswith(title) else 0


def _head_lines(article: Article) -> Iterator[tuple[str, int]]:
    """(line, offset) of the head of the page: the first lines of the clean text, and the
    removed pieces that stood among them, line by line."""
    text = article.text
    limit = 0
    offset = 0
    # The head ends at HEAD_LINES lines and HEAD_CHARS characters, both: never more lines
    # than HEAD_CHARS, so the rest of a long text is not split at all.
    for count, line in enumerate(text.split("\n", max(HEAD_LINES, HEAD_CHARS))):
        if count >= HEAD_LINES and offset >= HEAD_CHARS:
            break
        if line.strip():
            yield line, offset
        offset += len(line) + 1
        limit = offset
    for piece in article.removed:
        if piece.at is None or piece.at > limit:
            continue
        for line in piece.text.split("\n")[:HEAD_LINES]:
            if line.strip():
                yield line, piece.at


def _candidates(line: str, at: int, above_title: bool) -> list[DateCandidate]:
    line = line.split("©", 1)[0]  # what follows is a credit or a copyright notice
    if _NOT_OWN.search(line) or _RELATIVE.search(line):
        return []
    found = []
    for match in _full_dates(line):
        value = _iso(match)
        if value is None:
            continue
        label = _LABEL.search(line[: match.start()])
        if label:
            word = (label["label"] or label["weak"]).lower()
            kind = "updated" if "updat" in word or "modif" in word else "published"
            found.append(DateCandidate(value, kind, at, above_title, line.strip()))
        elif _stamp_shaped(line, match):
            kind = "byline" if "|" in line or " by " in f" {line.lower()} " else "stamp"
            found.append(DateCandidate(value, kind, at, above_title, line.strip()))
    if not found and len(line.split()) <= 8:
        # 'Jul 6, 11:33 AM': a stamp without its year, which the story may give.
        for pattern in _MONTH_DAY:
            short = pattern.search(line)
            if short and _stamp_shaped(line, short) and _month(short["m"]):
                day = int(short["d"])
                if 1 <= day <= 31:
                    value = f"XXXX-{_month(short['m']):02d}-{day:02d}"
                    found.append(DateCandidate(value, "stamp", at, above_title, line.strip()))
                break
    return found


def full_dates(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, YYYY-MM-DD) of every date written in full (with its year) in a text."""
    for match in _full_dates(text):
        value = _iso(match)
        if value is not None:
            yield match.start(), match.end(), value


def _full_dates(line: str) -> Iterator[re.Match[str]]:
    taken: list[tuple[int, int]] = []
    for pattern in _FULL_EACH:
        for match in pattern.finditer(line):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            yield match


def _stamp_shaped(line: str, match: re.Match[str]) -> bool:
    """A line that holds a date and nothing of a sentence: labels, weekdays, times, names
    and outlets (capitalised words), separators. 'President signing peace agreement, 26
    September 2016' is a caption, not a stamp."""
    rest = line[: match.start()] + " " + line[match.end() :]
    words = _WORD.findall(rest)
    if len(words) > 10:
        return False
    return all(w[:1].isupper() or _STAMP_WORDS.match(w) for w in words)


def _month(name: str) -> int:
    return _MONTHS.get(name.lower().rstrip(".")[:3], 0)


def _iso(match: re.Match[str]) -> str | None:
    month_text = match["m"]
    month = int(month_text) if month_text.isdigit() else _month(month_text)
    year, day = int(match["y"]), int(match["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
