"""The records that flow through the pipeline.

Per-article stages take an `Article` and return a new one (`dataclasses.replace`), so the
records are frozen: a stage cannot change what another stage already handed on. Every
extracted fact points back into the article's clean text by character offsets (Python `str`
indices), which is what the dossier's evidence is made of.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Literal

RawFormat = Literal["text", "html"]
DateSource = Literal["metadata", "stamp", "url", "dateline", "text", "story"]


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
class DateHint:
    """A date the article's own text gives but that cannot date it alone: a year-less
    dateline ('OSLO, March 10 (Wire) -') is `XXXX-03-10` (TIMEX3's unknown year). The
    story stage turns a hint into a date when the story's other articles fix its year."""

    value: str  # XXXX-MM-DD; for 'reported', the full date
    source: str  # dateline | stamp | weekday | reported (the latest day the text reports)
    weekday: int | None = None  # for 'weekday', the weekday named with the date (0 = Monday)


@dataclass(frozen=True, slots=True)
class Antecedent:
    """A name that may be what a quote's pronoun ('he said') stands for: an entity mention
    before the quote, outside quotation marks."""

    text: str  # the mention as written
    speaker: str  # the name it gives as a speaker (the mention the text ends with)
    person: bool  # tagged PERSON; otherwise it counts only if the story knows it as a person


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """A direct quotation found in one article, with its frame as written. Who said it is
    settled in the story stage, where the story's people are known (a pronoun's antecedent
    may be a person the tagger mislabelled in this article)."""

    start: int  # the quoted words (marks excluded) in the clean text
    end: int
    text: str
    sentence: int  # index into Article.sentences
    speaker: str | None  # the speaker as written; None for a pronoun or no frame
    pronoun: bool = False  # framed by he/she/they: the speaker is an antecedent
    continues: bool = False  # no frame, right after a quote: the same speaker goes on
    antecedents: tuple[Antecedent, ...] = ()  # for a pronoun: nearest first


@dataclass(frozen=True, slots=True)
class FoundFigure:
    """A numeric claim found in one article (its date is settled in the story stage, from
    the article's dates)."""

    start: int
    end: int
    text: str
    metric: str
    value: float
    qualifier: str | None
    unit: str | None
    where: str | None
    attributed_to: str | None
    sentence: int


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
    quotes: tuple[FoundQuote, ...] = ()
    figures: tuple[FoundFigure, ...] = ()
    date_hints: tuple[DateHint, ...] = ()
    duplicate_of: str | None = None
    story: str | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be built: where it is, which step refused it, and why."""

    source: str
    reason: str
    step: str | None = None  # read, parse, clean, check, annotate, ... (None: not a step)


_NUMBERS = re.compile(r"\d[\d,.]*")


@dataclass(slots=True)
class StepStats:
    """What one step did over a build: how many articles (or stories) it saw and kept,
    how many it dropped and why, and its time. An accumulator, added up over batches and
    workers; the build stores it with the build."""

    step: str
    seen: int = 0
    kept: int = 0
    dropped: dict[str, int] = field(default_factory=dict)  # reason -> articles
    seconds: float = 0.0

    def drop(self, reason: str) -> None:
        """Count one article dropped for `reason`, its numbers set aside, so that 'text too
        long (1,203 characters …)' and 'text too long (5,000 characters …)' are one kind."""
        kind = _NUMBERS.sub("N", reason)[:120]
        self.dropped[kind] = self.dropped.get(kind, 0) + 1

    def add(self, other: StepStats) -> None:
        self.seen += other.seen
        self.kept += other.kept
        for reason, count in other.dropped.items():
            self.dropped[reason] = self.dropped.get(reason, 0) + count
        self.seconds += other.seconds


@dataclass(frozen=True, slots=True)
class BuildLog:
    """What one build (or load, or web ingest) did, as the store keeps it."""

    kind: str  # build | load | ingest
    started: str  # UTC, ISO 8601
    seconds: float
    built: int
    unchanged: int
    stories: int
    interrupted: bool
    steps: tuple[StepStats, ...]  # the per-article steps, in order
    story_steps: tuple[StepStats, ...]
    rejected: tuple[Problem, ...]


# -- story parts ----------------------------------------------------------------------------
# What the story stage makes of a story's articles, in the dossier schema's shape (field
# names are the schema's keys; `storyline.codec` turns them into records and back). Fields
# marked OPTIONAL are left out of a record when they hold their default, as the schema
# makes them optional.

OPTIONAL = {"optional": True}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was stated: the article and its sentence, by offsets in the clean text."""

    article: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    affiliation: str | None
    mentions: int
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | None  # actor id
    speaker_name: str | None
    text: str
    evidence: Evidence
    kind: str | None = field(default=None, metadata=OPTIONAL)  # quote | term
    anonymous: bool | None = field(default=None, metadata=OPTIONAL)


@dataclass(frozen=True, slots=True)
class Figure:
    metric: str
    value: float
    qualifier: str | None
    unit: str | None
    as_of: str | None
    where: str | None
    attributed_to: str | None
    evidence: Evidence
    disagrees: bool = False  # another figure of that metric, place and day differs
    scope: str | None = field(default=None, metadata=OPTIONAL)  # cumulative | incident
    vague: str | None = field(default=None, metadata=OPTIONAL)  # 'dozens', as written


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    as_of: str | None
    value: float
    qualifier: str | None
    where: str | None
    article: str


@dataclass(frozen=True, slots=True)
class FigureSeries:
    """How one metric's headline figure moved."""

    metric: str
    ordered_by: str  # date | value
    points: tuple[SeriesPoint, ...]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str
    headline: str
    text: str
    sources: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class SummaryItem:
    text: str
    sources: tuple[Evidence, ...]
    date: str | None = field(default=None, metadata=OPTIONAL)
    abstractive: bool = field(default=False, metadata=OPTIONAL)  # rewritten by a model


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom (a PLOVER type), when and where."""

    date: str | None
    actor: str | None
    actor_name: str | None
    action: str
    target: str | None
    target_name: str | None
    location: str | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Episode:
    """A dated round or phase of a story."""

    id: str
    title: str
    articles: tuple[str, ...]
    span_start: str | None = None
    span_end: str | None = None
    summary: tuple[SummaryItem, ...] = ()


@dataclass(frozen=True, slots=True)
class Role:
    """An actor's part in the process: party, mediator, sponsor, observer, excluded."""

    actor: str
    name: str
    role: str
    side: str | None
    since: str | None
    until: str | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Membership:
    member: str
    group: str
    as_: str | None = field(metadata={"key": "as"})
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Agreement:
    name: str
    date: str | None
    parties: tuple[str, ...]
    provisions: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Position:
    actor: str
    name: str
    issue: str
    stance: str  # demand | propose | accept | reject | condition | deny | other
    position: str
    date: str | None
    changed: bool
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class System:
    """The structure of the process a story describes."""

    roles: tuple[Role, ...] = ()
    memberships: tuple[Membership, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    positions: tuple[Position, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """A story and everything the story stage found in it, as typed parts."""

    id: str
    title: str
    articles: tuple[str, ...]
    span_start: str | None = None
    span_end: str | None = None
    undated: int = 0  # members with no date at all
    summary: tuple[SummaryItem, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    events: tuple[Event, ...] = ()
    figure_series: tuple[FigureSeries, ...] = ()
    episodes: tuple[Episode, ...] = ()
    system: System = field(default_factory=System)


@dataclass(frozen=True, slots=True)
class DatePatch:
    """A date the story stage gave a member article, with the article's temporal
    expressions read against it: what the store writes back onto the article."""

    article: str
    published: Published | None
    timexes: tuple[Timex, ...]
