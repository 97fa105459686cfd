"""The story step contract.

A story step is a function `StoryContext -> dict` over one story: it reads the story's
member articles (as stored: annotated, with the quotes, figures and date hints found in
each by the per-article steps) and what earlier steps added, and returns the fields it
adds, by name. It declares both (`reads`, `writes`); `storyline.assembly` checks the
declarations when the step list is assembled, and `run_story_steps` refuses a step that
returns a field it did not declare. Steps never parse text and never touch the store: the
stage reads the members in bulk and the writer saves what the steps made.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from storyline.model import (
    Actor,
    Article,
    DatePatch,
    Episode,
    Event,
    Figure,
    FigureSeries,
    Quote,
    StepStats,
    Story,
    SummaryItem,
    System,
    TimelineEntry,
)
from storyline.options import Options


@dataclass(frozen=True, slots=True)
class StoryContext:
    """One story as its steps see it: the inputs, then each step's additions."""

    # inputs
    story_id: str
    articles: tuple[Article, ...]  # members, in source order; syndicated copies included
    options: Options
    # added by the steps (see story/steps.py for which step adds what)
    date_patches: tuple[DatePatch, ...] = ()
    title: str = ""
    span_start: str | None = None
    span_end: str | None = None
    undated: int = 0
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    figure_series: tuple[FigureSeries, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    summary: tuple[SummaryItem, ...] = ()
    events: tuple[Event, ...] = ()
    episodes: tuple[Episode, ...] = ()
    system: System = field(default_factory=System)

    @property
    def originals(self) -> tuple[Article, ...]:
        """The members that are not syndicated copies: a copy corroborates its original,
        and counting its quotes and figures again would double them."""
        return tuple(article for article in self.articles if not article.duplicate_of)


INPUTS = frozenset({"story_id", "articles", "options"})
CONTEXT_FIELDS = frozenset(f.name for f in fields(StoryContext))

StoryFn = Callable[[StoryContext], Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class StoryStep:
    name: str
    run: StoryFn
    reads: frozenset[str]
    writes: frozenset[str]


class UndeclaredWrite(RuntimeError):
    """A story step returned a field it did not declare: a bug in the step."""


class StoryStepFailed(RuntimeError):
    """A story step raised on one story: which story, which step, and the error."""

    def __init__(self, story_id: str, step: str, error: Exception) -> None:
        super().__init__(f"story {story_id}, step {step}: {error!r}")
        self.story_id = story_id
        self.step = step
        self.error = error


def run_story_steps(
    context: StoryContext, steps: Sequence[StoryStep], stats: dict[str, StepStats] | None = None
) -> StoryContext:
    """Run the steps in order over one story; add each step's time and output count to
    `stats` (by step name). A step that raises is reported as `StoryStepFailed`."""
    for step in steps:
        started = time.perf_counter()
        try:
            added = step.run(context)
        except (MemoryError, KeyboardInterrupt):
            raise
        except Exception as exc:
            raise StoryStepFailed(context.story_id, step.name, exc) from exc
        undeclared = set(added) - step.writes
        if undeclared:
            raise UndeclaredWrite(f"story step {step.name} wrote {sorted(undeclared)}")
        context = replace(context, **added)
        if stats is not None:
            entry = stats.setdefault(step.name, StepStats(step.name))
            entry.seen += 1
            entry.kept += sum(_count(v) for k, v in added.items() if k not in INPUTS)
            entry.seconds += time.perf_counter() - started
    return context


def _count(value: Any) -> int:
    return len(value) if isinstance(value, tuple) else 1 if value else 0


def story_of(context: StoryContext) -> Story:
    """The story record the steps made."""
    return Story(
        id=context.story_id,
        title=context.title,
        articles=tuple(article.id for article in context.articles),
        span_start=context.span_start,
        span_end=context.span_end,
        undated=context.undated,
        summary=context.summary,
        timeline=context.timeline,
        actors=context.actors,
        quotes=context.quotes,
        figures=context.figures,
        events=context.events,
        figure_series=context.figure_series,
        episodes=context.episodes,
        system=context.system,
    )
