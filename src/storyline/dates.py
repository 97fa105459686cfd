"""Dates at the precision known (YYYY, YYYY-MM or YYYY-MM-DD): the days a date covers, and
how far apart two are. Every part of the pipeline that compares dates goes through these,
so that a month- or year-precision date (from a dated address, a stamp, the text) is a span
of days, never an error."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_PRECISE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def span(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date covers ('2016-09' -> Sept 1 and 30), or None when it
    is not a calendar date at any precision."""
    match = _PRECISE.match(value or "")
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if day is not None and month is not None:
            one = dt.date(year, month, day)
            return one, one
        if month is not None:
            return dt.date(year, month, 1), dt.date(
                year, month, calendar.monthrange(year, month)[1]
            )
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def day_of(value: str | None) -> dt.date | None:
    """The day of a day-precision date, else None."""
    covered = span(value)
    return covered[0] if covered and covered[0] == covered[1] else None


def days_apart(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """Days between two spans of days (0 when they overlap)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0
