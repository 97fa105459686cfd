"""`build`: inputs in, store out. The orchestration, and nothing else.

Reading, skipping what the store already holds, running the per-article pipeline in batches
through an executor, committing each batch, then the corpus stages. Each batch is one
transaction, so an interruption loses at most the batch in flight, and a re-run picks up
where it stopped (articles already stored are skipped by id).
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from storyline.executor import Executor, make_executor
from storyline.model import Article, BuildLog, Problem, RawDocument, StepStats
from storyline.options import Options
from storyline.pipeline.clean.dedup import DuplicateIndex
from storyline.pipeline.clean.step import CorpusLines
from storyline.pipeline.readers import read_inputs
from storyline.pipeline.steps import Finished, finish_articles, prepare_documents
from storyline.settings import differences, layered, recorded, settings_of
from storyline.store import Store, is_server_url, shown
from storyline.store.errors import DATABASE_ERRORS
from storyline.store.shards import read_shard, shard_paths, write_shard
from storyline.story.stage import update_stories
from storyline.upgrade import upgrade_store

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
    steps: dict[str, StepStats] = field(default_factory=dict)  # per-article steps
    story_steps: dict[str, StepStats] = field(default_factory=dict)
    story_queries: int = 0  # statements the story stage's reads issued
    story_seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)  # settings that differ from the store's
    failed: list[str] = field(default_factory=list)  # what of the build failed (not an input)

    @property
    def nothing_built(self) -> bool:
        """True when no input gave an article, new or already stored."""
        return self.built == 0 and self.unchanged == 0

    def summary(self) -> str:
        state = "interrupted after" if self.interrupted else "done in"
        if self.failed:
            state = f"FAILED ({len(self.failed)} not updated; {self.failed[0]}) after"
        return (
            f"{self.built} articles built, {self.unchanged} skipped (already in the store), "
            f"{len(self.problems)} errors; {self.stories} "
            f"{'story' if self.stories == 1 else 'stories'} updated; {state} {self.seconds:.1f} s "
            f"-> {self.db}"
        )

    def log(self, kind: str, started: str) -> BuildLog:
        return BuildLog(
            kind=kind,
            started=started,
            seconds=self.seconds,
            built=self.built,
            unchanged=self.unchanged,
            stories=self.stories,
            interrupted=self.interrupted,
            steps=tuple(self.steps.values()),
            story_steps=tuple(self.story_steps.values()),
            rejected=tuple(self.problems),
        )

    def step_lines(self) -> list[str]:
        """What each step did, as a table for people."""
        lines = [f"{'step':<10} {'seen':>7} {'kept':>7} {'seconds':>8}  dropped"]
        for stats in self.steps.values():
            dropped = "; ".join(f"{n} {reason}" for reason, n in sorted(stats.dropped.items()))
            line = f"{stats.step:<10} {stats.seen:>7} {stats.kept:>7} {stats.seconds:>8.2f}"
            lines.append(f"{line}  {dropped}" if dropped else line)
        if self.story_steps:
            lines.append(
                f"story stage: {self.stories} {'story' if self.stories == 1 else 'stories'}, "
                f"{self.story_seconds:.2f} s, {self.story_queries} read queries"
            )
            lines.append(
                "  " + ", ".join(f"{s.step} {s.seconds:.2f} s" for s in self.story_steps.values())
            )
        return lines

    def add_steps(self, stats: dict[str, StepStats]) -> None:
        for name, entry in stats.items():
            self.steps.setdefault(name, StepStats(name)).add(entry)


def build(
    inputs: Iterable[str | Path],
    db: str | Path = "storyline.db",
    options: Options | None = None,
    progress: ProgressFn | None = None,
    shards: Path | None = None,
) -> BuildReport:
    """Build (or update) the store at `db` from files and folders; return what happened.

    Bad files never stop the build: they are listed in `report.problems` with the reason.
    With `shards`, processed batches go to Parquet shards there (see `load_shards`).
    """
    options = options or stored_options(db)
    documents = read_inputs(inputs, options, exclude=store_files(db))
    return build_documents(documents, db, options, progress, shards)


def build_documents(
    documents: Iterable[RawDocument | Problem],
    db: str | Path = "storyline.db",
    options: Options | None = None,
    progress: ProgressFn | None = None,
    shards: Path | None = None,
    kind: str = "build",
) -> BuildReport:
    """Build (or update) the store from documents already read: what `build` does after
    reading files, and what the web ingest does with uploads (`kind` "ingest").

    With `shards`, the processed batches are written there as Parquet shards instead of
    into the store (which is only read, for ids already built and line counts), for
    `load_shards` to bring in later: a cluster's workers need no database."""
    report = BuildReport(db=shown(shards) if shards else shown(db))
    started = time.perf_counter()
    logged = kind if shards is None else None
    with Store.open(db) as store:
        recorded = store.read.settings()
        options = options or layered(recorded)
        report.warnings = differences(recorded, settings_of(options))
        with _started(options) as executor, _logged(store, report, logged):
            try:
                if shards is None:
                    report.problems.extend(upgrade_store(store, options))
                batches = _new_batches(documents, store, options, report)
                writer = ArticleWriter(store, options)
                target = (shards, itertools.count()) if shards is not None else None
                for window in _windows(batches, options.window_batches):
                    for articles, hashes, finished, failed in run_window(
                        window, store, executor, options, report, target
                    ):
                        report.built += finished if shards else writer.write(articles, hashes)
                        if progress:
                            progress(finished + failed)
                if shards is None:
                    place_in_stories(store, options, writer.new_ids, report)
                    store.writes.record_settings(settings_of(options))
            except KeyboardInterrupt:
                report.interrupted = True
                raise
            finally:
                report.seconds = time.perf_counter() - started
    return report


def load_shards(
    folder: Path,
    db: str | Path = "storyline.db",
    options: Options | None = None,
    progress: ProgressFn | None = None,
) -> BuildReport:
    """Bring shards written by `build --shards` into the store: near-duplicates, storage and
    the story stage, as a build would have done. Loading a shard twice adds nothing."""
    report = BuildReport(db=shown(db))
    started = time.perf_counter()
    with Store.open(db) as store:
        recorded = store.read.settings()
        options = options or layered(recorded)
        report.warnings = differences(recorded, settings_of(options))
        with _logged(store, report, "load"):
            try:
                report.problems.extend(upgrade_store(store, options))
                writer = ArticleWriter(store, options)
                for path in shard_paths(folder):
                    try:
                        articles, hashes = read_shard(path)
                    except Exception as exc:  # a damaged shard: say which, load the others
                        report.problems.append(
                            Problem(path.name, f"unreadable shard: {exc}", "load")
                        )
                        continue
                    known = store.corpus.known_ids(article.id for article in articles)
                    fresh = [article for article in articles if article.id not in known]
                    report.unchanged += len(articles) - len(fresh)
                    report.built += writer.write(fresh, hashes)
                    if progress:
                        progress(len(articles))
                place_in_stories(store, options, writer.new_ids, report)
                store.writes.record_settings(settings_of(options))
            except KeyboardInterrupt:
                report.interrupted = True
                raise
            finally:
                report.seconds = time.perf_counter() - started
    return report


def stored_options(db: str | Path) -> Options:
    """The options a store was first built with (the defaults for a new store)."""
    return layered(recorded(db))


class ArticleWriter:
    """Stores processed batches: links near-duplicates (MinHash LSH: this build's articles
    in memory, stored ones looked up by band in the store), then saves each batch in one
    transaction. Remembers the ids it added, for the story stage."""

    def __init__(self, store: Store, options: Options) -> None:
        self.store = store
        self.duplicates = DuplicateIndex(
            options.duplicate_threshold, stored=store.corpus.duplicate_candidates
        )
        self.new_ids: list[str] = []

    def write(self, articles: list[Article], hashes: dict[str, set[str]]) -> int:
        linked, signatures = self.duplicates.link(articles)
        lines = [hashes.get(article.id, set()) for article in linked]
        keys = [self.duplicates.keys[article.id] for article in linked]
        saved = self.store.writes.save_articles(linked, signatures, lines, keys)
        self.new_ids.extend(article.id for article in linked)
        return saved.added


def place_in_stories(
    store: Store, options: Options, new_ids: list[str], report: BuildReport
) -> None:
    """The story stage for the new articles, and for any an interrupted build stored but
    never placed in a story. A failure is reported; the stored articles are kept."""
    try:
        with store.story_lock():
            waiting = sorted(set(store.corpus.unassigned_ids()) - set(new_ids))
            result = update_stories(store, options, [*new_ids, *waiting])
        report.stories = result.stories
        report.story_steps = result.stats
        report.story_queries = result.queries
        report.story_seconds = result.seconds
        for failure in result.failed:
            report.failed.append(str(failure))
            report.problems.append(
                Problem(f"(story {failure.story_id})", f"failed: {failure.error!r}", failure.step)
            )
    except (*DATABASE_ERRORS, MemoryError):  # type: ignore[misc]  # a tuple built at import
        raise
    except Exception as exc:
        report.failed.append(f"story stage: {exc!r}")
        report.problems.append(Problem("(story stage)", f"failed: {exc!r}", "stories"))


@contextmanager
def _logged(store: Store, report: BuildReport, kind: str | None) -> Iterator[None]:
    """Add the build to the store's log when it ends, interrupted or not (`kind` None: a
    build into shards, which writes nothing into the store)."""
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        yield
    finally:
        if kind is not None:
            try:
                store.writes.record_build(report.log(kind, started))
            except DATABASE_ERRORS:
                if not report.interrupted:
                    raise


@contextmanager
def _started(options: Options) -> Iterator[Executor]:
    executor = make_executor(options)
    try:
        yield executor
    finally:
        executor.close()


def _windows(batches: Iterable[list[RawDocument]], size: int) -> Iterator[list[list[RawDocument]]]:
    window: list[list[RawDocument]] = []
    for batch in batches:
        window.append(batch)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


def run_window(
    window: list[list[RawDocument]],
    store: Store,
    executor: Executor,
    options: Options,
    report: BuildReport,
    shards: tuple[Path, Iterator[int]] | None = None,
) -> Iterator[tuple[list[Article], dict[str, set[str]], int, int]]:
    """Both phases over a window of batches: prepare them all, add up the window's line
    counts, then finish each batch with the counts of its own lines (store + window). Yields
    per batch, in input order: the articles, their line hashes by id, how many articles were
    finished and how many failed; problems and step counts go to `report`. With `shards` (a
    folder and shard numbers), the workers write each finished batch as a shard themselves
    and send back no articles."""
    prepared = list(executor.map(partial(prepare_documents, options=options), window))
    in_window: Counter = Counter(
        h for batch in prepared for lines in batch.line_hashes for h in lines
    )
    counts = store.corpus.line_counts_of(in_window)
    jobs = []
    for batch in prepared:
        mine = set().union(*batch.line_hashes)
        line_df = {h: counts.get(h, 0) + in_window[h] for h in mine}
        jobs.append((batch.articles, CorpusLines(line_df, includes_batch=True)))
    if shards is not None:
        folder, numbers = shards
        to_shard = [
            (*job, b.hashes_by_id(), n) for job, b, n in zip(jobs, prepared, numbers, strict=False)
        ]
        done = executor.map(partial(_finish_to_shard, options=options, folder=folder), to_shard)
        for batch, (written, finished) in zip(prepared, done, strict=True):
            yield [], {}, written, _count(report, batch.problems, batch.stats, finished)
        return
    finish = partial(_finish_job, options=options)
    for batch, finished in zip(prepared, executor.map(finish, jobs), strict=True):
        failed = _count(report, batch.problems, batch.stats, finished)
        yield finished.articles, batch.hashes_by_id(), len(finished.articles), failed


def _count(
    report: BuildReport, problems: list[Problem], stats: dict[str, StepStats], done: Finished
) -> int:
    """Add a batch's problems and step counts to the report; return how many failed."""
    report.problems.extend([*problems, *done.problems])
    report.add_steps(stats)
    report.add_steps(done.stats)
    return len(problems) + len(done.problems)


def _finish_to_shard(
    job: tuple[list[Article], CorpusLines, dict[str, set[str]], int],
    options: Options,
    folder: Path,
) -> tuple[int, Finished]:
    """On a worker: finish a batch and write it as a shard; only its counts go back."""
    articles, corpus, hashes, number = job
    finished = finish_articles(articles, options, corpus)
    write_shard(folder, number, finished.articles, hashes)
    return len(finished.articles), Finished([], finished.problems, finished.stats)


def _finish_job(job: tuple[list[Article], CorpusLines], options: Options) -> Finished:
    articles, corpus = job
    return finish_articles(articles, options, corpus)


def _timed(items: Iterator[RawDocument | Problem], stats: StepStats) -> Iterator:
    """The items, with the time spent getting each added to `stats` (the readers' time)."""
    while True:
        started = time.perf_counter()
        try:
            item = next(items)
        except StopIteration:
            return
        finally:
            stats.seconds += time.perf_counter() - started
        yield item


def store_files(db: str | Path) -> list[Path]:
    """The store's own files, never to be read as input when it sits in an input folder."""
    if is_server_url(db):
        return []
    return [Path(f"{db}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


def _new_batches(
    items: Iterable[RawDocument | Problem], store: Store, options: Options, report: BuildReport
) -> Iterator[list[RawDocument]]:
    """Group new documents into batches; count the known ones and collect read problems
    (the counts of the read step: what the readers yielded, and their time)."""
    seen: set[str] = set()
    pending: list[RawDocument] = []
    read = report.steps.setdefault("read", StepStats("read"))
    items = _timed(iter(items), read)

    def flush() -> list[RawDocument]:
        known = store.corpus.known_ids(doc.id for doc in pending)
        fresh = [doc for doc in pending if doc.id not in known]
        report.unchanged += len(pending) - len(fresh)
        return fresh

    for item in items:
        read.seen += 1
        if isinstance(item, Problem):
            report.problems.append(item)
            read.drop(item.reason)
            continue
        read.kept += 1
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
