"""One-off work on a store built by an earlier version, done by the next build before it
adds anything: what a schema migration cannot do in SQL.

- `lsh_bands`: the band keys of MinHash signatures stored before bands were kept;
- `article_facts`: the quotes, figures and date hints of articles stored before the fact
  steps existed (and, for articles stored before event clauses were kept, their clauses,
  which need the parse: the spaCy model is loaded for them only).
Each task is marked done when it has run, so it runs once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from storyline.model import Article, Problem
from storyline.options import Options
from storyline.pipeline.base import FATAL, ArticleFn, step_problem
from storyline.pipeline.clean.dedup import band_keys, from_bytes
from storyline.pipeline.dating import date_hints
from storyline.pipeline.steps import FACT_STEPS
from storyline.store import Store

CHUNK = 200


def upgrade_store(store: Store, options: Options) -> list[Problem]:
    """Run the store's pending one-off tasks. An article the fact steps fail on is
    reported, and kept with no facts."""
    problems: list[Problem] = []
    if store.corpus.pending_task("lsh_bands"):
        store.writes.backfill_bands(lambda blob: band_keys(from_bytes(blob)))
    if store.corpus.pending_task("article_facts"):
        while ids := store.corpus.without_facts(CHUNK):
            found, parsed = [], set()
            for article in store.corpus.members(ids):
                if article.clauses is None:
                    parsed.add(article.id)
                try:
                    found.append(_found(article, options))
                except FATAL:
                    raise
                except Exception as exc:
                    problems.append(step_problem(article.source, "upgrade", exc))
                    found.append(replace(article, clauses=article.clauses or ()))
            store.writes.save_found(found, parsed)
        store.writes.finish_task("article_facts")
    return problems


def _found(article: Article, options: Options) -> Article:
    """What the fact steps (and the clause parse, where missing) find in a stored article."""
    for step in FACT_STEPS:
        article = cast(ArticleFn, step.run)(article, options)
    if article.published is None or article.published.source == "story":
        article = replace(article, date_hints=date_hints(article))  # as when it was undated
    if article.clauses is None:
        from storyline.pipeline.nlp.annotate import load_model
        from storyline.pipeline.nlp.clauses import parse_clauses

        article = replace(article, clauses=parse_clauses(article, load_model(options.spacy_model)))
    return article
