"""The step contracts: declarations checked when a step list is assembled, steps that keep
to what they declare, and a new story step added with one function and one line."""

from __future__ import annotations

from dataclasses import fields

import jsonschema
import pytest

import storyline
from storyline.assembly import StepDeclarationError, assemble_article_steps, assemble_story_steps
from storyline.model import Article, Episode, RawDocument
from storyline.options import Options
from storyline.pipeline.base import step
from storyline.pipeline.parse import parse
from storyline.pipeline.readers import read_inputs
from storyline.pipeline.steps import PREPARE_STEPS, STEPS
from storyline.story.base import (
    CONTEXT_FIELDS,
    INPUTS,
    StoryContext,
    StoryStep,
    UndeclaredWrite,
    run_story_steps,
)
from storyline.story.steps import STORY_STEPS


def _story_step(name: str, reads: str, writes: str, run=lambda context: {}) -> StoryStep:
    return StoryStep(name, run, frozenset(reads.split()), frozenset(writes.split()))


def test_assembly_refuses_a_step_reading_what_no_earlier_step_writes():
    late = step("late", lambda a, o: a, "timexes", "")
    with pytest.raises(StepDeclarationError, match="'late' reads \\['timexes'\\]"):
        assemble_article_steps(PREPARE_STEPS, (late,))
    with pytest.raises(StepDeclarationError, match="unknown fields \\['colour'\\]"):
        assemble_article_steps(PREPARE_STEPS, (step("odd", lambda a, o: a, "colour", ""),))


def test_assembly_refuses_two_story_steps_writing_one_part():
    steps = (_story_step("a", "articles", "actors"), _story_step("b", "articles", "actors"))
    with pytest.raises(StepDeclarationError, match="'a' and 'b' both write 'actors'"):
        assemble_story_steps(steps, INPUTS, CONTEXT_FIELDS)
    with pytest.raises(StepDeclarationError, match="'c' reads \\['actors'\\]"):
        assemble_story_steps((_story_step("c", "actors", "quotes"),), INPUTS, CONTEXT_FIELDS)


def test_assembly_a_story_step_may_not_write_what_it_did_not_declare():
    sneaky = _story_step("sneaky", "articles", "quotes", lambda context: {"actors": ()})
    context = StoryContext("s1", (), Options())
    with pytest.raises(UndeclaredWrite, match="sneaky wrote \\['actors'\\]"):
        run_story_steps(context, [sneaky])


def test_assembly_article_steps_write_only_what_they_declare(examples_dir):
    """Each step of the real pipeline, run on the examples, changes only the fields it
    declares it writes."""
    options = Options()
    docs = [d for d in read_inputs([examples_dir], options) if isinstance(d, RawDocument)]
    articles: list[Article] = [parse(doc, options) for doc in docs]
    names = [f.name for f in fields(Article)]
    for each in STEPS:
        if each.batch:
            extra = (None,) if each.corpus else ()
            after = each.run(articles, options, *extra)
        else:
            after = [each.run(article, options) for article in articles]
        for before, now in zip(articles, after, strict=True):
            changed = {n for n in names if getattr(before, n) != getattr(now, n)}
            assert changed <= each.writes, f"{each.name} changed {sorted(changed - each.writes)}"
        articles = after


def test_assembly_a_new_story_step_is_one_function_and_one_line(
    tmp_path, monkeypatch, examples_dir, schema
):
    """What the episodes issue will do: a step that writes `episodes` (here: the whole story
    as one round), added to the list, reaches the store, the export and the schema."""
    from storyline.story import stage

    def one_round(context: StoryContext) -> dict:
        ids = tuple(a.id for a in context.articles)
        return {"episodes": (Episode("e1", context.title, ids, context.span_start),)}

    steps = assemble_story_steps(
        (*STORY_STEPS, _story_step("episodes", "articles title span_start", "episodes", one_round)),
        INPUTS,
        CONTEXT_FIELDS,
    )
    monkeypatch.setattr(stage, "STORY_STEPS", steps)
    db = tmp_path / "x.db"
    storyline.build([examples_dir], db=db)
    with storyline.load(db) as corpus:
        data = corpus.dossier().data
    jsonschema.validate(data, schema)
    (story,) = data["stories"]
    (episode,) = story["episodes"]
    assert episode["title"] == story["title"] and len(episode["articles"]) == 8
    assert episode["span"] == {"start": story["span"]["start"]}
    assert "system" not in story  # an empty part is left out, as the schema allows
