"""The story steps, in order: what the story stage runs over each story it touches.

Each reads fields of the story context and adds others (story/base.py); the declarations
are checked when this list is assembled. To add a step, write its function in a module of
its own and add one line here (docs/architecture.md shows how).
"""

from __future__ import annotations

from storyline.assembly import assemble_story_steps
from storyline.story.actors import find_actors
from storyline.story.base import CONTEXT_FIELDS, INPUTS, StoryFn, StoryStep
from storyline.story.dating import date_story
from storyline.story.events import find_story_events
from storyline.story.figures import gather_figures
from storyline.story.heading import head_story
from storyline.story.quotes import attribute_quotes
from storyline.story.series import trace_figures
from storyline.story.summary import summarize
from storyline.story.timeline import draw_timeline


def _step(name: str, run: StoryFn, reads: str, writes: str) -> StoryStep:
    return StoryStep(name, run, frozenset(reads.split()), frozenset(writes.split()))


STORY_STEPS: tuple[StoryStep, ...] = assemble_story_steps(
    (
        _step("dating", date_story, "articles options", "articles date_patches"),
        _step("actors", find_actors, "articles", "actors"),
        _step("quotes", attribute_quotes, "articles actors", "quotes"),
        _step("figures", gather_figures, "articles", "figures"),
        _step("series", trace_figures, "figures", "figure_series"),
        _step("heading", head_story, "articles actors", "title span_start span_end undated"),
        _step("timeline", draw_timeline, "articles", "timeline"),
        _step("summary", summarize, "articles actors figures options", "summary"),
        _step("events", find_story_events, "articles actors", "events"),
        # to come: episodes (rounds of the story), system (roles, coalitions, positions,
        # agreements): each one module and one line here.
    ),
    INPUTS,
    CONTEXT_FIELDS,
)
