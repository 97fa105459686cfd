"""The step contract and the per-article pipeline.

A step is a pure function over articles: `(Article, Options) -> Article`, or for steps that
gain from batching (spaCy), `(list[Article], Options) -> list[Article]`. Steps know nothing
of storage or scheduling; executors run `process_documents` over batches of input.

A step that fails on one article costs that article only: it is reported as a `Problem`
(source + step + reason) and the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storyline.model import Article, Problem, RawDocument
from storyline.options import Options
from storyline.pipeline.clean.step import CorpusLines, article_line_hashes, clean_batch
from storyline.pipeline.dating import date_article
from storyline.pipeline.nlp.annotate import ModelNotInstalled, annotate
from storyline.pipeline.nlp.timex import tag_article
from storyline.pipeline.normalize import normalize
from storyline.pipeline.parse import assign_title, parse

ArticleFn = Callable[[Article, Options], Article]
BatchFn = Callable[[list[Article], Options], list[Article]]


class Rejected(ValueError):
    """A step's way to say an article cannot go on; the message is the reason shown."""


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    run: ArticleFn | BatchFn
    batch: bool = False
    corpus: bool = False  # a batch step that also takes the corpus line counts


def check_text(article: Article, options: Options) -> Article:
    """Refuse articles with no text left, or more than the configured limit."""
    if not article.text.strip():
        raise Rejected("no text after extraction")
    if len(article.text) > options.max_text_chars:
        raise Rejected(
            f"text too long ({len(article.text)} characters > limit {options.max_text_chars})"
        )
    return article


# The per-article pipeline, in order, in two phases. `prepare` needs nothing but the
# article; `finish` starts with cleaning, which needs the corpus line counts, and those are
# gathered between the phases (see build.py), so that every executor sees the same counts.
PREPARE_STEPS: tuple[Step, ...] = (Step("normalize", normalize),)
FINISH_STEPS: tuple[Step, ...] = (
    Step("clean", clean_batch, batch=True, corpus=True),
    Step("title", assign_title),
    Step("check", check_text),
    Step("annotate", annotate, batch=True),
    Step("date", date_article),
    Step("time", tag_article),
)
STEPS: tuple[Step, ...] = PREPARE_STEPS + FINISH_STEPS

# Errors that are not about one article but about the installation: never swallowed.
FATAL = (ModelNotInstalled, MemoryError)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A batch after the first phase: articles parsed and normalized, with the hashes of
    their short lines (what the corpus line counts count), and what failed."""

    articles: list[Article]
    line_hashes: list[set[str]]
    problems: list[Problem]

    def hashes_by_id(self) -> dict[str, set[str]]:
        return dict(zip((a.id for a in self.articles), self.line_hashes, strict=True))


def prepare_documents(docs: Sequence[RawDocument], options: Options) -> Prepared:
    """Phase one of a batch: parse and normalize. Runs on any worker."""
    problems: list[Problem] = []
    articles = _parsed(docs, options, problems)
    for step in PREPARE_STEPS:
        articles = _run_step(step, articles, options, problems, None)
    return Prepared(articles, [article_line_hashes(a.text) for a in articles], problems)


def finish_articles(
    articles: list[Article], options: Options, corpus: CorpusLines
) -> tuple[list[Article], list[Problem]]:
    """Phase two of a batch: clean (with the given line counts), title, check, annotate,
    date, tag times. Runs on any worker; `corpus` is plain data."""
    problems: list[Problem] = []
    for step in FINISH_STEPS:
        articles = _run_step(step, articles, options, problems, corpus)
    return articles, problems


def process_documents(
    docs: Sequence[RawDocument],
    options: Options,
    steps: Sequence[Step] = STEPS,
    corpus: CorpusLines | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Run parse and every step over one batch on its own (tests, benchmarks): the line
    counts are `corpus`'s plus the batch's own."""
    problems: list[Problem] = []
    articles = _parsed(docs, options, problems)
    for step in steps:
        articles = _run_step(step, articles, options, problems, corpus)
    return articles, problems


def _parsed(
    docs: Sequence[RawDocument], options: Options, problems: list[Problem]
) -> list[Article]:
    """The documents parsed into articles; a page that cannot be parsed becomes a problem."""
    articles: list[Article] = []
    for doc in docs:
        try:
            articles.append(parse(doc, options))
        except FATAL:
            raise
        except Exception as exc:
            problems.append(_problem(doc.source, "parse", exc))
    return articles


def _run_step(
    step: Step,
    articles: list[Article],
    options: Options,
    problems: list[Problem],
    corpus: CorpusLines | None,
) -> list[Article]:
    extra = (corpus,) if step.corpus else ()
    if step.batch:
        try:
            return step.run(articles, options, *extra)  # type: ignore[arg-type, return-value, call-arg]
        except FATAL:
            raise
        except Exception:
            pass  # find the culprit: run one by one below
    kept = []
    for article in articles:
        try:
            if step.batch:
                kept.extend(step.run([article], options, *extra))  # type: ignore[arg-type, call-arg, misc]
            else:
                kept.append(step.run(article, options))  # type: ignore[arg-type]
        except FATAL:
            raise
        except Exception as exc:
            problems.append(_problem(article.source, step.name, exc))
    return kept


def _problem(source: str, step: str, exc: Exception) -> Problem:
    reason = str(exc) or type(exc).__name__
    return Problem(
        source, reason if isinstance(exc, Rejected | ValueError) else f"{step} failed: {reason}"
    )
