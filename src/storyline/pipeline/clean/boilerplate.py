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

import hashlib
import importlib.util
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from storyline.pipeline.clean.patterns import (
    COMMENT_HEADERS,
    DATE_WORDS,
    FOREIGN_LINK,
    SECTION_REASONS,
    STRONG_PATTERNS,
    WEAK_PATTERNS,
)

FOREIGN_MAX_WORDS = 25  # longer passages in another language are left alone
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
    lines: list[Line] = []
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


_LEADING_SYMBOLS = re.compile(r"^[^\w(©@#“\"'‘«‹<←→]+")


def vocabulary_reason(line: Line) -> str | None:
    text = _LEADING_SYMBOLS.sub("", line.text)  # icons before a widget label: '🔗 Share'
    for reason, pattern in STRONG_PATTERNS:
        if pattern.search(text):
            return reason
    if line.words > SHORT_LINE_WORDS or (line.body and line.words > 8):
        return None
    for reason, pattern in WEAK_PATTERNS:
        if pattern.search(text):
            return reason
    if _is_timestamp(line):
        return "timestamp"
    return None


def link_reasons(lines: Sequence[Line], reasons: list[str | None]) -> None:
    """Lines made mostly of addresses and handles: link lists and social footers."""
    for line in lines:
        linky = len(_URLISH.findall(line.text)) >= max(1, line.words // 3)
        if reasons[line.index] is None and line.words <= SHORT_LINE_WORDS and linky:
            reasons[line.index] = "social"


_NUMERIC_DATE = re.compile(r"^\W*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b|\b\d{1,2}:\d{2}\b")


def _is_timestamp(line: Line) -> bool:
    """A line made of date and time words and numbers only: 'Updated 14 Jan 2014, 10:42 GMT'."""
    if line.words > 12 or not re.search(r"\d", line.text):
        return False
    letters = re.findall(r"[^\W\d_]+", line.text)
    if not letters:
        return bool(_NUMERIC_DATE.search(line.text))
    # Time zones are 2-4 capitals (EAT, CST, AEDT), too many to list.
    return all(DATE_WORDS.match(w) or (w.isupper() and 2 <= len(w) <= 4) for w in letters)


# -- 2. sections --------------------------------------------------------------------------


def section_reasons(lines: Sequence[Line], reasons: list[str | None]) -> None:
    """Let comment and related-links headers claim the lines under them (in place).

    Both open only once the article body has begun: above it, such words are menu items.
    A comment thread is also recognised without a header, by its rhythm of short widget
    lines ("Reply", "3 hours ago") around the comments.
    """
    body_seen = 0
    i = 0
    while i < len(lines):
        line, reason = lines[i], reasons[i]
        if reason is None and line.body:
            body_seen += 1
        opens = reason in SECTION_REASONS and line.words <= HEADER_WORDS and body_seen >= 2
        if opens and reason == "comment-widget" and _opens_thread(line):
            i = _claim_comment_thread(lines, reasons, i)
        elif opens and reason == "comment-widget" and _thread_rhythm(reasons, i):
            start = i - 1 if i > 0 and reasons[i - 1] is None and not lines[i - 1].body else i
            i = _claim_comment_thread(lines, reasons, start)
        elif opens and reason == "related-links":
            i = _claim_link_list(lines, reasons, i)
        i += 1


def _thread_rhythm(reasons: Sequence[str | None], i: int, window: int = 8) -> bool:
    """Two more comment-widget lines soon after this one: a thread's metadata."""
    return sum(1 for r in reasons[i + 1 : i + 1 + window] if r == "comment-widget") >= 2


def _opens_thread(line: Line) -> bool:
    return any(pattern.search(line.text) for pattern in COMMENT_HEADERS)


def _claim_comment_thread(lines: Sequence[Line], reasons: list[str | None], header: int) -> int:
    """A comment thread runs to the end of the page or to a related-links header; template
    lines in it keep their own reason (a footer after the comments is still a footer)."""
    j = header
    while j < len(lines) and (j == header or reasons[j] != "related-links"):
        if reasons[j] is None:
            reasons[j] = "comment-widget"
        j += 1
    return j - 1


def _claim_link_list(lines: Sequence[Line], reasons: list[str | None], header: int) -> int:
    """Headlines under a related-links header, up to the first line of running text."""
    j = header + 1
    while j < len(lines) and not (lines[j].body and reasons[j] is None and lines[j].words > 12):
        if reasons[j] is None:
            reasons[j] = "related-links"
        j += 1
    return j - 1


# -- 3. repetition ------------------------------------------------------------------------


REPEAT_WINDOW = 6  # scraped duplicates (caption twice, title twice) sit close together


def repetition_reasons(lines: Sequence[Line], reasons: list[str | None]) -> None:
    """Keep one copy of repeated lines: exact repeats and truncated copies close together,
    and pull-quotes (a sentence repeated inside a paragraph) anywhere.

    Repeats far apart are left alone: schedules, recipes and tables repeat lines on purpose.
    """
    kept: list[Line] = []
    for line in lines:
        if reasons[line.index] is not None or not line.key:
            continue
        twin = next((k for k in _candidates(kept, line) if _same_piece(k, line)), None)
        if twin is None:
            kept.append(line)
            continue
        loser = _worse_copy(twin, line)
        reasons[loser.index] = "repeated-line"
        if loser is twin:
            kept[kept.index(twin)] = line


def _candidates(kept: list[Line], line: Line) -> list[Line]:
    """Earlier lines worth comparing: the close ones, and for a long line any line (a
    pull-quote or a truncated caption may repeat a paragraph from far away)."""
    if line.words >= 6:
        return kept
    return [k for k in kept[-2 * REPEAT_WINDOW :] if line.index - k.index <= REPEAT_WINDOW]


def _same_piece(a: Line, b: Line) -> bool:
    near = abs(a.index - b.index) <= REPEAT_WINDOW
    if a.key == b.key:
        return near and (a.words >= 4 or a.index == 0)
    short, long = sorted((a.key, b.key), key=len)
    if len(short) < 30:
        return False
    if near and long.startswith(short):
        return True
    # A copy cut off mid-word: all but its last (partial) token is a prefix of the other.
    head = short.rsplit(" ", 1)[0]
    if len(head) >= 30 and long.startswith(head) and long[len(head) :].startswith(" "):
        return len(short.split()) >= 6 and (near or len(head) >= 40)
    # A pull-quote: one long sentence repeated inside a paragraph.
    return len(short.split()) >= 8 and f" {short} " in f" {long} "


def _worse_copy(first: Line, second: Line) -> Line:
    """Which copy to drop: the shorter one (a truncated copy, a caption that a longer line
    repeats, a pull-quote), so that no words are lost; for equal copies, the later one."""
    if len(first.key) == len(second.key):
        return second
    return first if len(first.key) < len(second.key) else second


TEMPLATE_MAX_WORDS = 12


def template_candidates(lines: Sequence[Line]) -> set[str]:
    """Keys of the lines that could be page template shared across articles: short lines
    that are not running text. Counted per article across the corpus."""
    return {line.key for line in lines if not line.body and line.words <= TEMPLATE_MAX_WORDS}


def corpus_reasons(
    lines: Sequence[Line], reasons: list[str | None], line_df: Mapping[str, int], min_df: int
) -> None:
    """A short line that many other articles also carry, above or below the body, is page
    template ("Most Popular", a site's slogan). Inside the body it is left alone: copies of a
    syndicated story share their subheadings."""
    body = [line.index for line in lines if line.body and reasons[line.index] is None]
    if not body:
        return
    for line in lines:
        outside = line.index < body[0] or line.index > body[-1]
        short = not line.body and line.words <= TEMPLATE_MAX_WORDS
        candidate = reasons[line.index] is None and outside and short
        if candidate and line_df.get(line_hash(line.key), 0) >= min_df:
            reasons[line.index] = "template"


def line_hash(key: str) -> str:
    """How the corpus counts lines: a short hash of the line's key."""
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


# -- 4. language --------------------------------------------------------------------------


_LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "nl")
# English function words that other languages' lists share (so not in the exclusive list).
_SHARED_FUNCTION_WORDS = frozenset(
    {
        "a",
        "an",
        "as",
        "in",
        "on",
        "or",
        "so",
        "he",
        "her",
        "was",
        "will",
        "also",
        "am",
        "no",
        "me",
        "i",
    }
)


def _spacy_stop_words(code: str) -> frozenset[str]:
    """spaCy's stop-word list for a language, loaded from its own file: importing
    `spacy.lang.xx` itself would build that language's tokenizer rules (seconds)."""
    package = importlib.util.find_spec("spacy.lang")
    if package is None or package.origin is None:
        return frozenset()
    lang_dir = Path(package.origin).parent
    spec = importlib.util.spec_from_file_location(
        f"_stop_{code}", lang_dir / code / "stop_words.py"
    )
    if spec is None or spec.loader is None:
        return frozenset()
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    """Function words per language, each list without the words another list shares:
    those say nothing about which language a line is in."""
    lists = {code: _spacy_stop_words(code) for code in _LANGUAGES}
    exclusive = {}
    for code, words in lists.items():
        others = frozenset().union(*(w for c, w in lists.items() if c != code))
        exclusive[code] = words - others
    return exclusive


def _script_counts(text: str) -> dict[str, int]:
    if text.isascii():
        letters = sum(1 for ch in text if ch.isalpha())
        return {"LATIN": letters} if letters else {}
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            script = name.split(" ", 1)[0] if name else ""
            if script in {"CJK", "HIRAGANA", "KATAKANA"}:
                script = "CJK"
            counts[script] = counts.get(script, 0) + 1
    return counts


def script_of(lines: Sequence[Line]) -> str | None:
    """The writing system of most lines ('LATIN', 'ARABIC', 'CYRILLIC', 'CJK', ...)."""
    votes: dict[str, int] = {}
    for line in lines:
        counts = _script_counts(line.text)
        if counts:
            script = max(counts, key=counts.__getitem__)
            votes[script] = votes.get(script, 0) + 1
    return max(votes, key=votes.__getitem__) if votes else None


def language_of(text: str) -> str | None:
    """Best guess among a few European languages by their function words, else None."""
    tokens = [t.lower() for t in _WORD.findall(text)]
    scores = {code: sum(t in words for t in tokens) for code, words in _stopwords().items()}
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    best, second = scores[ranked[0]], scores[ranked[1]]
    return ranked[0] if best >= 2 and best >= 1.5 * second + 1 else None


def _has_words_of(text: str, lang: str) -> bool:
    words = _stopwords()[lang]
    return any(t.lower() in words for t in _WORD.findall(text))


def language_reasons(
    lines: Sequence[Line],
    reasons: list[str | None],
    article_script: str,
    article_lang: str | None,
    links_only: bool = False,
) -> None:
    """Lines in another language or script than the article.

    Only short lines: a long passage in another language is more likely a quotation than
    template. `links_only` keeps just the "read this in Arabic" kind of line.
    """
    for line in lines:
        if reasons[line.index] is not None:
            continue
        if FOREIGN_LINK.search(line.text) and line.words <= 10:
            reasons[line.index] = "foreign-language"
        elif links_only or line.words > FOREIGN_MAX_WORDS:
            continue
        elif _mostly_other_script(line.text, article_script):
            reasons[line.index] = "foreign-language"
        elif article_lang and line.words >= 3 and not _has_words_of(line.text, article_lang):
            lang = language_of(line.text)
            if lang and lang != article_lang:
                reasons[line.index] = "foreign-language"


def _mostly_other_script(text: str, article_script: str) -> bool:
    counts = _script_counts(text)
    total = sum(counts.values())
    return total > 0 and counts.get(article_script, 0) < 0.2 * total


# -- 5. position and shape ----------------------------------------------------------------


def region_reasons(lines: Sequence[Line], reasons: list[str | None], protected: set[int]) -> None:
    """Template lines above the headline and below the last body sentence.

    Above the body, the headline is the last headline-shaped line of five words or more;
    what stands before it is site furniture (menus, site name, tagline) unless it is itself
    headline-shaped and on the article's topic (a kicker, a second headline); a short
    name-like line between headline and body is a byline. Below the last body sentence,
    short lines take the reason of the template block they follow.
    """
    body = [line.index for line in lines if line.body and reasons[line.index] is None]
    if not body:
        return
    first, last = body[0], body[-1]
    head = [i for i in range(first) if reasons[i] is None and i not in protected]
    titles = [i for i in head if _headline_candidate(lines[i])]
    title = titles[-1] if titles else None
    body_words = _content_words(" ".join(lines[i].text for i in body))
    for i in head:
        if title is None or i < title:
            on_topic = (
                _headline_candidate(lines[i])
                and len(_content_words(lines[i].text) & body_words) >= 2
            )
            if not on_topic:
                reasons[i] = "navigation"
        elif i > title and _name_like(lines[i]):
            reasons[i] = "byline"
    inherited = "navigation"
    for i in range(last + 1, len(lines)):
        reason = reasons[i]
        if reason is not None:
            inherited = reason
        elif not lines[i].body and i not in protected:
            reasons[i] = inherited


def _headline_candidate(line: Line) -> bool:
    """Five words or more, no full stop, and a function word or a lower-case word: a menu
    ('Home Politics Business Opinion Contact') has neither."""
    if not is_headline(line) or line.words < 5:
        return False
    english = _stopwords()["en"] | _SHARED_FUNCTION_WORDS
    words = _WORD.findall(line.text)
    return any(word.lower() in english or word[0].islower() for word in words)


def _name_like(line: Line) -> bool:
    """'Priya Venkataraman', 'Tomasz Wierzbicki | Warsaw': a few capitalised words."""
    words = _WORD.findall(line.text)
    if line.text.endswith(("-", "–", "—", ":")):  # a dateline: 'CALAPAN CITY, Mindoro —'
        return False
    return 1 <= len(words) <= 4 and all(w[0].isupper() for w in words) and not line.body


def table_rows(lines: Sequence[Line]) -> set[int]:
    """Lines of a text table ('Wheat | 1 450 | 840'): runs of lines with the same number of
    cell separators, most of them with figures. They are content, whatever their shape."""
    rows: set[int] = set()
    run: list[Line] = []

    def close() -> None:
        if len(run) >= 2 and sum(1 for r in run if re.search(r"\d", r.text)) * 2 >= len(run):
            rows.update(r.index for r in run)

    for line in lines:
        cells = line.text.count("|") or line.text.count("\t")
        if run and cells and cells == (run[-1].text.count("|") or run[-1].text.count("\t")):
            run.append(line)
            continue
        close()
        run = [line] if cells else []
    close()
    return rows


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


_BULLET = re.compile(r"^([•·\-–—*▪►]|\d+[.)])\s")
_NAME = re.compile(r"(?<=\S )[A-Z][\w’'-]+")


def topic_reasons(lines: Sequence[Line], reasons: list[str | None], protected: set[int]) -> None:
    """A short item about something else: it shares no content word with the rest of the
    article and names someone or somewhere the article never mentions ('Football: Medellín
    midfielder set for record move'). List items are left alone: a list's items need not
    repeat the article's words."""
    kept = [line for line in lines if reasons[line.index] is None]
    if len(kept) < 5:
        return
    vocab: dict[str, int] = {}
    words_of = {line.index: _content_words(line.text) for line in kept}
    for words in words_of.values():
        for w in words:
            vocab[w] = vocab.get(w, 0) + 1
    for line in kept:
        words = words_of[line.index]
        if line.index in protected or line.body or not 4 <= len(words) <= 25:
            continue
        if _BULLET.match(line.text) or line.text.endswith((";", ",")):
            continue
        shared = sum(1 for w in words if vocab.get(w, 0) > 1)
        names = {n[:5].lower() for n in _NAME.findall(line.text)}
        if shared == 0 and names and all(vocab.get(n, 0) <= 1 for n in names):
            reasons[line.index] = "off-topic"


# -- all together -------------------------------------------------------------------------


def classify(
    lines: Sequence[Line],
    line_df: Mapping[str, int] | None = None,
    min_df: int = 3,
    extracted_html: bool = False,
) -> list[str | None]:
    """A removal reason for each line, or None for content.

    `extracted_html`: the lines come from an HTML extractor that already cut the page
    template by its structure; position and topic rules, which stand in for that structure
    in plain text, are then left out (they would cut the lists and subheadings it kept).
    """
    protected = table_rows(lines)
    reasons: list[str | None] = [
        None if line.index in protected else vocabulary_reason(line) for line in lines
    ]
    section_reasons(lines, reasons)
    repetition_reasons(lines, reasons)
    if line_df:
        corpus_reasons(lines, reasons, line_df, min_df)
    kept = [line for line, r in zip(lines, reasons, strict=True) if r is None]
    language = language_of(" ".join(line.text for line in kept))
    script = script_of(kept) or "LATIN"
    language_reasons(lines, reasons, script, language, links_only=extracted_html)
    if not extracted_html:
        link_reasons(lines, reasons)
        region_reasons(lines, reasons, protected)
        topic_reasons(lines, reasons, protected)
    return reasons
