"""`build`: inputs in, store out. The orchestration, and nothing else.

Reading, skipping what the store already holds, running the per-article pipeline in batches
through an executor, committing each batch, then the corpus stages. Each batch is one
transaction, so an interruption loses at most the batch in flight, and a re-run picks up
where it stopped (articles already stored are skipped by id).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from storyline.executor import Executor, make_executor
from storyline.model import Article, Problem, RawDocument, Story
from storyline.options import Options
from storyline.pipeline.base import finish_articles, prepare_documents
from storyline.pipeline.clean.dedup import DuplicateIndex, band_keys, from_bytes
from storyline.pipeline.clean.step import CorpusLines
from storyline.pipeline.nlp.annotate import load_model
from storyline.pipeline.nlp.timex import tag_article, tag_with_anchor
from storyline.pipeline.readers import read_inputs
from storyline.store.errors import DATABASE_ERRORS
from storyline.store.shards import read_shard, shard_paths, write_shard
from storyline.store.sqlite import Store, is_server_url, key_chunks, shown
from storyline.story.abstractive import abstractive_summary
from storyline.story.actors import name_key
from storyline.story.assemble import single_story
from storyline.story.cluster import Newcomer, Profile, article_terms, assign
from storyline.story.dating import date_by_story
from storyline.story.events import find_events
from storyline.story.facts import figure_series, story_facts
from storyline.story.summary import build_summary
from storyline.story.timeline import build_timeline

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
            f"{'story' if self.stories == 1 else 'stories'} updated; {state} {self.seconds:.1f} s "
            f"-> {self.db}"
        )


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
    options = options or Options()
    documents = read_inputs(inputs, options, exclude=store_files(db))
    return build_documents(documents, db, options, progress, shards)


def build_documents(
    documents: Iterable[RawDocument | Problem],
    db: str | Path = "storyline.db",
    options: Options | None = None,
    progress: ProgressFn | None = None,
    shards: Path | None = None,
) -> BuildReport:
    """Build (or update) the store from documents already read: what `build` does after
    reading files, and what the web ingest does with uploads.

    With `shards`, the processed batches are written there as Parquet shards instead of
    into the store (which is only read, for ids already built and line counts), for
    `load_shards` to bring in later: a cluster's workers need no database."""
    options = options or Options()
    report = BuildReport(db=shown(shards) if shards else shown(db))
    started = time.perf_counter()
    with Store.open(db) as store, _started(options) as executor:
        try:
            batches = _new_batches(documents, store, options, report)
            writer = StoreWriter(store, options)
            target = (shards, itertools.count()) if shards is not None else None
            for window in _windows(batches, options.window_batches):
                for articles, hashes, problems, finished in run_window(
                    window, store, executor, options, target
                ):
                    report.built += finished if shards else writer.write(articles, hashes)
                    report.problems.extend(problems)
                    if progress:
                        progress(finished + len(problems))
            if shards is None:
                place_in_stories(store, options, writer.new_ids, report)
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
    options = options or Options()
    report = BuildReport(db=shown(db))
    started = time.perf_counter()
    with Store.open(db) as store:
        try:
            writer = StoreWriter(store, options)
            for path in shard_paths(folder):
                try:
                    articles, hashes = read_shard(path)
                except Exception as exc:  # a damaged shard: say which, load the others
                    report.problems.append(Problem(path.name, f"unreadable shard: {exc}"))
                    continue
                known = store.known_ids(article.id for article in articles)
                fresh = [article for article in articles if article.id not in known]
                report.unchanged += len(articles) - len(fresh)
                report.built += writer.write(fresh, hashes)
                if progress:
                    progress(len(articles))
            place_in_stories(store, options, writer.new_ids, report)
        except KeyboardInterrupt:
            report.interrupted = True
            raise
        finally:
            report.seconds = time.perf_counter() - started
    return report


class StoreWriter:
    """Stores processed batches: links near-duplicates, then saves each batch in one
    transaction. Remembers the ids it added, for the story stage."""

    def __init__(self, store: Store, options: Options) -> None:
        self.store = store
        self.duplicates = duplicate_index(store, options)
        self.new_ids: list[str] = []

    def write(self, articles: list[Article], hashes: dict[str, set[str]]) -> int:
        linked, signatures = self.duplicates.link(articles)
        lines = [hashes.get(article.id, set()) for article in linked]
        keys = [self.duplicates.keys[article.id] for article in linked]
        saved = self.store.save_articles(linked, signatures, lines, keys)
        self.new_ids.extend(article.id for article in linked)
        return saved.added


def place_in_stories(
    store: Store, options: Options, new_ids: list[str], report: BuildReport
) -> None:
    """The story stage for the new articles, and for any an interrupted build stored but
    never placed in a story. A failure is reported; the stored articles are kept."""
    try:
        with store.story_lock():
            waiting = sorted(set(store.unassigned_ids()) - set(new_ids))
            report.stories = assemble_stories(store, options, [*new_ids, *waiting])
    except (*DATABASE_ERRORS, MemoryError):
        raise
    except Exception as exc:
        report.problems.append(Problem("(story stage)", f"failed: {exc!r}"))


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


def duplicate_index(store: Store, options: Options) -> DuplicateIndex:
    """The near-duplicate index of a build: this build's articles in memory, stored ones
    looked up by LSH band in the store (after a one-off backfill on an upgraded store)."""
    if store.pending_task("lsh_bands"):
        store.backfill_bands(lambda blob: band_keys(from_bytes(blob)))
    return DuplicateIndex(options.duplicate_threshold, stored=store.duplicate_candidates)


def run_window(
    window: list[list[RawDocument]],
    store: Store,
    executor: Executor,
    options: Options,
    shards: tuple[Path, Iterator[int]] | None = None,
) -> Iterator[tuple[list[Article], dict[str, set[str]], list[Problem], int]]:
    """Both phases over a window of batches: prepare them all, add up the window's line
    counts, then finish each batch with the counts of its own lines (store + window). Yields
    per batch, in input order: the articles, their line hashes by id, the problems, and how
    many articles were finished. With `shards` (a folder and shard numbers), the workers
    write each finished batch as a shard themselves and send back no articles."""
    prepared = list(executor.map(partial(prepare_documents, options=options), window))
    in_window: Counter = Counter(
        h for batch in prepared for lines in batch.line_hashes for h in lines
    )
    counts = store.line_counts_of(in_window)
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
        for batch, (written, problems) in zip(prepared, done, strict=True):
            yield [], {}, [*batch.problems, *problems], written
        return
    finish = partial(_finish_job, options=options)
    for batch, (articles, problems) in zip(prepared, executor.map(finish, jobs), strict=True):
        yield articles, batch.hashes_by_id(), [*batch.problems, *problems], len(articles)


def _finish_to_shard(
    job: tuple[list[Article], CorpusLines, dict[str, set[str]], int],
    options: Options,
    folder: Path,
) -> tuple[int, list[Problem]]:
    """On a worker: finish a batch and write it as a shard; only the count goes back."""
    articles, corpus, hashes, number = job
    finished, problems = finish_articles(articles, options, corpus)
    write_shard(folder, number, finished, hashes)
    return len(finished), problems


def _finish_job(
    job: tuple[list[Article], CorpusLines], options: Options
) -> tuple[list[Article], list[Problem]]:
    articles, corpus = job
    return finish_articles(articles, options, corpus)


def store_files(db: str | Path) -> list[Path]:
    """The store's own files, never to be read as input when it sits in an input folder."""
    if is_server_url(db):
        return []
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


def assemble_stories(
    store: Store, options: Options | None = None, new_ids: Sequence[str] | None = None
) -> int:
    """The corpus stages, incrementally: assign the new articles to stories (or open new
    ones), then recompute the results of the stories that changed, and store them in one
    transaction. Stories no new article joined are left as they are. Returns how many
    stories changed."""
    options = options or Options()
    profiles = [
        Profile.from_json(sid, json.loads(p)) if p else Profile(sid)
        for sid, p in store.story_profiles()
    ]
    _fill_missing_profiles(store, profiles)
    if new_ids is None:  # everything not yet in a story
        new_ids = store.unassigned_ids()
    newcomers = [
        Newcomer.of(replace(article, entities=tuple(store.entities(article.id))))
        for chunk in key_chunks(sorted(set(new_ids)), 1000)
        for article in store.articles_by_id(chunk)
    ]
    # Only the originals of syndicated copies need their story looked up.
    membership = store.stories_of(n.duplicate_of for n in newcomers if n.duplicate_of)
    assigned = assign(newcomers, profiles, membership, options.story_threshold)
    touched = sorted(set(assigned.values()))
    by_profile = {p.id: p for p in profiles}
    members = store.members_of(touched)
    for article_id, story_id in sorted(assigned.items()):
        members.setdefault(story_id, []).append(article_id)
    saved, dated_all = [], []
    for story_id in touched:
        story, dated = story_results(store, story_id, members[story_id], options)
        saved.append((story, json.dumps(by_profile[story_id].to_json(), sort_keys=True)))
        dated_all.extend(dated)
    if saved:
        store.save_stories(saved, dated_all)
    return len(saved)


def _fill_missing_profiles(store: Store, profiles: list[Profile]) -> None:
    """Stories stored before profiles existed get theirs from their articles."""
    empty = [profile for profile in profiles if profile.size == 0]
    members = store.members_of(profile.id for profile in empty)
    for profile in empty:
        for article in store.articles_by_id(members.get(profile.id, [])):
            date = article.published.date if article.published else None
            profile.add(article_terms(store.annotated(article)), date)


def story_results(
    store: Store, story_id: str, member_ids: Sequence[str], options: Options
) -> tuple[Story, list[Article]]:
    """One story's results from its articles, read as they will be stored (so that a second
    build computes exactly what the first stored), and the articles the story dated."""
    articles = [store.annotated(a) for a in store.articles_by_id(member_ids)]
    story_dates = date_by_story(articles)
    dated = [
        tag_article(replace(article, published=story_dates[article.id]), options)
        for article in articles
        if article.id in story_dates
    ]
    by_id = {a.id: a for a in dated}
    annotated = [by_id.get(a.id, a) for a in articles]
    anchor = story_anchor(annotated)
    if anchor is not None:
        for i, article in enumerate(annotated):
            if article.published is None or len(article.published.date) != 10:
                annotated[i] = tag_with_anchor(article, anchor)
                dated.append(annotated[i])  # its dates are stored with it
    actors, quotes, figures = story_facts(annotated)
    names = [(a["name"], a["type"], a["mentions"]) for a in actors]
    story = replace(
        single_story(annotated, names),
        id=story_id,
        actors=actors,
        quotes=quotes,
        figures=figures,
        figure_series=figure_series(figures),
        timeline=build_timeline(annotated),
        summary=summarize(annotated, actors, figures, options),
        events=find_events(annotated, actor_records_index(actors), load_model(options.spacy_model)),
    )
    return story, dated


def summarize(
    articles: Sequence[Article], actors: list[dict], figures: list[dict], options: Options
) -> list[dict]:
    """The extractive summary, rewritten by the configured model when there is one."""
    summary = build_summary(articles, actors, figures)
    if options.summary_endpoint:
        summary = abstractive_summary(
            summary, options.summary_endpoint, options.summary_model, options.summary_api_key
        )
    return summary


def actor_records_index(actors: Sequence[dict]) -> dict[str, dict]:
    """Alias (and its name key) -> actor record, for aliases only one actor has."""
    index: dict[str, dict] = {}
    seen: dict[str, int] = {}
    for actor in actors:
        for alias in actor["aliases"]:
            for key in {alias, name_key(alias)}:
                seen[key] = seen.get(key, 0) + 1
                index[key] = actor
    return {key: actor for key, actor in index.items() if seen[key] == 1}


def story_anchor(articles: Sequence[Article]) -> dt.date | None:
    """The middle publication date of a story's dated articles."""
    dates = sorted(
        a.published.date for a in articles if a.published and len(a.published.date) == 10
    )
    return dt.date.fromisoformat(dates[len(dates) // 2]) if dates else None
