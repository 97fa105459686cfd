"""`build`: inputs in, store out. The orchestration, and nothing else.

Reading, skipping what the store already holds, running the per-article pipeline in batches
through an executor, committing each batch, then the corpus stages. Each batch is one
transaction, so an interruption loses at most the batch in flight, and a re-run picks up
where it stopped (articles already stored are skipped by id).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from storyline.executor.local import LocalExecutor
from storyline.model import Problem, RawDocument
from storyline.options import Options
from storyline.pipeline.base import process_documents
from storyline.pipeline.clean.dedup import DuplicateIndex
from storyline.pipeline.clean.step import CorpusLines, counted_lines
from storyline.pipeline.nlp.timex import tag_article
from storyline.pipeline.readers import read_inputs
from storyline.store.sqlite import Store
from storyline.story.assemble import single_story
from storyline.story.dating import date_by_story
from storyline.story.facts import figure_series, story_facts

ProgressFn = Callable[[int], None]


@dataclass
class BuildReport:
    db: str
    built: int = 0  # new articles stored by this build
    unchanged: int = 0  # articles already in the store (same raw content)
    problems: list[Problem] = field(default_factory=list)
    stories: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def nothing_built(self) -> bool:
        """True when no input gave an article, new or already stored."""
        return self.built == 0 and self.unchanged == 0

    def summary(self) -> str:
        state = "interrupted after" if self.interrupted else "done in"
        return (
            f"{self.built} articles built, {self.unchanged} skipped (already in the store), "
            f"{len(self.problems)} errors; {self.stories} "
            f"{'story' if self.stories == 1 else 'stories'}; {state} {self.seconds:.1f} s "
            f"-> {self.db}"
        )


def build(
    inputs: Iterable[str | Path],
    db: str | Path = "storyline.db",
    options: Options | None = None,
    progress: ProgressFn | None = None,
) -> BuildReport:
    """Build (or update) the store at `db` from files and folders; return what happened.

    Bad files never stop the build: they are listed in `report.problems` with the reason.
    """
    options = options or Options()
    report = BuildReport(db=str(db))
    started = time.perf_counter()
    with Store.open(db) as store:
        try:
            documents = read_inputs(inputs, options, exclude=store_files(db))
            batches = _new_batches(documents, store, options, report)
            corpus = CorpusLines(store.line_counts())
            run = partial(process_documents, options=options, corpus=corpus)
            duplicates = DuplicateIndex.from_rows(store.signatures(), options.duplicate_threshold)
            for articles, problems in LocalExecutor().map(run, batches):
                linked, signatures = duplicates.link(articles)
                lines = [counted_lines(article) for article in linked]
                saved = store.save_articles(linked, signatures, lines)
                corpus.counts.update(saved.line_counts)
                report.built += saved.added
                report.problems.extend(problems)
                if progress:
                    progress(len(articles) + len(problems))
            try:
                report.stories = assemble_stories(store, options)
            except (sqlite3.Error, MemoryError):
                raise
            except Exception as exc:  # the articles are stored; say what failed, keep them
                report.problems.append(Problem("(story stage)", f"failed: {exc!r}"))
        except KeyboardInterrupt:
            report.interrupted = True
            raise
        finally:
            report.seconds = time.perf_counter() - started
    return report


def store_files(db: str | Path) -> list[Path]:
    """The store's own files, never to be read as input when it sits in an input folder."""
    return [Path(f"{db}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


def _new_batches(
    items: Iterator[RawDocument | Problem], store: Store, options: Options, report: BuildReport
) -> Iterator[list[RawDocument]]:
    """Group new documents into batches; count the known ones and collect read problems."""
    seen: set[str] = set()
    pending: list[RawDocument] = []

    def flush() -> list[RawDocument]:
        known = store.known_ids(doc.id for doc in pending)
        fresh = [doc for doc in pending if doc.id not in known]
        report.unchanged += len(pending) - len(fresh)
        return fresh

    for item in items:
        if isinstance(item, Problem):
            report.problems.append(item)
            continue
        if item.id in seen:
            report.unchanged += 1
            continue
        seen.add(item.id)
        pending.append(item)
        if len(pending) >= options.batch_size:
            batch = flush()
            pending = []
            if batch:
                yield batch
    if pending:
        batch = flush()
        if batch:
            yield batch


def assemble_stories(store: Store, options: Options | None = None) -> int:
    """The corpus stages: date what the story dates, recompute story results from every
    stored article, and store both in one transaction."""
    options = options or Options()
    articles = list(store.articles())
    if not articles:
        store.replace_stories([])
        return 0
    # Everything below reads the articles as they will be stored, so that a second build
    # computes exactly what the first one stored.
    articles = [store.annotated(a) for a in articles]
    story_dates = date_by_story(articles)
    dated = [
        tag_article(replace(article, published=story_dates[article.id]), options)
        for article in articles
        if article.id in story_dates
    ]
    by_id = {a.id: a for a in dated}
    annotated = [by_id.get(a.id, a) for a in articles]
    actors, quotes, figures = story_facts(annotated)
    story = replace(
        single_story(annotated, store.entity_counts()),
        actors=actors,
        quotes=quotes,
        figures=figures,
        figure_series=figure_series(figures),
    )
    store.replace_stories([story], dated)
    return 1
