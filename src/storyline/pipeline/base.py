"""The per-article step contract.

A step is a pure function over articles: `(Article, Options) -> Article`, or for steps that
gain from batching (spaCy), `(list[Article], Options) -> list[Article]`. It declares the
article fields it reads and writes (checked when the step list is assembled, in
`storyline.assembly`). Steps know nothing of storage or scheduling; executors run the
step list (`pipeline/steps.py`) over batches of input.

A step that fails on one article costs that article only: it is reported as a `Problem`
(source, step, reason) and the rest of the batch goes on. What each step saw, kept and
dropped (by reason), and its time, are counted in `StepStats`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from storyline.model import Article, Problem, StepStats
from storyline.options import Options

ArticleFn = Callable[[Article, Options], Article]
BatchFn = Callable[..., list[Article]]  # (list[Article], Options[, CorpusLines])


class Rejected(ValueError):
    """A step's way to say an article cannot go on; the message is the reason shown."""


class InstallationError(RuntimeError):
    """Not about one article but about the installation (a model missing): never
    swallowed, the build stops with the message."""


# Errors no article is to blame for: they stop the build.
FATAL = (InstallationError, MemoryError)


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    run: ArticleFn | BatchFn
    reads: frozenset[str] = frozenset()
    writes: frozenset[str] = frozenset()
    batch: bool = False
    corpus: bool = False  # a batch step that also takes the corpus line counts


def step(
    name: str, run: Any, reads: str, writes: str, batch: bool = False, corpus: bool = False
) -> Step:
    """A step with its reads and writes given as space-separated field names."""
    return Step(name, run, frozenset(reads.split()), frozenset(writes.split()), batch, corpus)


def run_step(
    step: Step,
    articles: list[Article],
    options: Options,
    problems: list[Problem],
    stats: dict[str, StepStats],
    corpus: Any = None,
) -> list[Article]:
    """One step over a batch. A batch step that fails is run again one article at a time,
    to find the culprit; each article that fails becomes a problem of this step."""
    started = time.perf_counter()
    before = len(problems)
    kept = _run(step, articles, options, problems, corpus)
    count_step(stats, step.name, len(articles), len(kept), problems[before:], started)
    return kept


def count_step(
    stats: dict[str, StepStats],
    name: str,
    seen: int,
    kept: int,
    dropped: list[Problem],
    started: float,
) -> None:
    """Add a step's pass over one batch to its counts."""
    entry = stats.setdefault(name, StepStats(name))
    entry.seen += seen
    entry.kept += kept
    for problem in dropped:
        entry.drop(problem.reason)
    entry.seconds += time.perf_counter() - started


def _run(
    step: Step, articles: list[Article], options: Options, problems: list[Problem], corpus: Any
) -> list[Article]:
    extra = (corpus,) if step.corpus else ()
    if step.batch:
        batch_run = cast(BatchFn, step.run)
        try:
            return batch_run(articles, options, *extra)
        except FATAL:
            raise
        except Exception:
            pass  # find the culprit: run one by one below
    kept: list[Article] = []
    for article in articles:
        try:
            if step.batch:
                kept.extend(cast(BatchFn, step.run)([article], options, *extra))
            else:
                kept.append(cast(ArticleFn, step.run)(article, options))
        except FATAL:
            raise
        except Exception as exc:
            problems.append(step_problem(article.source, step.name, exc))
    return kept


def step_problem(source: str, step_name: str, exc: Exception) -> Problem:
    """The problem an exception in a step makes: a refusal's own words, else what failed."""
    reason = str(exc) or type(exc).__name__
    if not isinstance(exc, Rejected | ValueError):
        reason = f"{step_name} failed: {reason}"
    return Problem(source, reason, step_name)
