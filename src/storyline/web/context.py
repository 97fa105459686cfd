"""What the pages and the API share: the server's settings, a store connection per thread,
and the lookups both need (actor filters, ingest)."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from storyline.build import BuildReport, build_documents
from storyline.model import Actor, Problem, RawDocument
from storyline.options import Options
from storyline.store import Store
from storyline.store.read import ArticleFilter, ReadQueries

DEFAULT_LIMIT = 20
MAX_LIMIT = 200


@dataclass
class Settings:
    db: str | Path  # a SQLite file or a postgresql:// address
    token: str | None = None  # None: writes are off
    options: Options = field(default_factory=Options)


class PageCache:
    """Rendered pages, keyed by what they show and its revision (a story's revision rises
    each time the story is saved), so an ingest makes stale only the pages of the stories it
    changed. Bounded, least recently used first out."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._pages: OrderedDict[tuple, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> str | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple, page: str) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


class StoreAccess:
    """The store's read side, opened read-only, one connection per server thread (sqlite3
    connections must not be shared between threads at once); WAL lets them read while an
    ingest writes."""

    def __init__(self, db: str | Path) -> None:
        self.db = str(db)
        self._local = threading.local()
        self._ingest_lock = threading.Lock()
        self._ingester: ProcessPoolExecutor | None = None
        self.pages = PageCache()

    def store(self) -> ReadQueries:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store.open(self.db, readonly=True)
        return store.read

    def ingest(self, documents: list[RawDocument | Problem], options: Options) -> BuildReport:
        """Run the build pipeline on posted documents, one ingest at a time, in a worker
        process of its own: spaCy holds the interpreter lock for long stretches, and in the
        server's process it would stall every page being served meanwhile. The worker
        keeps its model loaded between ingests."""
        with self._ingest_lock:
            if self._ingester is None:
                self._ingester = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_lower_priority,
                )
            try:
                job = partial(build_documents, documents, self.db, options, kind="ingest")
                return self._ingester.submit(job).result()
            except BrokenProcessPool:  # the worker died (killed, out of memory): start anew
                self._ingester = None
                raise

    def close(self) -> None:
        if self._ingester is not None:
            self._ingester.shutdown(wait=True, cancel_futures=True)
            self._ingester = None


def _lower_priority() -> None:
    """The ingest worker yields the processors to the server: pages first, ingest after."""
    os.nice(10)


def article_filter(
    store: ReadQueries,
    q: str = "",
    story: str | None = None,
    actor: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> ArticleFilter:
    """Filters from request parameters. An actor is looked up in the story (by id, name or
    alias) and stands for the articles that story links to it; otherwise articles whose
    names include it verbatim."""
    story = story or None
    actor = (actor or "").strip() or None
    ids: frozenset[str] | None = None
    name: str | None = None
    if actor:
        found = _story_actor(store, story, actor) if story else None
        if found is not None:
            ids = frozenset(found.articles)
        else:
            name = actor
    return ArticleFilter(  # raises BadQuery for a malformed date
        q=q.strip(),
        story=story,
        actor_articles=ids,
        actor_name=name,
        date_from=date_from or None,
        date_to=date_to or None,
    )


def _story_actor(store: ReadQueries, story_id: str, actor: str) -> Actor | None:
    record = store.story(story_id)
    if record is None:
        return None
    wanted = actor.casefold()
    for candidate in record.actors:
        names = [candidate.id, candidate.name, *candidate.aliases]
        if any(n.casefold() == wanted for n in names):
            return candidate
    return None


def page_window(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, offset)
