"""Boilerplate removal for plain text, line by line, with a reason for every removal.

Much coverage arrives as text scraped with its page template around it: comment forms,
share bars, "Related News" lists, photo credits, cookie notices. HTML-based extractors cannot
help there, so this works on lines, with signals that do not depend on any one site:

1. vocabulary of page templates (`patterns.py`), trusted on short lines only unless the
   pattern is specific (`STRONG`);
2. sections: a header such as "Leave a Reply" or "Related News" claims the lines under it;
3. repetition within the article (a title or caption printed twice, a truncated copy, a
   pull-quote), and across the corpus (a line many articles share is template);
4. language and script: a line in another language than the article ("read in Arabic");
5. position and shape: short, verbless lines before the headline or after the last body
   sentence are template;
6. topical coherence: a short item sharing no content words with the article is off-topic.

Each signal is a small function over `Line`s; `classify` combines them. Lines not removed
are kept verbatim, so offsets in the clean text stay plain string indices.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyline.pipeline.clean.patterns import (
    DATE_WORDS,
    FOREIGN_LINK,
    SECTION_REASONS,
    STRONG_PATTERNS,
    WEAK_PATTERNS,
)

SHORT_LINE_WORDS = 15  # weak vocabulary is trusted on lines up to this many words
HEADER_WORDS = 10  # a section header is at most this long
BODY_MIN_WORDS = 4
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_TERMINAL = re.compile(r"""[.!?…:;]["'”’»)\]]*$|["”’»]$""")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_URLISH = re.compile(r"https?://|www\.|\.com\b|\.org\b|\.net\b|[@#]\w+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Line:
    index: int  # among the non-empty lines
    start: int  # offsets of the stripped line in the input text
    end: int
    text: str
    words: int
    key: str  # for comparisons: lower case, \w tokens only
    body: bool  # shaped like a sentence of running text


def split_lines(text: str) -> list[Line]:
    lines = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped[0])
            words = _WORD.findall(stripped)
            lines.append(
                Line(
                    index=len(lines),
                    start=start,
                    end=start + len(stripped),
                    text=stripped,
                    words=len(words),
                    key=line_key(stripped),
                    body=_is_body(stripped, words),
                )
            )
        offset += len(raw) + 1
    return lines


def line_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.translate(_QUOTES).lower()))


def _is_body(text: str, words: list[str]) -> bool:
    """Running text: a sentence that ends as sentences do, with some lower-case words."""
    if len(words) >= 25:
        return True
    if len(words) < BODY_MIN_WORDS or not _TERMINAL.search(text):
        return False
    lower = sum(1 for word in words if word[0].islower())
    return lower >= max(1, len(words) // 4)


def is_headline(line: Line) -> bool:
    return not line.body and 2 <= line.words <= 30


# -- 1. vocabulary ------------------------------------------------------------------------


def vocabulary_reason(line: Line) -> str | None:
    for reason, pattern in STRONG_PATTERNS:
        if pattern.search(line.text):
            return reason
    if line.words > SHORT_LINE_WORDS or (line.body and line.words > 8):
        return None
    for reason, pattern in WEAK_PATTERNS:
        if pattern.search(line.text):
            return reason
    if _is_timestamp(line):
        return "timestamp"
    if len(_URLISH.findall(line.text)) >= max(1, line.words // 3):
        return "social"
    return None


def _is_timestamp(line: Line) -> bool:
    """A line made of date and time words and numbers only: 'Updated 14 Jan 2014, 10:42 GMT'."""
    if line.words > 12 or not re.search(r"\d", line.text):
        return False
    letters = re.findall(r"[^\W\d_]+\.?", line.text)
    return all(DATE_WORDS.match(word.rstrip(".") if word != "a.m." else word) for word in letters)


# -- 2. sections --------------------------------------------------------------------------


def section_reasons(lines: Sequence[Line], reasons: list[str | None]) -> None:
    """Let comment and related-links headers claim the lines under them (in place)."""
    body_seen = 0
    i = 0
    while i < len(lines):
        line, reason = lines[i], reasons[i]
        if reason is None and line.body:
            body_seen += 1
        opens = reason in SECTION_REASONS and line.words <= HEADER_WORDS
        if opens and reason == "comment-widget" and body_seen >= 2:
            _claim_comment_thread(lines, reasons, i)
            return
        if opens and reason == "related-links":
            i = _claim_link_list(lines, reasons, i)
        i += 1


def _claim_comment_thread(lines: Sequence[Line], reasons: list[str | None], header: int) -> None:
    """A comment thread runs to the end of the page; template lines in it keep their own
    reason (a footer after the comments is still a footer)."""
    for j in range(header + 1, len(lines)):
        if reasons[j] is None:
            reasons[j] = "comment-widget"


def _claim_link_list(lines: Sequence[Line], reasons: list[str | None], header: int) -> int:
    """Headlines under a related-links header, up to the first line of running text."""
    j = header + 1
    while j < len(lines) and not (lines[j].body and reasons[j] is None and lines[j].words > 12):
        if reasons[j] is None:
            reasons[j] = "related-links"
        j += 1
    return j - 1


# -- 3. repetition ------------------------------------------------------------------------


def repetition_reasons(lines: Sequence[Line], reasons: list[str | None]) -> None:
    """Keep one copy of repeated lines: exact repeats, truncated copies, pull-quotes."""
    kept: list[Line] = []
    for line in lines:
        if reasons[line.index] is not None or not line.key:
            continue
        twin = next((k for k in kept if _same_piece(k, line)), None)
        if twin is None:
            kept.append(line)
            continue
        loser = _worse_copy(twin, line)
        reasons[loser.index] = "repeated-line"
        if loser is twin:
            kept[kept.index(twin)] = line


def _same_piece(a: Line, b: Line) -> bool:
    if a.key == b.key:
        return True
    short, long = sorted((a.key, b.key), key=len)
    if len(short) < 30:
        return False
    if long.startswith(short):
        return True
    # A copy cut off mid-word: all but its last (partial) token is a prefix of the other.
    head = short.rsplit(" ", 1)[0]
    if len(head) >= 30 and long.startswith(head) and long[len(head) :].startswith(" "):
        return len(short.split()) >= 6
    # A pull-quote: one long sentence repeated inside a paragraph.
    return len(short.split()) >= 8 and f" {short} " in f" {long} "


def _worse_copy(first: Line, second: Line) -> Line:
    """Which copy to drop: a truncated one, else a pull-quote, else the later one."""
    first_done, second_done = (
        bool(_TERMINAL.search(first.text)),
        bool(_TERMINAL.search(second.text)),
    )
    if first.key != second.key and first_done != second_done:
        return second if first_done else first
    if len(first.key) != len(second.key) and (first.key in second.key or second.key in first.key):
        shorter = first if len(first.key) < len(second.key) else second
        if not second.key.startswith(first.key) or shorter is second:
            return shorter
    return second


def corpus_reasons(
    lines: Sequence[Line], reasons: list[str | None], line_df: Mapping[str, int], min_df: int
) -> None:
    """A short line that many other articles also carry is page template."""
    for line in lines:
        short = not line.body and line.words <= 12
        if reasons[line.index] is None and short and line_df.get(line.key, 0) >= min_df:
            reasons[line.index] = "template"


# -- 4. language --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    from spacy.lang.de.stop_words import STOP_WORDS as DE
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.es.stop_words import STOP_WORDS as ES
    from spacy.lang.fr.stop_words import STOP_WORDS as FR
    from spacy.lang.it.stop_words import STOP_WORDS as IT
    from spacy.lang.nl.stop_words import STOP_WORDS as NL
    from spacy.lang.pt.stop_words import STOP_WORDS as PT

    lists = {"en": EN, "fr": FR, "es": ES, "de": DE, "it": IT, "pt": PT, "nl": NL}
    # Words shared by two lists say nothing about which language a line is in.
    exclusive = {}
    for code, words in lists.items():
        others = set().union(*(w for c, w in lists.items() if c != code))
        exclusive[code] = frozenset(words - others)
    return exclusive


def script_of(text: str) -> str | None:
    """The dominant writing system of a text ('LATIN', 'ARABIC', 'CYRILLIC', ...)."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            script = name.split(" ", 1)[0] if name else ""
            if script in {"CJK", "HIRAGANA", "KATAKANA"}:
                script = "CJK"
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else None  # type: ignore[arg-type]


def language_of(text: str) -> str | None:
    """Best guess among a few European languages by their function words, else None."""
    tokens = [t.lower() for t in _WORD.findall(text)]
    scores = {code: sum(t in words for t in tokens) for code, words in _stopwords().items()}
    best = max(scores, key=scores.get)  # type: ignore[arg-type]
    return best if scores[best] >= 2 and scores[best] > 2 * sorted(scores.values())[-2] else None


def language_reasons(
    lines: Sequence[Line], reasons: list[str | None], article_script: str, article_lang: str | None
) -> None:
    for line in lines:
        if reasons[line.index] is not None:
            continue
        if FOREIGN_LINK.search(line.text) and line.words <= 10:
            reasons[line.index] = "foreign-language"
            continue
        script = script_of(line.text)
        if script and script != article_script:
            reasons[line.index] = "foreign-language"
        elif article_lang and line.words >= 3:
            lang = language_of(line.text)
            if lang and lang != article_lang:
                reasons[line.index] = "foreign-language"


# -- 5. position and shape ----------------------------------------------------------------


def region_reasons(lines: Sequence[Line], reasons: list[str | None]) -> None:
    """Short verbless lines before the headline or after the last body sentence."""
    body = [line.index for line in lines if line.body and reasons[line.index] is None]
    if not body:
        return
    first, last = body[0], body[-1]
    title = next(
        (i for i in range(first - 1, -1, -1) if reasons[i] is None and is_headline(lines[i])),
        None,
    )
    if title is not None:
        for i in range(title):
            if reasons[i] is None and not lines[i].body:
                reasons[i] = "navigation"
    inherited = "navigation"
    for i in range(last + 1, len(lines)):
        if reasons[i] is not None:
            inherited = reasons[i]  # type: ignore[assignment]
        elif not lines[i].body:
            reasons[i] = inherited


# -- 6. topical coherence -----------------------------------------------------------------


def _content_words(text: str) -> set[str]:
    """Content-word stems: lower case, possessive dropped, cut to 5 letters (a crude stem
    that lets 'negotiators' meet 'negotiations')."""
    english = _stopwords()["en"]
    stems = set()
    for word in _WORD.findall(text.translate(_QUOTES)):
        word = word.lower().removesuffix("'s")
        if len(word) > 2 and word not in english and not word.isdigit():
            stems.add(word[:5])
    return stems


def topic_reasons(lines: Sequence[Line], reasons: list[str | None]) -> None:
    """A short item that shares no content word with the rest of the article is off-topic."""
    kept = [line for line in lines if reasons[line.index] is None]
    if len(kept) < 5:
        return
    vocab: dict[str, int] = {}
    words_of = {line.index: _content_words(line.text) for line in kept}
    for words in words_of.values():
        for w in words:
            vocab[w] = vocab.get(w, 0) + 1
    for line in kept[1:]:
        words = words_of[line.index]
        if not 4 <= len(words) <= 25 or line.words > 30:
            continue
        shared = sum(1 for w in words if vocab.get(w, 0) > 1)
        if shared == 0:
            reasons[line.index] = "off-topic"


# -- all together -------------------------------------------------------------------------


def classify(
    lines: Sequence[Line], line_df: Mapping[str, int] | None = None, min_df: int = 3
) -> list[str | None]:
    """A removal reason for each line, or None for content."""
    reasons: list[str | None] = [vocabulary_reason(line) for line in lines]
    section_reasons(lines, reasons)
    repetition_reasons(lines, reasons)
    if line_df:
        corpus_reasons(lines, reasons, line_df, min_df)
    content = " ".join(line.text for line, r in zip(lines, reasons, strict=True) if r is None)
    language_reasons(lines, reasons, script_of(content) or "LATIN", language_of(content))
    region_reasons(lines, reasons)
    topic_reasons(lines, reasons)
    return reasons
