import json

import pytest
from click.testing import CliRunner

from storyline.cli import EXIT_HARD_ERROR, EXIT_NOTHING_BUILT, main


@pytest.mark.parametrize("command", sorted(main.commands))
def test_cli_every_command_is_documented_with_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_cli_build_help_lists_exit_codes():
    result = CliRunner().invoke(main, ["build", "--help"])
    assert "Exit status:" in result.output and "130" in result.output


def test_cli_build_then_export(tmp_path, examples_dir):
    db = str(tmp_path / "x.db")
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(examples_dir), "--db", db])
    assert built.exit_code == 0, built.output
    assert "8 articles built" in built.output
    exported = runner.invoke(main, ["export", "--db", db, "--format", "json"])
    assert exported.exit_code == 0
    assert len(json.loads(exported.output)["articles"]) == 8
    out = tmp_path / "d.md"
    md = runner.invoke(main, ["export", "--db", db, "--format", "md", "--out", str(out)])
    assert md.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# Storyline")


def test_cli_build_nothing_built_exits_1_and_names_the_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == EXIT_NOTHING_BUILT
    assert "skipped empty.txt (read): empty file" in result.output


def test_cli_export_without_store_exits_3(tmp_path):
    result = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == EXIT_HARD_ERROR
    assert "run `storyline build` first" in result.output


def test_cli_show_marks_removed_pieces(tmp_path, examples_dir):
    db = str(tmp_path / "x.db")
    runner = CliRunner()
    runner.invoke(main, ["build", str(examples_dir), "--db", db])
    exported = json.loads(runner.invoke(main, ["export", "--db", db]).output)
    article = next(a for a in exported["articles"] if a["source"] == "qadira-siege-photo.txt")
    result = runner.invoke(main, ["show", article["id"][:8], "--db", db])
    assert result.exit_code == 0, result.output
    assert "[- photo-credit: (WIRE PHOTO / POOL / Anna Berg) -]" in result.output
    assert "[- foreign-language: Lire cet article en français -]" in result.output
    assert result.output.count("bread lines grow as peace talks stall") == 3  # header, text, repeat


def test_cli_show_unknown_article(tmp_path, examples_dir):
    db = str(tmp_path / "x.db")
    CliRunner().invoke(main, ["build", str(examples_dir / "ceasefire-deal.txt"), "--db", db])
    result = CliRunner().invoke(main, ["show", "zzzz", "--db", db])
    assert result.exit_code == EXIT_NOTHING_BUILT


def test_cli_timex_writes_one_json_object_per_expression():
    result = CliRunner().invoke(
        main, ["timex", "--dct", "2014-01-14"], input="Kerry will meet Lavrov on Monday."
    )
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.output.splitlines()]
    assert record == {
        "start": 26,
        "end": 32,
        "text": "Monday",
        "type": "DATE",
        "value": "2014-01-20",
    }


def test_cli_build_keeps_rejected_inputs_for_show(tmp_path, examples_dir):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("Talks resume\n\nThe envoy met both sides.", "utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "broken.jsonl").write_text('{"text": "unterminated\n', encoding="utf-8")
    db = str(tmp_path / "x.db")
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(inputs), "--db", db])
    assert built.exit_code == 0
    assert "annotate" in built.output and "story stage: 1 story" in built.output  # step table
    quiet = runner.invoke(main, ["build", str(inputs), "--db", db, "--quiet"])
    assert "annotate" not in quiet.output
    shown = runner.invoke(main, ["show", "--rejected", "--db", db])
    lines = shown.output.splitlines()
    assert shown.exit_code == 0 and len(lines) == 4  # two builds, two rejected inputs each
    assert any("empty.txt [read]: empty file" in line for line in lines)
    assert any("broken.jsonl#1 [read]: malformed JSON" in line for line in lines)
    log = runner.invoke(main, ["show", "--builds", "--db", db])
    assert "build 2 · build" in log.output and "2 rejected" in log.output
    assert runner.invoke(main, ["show", "--db", db]).exit_code == 2
