"""Tabular exports: one table per kind of fact, keyed by story and article ids."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

from storyline.cli import main
from storyline.export.tables import SCHEMAS

TABLES = ("articles", "actors", "quotes", "figures", "events", "timeline")


def _dossier(db: Path) -> dict:
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "json"])
    return json.loads(result.output)


def test_tables_parquet_holds_every_fact_of_the_dossier(built_examples, tmp_path) -> None:
    result = CliRunner().invoke(
        main, ["export", "--db", str(built_examples), "--format", "parquet", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    dossier = _dossier(built_examples)
    story = dossier["stories"][0]
    read = {name: pq.read_table(tmp_path / f"{name}.parquet") for name in TABLES}
    assert all(read[name].schema.names == SCHEMAS[name].names for name in TABLES)
    assert read["articles"].num_rows == len(dossier["articles"])
    for name in ("actors", "quotes", "figures", "events"):
        assert read[name].num_rows == len(story[name]), name
    sources = sum(len(entry["sources"]) for entry in story["timeline"])
    assert read["timeline"].num_rows == sources
    quotes = read["quotes"].to_pylist()
    article_ids = {a["id"] for a in dossier["articles"]}
    assert all(q["story"] == story["id"] and q["article"] in article_ids for q in quotes)
    assert {q["kind"] for q in quotes} <= {"quote", "term"} and quotes[0]["kind"]
    actors = read["actors"].to_pylist()
    assert any(len(actor["aliases"]) > 1 for actor in actors)


def test_tables_csv_joins_lists_and_keeps_text(built_examples, tmp_path) -> None:
    result = CliRunner().invoke(
        main, ["export", "--db", str(built_examples), "--format", "csv", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    with (tmp_path / "figures.csv").open(encoding="utf-8") as handle:
        figures = list(csv.DictReader(handle))
    assert figures and all(row["story"] and row["article"] for row in figures)
    assert any(float(row["value"]) > 1000 for row in figures)
    with (tmp_path / "actors.csv").open(encoding="utf-8") as handle:
        assert any("; " in row["aliases"] for row in csv.DictReader(handle))


def test_tables_need_an_out_folder(built_examples) -> None:
    result = CliRunner().invoke(main, ["export", "--db", str(built_examples), "--format", "csv"])
    assert result.exit_code == 2 and "--out" in result.output
