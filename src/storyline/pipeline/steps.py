"""The per-article steps, in order, and the two phases a build runs them in.

`prepare` needs nothing but the article; `finish` starts with cleaning, which needs the
corpus line counts, and those are gathered between the phases (see build.py), so that every
executor sees the same counts. To add a step, write its function and add one line to a
phase below: its declared reads and writes are checked when this list is assembled.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.assembly import assemble_article_steps
from storyline.model import Article, Problem, RawDocument, StepStats
from storyline.options import Options
from storyline.pipeline.base import (
    FATAL,
    Rejected,
    Step,
    count_step,
    run_step,
    step,
    step_problem,
)
from storyline.pipeline.clean.step import CorpusLines, article_line_hashes, clean_batch
from storyline.pipeline.dating import date_article
from storyline.pipeline.nlp.annotate import annotate
from storyline.pipeline.nlp.figures import find_article_figures
from storyline.pipeline.nlp.quotes import find_article_quotes
from storyline.pipeline.nlp.timex import tag_article
from storyline.pipeline.normalize import normalize
from storyline.pipeline.parse import assign_title, parse


def check_text(article: Article, options: Options) -> Article:
    """Refuse articles with no text left, or more than the configured limit."""
    if not article.text.strip():
        raise Rejected("no text after extraction")
    if len(article.text) > options.max_text_chars:
        raise Rejected(
            f"text too long ({len(article.text)} characters > limit {options.max_text_chars})"
        )
    return article


PREPARE_STEPS: tuple[Step, ...] = (step("normalize", normalize, "text title", "text title"),)
FINISH_STEPS: tuple[Step, ...] = (
    step("clean", clean_batch, "text format removed language", "text removed language",
         batch=True, corpus=True),
    step("title", assign_title, "text title", "title"),
    step("check", check_text, "text", ""),
    step("annotate", annotate, "text", "sentences entities clauses", batch=True),
    step("date", date_article, "published_hint format url text title",
         "published date_hints"),
    step("time", tag_article, "published text sentences", "timexes"),
    step("quotes", find_article_quotes, "text sentences entities", "quotes"),
    step("figures", find_article_figures, "text sentences entities", "figures"),
)  # fmt: skip
STEPS: tuple[Step, ...] = assemble_article_steps(PREPARE_STEPS, FINISH_STEPS)
# Steps that read only what the store keeps of an article (its clean text, sentences and
# entities): an upgraded store runs them over its articles stored before they existed.
FACT_STEPS: tuple[Step, ...] = tuple(s for s in FINISH_STEPS if s.name in {"quotes", "figures"})


@dataclass
class Prepared:
    """A batch after the first phase: articles parsed and normalized, with the hashes of
    their short lines (what the corpus line counts count), what failed, and step counts."""

    articles: list[Article]
    line_hashes: list[set[str]]
    problems: list[Problem]
    stats: dict[str, StepStats] = field(default_factory=dict)

    def hashes_by_id(self) -> dict[str, set[str]]:
        return dict(zip((a.id for a in self.articles), self.line_hashes, strict=True))


@dataclass
class Finished:
    """A batch after the second phase: the articles ready to store, what failed, counts."""

    articles: list[Article]
    problems: list[Problem]
    stats: dict[str, StepStats]


def prepare_documents(docs: Sequence[RawDocument], options: Options) -> Prepared:
    """Phase one of a batch: parse and normalize. Runs on any worker."""
    problems: list[Problem] = []
    stats: dict[str, StepStats] = {}
    articles = _parsed(docs, options, problems, stats)
    for each in PREPARE_STEPS:
        articles = run_step(each, articles, options, problems, stats)
    return Prepared(articles, [article_line_hashes(a.text) for a in articles], problems, stats)


def finish_articles(articles: list[Article], options: Options, corpus: CorpusLines) -> Finished:
    """Phase two of a batch: clean (with the given line counts), title, check, annotate,
    date, tag times, find quotes and figures. Runs on any worker; `corpus` is plain data."""
    problems: list[Problem] = []
    stats: dict[str, StepStats] = {}
    for each in FINISH_STEPS:
        articles = run_step(each, articles, options, problems, stats, corpus)
    return Finished(articles, problems, stats)


def process_documents(
    docs: Sequence[RawDocument],
    options: Options,
    steps: Sequence[Step] = STEPS,
    corpus: CorpusLines | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Run parse and every step over one batch on its own (tests, benchmarks): the line
    counts are `corpus`'s plus the batch's own."""
    problems: list[Problem] = []
    stats: dict[str, StepStats] = {}
    articles = _parsed(docs, options, problems, stats)
    for each in steps:
        articles = run_step(each, articles, options, problems, stats, corpus)
    return articles, problems


def _parsed(
    docs: Sequence[RawDocument],
    options: Options,
    problems: list[Problem],
    stats: dict[str, StepStats],
) -> list[Article]:
    """The documents parsed into articles; a page that cannot be parsed becomes a problem."""
    started = time.perf_counter()
    before = len(problems)
    articles: list[Article] = []
    for doc in docs:
        try:
            articles.append(parse(doc, options))
        except FATAL:
            raise
        except Exception as exc:
            problems.append(step_problem(doc.source, "parse", exc))
    count_step(stats, "parse", len(docs), len(articles), problems[before:], started)
    return articles
