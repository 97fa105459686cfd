"""Temporal expressions: find them and normalize them to TIMEX3 values (TimeML).

A rule-based tagger in the tradition of HeidelTime: patterns find the expressions (dates,
times, durations, sets and vague references), and normalization resolves each against the
document creation time (DCT). Where the direction is ambiguous ("Friday", "in March",
"Aug. 9"), the tense around the expression decides: "will meet Friday" is the coming Friday,
"met Friday" the last one. dateparser resolves a bare weekday to the past whatever the tense,
which is why this normalization is our own.

Patterns are data (`_RULES`: a name and a regular expression); each name has a normalizer
`_value_<name>(match, context) -> (type, value)` that may return None to reject a match.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

from storyline.model import Article, Timex
from storyline.options import Options

# -- vocabulary ---------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "half a": 0.5, "a half": 0.5,
}  # fmt: skip
VAGUE_NUMBERS = {"several", "a few", "few", "many", "some", "a couple of", "couple of"}
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "weekend": "WE",
    "fortnight": "2W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
    "century": "CE",
}  # fmt: skip
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
REFERENCES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "at present": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF", "lately": "PAST_REF",
    "previously": "PAST_REF", "formerly": "PAST_REF", "earlier": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF",
    "near future": "FUTURE_REF", "the near future": "FUTURE_REF",
}  # fmt: skip

_MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june|jun\.?|july|jul\.?|"
    r"aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DIGIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS_WORD = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
# A count: digits with an optional half ('5 1/2'), words with compound tens ('twenty-four'),
# either with 'and a half' ('two and a half'), or a vague quantity ('several').
_NUMBER = (
    r"(?:(?:\d+(?:\.\d+)?(?:\s+1/2)?|" + _TENS_WORD + r"(?:[- ]" + _DIGIT_WORD + r")?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen)(?:\s+and\s+a\s+half)?|"
    r"a|an|a hundred|hundred|half a|several|a few|few|many|some|a couple of|couple of)"
)
_UNIT = r"(?:second|minute|hour|day|week|weekend|fortnight|month|quarter|year|decade|century)"
_UNITS = r"(?:seconds|minutes|hours|days|weeks|weekends|fortnights|months|quarters|years|decades|centuries)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_PART = r"(?:morning|afternoon|evening|night)"
_MOD = r"(?:early|late|mid|the end of|the beginning of|the start of|the middle of)"
# Approximation and bound words that TBAQ mostly puts inside the extent ('nearly three
# years', 'at least 72 hours'); 'about', 'almost', 'over', 'only' and 'just' it mostly
# leaves out (counted over its 1855 expressions).
_APPROX = (
    r"(?:(?:nearly|around|roughly|approximately|some|more than|less than|fewer than|"
    r"at least|at most|up to|no more than|the)\s+)?"
)

# 'the third-quarter loss': 'the' belongs to the noun the quarter qualifies, not to it.
_ADJ_QUARTER = r"(?:fiscal[- ])?(?:first|second|third|fourth)-quarter\s+[a-z]"

_RULES: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y>" + _YEAR + r")-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<t>\d\d:\d\d))?\b"),
    ("wd_mdy", r"\b(?P<wd>" + _WEEKDAY + r"),?\s+(?P<month>" + _MONTH + r")\s+(?P<d>" + _DAY + r")(?:,?\s+(?P<y>" + _YEAR + r"))?\b"),
    ("clock_day", r"\b(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST))?,?\s+(?:on\s+)?(?:(?P<day>" + _WEEKDAY + r"|today|tomorrow|yesterday)\b|(?P<month>" + _MONTH + r")\s+(?P<d>" + _DAY + r")\b)"),
    ("mdy", r"\b(?P<month>" + _MONTH + r")\s+(?P<d>" + _DAY + r"),?\s+(?P<y>" + _YEAR + r")\b"),
    ("dmy", r"\b(?P<d>" + _DAY + r")\s+(?:of\s+)?(?P<month>" + _MONTH + r"),?\s+(?P<y>" + _YEAR + r")\b"),
    ("md", r"\b(?P<month>" + _MONTH + r")\s+(?P<d>" + _DAY + r")\b(?![,.]?\d|\s*%)"),
    ("dm", r"\b(?P<d>" + _DAY + r")\s+(?:of\s+)?(?P<month>" + _MONTH + r")\b"),
    ("my", r"\b(?:(?P<mod>early|late|mid)[- ])?(?P<month>" + _MONTH + r"),?\s+(?P<y>" + _YEAR + r")\b"),
    ("month_mod", r"\b(?:the\s+)?(?:end|beginning|start|middle|close)\s+of\s+(?P<month>" + _MONTH + r")(?:,?\s+(?P<y>" + _YEAR + r"))?(?![\w-])"),
    ("month_year_rel", r"\b(?:(?:early|late|mid)[- ])?(?P<month>" + _MONTH + r")\s+(?P<rel>this|last|next)\s+year\b"),
    ("month", r"\b(?:(?P<rel>last|next|this|early|late|mid|coming)[- ])?(?P<month>" + _MONTH + r")(?![\w-])(?!\.?\s+\d{1,2}(?:st|nd|rd|th)?\b)"),
    ("numeric", r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>" + _YEAR + r"|\d\d)\b"),
    ("weekday", r"\b(?:(?P<rel>last|next|this|coming|past|early|late|the previous|the following)\s+)?(?P<wd>" + _WEEKDAY + r")(?:\s+(?P<part>" + _PART + r"))?\b"),
    ("relday", r"\b(?:(?:early|late)\s+)?(?P<day>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>" + _PART + r"))?\b|\b(?P<this>this|last)\s+(?P<part2>morning|afternoon|evening|night)\b"),
    ("ago", r"\b" + _APPROX + r"(?P<n>" + _NUMBER + r")\s+(?P<unit>" + _UNIT + r"|" + _UNITS + r")(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from now|hence)\b"),
    ("within", r"\b(?:(?P<mod>earlier|later|early|late)\s+)?(?P<rel>this|last|next|the past|the last|the next|the coming|the previous|the following|the current|the same|the latest|the prior|past|previous|coming|following|current)\s+(?P<unit>" + _UNIT + r"|fiscal year|fiscal)\b"),
    ("span", r"\b(?:the\s+)?(?P<rel>past|last|next|first|coming|previous|following|final|latest|initial)\s+(?P<n>" + _NUMBER + r")\s+(?P<unit>" + _UNIT + r"|" + _UNITS + r")\b"),
    ("vague_span", r"\b(?P<n>several|a few|few|many|recent|the past few|the last few|the next few|the coming|the past several|the last several|coming)\s+(?P<unit>" + _UNITS + r")\b"),
    ("duration", r"\b" + _APPROX + r"(?P<n>" + _NUMBER + r")\s+(?:(?:more|additional|extra|full|trading|business|working)\s+)?(?P<unit>" + _UNIT + r"|" + _UNITS + r")(?P<old>-old|-long)?(?P<half>\s+and\s+a\s+half)?\b"),
    ("duration_adj", r"\b(?P<n>" + _NUMBER + r")-(?P<unit>" + _UNIT + r"|" + _UNITS + r")(?P<old>-old|-long)?\b"),
    ("quarter", r"\b(?:the\s+(?!" + _ADJ_QUARTER + r"))?(?:fiscal[- ])?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?:\s+of\s+(?P<y>" + _YEAR + r"))?\b"),
    ("year_ago_period", r"\b(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?:year-ago|year-earlier|prior-year)\s+(?:(?P<q>first|second|third|fourth)[- ])?(?P<unit>quarter|period|(?P<months>nine|six|three) months)\b"),
    ("year_quarter", r"\b(?:the\s+)?(?:(?P<y>" + _YEAR + r")|(?P<rel>this|last|next) year[’']s)\s+(?:(?:fiscal\s+)?(?P<q>first|second|third|fourth)[- ])?(?P<unit>quarter|period)\b"),
    ("latest_period", r"\b(?:the|this)\s+(?:latest|current|same)\s+period\b"),
    ("season", r"\b(?:(?P<rel>last|next|this(?:\s+past)?|the)\s+)?(?:(?P<mod>early|late|mid)[- ])?(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>" + _YEAR + r"))?\b"),
    ("decade", r"(?=[temlTEML'\d])(?:\bthe\s+)?(?:\b(?P<mod>early|late|mid)[- ])?(?:\b(?P<y>(?:1[5-9]|20)\d0)s|'(?P<yy>\d0)s)\b"),
    ("modyear", r"\b(?P<mod>" + _MOD + r")[- ](?:(?P<y>" + _YEAR + r")|(?P<rel>this|last|next|the)\s+(?P<unit>year|month|week))\b"),
    ("fiscal", r"\bfiscal\s+(?:year\s+)?(?P<y>" + _YEAR + r")\b"),
    ("year", r"(?:(?<=\bpost-)|(?<=\bpre-)|(?<=\bmid-)|(?<![\d,.$£€-]))(?P<y>" + _YEAR + r")(?!\d|,\d|%|\.\d)(?!\s*(?:people|percent|per|troops|km|miles|votes|tonnes|tons))"),
    ("clock", r"\b(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?P<zone>GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST))?|\b(?P<hh>[01]\d|2[0-3]):?(?P<mm>[0-5]\d)\s+(?P<zone2>GMT|UTC)\b|\b(?P<word>noon|midnight)\b"),
    ("frequency", r"\b(?=once\b|twice\b|[\w.-]+(?: and a half)?\s+times\b)(?:once|twice|(?P<n>" + _NUMBER + r")\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>" + _UNIT + r")\b"),
    ("clock24", r"(?=\d)(?:(?<=\bat )|(?<=\bby )|(?<=\buntil )|(?<=\bfrom )|(?<=\bafter )|(?<=\bbefore ))(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)\b(?![:.,]?\d|\s*(?:a\.m|p\.m|am\b|pm\b))"),
    ("set", r"\b(?:every|each)\s+(?:(?P<n>other|" + _NUMBER + r")\s+)?(?P<unit>" + _UNIT + r"|" + _UNITS + r"|" + _WEEKDAY + r"|spring|summer|fall|autumn|winter|season|(?P<month>january|february|march|april|may|june|july|august|september|october|november|december))\b|\b(?P<adv>daily|weekly|monthly|yearly|hourly|nightly)\b"),
    ("weekend", r"\bthe\s+weekend\b"),
    # 'a three-year period', 'its one-year term': the noun a length qualifies is a period.
    ("period_adj", r"\b(?:an?\s+)?(?P<n>" + _NUMBER + r")-(?P<unit>" + _UNIT + r")\s+(?:period|span|stretch|term|window)\b"),
    # 'the week of March 6': the week that holds the date.
    ("week_of", r"\bthe\s+(?P<unit>week|weekend)\s+of\s+(?P<month>" + _MONTH + r")\s+(?P<d>" + _DAY + r")\b"),
    ("year_end", r"\b(?:the\s+)?(?:year[- ]end|year[’']s end)\b"),
    ("decade_words", r"\bthe\s+(?:nineteen\s+)?(?P<d>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
    ("noon_day", r"\b(?P<word>noon|midnight|midday)(?:\s+(?:on\s+)?(?P<wd>" + _WEEKDAY + r"))?\b"),
    ("part_of_day", r"\b(?:mid[- ]?)(?P<part>morning|afternoon|day)\b"),
    ("some_time", r"\bsome time\b"),
    ("half", r"\b(?:the\s+)?(?P<h>first|second|last)\s+half\s+of\s+(?:(?P<y>" + _YEAR + r")|(?P<rel>this|last|next|the)\s+year)\b"),
    ("century", r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century\b"),
    ("that", r"\b(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?(?P<unit>day|week|month|quarter|year)\b"),
    ("long_adj", r"\b(?=[\w-]+-long\b)(?:(?P<n>" + _NUMBER + r")-)?(?P<unit>" + _UNIT + r"|" + _UNITS + r")-long\b"),
    ("ahead", r"\b(?:the\s+)?(?P<unit>days|weeks|months|years|decades)\s+(?:ahead|to come)\b"),
    ("term", r"\bthe\s+(?P<len>near|short|long)(?:er)?\s+term\b"),
    ("next_part", r"\bthe\s+(?P<rel>next|following|previous)\s+(?P<part>morning|afternoon|evening|night)\b"),
    ("anaphor", r"\bthe\s+(?:(?:fiscal|full|calendar)\s+)?(?P<unit>year|quarter|month|week)\b(?!-)"),
    ("year_ago", r"\byear-(?:earlier|ago)\b"),
    ("spelled_year", r"\b(?P<c>nineteen|twenty)[- ](?P<t>ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?P<u>one|two|three|four|five|six|seven|eight|nine))?\b"),
    # 'months ago', 'years later': a plural unit without a count, told apart from 'a matter
    # of days ago' (a count of some other thing).
    ("bare_ago", r"\b(?P<unit>years|months|weeks|days|hours|decades)\s+(?P<dir>ago|earlier|later)\b"),
    # 'in the weeks before the vote', 'the years that followed': a stretch named by its
    # relation to an event; TBAQ leaves the article out.
    ("around_event", r"\b(?P<unit>years|months|weeks|days|hours)(?=\s+(?:before|after|following|preceding|leading up to|prior to|that followed)\b)"),
    # 'the eighth day of the siege', 'his first day in office'.
    ("ordinal_day", r"\b(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,3}(?:st|nd|rd|th))\s+(?:(?:full|straight|consecutive|trading|business|working)\s+)?day\b(?!-)"),
    # '4 in the morning', 'nine o'clock', 'at 10 at night'.
    ("clock_words", r"\b(?P<h>1[0-2]|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:(?P<oclock>\s+o[’']clock)(?:\s+in\s+the\s+(?P<part>morning|afternoon|evening)|\s+at\s+(?P<night>night))?|\s+in\s+the\s+(?P<part2>morning|afternoon|evening)|\s+at\s+(?P<night2>night))\b"),
    # 'for a while', 'at a later date': stretches and times of no stated size.
    ("while", r"\ban?\s+(?:(?:little\s+|short\s+|long\s+)?(?P<while>while)|(?P<rel>later|earlier|future)\s+date)\b"),
    # 'the day before the vote', 'the day after his death': a day named by an event.
    ("day_around", r"\bthe\s+(?P<unit>day|night)(?=\s+(?:before|after)\b)"),
    # 'placed orders in the morning': the part of a day the text is about.
    ("in_the_part", r"(?:(?<=\bin )|(?<=\bduring ))the\s+(?P<part>morning|afternoon|evening)\b(?!\s+(?:of|paper|papers|edition|news|show|session|star)\b)"),
    # 'over the years', 'in the early years': an unstated stretch.
    ("the_years", r"(?=the\s)(?:(?<=\bover )the|\bthe\s+(?:early|later|first|last|final|closing|opening))\s+(?P<unit>years|decades|months|weeks|days|hours)\b(?!\s+(?:of|before|after|since|ago|earlier|later)\b)"),
    ("bare_span", r"(?:(?<=\bwithin )|(?<=\bin )|(?<=\bfor )|(?<=\bover ))(?P<unit>years|months|weeks|days|hours|minutes|decades|centuries)\b(?!\s+(?:ago|earlier|later|of))"),
    # Measured on TBAQ, 'previously', 'formerly', 'soon', a bare 'future' and 'recent' are
    # more often not annotated than annotated: left out.
    ("reference", r"\b(?P<ref>now|currently|nowadays|at present|these days|recently|lately|the past|(?:the )?near future|the future|current)\b"),
    ("holiday", r"\b(?:(?P<rel>last|next|this|coming|this past)\s+)?(?P<h>christmas(?: day| eve)?|new year[’']?s(?: day| eve)?|thanksgiving(?: day)?|easter(?: sunday)?|good friday|independence day|valentine[’']?s day|election day|labou?r day|memorial day|veterans[’']? day|halloween|boxing day|mother[’']?s day|father[’']?s day|martin luther king(?: jr\.?)? day)(?:\s+(?P<span>week|weekend)\b)?(?![\w'’])"),
]  # fmt: skip

_COMPILED = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _RULES]
# Words without which a rule cannot match: a rule is run on a text only when one of them
# occurs in it (a substring test costs far less than a regular-expression scan).
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "ago": ("ago", "earlier", "later", "from now", "hence"),
    "quarter": ("quarter",),
    "year_ago_period": ("year-ago", "year-earlier", "prior-year"),
    "year_quarter": ("quarter", "period"),
    "latest_period": ("period",),
    "month_mod": ("end", "beginning", "start", "middle", "close"),
    "month_year_rel": ("year",),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
    "decade": ("0s",),
    "fiscal": ("fiscal",),
    "frequency": ("once", "twice", "times"),
    "clock24": (":",),
    "set": ("every", "each", "daily", "weekly", "monthly", "yearly", "hourly", "nightly"),
    "weekend": ("weekend",),
    "period_adj": ("period", "span", "stretch", "term", "window"),
    "week_of": ("week of", "weekend of"),
    "year_end": ("year",),
    "decade_words": ("ties",),
    "noon_day": ("noon", "midnight", "midday"),
    "part_of_day": ("mid",),
    "some_time": ("some time",),
    "half": ("half",),
    "century": ("century",),
    "that": ("that",),
    "long_adj": ("-long",),
    "ahead": ("ahead", "to come"),
    "term": ("term",),
    "next_part": ("next", "following", "previous"),
    "year_ago": ("year-",),
    "spelled_year": ("nineteen", "twenty"),
    # the unit is a plural: its 's' comes right before the word after it
    "bare_ago": ("s ago", "s earlier", "s later"),
    "around_event": (
        "s before",
        "s after",
        "s follow",
        "s preceding",
        "s leading up",
        "s prior to",
        "s that followed",
    ),
    # an ordinal ends in -st, -nd, -rd or -th, unless an adjective comes between
    "ordinal_day": (
        "st day",
        "nd day",
        "rd day",
        "th day",
        "full day",
        "straight day",
        "consecutive day",
        "trading day",
        "business day",
        "working day",
    ),
    "clock_words": (
        "o'clock",
        "o’clock",
        "in the morning",
        "in the afternoon",
        "in the evening",
        "at night",
    ),
    "while": ("while", " date"),
    "day_around": ("day before", "day after", "night before", "night after"),
    "the_years": ("the ",),
    "in_the_part": ("in the morning", "in the afternoon", "in the evening", "during the "),
    "holiday": (
        "christmas",
        "new year",
        "thanksgiving",
        "easter",
        "good friday",
        "independence",
        "valentine",
        "election day",
        "labor day",
        "labour day",
        "memorial day",
        "veterans",
        "halloween",
        "boxing day",
        "mother's day",
        "mother’s day",
        "mothers day",
        "father's day",
        "father’s day",
        "fathers day",
        "luther king",
    ),
}


def _rules_for(text: str) -> list[tuple[str, re.Pattern[str]]]:
    """The rules that may match `text`: those whose trigger words occur in it."""
    lowered = text.lower()
    return [
        (name, pattern)
        for name, pattern in _COMPILED
        if name not in _TRIGGERS or any(word in lowered for word in _TRIGGERS[name])
    ]


_PRIORITY = {name: i for i, (name, _) in enumerate(_RULES)}


@dataclass(frozen=True, slots=True)
class Context:
    text: str
    dct: dt.date
    start: int
    end: int

    @property
    def tense(self) -> str | None:
        return tense_around(self.text, self.start, self.end)


# -- tense --------------------------------------------------------------------------------

_FUTURE = re.compile(
    r"\b(will|won't|'ll|shall|going to|is to|are to|scheduled|due|plans? to|planned|expected to|"
    r"set to|to be held|to meet|to begin|to start|to open|to hold|upcoming|next|begins?|"
    r"opens?|starts?|resumes?|would|could|might|plans?|planned|planning|"
    r"as soon as|as early as|no later than)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(was|were|had|did|said|told|met|held|began|opened|went|came|took|made|gave|left|"
    r"announced|reported|agreed|signed|killed|died|ago|last|\w{3,}ed)\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[.;!?\n]")


def tense_around(text: str, start: int, end: int) -> str | None:
    """'past', 'future' or None, from the nearest tense cue in the expression's clause."""
    left_edge = max(
        (m.end() for m in _CLAUSE.finditer(text, max(0, start - 120), start)),
        default=max(0, start - 120),
    )
    right = _CLAUSE.search(text, end, end + 80)
    right_edge = right.start() if right else min(len(text), end + 80)
    cues = []
    for pattern, tense in ((_FUTURE, "future"), (_PAST, "past")):
        for m in pattern.finditer(text, left_edge, start):
            if _is_cue(m):
                cues.append((start - m.end(), tense))
        for m in pattern.finditer(text, end, right_edge):
            if _is_cue(m):
                cues.append((m.start() - end + 5, tense))  # cues before weigh more
    return min(cues)[1] if cues else None


def _is_cue(m: re.Match) -> bool:
    """Capitalised '-ed' words are names ('United'), not past tenses."""
    word = m.group(0)
    return not (word[0].isupper() and word.lower().endswith("ed") and len(word) > 4)


# -- helpers ------------------------------------------------------------------------------


def _number(word: str) -> float | None:
    """The amount a count names ('5 1/2' 5.5, 'twenty-four' 24); None when vague."""
    word = re.sub(r"\s+", " ", word.lower())
    if word in VAGUE_NUMBERS:
        return None
    half = 0.0
    for suffix in (" 1/2", " and a half"):
        if word.endswith(suffix):
            word, half = word.removesuffix(suffix), 0.5
    if word in NUMBERS:
        return NUMBERS[word] + half
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]] + half  # 'twenty-four'
    try:
        return float(word) + half
    except ValueError:
        return None


def _unit(word: str) -> str:
    word = word.lower()
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and word[:-1] in UNITS:
        word = word[:-1]
    return word


# A fractional amount is written in the next smaller unit: P2Y6M, PT5H30M (ISO 8601 allows
# decimals only in the smallest unit, and TimeML values follow that).
_SMALLER = {"year": ("M", 12), "month": ("D", 30), "week": ("D", 7), "day": ("H", 24),
            "hour": ("M", 60), "minute": ("S", 60)}  # fmt: skip


def _duration(n: float | None, unit: str) -> str:
    if n is not None and not float(n).is_integer() and unit in _SMALLER:
        code, factor = _SMALLER[unit]
        whole, rest = int(n), round((n - int(n)) * factor)
        time_part = unit in {"day", "hour", "minute"}
        head = _duration(whole, unit) if whole else ("PT" if time_part else "P")
        if time_part and "T" not in head:
            head = head.replace("P", "PT", 1) if whole == 0 else head + "T"
        return f"{head}{rest}{code}"
    code = UNITS[unit]
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if code == "WE":
        return f"P{amount}WE"
    if code == "DE":
        return f"P{amount if n is None else int(n * 10)}Y" if n is not None else "PXDE"
    if code == "CE":
        return f"P{int(n * 100)}Y" if n is not None else "PXCE"
    if code == "2W":
        return f"P{int(2 * n)}W" if n is not None else "PXW"
    time_unit = unit in {"second", "minute", "hour"}
    return f"PT{amount}{code}" if time_unit else f"P{amount}{code}"


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _iso_week(day: dt.date) -> str:
    """ISO week: '2013-W11', '2000-W07'."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_months(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _resolve_month_day(month: int, day: int, ctx: Context) -> str | None:
    """A year-less date: the nearest one to the DCT, unless it is two months away or more
    and the tense points the other way ('met on Oct. 23' written in May)."""
    candidates = []
    for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    nearest = min(candidates, key=lambda d: abs((d - ctx.dct).days))
    gap = (nearest - ctx.dct).days
    tense = ctx.tense
    if tense == "past" and gap > 60:
        nearest = max(d for d in candidates if d <= ctx.dct)
    elif tense == "future" and gap < -60:
        nearest = min(d for d in candidates if d >= ctx.dct)
    return nearest.isoformat()


def _resolve_month(month: int, ctx: Context, rel: str | None) -> str:
    """A month without a year: 'last March', 'next March', else the nearest March, or the
    last (coming) one when the tense says so and it is not this month."""
    index_now = ctx.dct.year * 12 + ctx.dct.month - 1
    before = index_now - (ctx.dct.month - month) % 12  # the latest such month, now included
    after = index_now + (month - ctx.dct.month) % 12  # the next such month, now included
    if rel == "last":
        chosen = before if before < index_now else before - 12
    elif rel in {"next", "coming"}:
        chosen = after if after > index_now else after + 12
    elif ctx.tense == "past" and after != index_now and after - index_now > 2:
        chosen = before
    elif ctx.tense == "future" and before != index_now and index_now - before > 2:
        chosen = after
    else:
        chosen = before if index_now - before <= after - index_now else after
    return f"{chosen // 12}-{chosen % 12 + 1:02d}"


# -- normalizers --------------------------------------------------------------------------

Result = tuple[str, str] | None


def _value_iso(m: re.Match, ctx: Context) -> Result:
    date = _date(int(m["y"]), int(m["m"]), int(m["d"]))
    if date is None:
        return None
    return ("TIME", f"{date}T{m['t']}") if m["t"] else ("DATE", date)


def _value_mdy(m: re.Match, ctx: Context) -> Result:
    date = _date(int(m["y"]), _month(m["month"]), _day(m["d"]))
    return ("DATE", date) if date else None


_value_dmy = _value_mdy


def _value_wd_mdy(m: re.Match, ctx: Context) -> Result:
    if m["y"]:
        return _value_mdy(m, ctx)
    return _value_md(m, ctx)


def _value_clock_day(m: re.Match, ctx: Context) -> Result:
    """'5 p.m. on Monday', '5 p.m. EST, Nov. 6': a clock time on a named day."""
    day = (m["day"] or "").lower()
    if m["month"]:
        if not m["month"][0].isupper():
            return None
        value = _resolve_month_day(_month(m["month"]), _day(m["d"]), ctx)
        if value is None:
            return None
        date = dt.date.fromisoformat(value)
    elif day in WEEKDAYS:
        date = _weekday_date(WEEKDAYS[day], "", ctx)
    else:
        date = ctx.dct + dt.timedelta(days={"today": 0, "tomorrow": 1, "yesterday": -1}[day])
    hour = int(m["h"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
    return "TIME", f"{date.isoformat()}T{hour:02d}:{m['min'] or '00'}"


def _value_md(m: re.Match, ctx: Context) -> Result:
    if m["month"].lower() == "may" and not m["month"][0].isupper():
        return None
    value = _resolve_month_day(_month(m["month"]), _day(m["d"]), ctx)
    return ("DATE", value) if value else None


_value_dm = _value_md


def _value_my(m: re.Match, ctx: Context) -> Result:
    return ("DATE", f"{int(m['y']):04d}-{_month(m['month']):02d}")


_ARTICLE_BEFORE = re.compile(r"\b(?:the|a)\s+(?:\w+\s+)?[`'\"\u201c]*$", re.IGNORECASE)
_MARCH_NAME_AFTER = re.compile(r"[`'\"\u201d]*\s+(?:for|against|on|of\s+the)\b")


def _is_named_march(ctx: Context) -> bool:
    """'the annual March for Life', 'the March of the Mothers': a march, not the month
    (an article before it and 'for'/'against'/'on'/'of the' after)."""
    return bool(
        _ARTICLE_BEFORE.search(ctx.text, max(0, ctx.start - 20), ctx.start)
        and _MARCH_NAME_AFTER.match(ctx.text, ctx.end)
    )


def _value_month(m: re.Match, ctx: Context) -> Result:
    word = m["month"]
    if word.lower() in {"may", "mar", "jan", "sept", "sep", "dec", "june", "jun", "july", "aug"}:
        # 'may' the verb, 'march' the verb or noun, and short forms without a day are risky.
        if not word[0].isupper() or (
            word.lower() == "may" and not m["rel"] and not _prep_before(ctx)
        ):
            return None
        if word.lower() in {"mar", "jan", "sept", "sep", "dec", "jun", "aug"} and not word.endswith(
            "."
        ):
            return None
    if word.lower() == "march" and (not word[0].isupper() or _is_named_march(ctx)):
        return None
    rel = (m["rel"] or "").lower() or None
    return (
        "DATE",
        _resolve_month(_month(word), ctx, rel if rel in {"last", "next", "coming"} else None),
    )


def _value_month_mod(m: re.Match, ctx: Context) -> Result:
    """'the end of November', 'the middle of October 1997': the month, whose part TimeML
    leaves to the MOD attribute."""
    if not m["month"][0].isupper():
        return None
    if m["y"]:
        return "DATE", f"{m['y']}-{_month(m['month']):02d}"
    return "DATE", _resolve_month(_month(m["month"]), ctx, None)


def _value_month_year_rel(m: re.Match, ctx: Context) -> Result:
    """'June last year', 'March next year': one expression, its year named after it."""
    if not m["month"][0].isupper():
        return None
    year = ctx.dct.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    return "DATE", f"{year}-{_month(m['month']):02d}"


def _prep_before(ctx: Context) -> bool:
    before = ctx.text[max(0, ctx.start - 12) : ctx.start].lower()
    return bool(
        re.search(
            r"\b(in|since|until|by|of|from|to|through|early|late|mid|last|next|this)\s*-?$", before
        )
    )


def _value_numeric(m: re.Match, ctx: Context) -> Result:
    year = int(m["y"])
    year += 1900 if year < 100 and year > 50 else 2000 if year < 100 else 0
    date = _date(year, int(m["m"]), int(m["d"]))
    return ("DATE", date) if date else None


def _weekday_date(target: int, rel: str, ctx: Context) -> dt.date:
    """The weekday meant: 'next'/'coming' or a future tense look ahead, 'last' or any
    other tense look back (news mostly reports what happened)."""
    delta = target - ctx.dct.weekday()
    future = rel in {"next", "coming"} or (rel not in {"last", "past"} and ctx.tense == "future")
    if future:
        delta = delta if delta > 0 else delta + 7
        if rel == "next" and delta < 2:
            delta += 7
    elif rel != "this":
        delta = delta if delta <= 0 else delta - 7
    return ctx.dct + dt.timedelta(days=delta)


def _value_weekday(m: re.Match, ctx: Context) -> Result:
    if not m["wd"][0].isupper():
        return None
    rel = (m["rel"] or "").lower()
    rel = {"the previous": "last", "the following": "next"}.get(rel, rel)
    value = _weekday_date(WEEKDAYS[m["wd"].lower()], rel, ctx).isoformat()
    if m["part"]:
        return "TIME", f"{value}T{PARTS_OF_DAY[m['part'].lower()]}"
    return "DATE", value


def _value_relday(m: re.Match, ctx: Context) -> Result:
    word = (m["day"] or m["this"]).lower()
    offset = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1}.get(word)
    if word == "last":  # 'last night'
        offset = -1
    day = (ctx.dct + dt.timedelta(days=offset or 0)).isoformat()
    part = m["part"] or m["part2"] or ("night" if word == "tonight" else None)
    if part:
        return "TIME", f"{day}T{PARTS_OF_DAY[part.lower()]}"
    return "DATE", day


def _value_ago(m: re.Match, ctx: Context) -> Result:
    n = _number(m["n"])
    unit = _unit(m["unit"])
    direction = m["dir"].lower()
    sign = 1 if direction in {"later", "from now", "hence"} else -1
    if n is None:
        return "DATE", {"year": "PAST_REF", "month": "PAST_REF"}.get(
            unit, "PAST_REF"
        ) if sign < 0 else "FUTURE_REF"
    n = int(n)
    if unit == "year":
        return "DATE", f"{ctx.dct.year + sign * n}"
    if unit == "decade":
        return "DATE", f"{(ctx.dct.year + sign * 10 * n) // 10}"
    if unit == "month":
        year, month = _shift_months(ctx.dct, sign * n)
        return "DATE", f"{year}-{month:02d}"
    if unit == "quarter":
        year, month = _shift_months(ctx.dct, sign * 3 * n)
        return "DATE", f"{year}-Q{(month - 1) // 3 + 1}"
    if unit in {"week", "weekend", "fortnight"}:
        weeks = n * (2 if unit == "fortnight" else 1)
        return "DATE", _iso_week(ctx.dct + dt.timedelta(weeks=sign * weeks))
    if unit == "day":
        return "DATE", (ctx.dct + dt.timedelta(days=sign * n)).isoformat()
    return "TIME", (
        dt.datetime.combine(ctx.dct, dt.time()) + sign * dt.timedelta(**{f"{unit}s": n})
    ).isoformat(timespec="minutes")


def _value_within(m: re.Match, ctx: Context) -> Result:
    rel = m["rel"].lower().removeprefix("the ")
    unit = m["unit"].lower()
    unit = "year" if unit.startswith("fiscal") else unit
    if rel == "past" and not m["mod"]:
        return "DURATION", _duration(1, unit)  # 'the past year': the year up to now
    offset = {
        "last": -1,
        "past": -1,
        "previous": -1,
        "prior": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
    }.get(rel, 0)
    if rel == "latest" and unit == "quarter":
        offset = -1  # the latest quarter reported is the last one completed
    if unit == "year":
        return "DATE", f"{ctx.dct.year + offset}"
    if unit == "month":
        year, month = _shift_months(ctx.dct, offset)
        return "DATE", f"{year}-{month:02d}"
    if unit == "quarter":
        year, month = _shift_months(ctx.dct, 3 * offset)
        return "DATE", f"{year}-Q{(month - 1) // 3 + 1}"
    if unit in {"week", "weekend"}:
        week = _iso_week(ctx.dct + dt.timedelta(weeks=offset))
        return "DATE", f"{week}-WE" if unit == "weekend" else week
    if unit == "day":
        return "DATE", (ctx.dct + dt.timedelta(days=offset)).isoformat()
    if unit == "decade":
        return "DATE", f"{ctx.dct.year // 10 + offset}"
    if unit == "century":
        return "DATE", f"{ctx.dct.year // 100 + offset}"
    return None


def _value_span(m: re.Match, ctx: Context) -> Result:
    return "DURATION", _duration(_number(m["n"]), _unit(m["unit"]))


def _value_vague_span(m: re.Match, ctx: Context) -> Result:
    unit = _unit(m["unit"])
    return "DURATION", _duration(None, unit)


_AGE = re.compile(r"\s+old\b", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
# A quantity just before 'a year' makes it a rate: '$1.76 a year', '24 hours a day'.
_RATE_BEFORE = re.compile(
    r"(?:\d|\b(?:million|billion|thousand|hundred|percent|two|three|four|five|six|seven|eight|"
    r"nine|ten|twelve|twenty|fifty|hundred))(?:\s+[a-z]+)?\s+$",
    re.IGNORECASE,
)
_ORDINAL_SECOND = re.compile(r"an?\s+second", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+(?!later|earlier|ago|after|before|or|and|to|in|of)[a-z]")


def _value_duration(m: re.Match, ctx: Context) -> Result:
    if (m["old"] or "").lower() == "-old" or ctx.text[m.end() : m.end() + 4].lower() == "-old":
        return None  # an age ('a 6-year-old'), not a duration
    unit_word = m["unit"].lower()
    if unit_word.startswith("quarter") and "-" in m.group(0):
        return None  # 'three-quarters': a fraction
    if (m["old"] or "").lower() == "-long" and m["n"].lower() in {"a", "an"}:
        return None  # 'a day-long meeting': the article is the meeting's
    if unit_word.startswith("quarter") and _OF_AFTER.match(ctx.text, m.end()):
        return None  # 'a quarter of the market': a fraction
    if m["n"].lower() in {"a", "an"} and _RATE_BEFORE.search(
        ctx.text, max(0, m.start() - 40), m.start()
    ):
        return None  # '$500 million a year', '700 seats a week': a rate, not a span
    if _AGE.match(ctx.text, m.end()):
        return None  # '52 years old': a person's age
    if _ORDINAL_SECOND.fullmatch(m.group(0)) and _NOUN_AFTER.match(ctx.text, m.end()):
        return None  # 'a second group': the ordinal, not a duration
    unit = _unit(m["unit"])
    n = _number(m["n"])
    if n is None and m["n"].lower() not in VAGUE_NUMBERS:
        return None
    if n is not None and m.groupdict().get("half"):
        n += 0.5  # 'a minute and a half'
    if n is not None and n > 1000 and unit != "second":
        return None
    return "DURATION", _duration(n, unit)


_value_duration_adj = _value_duration


def _value_quarter(m: re.Match, ctx: Context) -> Result:
    q = ORDINALS[m["q"].lower()]
    if m["y"]:
        return "DATE", f"{m['y']}-Q{q}"
    current = (ctx.dct.month - 1) // 3 + 1
    year = ctx.dct.year if q <= current or ctx.tense == "future" else ctx.dct.year - 1
    return "DATE", f"{year}-Q{q}"


def _reported_quarter(ctx: Context, years_back: int = 0) -> tuple[int, int]:
    """The quarter news reports on (the last completed one), `years_back` years before."""
    year, month = _shift_months(ctx.dct, -3 - 12 * years_back)
    return year, (month - 1) // 3 + 1


def _value_year_ago_period(m: re.Match, ctx: Context) -> Result:
    """'the year-ago quarter', 'the year-earlier period': the reported quarter a year back
    (financial news compares a quarter with the same one of the year before)."""
    if m["months"]:
        return "DURATION", f"P{NUMBERS[m['months'].lower()]}M"
    year, quarter = _reported_quarter(ctx, 1)
    if m["q"]:
        quarter = ORDINALS[m["q"].lower()]
    return "DATE", f"{year}-Q{quarter}"


def _value_year_quarter(m: re.Match, ctx: Context) -> Result:
    """'the 1988 second quarter', 'this year's third quarter', 'the 1988 period'."""
    if m["y"]:
        year = int(m["y"])
    else:
        year = ctx.dct.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    quarter = ORDINALS[m["q"].lower()] if m["q"] else _reported_quarter(ctx)[1]
    return "DATE", f"{year}-Q{quarter}"


def _value_latest_period(m: re.Match, ctx: Context) -> Result:
    """'the latest period' of a results report: the quarter last completed."""
    year, quarter = _reported_quarter(ctx)
    return "DATE", f"{year}-Q{quarter}"


def _value_season(m: re.Match, ctx: Context) -> Result:
    code = SEASONS[m["season"].lower()]
    if m["y"]:
        return "DATE", f"{m['y']}-{code}"
    rel = (m["rel"] or "").lower()
    year = ctx.dct.year
    if rel == "last":
        year -= 1
    elif rel == "next":
        year += 1
    elif rel.startswith("this") and rel.endswith("past"):
        # 'this past spring': the last one begun before the current month
        year -= int({"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code] >= ctx.dct.month)
    elif not rel and not m["mod"] and m["season"].lower() == "fall":
        return None  # 'fall' the verb
    return "DATE", f"{year}-{code}"


def _value_decade(m: re.Match, ctx: Context) -> Result:
    if m["yy"]:
        return "DATE", f"19{m['yy'][0]}"
    return "DATE", m["y"][:3]


def _value_modyear(m: re.Match, ctx: Context) -> Result:
    if m["y"]:
        return "DATE", m["y"]
    return _value_within(m, ctx)


def _value_fiscal(m: re.Match, ctx: Context) -> Result:
    return "DATE", m["y"]


def _value_year(m: re.Match, ctx: Context) -> Result:
    year = int(m["y"])
    if year < 1800 or year > ctx.dct.year + 30:
        return None
    return "DATE", m["y"]


def _value_frequency(m: re.Match, ctx: Context) -> Result:
    """'twice a week', 'three times a year': a SET whose period is the unit (TimeML keeps
    the count in the FREQ attribute)."""
    return "SET", _duration(1, _unit(m["unit"]))


def _value_clock24(m: re.Match, ctx: Context) -> Result:
    """'at 14:30', 'until 9:00': a 24-hour clock time after a preposition of time."""
    return "TIME", f"{ctx.dct.isoformat()}T{int(m['hh']):02d}:{m['mm']}"


_HIGH_BEFORE = re.compile(r"\bhigh\s+$", re.IGNORECASE)


def _value_clock(m: re.Match, ctx: Context) -> Result:
    day = ctx.dct.isoformat()
    if m["word"] and _HIGH_BEFORE.search(ctx.text, max(0, ctx.start - 6), ctx.start):
        return None  # 'high noon': the moment of a showdown (or the film), not 12:00
    if m["word"]:
        return "TIME", f"{day}T{'12:00' if m['word'].lower() == 'noon' else '24:00'}"
    if m["hh"]:
        return "TIME", f"{day}T{m['hh']}:{m['mm']}"
    hour = int(m["h"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
    return "TIME", f"{day}T{hour:02d}:{m['min'] or '00'}"


def _value_set(m: re.Match, ctx: Context) -> Result:
    if m["adv"]:
        code = {
            "daily": "P1D",
            "nightly": "P1D",
            "weekly": "P1W",
            "monthly": "P1M",
            "annually": "P1Y",
            "yearly": "P1Y",
            "hourly": "PT1H",
            "quarterly": "P3M",
        }[m["adv"].lower()]
        return "SET", code
    word = m["unit"].lower()
    if m["month"]:
        if not m["month"][0].isupper():
            return None  # 'each may', 'every march'
        return "SET", f"XXXX-{MONTHS[word]:02d}"
    if word in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}"
    if word in SEASONS:
        return "SET", f"XXXX-{SEASONS[word]}"
    if word == "season":
        return "SET", "P1Y"
    unit = _unit(word)
    n = 2 if (m["n"] or "").lower() == "other" else (_number(m["n"]) if m["n"] else 1)
    return "SET", _duration(n, unit)


def _value_period_adj(m: re.Match, ctx: Context) -> Result:
    """'a three-year period': a duration, the article and noun included (as in TBAQ)."""
    n = _number(m["n"])
    return ("DURATION", _duration(n, _unit(m["unit"]))) if n is not None else None


def _value_week_of(m: re.Match, ctx: Context) -> Result:
    """'the week of March 6': the ISO week (or its weekend) that holds the date."""
    if not m["month"][0].isupper():
        return None
    value = _resolve_month_day(_month(m["month"]), _day(m["d"]), ctx)
    if value is None:
        return None
    week = _iso_week(dt.date.fromisoformat(value))
    return "DATE", f"{week}-WE" if m["unit"].lower() == "weekend" else week


def _value_weekend(m: re.Match, ctx: Context) -> Result:
    """'the weekend': the coming one in the future tense, else the last one."""
    saturday = _weekday_date(5, "", ctx)
    return "DATE", f"{_iso_week(saturday)}-WE"


def _value_anaphor(m: re.Match, ctx: Context) -> Result:
    """'the year', 'the quarter': in news, the current year, month and week, and the
    quarter last reported (the one before the current)."""
    unit = m["unit"].lower()
    if unit == "year":
        return "DATE", str(ctx.dct.year)
    if unit == "month":
        return "DATE", f"{ctx.dct.year}-{ctx.dct.month:02d}"
    if unit == "week":
        return "DATE", _iso_week(ctx.dct)
    year, month = _shift_months(ctx.dct, -3)
    return "DATE", f"{year}-Q{(month - 1) // 3 + 1}"


def _value_year_ago(m: re.Match, ctx: Context) -> Result:
    return "DATE", str(ctx.dct.year - 1)


def _value_spelled_year(m: re.Match, ctx: Context) -> Result:
    century = 19 if m["c"].lower() == "nineteen" else 20
    tens = NUMBERS.get(m["t"].lower(), 10)
    units = NUMBERS[m["u"].lower()] if m["u"] else 0
    return "DATE", f"{century}{tens + units:02d}"


def _value_bare_span(m: re.Match, ctx: Context) -> Result:
    return "DURATION", _duration(None, _unit(m["unit"]))


_OF_BEFORE = re.compile(r"\bof\s+$", re.IGNORECASE)
_IN_BEFORE = re.compile(r"\bin\s+$", re.IGNORECASE)


def _value_bare_ago(m: re.Match, ctx: Context) -> Result:
    """'months ago', 'years later': a past or future time at no stated distance; not after
    'of' ('a matter of days later'), where the unit is counted."""
    if _OF_BEFORE.search(ctx.text, max(0, ctx.start - 4), ctx.start):
        return None
    return "DATE", "FUTURE_REF" if m["dir"].lower() == "later" else "PAST_REF"


def _value_around_event(m: re.Match, ctx: Context) -> Result:
    """'the weeks before the shooting': a stretch of unstated length next to an event
    ('a matter of days before' counts days instead)."""
    if _OF_BEFORE.search(ctx.text, max(0, ctx.start - 4), ctx.start):
        return None
    return "DURATION", _duration(None, _unit(m["unit"]))


_IS_THE = re.compile(r"\b(?:is|'s)\s+(?:the\s+|its\s+)?$", re.IGNORECASE)


def _value_ordinal_day(m: re.Match, ctx: Context) -> Result:
    """'the second day of talks': a day counted from an event the text names, not the DCT,
    so its value is underspecified; but 'today is the eighth day', 'it's the second day of'
    speak of the day of writing."""
    if _IS_THE.search(ctx.text, max(0, ctx.start - 12), ctx.start):
        return "DATE", ctx.dct.isoformat()
    return "DATE", "XXXX-XX-XX"


_CLOCK_WORD_BEFORE = re.compile(
    r"\b(?:at|by|until|till|from|since|before|after|around|about|to|past)\s+$", re.IGNORECASE
)


def _value_clock_words(m: re.Match, ctx: Context) -> Result:
    """'at 4 in the morning', 'nine o'clock', 'ten at night': hours without a.m./p.m.; a
    bare number needs 'o'clock' or a preposition of time before it ('killed 4 in the
    morning raid' counts people)."""
    if not m["oclock"] and not _CLOCK_WORD_BEFORE.search(
        ctx.text, max(0, m.start() - 8), m.start()
    ):
        return None
    hour = int(m["h"]) if m["h"].isdigit() else int(NUMBERS[m["h"].lower()])
    part = (m["part"] or m["part2"] or m["night"] or m["night2"] or "").lower()
    if part in {"afternoon", "evening"} or (part == "night" and 6 <= hour < 12):
        hour += 12
    elif hour == 12 and part in {"morning", "night"}:
        hour = 0
    return "TIME", f"{ctx.dct.isoformat()}T{hour:02d}:00"


_FOR_IN_BEFORE = re.compile(r"\b(?:for|in)\s+$", re.IGNORECASE)


def _value_while(m: re.Match, ctx: Context) -> Result:
    """'for a while' DURATION PXX ('a while' alone is too often a conjunction's noun: 'it
    took a while'); 'a later date' FUTURE_REF, 'an earlier date' PAST_REF."""
    if m["rel"]:
        return "DATE", "PAST_REF" if m["rel"].lower() == "earlier" else "FUTURE_REF"
    if not _FOR_IN_BEFORE.search(ctx.text, max(0, ctx.start - 5), ctx.start):
        return None
    return "DURATION", "PXX"


def _value_day_around(m: re.Match, ctx: Context) -> Result:
    """'the day before the vote': a day next to an event, which only a discourse model
    could place; the extent is kept with an underspecified value. Not 'later in the day
    before leaving', where 'before' governs the verb."""
    if _IN_BEFORE.search(ctx.text, max(0, ctx.start - 4), ctx.start):
        return None
    return ("DATE", "XXXX-XX-XX") if m["unit"].lower() == "day" else ("TIME", "XXXX-XX-XXTNI")


def _value_in_the_part(m: re.Match, ctx: Context) -> Result:
    """'in the morning': read as the morning of the DCT, the day news mostly reports."""
    return "TIME", f"{ctx.dct.isoformat()}T{PARTS_OF_DAY[m['part'].lower()]}"


def _value_the_years(m: re.Match, ctx: Context) -> Result:
    """'over the years', 'the early years': a stretch of unstated length."""
    return "DURATION", _duration(None, _unit(m["unit"]))


def _value_half(m: re.Match, ctx: Context) -> Result:
    year = (
        int(m["y"])
        if m["y"]
        else ctx.dct.year + {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    )
    return "DATE", f"{year}-H{1 if m['h'].lower() == 'first' else 2}"


def _value_century(m: re.Match, ctx: Context) -> Result:
    n = int(m["n"])
    return ("DATE", f"{n - 1:02d}") if 1 <= n <= 21 else None


def _value_that(m: re.Match, ctx: Context) -> Result:
    """'that day': a time already named, which only a discourse model could resolve; the
    extent is kept with an underspecified value."""
    return "DATE", {
        "day": "XXXX-XX-XX",
        "week": "XXXX-WXX",
        "month": "XXXX-XX",
        "quarter": "XXXX-QX",
        "year": "XXXX",
    }[m["unit"].lower()]


def _value_long_adj(m: re.Match, ctx: Context) -> Result:
    """'a decades-long feud', 'a two-week-long strike', 'a day-long meeting'."""
    unit = _unit(m["unit"])
    if m["n"]:
        return "DURATION", _duration(_number(m["n"]), unit)
    plural = m["unit"].lower().endswith("s")
    return "DURATION", _duration(None if plural else 1, unit)


def _value_ahead(m: re.Match, ctx: Context) -> Result:
    """'the weeks ahead', 'the years to come': an unspecified stretch from now on."""
    return "DURATION", _duration(None, _unit(m["unit"]))


def _value_term(m: re.Match, ctx: Context) -> Result:
    """'the near term', 'the long term': the future, with no length to it."""
    return "DATE", "FUTURE_REF"


def _value_next_part(m: re.Match, ctx: Context) -> Result:
    """'the next morning': the part of a day named elsewhere; read against the DCT."""
    offset = -1 if m["rel"].lower() == "previous" else 1
    day = ctx.dct + dt.timedelta(days=offset)
    return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[m['part'].lower()]}"


def _value_year_end(m: re.Match, ctx: Context) -> Result:
    return "DATE", str(ctx.dct.year)


_DECADES = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
            "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip


def _value_decade_words(m: re.Match, ctx: Context) -> Result:
    return "DATE", f"19{_DECADES[m['d'].lower()]}"


def _value_noon_day(m: re.Match, ctx: Context) -> Result:
    if _HIGH_BEFORE.search(ctx.text, max(0, ctx.start - 6), ctx.start):
        return None  # 'high noon'
    day = _weekday_date(WEEKDAYS[m["wd"].lower()], "", ctx) if m["wd"] else ctx.dct
    hour = "24:00" if m["word"].lower() == "midnight" else "12:00"
    return "TIME", f"{day.isoformat()}T{hour}"


def _value_part_of_day(m: re.Match, ctx: Context) -> Result:
    part = m["part"].lower()
    if part == "day":
        return "TIME", f"{ctx.dct.isoformat()}T12:00"
    return "TIME", f"{ctx.dct.isoformat()}T{PARTS_OF_DAY[part]}"


def _value_some_time(m: re.Match, ctx: Context) -> Result:
    return "DURATION", "PXM"


def _value_reference(m: re.Match, ctx: Context) -> Result:
    return "DATE", REFERENCES[m["ref"].lower()]


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n < 0:
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return dt.date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


# The holidays news names, each as the day it falls on in a given year.
_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "new years eve": lambda y: dt.date(y, 12, 31),
    "new years": lambda y: dt.date(y, 1, 1),
    "valentines": lambda y: dt.date(y, 2, 14),
    "independence": lambda y: dt.date(y, 7, 4),
    "halloween": lambda y: dt.date(y, 10, 31),
    "veterans": lambda y: dt.date(y, 11, 11),
    "boxing": lambda y: dt.date(y, 12, 26),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial": lambda y: _nth_weekday(y, 5, 0, -1),
    "mothers": lambda y: _nth_weekday(y, 5, 6, 2),
    "fathers": lambda y: _nth_weekday(y, 6, 6, 3),
    "martin luther king": lambda y: _nth_weekday(y, 1, 0, 3),
    "election": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
    "easter": _easter,
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
}


def _holiday_key(name: str) -> str | None:
    """The `_HOLIDAYS` key of a holiday as written ('New Year's Day', 'Easter Sunday',
    'Labour Day'): its first words, apostrophes and British spelling aside."""
    name = re.sub(r"['\u2019]", "", name.lower()).replace("labour", "labor")
    return next((key for key in _HOLIDAYS if name.startswith(key)), None)


def _value_holiday(m: re.Match, ctx: Context) -> Result:
    """'Christmas', 'last Thanksgiving', 'Election Day', 'Easter week': the holiday before
    the DCT after 'last', after it after 'next', else the nearest one, unless it is two
    months away or more and the tense points the other way (as year-less dates)."""
    key = _holiday_key(m["h"])
    if key is None:
        return None
    days = [_HOLIDAYS[key](ctx.dct.year + offset) for offset in (-1, 0, 1)]
    rel = (m["rel"] or "").lower()
    if rel in {"last", "this past"}:
        day = max(d for d in days if d < ctx.dct)
    elif rel in {"next", "coming"}:
        day = min(d for d in days if d > ctx.dct)
    else:
        day = min(days, key=lambda d: abs((d - ctx.dct).days))
        gap = (day - ctx.dct).days
        if ctx.tense == "past" and gap > 60:
            day = max(d for d in days if d <= ctx.dct)
        elif ctx.tense == "future" and gap < -60:
            day = min(d for d in days if d >= ctx.dct)
    span = (m["span"] or "").lower()
    if span == "week":
        return "DATE", _iso_week(day)
    if span == "weekend":
        return "DATE", f"{_iso_week(day)}-WE"
    return "DATE", day.isoformat()


_NORMALIZERS: dict[str, Callable[[re.Match, Context], Result]] = {
    name: globals()[f"_value_{name}"] for name, _ in _RULES
}


# -- tagging ------------------------------------------------------------------------------


_TITLE_UNIT = re.compile(
    r"\b(?:Seconds?|Minutes?|Hours?|Days?|Weeks?|Months?|Years?|Decades?|Centuries|Century)\b"
)


def _is_title(text: str, start: int, end: int) -> bool:
    """A quoted expression with a capitalised unit inside is a title (CBS's "60 Minutes",
    ABC's "This Week"), not a time. Only quoted ones: a headline in title case still
    speaks of time ('Talks Resume Next Week')."""
    quoted = text[max(0, start - 2) : start].endswith(('"', "'", "`", "\u201c", "\u2018"))
    return quoted and _TITLE_UNIT.search(text, start + 1, end) is not None


def tag(text: str, dct: dt.date) -> list[Timex]:
    """Every temporal expression in `text`, normalized against the creation date `dct`."""
    candidates = []
    for name, pattern in _rules_for(text):
        for m in pattern.finditer(text):
            if m.end() > m.start():
                candidates.append((m.start(), m.end(), name, m))
    # Longest first, then the earlier rule: the most specific reading of each stretch wins.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), _PRIORITY[c[2]], c[0]))
    taken: list[tuple[int, int]] = []
    found = []
    for start, end, name, m in candidates:
        if any(start < e and s < end for s, e in taken):
            continue
        if _is_title(text, start, end):
            continue
        result = _NORMALIZERS[name](m, Context(text, dct, start, end))
        if result is None:
            continue
        taken.append((start, end))
        found.append(Timex(start, end, text[start:end], *result))
    return [_widen(text, t) for t in sorted(found, key=lambda t: t.start)]


# TimeML puts a quantity's modifier inside the extent and records it in the MOD attribute
# ('about three years' APPROX, 'more than a week' MORE_THAN, 'almost two years ago',
# 'around 7 p.m.'); 'or so' after it is the same approximation. Only before a count or a
# clock time: 'about the future' or 'around Wednesday's ruling' are prepositions. A bare
# 'over' is MORE_THAN only before 'a'/'an' ('over a week'); 'used over three years' is a span.
_APPROX_LEFT = re.compile(
    r"(?:\b(?:about|almost|around|approximately|roughly|nearly|some|more than|less than|"
    r"fewer than|at least|at most|up to|no more than)|\b(?:just|well)\s+over|"
    r"\b(?P<over>over))\s+$",
    re.IGNORECASE,
)
# 'over a three-year period': 'over' is the preposition of the period, not 'more than'.
_PERIOD_NOUN = re.compile(r"-\w+\s+(?:period|span|stretch|term|window)$", re.IGNORECASE)
_COUNTED = re.compile(r"(?:\d|" + _NUMBER + r"\s)", re.IGNORECASE)
_OR_SO = re.compile(r"\s+or so\b", re.IGNORECASE)
# 'around Nov. 1', 'sometime next year': an approximation of a date (MOD APPROX), only
# before a month or year end: 'around Wednesday's ruling' is a preposition.
_DATE_LEAD = re.compile(r"\b(?:around|sometime|some time)\s+$", re.IGNORECASE)
_MONTH_OR_YEAR_END = re.compile(
    r"(?:(?:early|late|mid)[- ]?)?(?:"
    + _MONTH
    + r"|year[- ]end|(?:next|this|last)\s+(?:year|month|week))\b",
    re.IGNORECASE,
)
# '1994 or later', '1990 and beyond': an open end, which TimeML keeps in the extent (MOD).
_OPEN_END = re.compile(r"\s+(?:or\s+(?:later|earlier|sooner|before|after)|and\s+beyond)\b", re.I)


# 'two to three weeks', 'the next 12 to 18 months': the lower bound and its 'to'/'or'
# before a counted duration; 'weeks or months', 'a year or two' after one.
_RANGE_LEFT = re.compile(
    r"(?:\bthe\s+(?:next|past|last|coming|first)\s+)?\b(?P<low>" + _NUMBER + r")\s+(?:to|or)\s+$",
    re.IGNORECASE,
)
_RANGE_RIGHT = re.compile(r"\s+or\s+(?:" + _UNITS + r"|(?P<two>two|three))\b", re.IGNORECASE)


def _widen_range(text: str, timex: Timex) -> Timex:
    """A duration grown over the range it ends or begins, valued at its lower bound (as
    TBAQ does: 'two to three weeks' P2W)."""
    if timex.type != "DURATION":
        return timex
    left = _RANGE_LEFT.search(text, max(0, timex.start - 30), timex.start)
    high = _number(timex.text.split()[0]) if timex.text.split() else None
    if left and high is not None:
        low = _number(left["low"])
        if low is None or low >= high or not float(low).is_integer():
            return timex
        value = re.sub(r"\d+", str(int(low)), timex.value, count=1)
        return replace(timex, start=left.start(), text=text[left.start() : timex.end], value=value)
    right = _RANGE_RIGHT.match(text, timex.end)
    counted = high is not None
    if right and (counted == bool(right["two"])) and (not counted or high == 1):
        return replace(timex, end=right.end(), text=text[timex.start : right.end()])
    return timex


def _widen(text: str, timex: Timex) -> Timex:
    """The extent grown over a range ('two to three weeks') or an approximation around a
    count ('about two weeks', 'the next year or so')."""
    timex = _widen_range(text, timex)
    start, end = timex.start, timex.end
    counted = _COUNTED.match(text, start) is not None
    if (
        counted
        and timex.type in {"DURATION", "TIME", "DATE"}
        and not _PERIOD_NOUN.search(timex.text)
    ):
        before = _APPROX_LEFT.search(text, max(0, start - 20), start)
        if before and not (before["over"] and not re.match(r"an?\s", text[start : start + 3])):
            start = before.start()
    after = _OR_SO.match(text, end)
    if after and timex.type in {"DURATION", "DATE"}:
        end = after.end()
    lead = _DATE_LEAD.search(text, max(0, start - 12), start)
    if lead and timex.type == "DATE" and _MONTH_OR_YEAR_END.match(text, start):
        start = lead.start()
    open_end = _OPEN_END.match(text, end)
    if open_end and timex.type == "DATE" and timex.value[:1].isdigit():
        end = open_end.end()
    if (start, end) == (timex.start, timex.end):
        return timex
    return replace(timex, start=start, end=end, text=text[start:end])


def tag_article(article: Article, options: Options) -> Article:
    """Time step: normalized temporal expressions of an article, each tied to its sentence.

    Relative expressions need the publication date at day precision; without it the
    article is left untagged rather than tagged wrong (a dateless article gets its date from
    the text or the story first)."""
    published = article.published
    if published is None or len(published.date) != 10:
        return article
    dct = dt.date.fromisoformat(published.date)
    starts = [sentence.start for sentence in article.sentences]
    found = tuple(
        replace(t, sentence=max(0, bisect_right(starts, t.start) - 1))
        for t in tag(article.text, dct)
    )
    return replace(article, timexes=found)


_ANCHORED = re.compile(rf"\b(?:{_MONTH}|(?:19|20)\d\d)\b", re.IGNORECASE)


_WRITTEN_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def tag_with_anchor(article: Article, anchor: dt.date, year_less: bool = True) -> Article:
    """An article's dates read against a date near its own (its month's middle, or its
    story's): only expressions that name a month or a year ('a June 2012 deal', 'the
    January 22 talks'), whose reading the anchor barely moves; relative ones ('on Sunday',
    'last week') need the article's own day and are left out. Without `year_less`, only
    those that write their year: when the anchor is not the article's own month, 'December
    18' could be of any year."""
    starts = [sentence.start for sentence in article.sentences]
    found = tuple(
        replace(t, sentence=max(0, bisect_right(starts, t.start) - 1))
        for t in tag(article.text, anchor)
        if t.type == "DATE"
        and _ANCHORED.search(t.text)
        and re.match(r"^\d{4}(-\d{2}){0,2}$", t.value)
        and (year_less or _WRITTEN_YEAR.search(t.text))
    )
    return replace(article, timexes=found)
