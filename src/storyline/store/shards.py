"""Parquet shards of processed articles: what a cluster build writes instead of a store,
and what `storyline load` brings into one.

A shard holds one batch: per article its id, source, line hashes (for the corpus line
counts) and the whole processed article as JSON (`storyline.codec`: text, removed pieces,
sentences, entities, dates, event clauses, found facts; the raw input base64-encoded), so
that loading needs no NLP at all.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from storyline.codec import article_from_json, article_to_json
from storyline.model import Article

SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("line_hashes", pa.list_(pa.string())),
        ("article", pa.string()),
    ]
)
PATTERN = "shard-*.parquet"


def write_shard(folder: Path, number: int, articles: list[Article], hashes: dict) -> Path:
    """One batch as `shard-NNNNNN.parquet` (written whole, then renamed: a reader never sees
    half a shard)."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        {
            "id": article.id,
            "source": article.source,
            "line_hashes": sorted(hashes.get(article.id, ())),
            "article": article_to_json(article),
        }
        for article in articles
    ]
    path = folder / f"shard-{number:06d}.parquet"
    partial = path.with_suffix(".parquet.partial")
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), partial)
    partial.replace(path)
    return path


def read_shard(path: Path) -> tuple[list[Article], dict[str, set[str]]]:
    rows = pq.read_table(path, schema=SCHEMA).to_pylist()
    articles = [article_from_json(row["article"]) for row in rows]
    return articles, {row["id"]: set(row["line_hashes"]) for row in rows}


def shard_paths(folder: Path) -> list[Path]:
    return sorted(folder.glob(PATTERN))
