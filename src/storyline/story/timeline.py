"""The timeline of a story: its important dates, each with what happened and its sources.

In the manner of DATEWISE (Gholipour Ghalandari & Ifrim, 2020): candidate dates are the
normalized dates the articles' sentences mention (not only publication dates); a date's
importance is how many articles point to it, weighted by how specific the mention is (a day
counts more than a month, a month more than a year). For each chosen date the entry's text
is the sentence that best represents what the sources say about it (the one sharing most
words with the others), and every sentence mentioning it is a source. Syndicated copies
are left out, so a wire story printed five times counts once. A date right next to one
already chosen is skipped: DATEWISE's known fault is runs of adjacent days telling one event.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import Article, Evidence, TimelineEntry, Timex
from storyline.story.base import StoryContext
from storyline.story.evidence import evidence

MAX_ENTRIES = 12
ENTRIES_PER_ARTICLE = 2
# A date that marks how long a state has lasted rather than an event of the story: 'has
# ruled since 2009', 'a ban in force until 2018', 'a feud dating back to 1990'.
_NOT_THE_EVENT = re.compile(
    r"\b(?:since|until|till|dating (?:back )?to)\s+(?:early |late |mid-?)?$",
    re.IGNORECASE,
)
MIN_WORDS = 6
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_WORD = re.compile(r"[a-z]{4,}")
YEAR_SOURCES = 2  # articles that must name a bare year for it to be an entry
SPECIFICITY = {"day": 1.0, "month": 0.6, "year": 0.3}


@dataclass
class Mention:
    article: Article
    sentence: int


def precision_of(value: str) -> str | None:
    if _DAY.match(value):
        return "day"
    if _MONTH.match(value):
        return "month"
    if _YEAR.match(value):
        return "year"
    return None


def draw_timeline(context: StoryContext) -> dict[str, tuple[TimelineEntry, ...]]:
    """Story step: the timeline of the story's articles (as dated by the story)."""
    options = context.options
    size = timeline_size(context.articles, options.timeline_entries, options.timeline_max_entries)
    return {"timeline": tuple(build_timeline(context.articles, size))}


def timeline_size(articles: Sequence[Article], least: int, most: int) -> int:
    """How many dates a story's timeline may show: two per original article (its own day
    and one it tells of), at least `least` and at most `most`. A fixed number would give a
    five-year process as few entries as a week's news, and leave out the rounds that only
    one article dates."""
    originals = sum(1 for a in articles if not a.duplicate_of)
    return max(1, min(most, max(least, ENTRIES_PER_ARTICLE * originals)))


def build_timeline(
    articles: Sequence[Article], max_entries: int = MAX_ENTRIES
) -> list[TimelineEntry]:
    """Timeline entries in date order, the `max_entries` most important dates."""
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for article in articles:
        if article.duplicate_of:
            continue
        dated_sentences = set()
        for timex in article.timexes:
            value = _date_value(timex)
            if (
                value is not None
                and 0 <= timex.sentence < len(article.sentences)
                and not _NOT_THE_EVENT.search(article.text, max(0, timex.start - 40), timex.start)
            ):
                mentions[value].append(Mention(article, timex.sentence))
                dated_sentences.add(timex.sentence)
        lead = _lead(article, dated_sentences)
        if lead is not None and article.published is not None:
            mentions[article.published.date].append(Mention(article, lead))
    scored = []
    for value, found in mentions.items():
        sources = {m.article.id for m in found}
        precision = precision_of(value) or "year"  # every value has one here
        if precision == "year" and len(sources) < YEAR_SOURCES:
            continue  # 'in 2020' in one article is a passing mention, not a date of the story
        specificity = SPECIFICITY[precision]
        score = len(sources) * specificity + 0.1 * len(found)
        scored.append((score, value))
    chosen: list[str] = []
    for _score, value in sorted(scored, key=lambda sv: (-sv[0], sv[1])):
        if len(chosen) >= max_entries:
            break
        if any(_adjacent(value, other) for other in chosen):
            continue
        chosen.append(value)
    entries, used = [], set()
    for value in sorted(chosen):
        # Two dates told by one sentence ('will meet today to endorse it on Sunday'): each
        # entry tells its date by another sentence, and a date told by no other is left out.
        found = [m for m in mentions[value] if _text_of(m) not in used]
        if not found:
            continue
        entry = _entry(value, found)
        used.add(entry.text)
        entries.append(entry)
    return entries


def _text_of(mention: Mention) -> str:
    return mention.article.sentences[mention.sentence].text


# A date written as a machine writes it ('2018-11-22', '2018-11-22 17:03') is the page's
# stamp run into its text, not a date its sentence tells.
_STAMP = re.compile(
    r"^\s*(?:(?:date|dated|published|posted|updated)\s*:?\s*)?\d{4}-\d{2}-\d{2}"
    r"(?:[ T]\d\d:\d\d(?::\d\d)?)?\s*",
    re.IGNORECASE,
)


def _date_value(timex: Timex) -> str | None:
    """The date a temporal expression names: a DATE's value, or the day of a TIME ('2am on
    Thursday', 'Monday morning'); not a page's stamp."""
    if _STAMP.fullmatch(timex.text):
        return None
    if timex.type == "DATE" and precision_of(timex.value):
        return timex.value
    if timex.type == "TIME" and _DAY.match(timex.value[:10]):
        return timex.value[:10]
    return None


LEAD_SENTENCES = 3  # the lead stands among the first sentences of the body
_CAPTION = re.compile(
    r"\b(?:photo|picture|image|file)\b\s*[:/]|[(\[](?:AP|AFP|Reuters|EPA|Getty|Xinhua)\b|"
    r"\((?:AP|AFP|Reuters|Getty Images)\)\s*$",
    re.IGNORECASE,
)


def _lead(article: Article, dated_sentences: set[int]) -> int | None:
    """The sentence that tells the news of the day an article is dated to the day: its
    lead, the first full sentence of the body, when it names no date of its own (then that
    date is the event's) and is not a photo's caption."""
    published = article.published
    if published is None or not _DAY.match(published.date):
        return None
    for index, sentence in enumerate(article.sentences[: LEAD_SENTENCES + 1]):
        if sentence.text == article.title or _words_in(sentence.text) < MIN_WORDS:
            continue
        if index in dated_sentences or _CAPTION.search(sentence.text):
            return None
        return index
    return None


def _adjacent(a: str, b: str) -> bool:
    if not (_DAY.match(a) and _DAY.match(b)):
        return False
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= 1


def _entry(value: str, found: list[Mention]) -> TimelineEntry:
    sentences = []
    seen = set()
    for mention in found:
        key = (mention.article.id, mention.sentence)
        if key not in seen:
            seen.add(key)
            sentences.append(mention)
    # A dateline cut off as a sentence of its own ('PORT SELIM, April 4 (Wire) -') says
    # nothing: prefer sentences of some length.
    full = [m for m in sentences if _words_in(m.article.sentences[m.sentence].text) >= MIN_WORDS]
    if not full:  # only a dateline names the date: the lead sentence after it tells the news
        full = [Mention(m.article, m.sentence + 1) for m in sentences
                if m.sentence + 1 < len(m.article.sentences)]  # fmt: skip
    best = _most_central(full or sentences)
    sentence = best.article.sentences[best.sentence]
    return TimelineEntry(
        date=value,
        headline=_headline(sentence.text),  # its own sentence's, not an article's title
        text=sentence.text,
        sources=tuple(_evidence(m) for m in sentences),
    )


def _words_in(text: str) -> int:
    return len(re.findall(r"[A-Za-z]{2,}", text))


# A date the whole coverage mentions can have thousands of sentences: each is compared with
# an evenly spread sample of this many, so the cost stays linear in the story's size.
CENTRALITY_SAMPLE = 200


def _most_central(candidates: list[Mention]) -> Mention:
    """The sentence that shares most words with the others (summed Jaccard overlap), the
    first of equals; a fuller sentence wins a tie."""
    words = [set(_WORD.findall(m.article.sentences[m.sentence].text.lower())) for m in candidates]
    step = max(1, math.ceil(len(candidates) / CENTRALITY_SAMPLE))
    sample = range(0, len(candidates), step)

    def centrality(i: int) -> float:
        if not words[i]:
            return 0.0
        overlap = 0.0
        for j in sample:
            if j != i:
                overlap += len(words[i] & words[j]) / (len(words[i] | words[j]) or 1)
        return overlap + min(len(words[i]), 25) / 100

    return candidates[max(range(len(candidates)), key=centrality)]


def _headline(text: str, words: int = 12) -> str:
    """The sentence's first words, without a page stamp run into its start."""
    parts = _STAMP.sub("", text, count=1).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _evidence(mention: Mention) -> Evidence:
    return evidence(mention.article, mention.article.sentences[mention.sentence])
