"""Numeric claims: how many were killed, wounded, displaced, detained; how much money.

A figure is a number (digits with comma, point or space separators, "1.2 million", number
words, "dozens"), an optional qualifier before it ("more than", "an estimated", "nearly"),
and a metric read from the words around it: the noun or participle after it ("130,000
people killed", "500 dead", "1.2 million displaced") or the verb before it ("has killed
more than 260 000 people"). The attribution is who the sentence says gives the figure
("according to NGOs", "the Observatory said", "activists say").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from storyline.model import Article, FoundFigure, Mention, Sentence
from storyline.options import Options

_SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "dozen": 12, "two dozen": 24, "three dozen": 36,
}  # fmt: skip
# Vague quantities: the lower bound, qualified "at least".
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
          "tens of thousands": 20000, "hundreds of thousands": 200000, "millions": 2e6}  # fmt: skip
_QUALIFIERS = {
    "more than": "more than", "over": "more than", "at least": "at least", "about": "about",
    "around": "about", "some": "about", "roughly": "about", "approximately": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "up to": "up to",
    "as many as": "up to", "an estimated": "estimated", "estimated": "estimated",
    "fewer than": "fewer than", "less than": "fewer than", "no more than": "up to",
}  # fmt: skip

_NUM = (
    r"(?P<num>\d{1,3}(?:(?:,|\s|\u202f|\u00a0)\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|m)\b)?"
)
_WORDS = r"(?P<words>tens of thousands|hundreds of thousands|a hundred|two dozen|three dozen|a dozen|dozens|scores|hundreds|thousands|millions|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)"
_QUAL = r"(?:(?P<qual>no more than|more than|over|at least|about|around|some|roughly|approximately|nearly|almost|close to|up to|as many as|an estimated|estimated|fewer than|less than)\s+)?"
_MONEY = r"(?P<cur>\$|US\$|€|£|¥)\s?"
_NUMBER = re.compile(
    rf"{_QUAL}(?:{_MONEY})?(?:{_NUM}|\b{_WORDS}\b(?:\s+(?P<wscale>thousand|million|billion)\b)?)(?:\s+of)?",
    re.IGNORECASE,
)

# Metric words after the number (within a few words) and verbs before it.
_AFTER = [
    (
        "killed",
        r"(?:killed|dead|died|deaths?|lives|fatalities|death toll|murdered|slain|drowned|perished)",
    ),
    ("wounded", r"(?:wounded|injured|hurt|injuries)"),
    ("displaced", r"(?:displaced|homeless|evacuated|fled(?: their)? homes|uprooted)"),
    (
        "refugees",
        r"(?:refugees|asylum[- ]seekers|(?:now\s+)?(?:fled|crossed|escaped)\s+(?:into|across|to)\b)",
    ),
    ("detained", r"(?:detained|arrested|detainees|prisoners|held|jailed|captives|hostages)"),
    ("missing", r"(?:missing|unaccounted)"),
    ("cases", r"(?:cases|infections|infected)"),
    ("vaccinated", r"(?:vaccinated|immuni[sz]ed|inoculated)"),
    ("rescued", r"(?:rescued|survivors)"),
    ("fighters", r"(?:fighters|troops|soldiers|militants|rebels|combatants|police officers)"),
    (
        "participants",
        r"(?:delegates|participants|protesters|demonstrators|attendees|negotiators|marchers|supporters|observers|strikers|marched|rallied|protested|gathered)",
    ),
    ("votes", r"(?:votes|ballots)"),
    ("voters", r"(?:voters|(?:were\s+)?registered to vote)"),
]
_BEFORE = [
    ("killed", r"(?:killed|killing|kill|claimed the lives of|left dead|(?:death )?toll\b[^.,;]{0,60}?\b(?:rose|climbed|reached|stood at|to|of|hit|passed)|deaths? of|number of (?:dead|deaths)\b[^.,;]{0,30}?\b(?:at|to|was|is))"),
    ("wounded", r"(?:wounded|injured|injuring|wounding|number of (?:wounded|injured)\b[^.,;]{0,30}?\b(?:at|to|was|is))"),
    ("displaced", r"(?:displaced|displacing|forced from their homes|uprooted)"),
    ("detained", r"(?:detained|arrested|released|freed|holding|holds)"),
    ("cases", r"(?:infected|cases\b[^.,;]{0,30}?\b(?:rose|climbed|reached|stood at) to|number of cases\b[^.,;]{0,30}?\b(?:at|to|was|is))"),
]  # fmt: skip
_PEOPLE = r"(?:(?:people|civilians|persons|children|women|men|residents|villagers|soldiers|fighters|rebels|migrants|others|more|of them|[A-Za-z-]+s|[a-z-]+)\s+){0,3}(?:(?:in|from|at|on|near|across)\s+[\w-]+(?:\s+[\w-]+)?\s+)?"
_AFTER_RE = [
    (
        m,
        re.compile(
            rf"^\s*(?:{_PEOPLE})(?:(?:have|had|has|were|was|are|been|being|reportedly|now|still|remain|remained|remains|among the|among those)\s+){{0,3}}{w}",
            re.I,
        ),
    )
    for m, w in _AFTER
]
_BEFORE.append(("vaccinated", r"(?:vaccinate|vaccinated|vaccinating|immuni[sz]e)"))
_BEFORE_RE = [(m, re.compile(rf"\b{w}\s*(?:an estimated\s+|some\s+)?$", re.I)) for m, w in _BEFORE]
# 'the number of people displaced inside Estravia has risen to 1.5 million'
_BEFORE_RE += [
    (
        m,
        re.compile(
            rf"\b(?:number|total|toll|count) of (?:[\w-]+\s+){{0,3}}?{w}\b[^.;]{{0,50}}?\b(?:at|to|was|is|reached|stood at)\s*$",
            re.I,
        ),
    )
    for m, w in _AFTER
]
_DISEASE = re.compile(
    r"\b(?:outbreak|epidemic|pandemic|cholera|virus|disease|infection|fever|measles|ebola|covid)\b",
    re.I,
)
_ATTRIBUTION = re.compile(
    r"according to (?P<a>(?:the\s+)?[\w .'’-]{2,80}?)(?=[,.;]|$)|(?P<b>(?:the\s+)?[A-Z][\w .'’-]{2,80}?|activists|officials|diplomats|monitors|medics|doctors|rescuers|police|witnesses|residents|analysts|(?:security )?sources|NGOs|the UN|the United Nations)\s+(?:said|says|say|reported|reports)\b",
)  # fmt: skip


def parse_number(match: re.Match) -> tuple[float, str | None] | None:
    """(value, implied qualifier) of a number match."""
    if match.group("words"):
        word = match.group("words").lower()
        if word in _VAGUE:
            return float(_VAGUE[word]), "at least"
        scale = _SCALES.get((match.group("wscale") or "").lower(), 1)
        return float(_WORD_NUMBERS[word]) * scale, None
    digits = re.sub(r"[,\s\u202f\u00a0]", "", match.group("num"))
    try:
        number = float(digits)
    except ValueError:
        return None
    unit = (match.group("scale") or "").lower()
    return number * _SCALES.get(unit, 1), None


def find_article_figures(article: Article, options: Options) -> Article:
    """Figures step: the article's numeric claims, found once and stored."""
    found = find_figures(article.text, article.sentences, article.entities)
    return replace(article, figures=tuple(found))


def find_figures(
    text: str, sentences: Sequence[Sentence], entities: Sequence[Mention]
) -> list[FoundFigure]:
    """Every numeric claim about people or money, sentence by sentence."""
    disease = bool(_DISEASE.search(text))
    found: list[FoundFigure] = []
    for index, sentence in enumerate(sentences):
        body = sentence.text
        for match in _NUMBER.finditer(body):
            if _not_a_count(body, match):
                continue
            parsed = parse_number(match)
            if parsed is None:
                continue
            value, implied = parsed
            currency = match.group("cur")
            metric = (
                "money" if currency or _money_after(body, match.end()) else _metric(body, match)
            )
            if metric is None:
                metric = _inherited(body, match, found, index)
            if metric is None:
                continue
            epidemic_death = disease and re.search(r"\b(?:died|deaths?|dead)\b", body, re.I)
            if (
                metric == "killed"
                and not _VIOLENT.search(body)
                and (_DISEASE.search(body) or epidemic_death or _NON_VIOLENT.search(body))
            ):
                metric = "deaths"  # an epidemic's toll, a drowning: not killings
            qualifier = _QUALIFIERS.get((match.group("qual") or "").lower()) or implied
            start = sentence.start + match.start()
            if match.group("qual") is None:
                start = sentence.start + match.start()
            found.append(
                FoundFigure(
                    start=start,
                    end=sentence.start + match.end(),
                    text=match.group(0).strip(),
                    metric=metric,
                    value=value,
                    qualifier=qualifier,
                    unit=_unit(currency, body, match.end()) if metric == "money" else None,
                    where=_where(text, entities, sentence, sentence.start + match.start()),
                    attributed_to=_attribution(body),
                    sentence=index,
                )
            )
    return found


_WHERE_REACH = 80  # characters between a figure and the place it is about
_VIOLENT = re.compile(
    r"\b(?:shot|shooting|gunmen|gunfire|bomb\w*|blast|attack\w*|clash\w*|fighting|shell\w*|air ?strikes?|airstrikes?|rocket|massacre|war)\b",
    re.I,
)
_NON_VIOLENT = re.compile(
    r"\b(?:drowned|drowning|froze|cold-related|of cold|of hunger|starv\w+)\b", re.I
)


def _inherited(body: str, match: re.Match, found: list, index: int) -> str | None:
    """A number that continues the figure before it in the sentence: 'killed, including at
    least 12,000 civilians', 'won 2,114,503 votes and Sabry 2,087,990'."""
    previous = [f for f in found if f.sentence == index]
    if not previous:
        return None
    before = body[max(0, match.start() - 40) : match.start()].lower()
    after = body[match.end() : match.end() + 3]
    if re.search(
        r"\b(?:including|(?:down|up) from|put (?:the|that) (?:number|figure|toll|total) at)\s*$",
        before,
    ):
        return previous[-1].metric
    if re.search(
        r"\band\s+[A-Z]?\w*\s*$", body[max(0, match.start() - 25) : match.start()]
    ) and re.match(r"[,.;)]|$", after):
        return previous[-1].metric
    return None


def _not_a_count(body: str, match: re.Match) -> bool:
    number = match.group("num") or ""
    if re.fullmatch(r"(?:19|20)\d\d", number) and not match.group("qual"):
        return True
    after = body[match.end() : match.end() + 30].lower()
    before = body[max(0, match.start() - 12) : match.start()].lower()
    if re.match(r"-(?:thirds?|quarters?|fifths?|halves|tenths)", after):
        return True  # a fraction: 'two-thirds of the population'
    if re.match(r"\s+(?:in|out of)\s+(?:every\s+)?(?:\d+|two|three|four|five|ten)\b", after):
        return True  # a proportion: 'two in every three'
    if re.match(r"-(?:thirds?|quarters?|fifths?|halves|tenths)", after):
        return True  # a fraction: 'two-thirds of the population'
    if re.match(
        r"\s*(?:%|percent|per cent|gmt|a\.m\.|p\.m\.|am\b|pm\b|years?|months?|weeks?|days?|hours?|km|miles|kilomet)",
        after,
    ):
        return True
    return bool(
        re.search(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$", before)
    )


def _metric(body: str, match: re.Match) -> str | None:
    """The verb right before the number ('has killed more than 45,000 people and displaced
    1.2 million') is the surest sign; else the words after it; else a 'number of' phrase."""
    before = body[max(0, match.start() - 60) : match.start()]
    for metric, pattern in _BEFORE_RE[: len(_BEFORE)]:
        if pattern.search(before):
            return metric
    after = body[match.end() : match.end() + 60]
    for metric, pattern in _AFTER_RE:
        if pattern.match(after):
            return metric
    for metric, pattern in _BEFORE_RE[len(_BEFORE) :]:
        if pattern.search(before):
            return metric
    return None


def _money_after(body: str, end: int) -> bool:
    return bool(
        re.match(r"\s*(?:dollars|euros|pounds|francs|yuan|rupees)\b", body[end : end + 12], re.I)
    )


def _unit(currency: str | None, body: str, end: int) -> str | None:
    symbols = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
    if currency:
        return symbols.get(currency)
    word = re.match(r"\s*(dollars|euros|pounds)", body[end : end + 12], re.I)
    return (
        {"dollars": "USD", "euros": "EUR", "pounds": "GBP"}[word.group(1).lower()] if word else None
    )


def _where(text_of: str, entities: Sequence[Mention], sentence: Sentence, at: int) -> str | None:
    """The place the sentence sets the figure in, near it: 'in Syria', 'across Aleppo',
    'Syria's war'."""
    for e in entities:
        near = abs(e.start - at) <= _WHERE_REACH
        if e.label == "GPE" and sentence.start <= e.start < sentence.end and near:
            before = text_of[max(0, e.start - 12) : e.start].lower()
            after = text_of[e.end : e.end + 12].lower()
            if re.search(
                r"\b(?:in|across|throughout|inside|of)\s+(?:the\s+)?$", before
            ) or re.match(r"[’']s\s+(?:war|conflict|civil war|crisis)", after):
                return e.text
    return None


def _attribution(body: str) -> str | None:
    match = _ATTRIBUTION.search(body)
    if not match:
        return None
    who = (match.group("a") or match.group("b") or "").strip()
    who = re.sub(r"^(?:the)\s+", "", who, flags=re.I)
    return who or None
