"""The records that flow through the pipeline.

Per-article stages take an `Article` and return a new one (`dataclasses.replace`), so the
records are frozen: a stage cannot change what another stage already handed on. Every
extracted fact points back into the article's clean text by character offsets (Python `str`
indices), which is what the dossier's evidence is made of.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

RawFormat = Literal["text", "html"]
DateSource = Literal["metadata", "url", "dateline", "text", "story"]


def content_id(raw: bytes) -> str:
    """The article id: a hash of the raw input, so the same input always gets the same id.

    Re-ingesting an input whose id is already stored is therefore a no-op.
    """
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as a reader found it, before any processing."""

    source: str  # file name, 'file.jsonl#3', or a URL
    raw: bytes  # the exact input bytes of this article (kept in the store)
    format: RawFormat
    content: str  # raw decoded to text: plain text or HTML markup
    url: str | None = None
    title: str | None = None
    published: str | None = None  # as given with the input, not yet normalized
    site: str | None = None
    author: str | None = None

    @property
    def id(self) -> str:
        return content_id(self.raw)


@dataclass(frozen=True, slots=True)
class Published:
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    source: DateSource
    confidence: float


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the input left out of the clean text, kept with the reason."""

    text: str
    reason: str
    at: int | None = None  # offset in the clean text where the piece stood


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention in the clean text."""

    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, ...
    sentence: int  # index into Article.sentences


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression, normalized to a TIMEX3 value."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    sentence: int = -1  # index into Article.sentences; -1 until tied to one


Argument = tuple[str, tuple[str, ...]]  # a phrase and its head words (head + appositions)


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause that may be an event, read off the dependency parse when the article is
    annotated (so the story stage never parses again): an asserted verb of the events
    lexicon with its arguments as written. Whether its subject is one of the story's actors
    is decided later, in the story stage."""

    sentence: int  # index into Article.sentences
    kind: str  # PLOVER type of the verb
    lemma: str
    subject: Argument | None  # who acts (the agent of a passive)
    target: Argument | None  # object or prepositional object (the subject of a passive)
    pronoun: bool  # the subject is he/she: resolve through `reporter` or the last person
    reporter: Argument | None  # subject of the verb that reports this one ('X said he ...')
    location: str | None  # a place named 'in'/'at' in the sentence


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    source: str
    raw: bytes
    format: RawFormat
    text: str = ""
    url: str | None = None
    title: str | None = None
    site: str | None = None
    author: str | None = None
    language: str | None = None
    published_hint: str | None = None  # date string given with the input, before parsing
    published: Published | None = None
    removed: tuple[Removed, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Mention, ...] = ()
    timexes: tuple[Timex, ...] = ()
    clauses: tuple[Clause, ...] | None = None  # None: parsed before clauses were kept
    duplicate_of: str | None = None
    story: str | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be built, with where it is and why."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Story:
    """Story-level results. Fields later stages fill start as empty lists."""

    id: str
    title: str
    articles: tuple[str, ...]
    span_start: str | None = None
    span_end: str | None = None
    summary: list = field(default_factory=list)
    timeline: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    events: list = field(default_factory=list)
    figure_series: list = field(default_factory=list)  # how each metric's figures moved
