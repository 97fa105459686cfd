"""The dossier as flat tables for analysts (pandas, R, DuckDB, spreadsheets): one table each
for articles, actors, quotes, figures, events and timeline entries, keyed by story and
article ids. Parquet (pyarrow, typed columns, lists kept as lists) or CSV (lists joined with
"; ").
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

TableFormat = Literal["parquet", "csv"]
_S, _F, _I, _B = pa.string(), pa.float64(), pa.int64(), pa.bool_()
_EVIDENCE = [("article", _S), ("sentence_start", _I), ("sentence_end", _I), ("sentence", _S)]

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", _S), ("story", _S), ("source", _S), ("url", _S), ("title", _S),
            ("site", _S), ("author", _S), ("language", _S), ("published", _S),
            ("published_source", _S), ("published_confidence", _F), ("duplicate_of", _S),
            ("text", _S), ("removed_pieces", _I),
        ]
    ),
    "actors": pa.schema(
        [
            ("story", _S), ("id", _S), ("name", _S), ("type", _S), ("aliases", pa.list_(_S)),
            ("roles", pa.list_(_S)), ("affiliation", _S), ("mentions", _I),
            ("articles", pa.list_(_S)),
        ]
    ),
    "quotes": pa.schema(
        [
            ("story", _S), ("speaker", _S), ("speaker_name", _S), ("text", _S), ("kind", _S),
            *_EVIDENCE,
        ]
    ),
    "figures": pa.schema(
        [
            ("story", _S), ("metric", _S), ("value", _F), ("unit", _S), ("qualifier", _S),
            ("where", _S), ("as_of", _S), ("attributed_to", _S), ("disagrees", _B),
            *_EVIDENCE,
        ]
    ),
    "events": pa.schema(
        [
            ("story", _S), ("date", _S), ("action", _S), ("actor", _S), ("actor_name", _S),
            ("target", _S), ("target_name", _S), ("location", _S), *_EVIDENCE,
        ]
    ),
    "timeline": pa.schema(
        [("story", _S), ("entry", _I), ("date", _S), ("headline", _S), *_EVIDENCE]
    ),
}  # fmt: skip


def _evidence(evidence: dict | None) -> dict[str, Any]:
    evidence = evidence or {}
    return {
        "article": evidence.get("article"),
        "sentence_start": evidence.get("start"),
        "sentence_end": evidence.get("end"),
        "sentence": evidence.get("text"),
    }


def _articles(dossier: dict) -> Iterator[dict]:
    for article in dossier["articles"]:
        published = article.get("published") or {}
        yield {
            **{key: article.get(key) for key in ("id", "story", "source", "url", "title")},
            **{key: article.get(key) for key in ("site", "author", "language")},
            "published": published.get("date"),
            "published_source": published.get("source"),
            "published_confidence": published.get("confidence"),
            "duplicate_of": article.get("duplicate_of"),
            "text": article.get("text"),
            "removed_pieces": len(article.get("removed", [])),
        }


def _story_rows(dossier: dict, name: str) -> Iterator[dict]:
    columns = SCHEMAS[name].names
    for story in dossier["stories"]:
        for index, item in enumerate(story.get(name, [])):
            if name == "timeline":
                for source in item.get("sources", []):
                    yield {
                        "story": story["id"],
                        "entry": index,
                        "date": item.get("date"),
                        "headline": item.get("headline"),
                        **_evidence(source),
                    }
                continue
            row = {"story": story["id"], **_evidence(item.get("evidence"))}
            row.update((key, item.get(key)) for key in columns if key not in row)
            yield row


def tables(dossier: dict) -> dict[str, list[dict]]:
    """Rows of every table, from a dossier dict (dossier.schema.json)."""
    found = {"articles": list(_articles(dossier))}
    for name in ("actors", "quotes", "figures", "events", "timeline"):
        found[name] = list(_story_rows(dossier, name))
    return found


def write_tables(dossier: dict, folder: str | Path, fmt: TableFormat) -> list[Path]:
    """Write one file per table into `folder`; return their paths."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(dossier).items():
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":
            pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[name]), path)
        else:
            _write_csv(path, SCHEMAS[name].names, rows)
        written.append(path)
    return written


def _write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
