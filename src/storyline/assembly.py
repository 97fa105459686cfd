"""Where the two step lists are assembled and their declarations checked.

Each step says which fields it reads and which it writes: fields of `Article` for the
per-article steps, of `StoryContext` for the story steps. A list is accepted when every
field named exists, every field read is there by the time the step runs (an input, or
written by an earlier step), and step names are unique; in the story half, where each step
adds its own part, no two steps write the same field. A list that breaks a rule is refused
with the step and the field, when its module is imported: before any build starts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Protocol, TypeVar

from storyline.model import Article


class Declared(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def reads(self) -> frozenset[str]: ...

    @property
    def writes(self) -> frozenset[str]: ...


S = TypeVar("S", bound=Declared)


class StepDeclarationError(ValueError):
    """A step list whose declarations do not hold together."""


# What an article holds when parsing has made it, before any step.
ARTICLE_INPUTS = frozenset(
    [
        "id",
        "source",
        "raw",
        "format",
        "text",
        "url",
        "title",
        "site",
        "author",
        "language",
        "published_hint",
        "removed",
    ]
)
ARTICLE_FIELDS = frozenset(f.name for f in fields(Article))


def check_declared(
    steps: Sequence[Declared],
    inputs: Iterable[str],
    known: Iterable[str],
    exclusive_writes: bool,
    what: str,
) -> None:
    known_fields = frozenset(known)
    available = set(inputs)
    written_by: dict[str, str] = {}
    names: set[str] = set()
    for step in steps:
        if step.name in names:
            raise StepDeclarationError(f"two {what} steps are named {step.name!r}")
        names.add(step.name)
        unknown = sorted((step.reads | step.writes) - known_fields)
        if unknown:
            raise StepDeclarationError(f"{what} step {step.name!r} names unknown fields {unknown}")
        missing = sorted(step.reads - available)
        if missing:
            raise StepDeclarationError(
                f"{what} step {step.name!r} reads {missing}, which no earlier step writes"
            )
        for name in sorted(step.writes):
            if exclusive_writes and name in written_by:
                raise StepDeclarationError(
                    f"{what} steps {written_by[name]!r} and {step.name!r} both write {name!r}"
                )
            written_by[name] = step.name
        available |= step.writes


def assemble_article_steps(prepare: Sequence[S], finish: Sequence[S]) -> tuple[S, ...]:
    """The per-article steps of both phases, checked as one list."""
    steps = (*prepare, *finish)
    check_declared(steps, ARTICLE_INPUTS, ARTICLE_FIELDS, exclusive_writes=False, what="article")
    return steps


def assemble_story_steps(
    steps: Sequence[S], inputs: Iterable[str], known: Iterable[str]
) -> tuple[S, ...]:
    """The story steps, checked against the story context's fields (`known`, of which
    `inputs` are there before any step)."""
    check_declared(steps, inputs, known, exclusive_writes=True, what="story")
    return tuple(steps)
