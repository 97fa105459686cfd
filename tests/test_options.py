"""Configuration in one place: flags derived from Options, a config file layer, the
settings a store was built with recorded and compared."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

import storyline
from storyline.cli import main, resolved_options
from storyline.options import OPTION_FIELDS, RESULT_FIELDS, ConfigError, Options, read_config
from storyline.settings import differences, layered, settings_of


def test_options_every_field_is_a_flag_of_its_commands():
    runner = CliRunner()
    helps = {c: runner.invoke(main, [c, "--help"]).output for c in ("build", "load", "serve")}
    for name, spec in OPTION_FIELDS.items():
        flag = "--" + name.replace("_", "-")
        for command in spec.metadata["commands"]:
            assert flag in helps[command], f"{flag} missing from {command} --help"


def test_options_config_file_values_are_checked(tmp_path):
    config = tmp_path / "storyline.toml"
    config.write_text("story-threshold = 0.3\ntimeline_entries = 5\n", encoding="utf-8")
    assert read_config(config) == {"story_threshold": 0.3, "timeline_entries": 5}
    project = tmp_path / "pyproject.toml"
    project.write_text('[tool.storyline]\nexecutor = "threads"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="executor must be one of local, processes, dask"):
        read_config(project)
    config.write_text("story_threshold = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"between 0\.0 and 1\.0"):
        read_config(config)
    config.write_text("no_such = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting 'no_such'"):
        read_config(config)


def test_options_layers_defaults_store_config_flags(tmp_path):
    config = tmp_path / "storyline.toml"
    config.write_text("story_threshold = 0.3\nbatch_size = 8\n", encoding="utf-8")
    recorded = {"story_threshold": 0.2, "timeline_entries": 7, "storyline": "0.0.1"}
    options = layered(recorded, config, {"batch_size": 16})
    assert (options.story_threshold, options.timeline_entries, options.batch_size) == (0.3, 7, 16)
    assert options.disagreement_ratio == Options().disagreement_ratio


def test_options_store_records_its_first_settings_and_warns_of_others(tmp_path, examples_dir):
    db = tmp_path / "x.db"
    first = storyline.build([examples_dir / "ceasefire-deal.txt"], db=db)
    assert first.warnings == []
    conn = sqlite3.connect(db)
    recorded = {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM settings")}
    conn.close()
    assert set(RESULT_FIELDS) <= set(recorded) and recorded["spacy_model_version"] == "3.8.0"
    # A later build with no options runs as the first one did; other settings are named.
    again = storyline.build([examples_dir], db=db)
    assert again.warnings == []
    other = storyline.build([examples_dir], db=db, options=Options(story_threshold=0.4))
    assert other.warnings == ["story_threshold: the store was built with 0.25, this run uses 0.4"]
    options, differ = resolved_options(str(db), None, {"timeline_entries": 3})
    assert options.timeline_entries == 3 and differ == [
        "timeline_entries: the store was built with 12, this run uses 3"
    ]


def test_options_cli_refuses_a_bad_config_with_usage_error(tmp_path, examples_dir):
    config = tmp_path / "bad.toml"
    config.write_text("story_threshold = 'high'\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", str(examples_dir), "--db", str(tmp_path / "x.db"), "--config", str(config)]
    )
    assert result.exit_code == 2 and "story_threshold must be float" in result.output


def test_options_serve_workers_get_the_resolved_options(monkeypatch, built_examples):
    from storyline.web import app as web_app

    options = Options(story_threshold=0.35, batch_size=9)
    monkeypatch.setenv(web_app.DB_VARIABLE, str(built_examples))
    monkeypatch.setenv(web_app.OPTIONS_VARIABLE, web_app.options_json(options))
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    app = web_app.app_from_environment()
    assert app.state.settings.options == options


def test_options_settings_differences_name_each_setting():
    old = settings_of(Options())
    new = settings_of(Options(duplicate_threshold=0.6, spacy_model="other_model"))
    found = differences(old, new)
    assert any(line.startswith("duplicate_threshold:") for line in found)
    assert any(line.startswith("spacy_model:") for line in found)
    assert any(line.startswith("spacy_model_version:") for line in found)  # 'unknown'
