"""Which settings built a store: recorded at its first build, compared at every later
build, load and serve, so that a store is never silently extended with other settings.

The record holds the storyline version, the spaCy model's name and version, and every
option that changes results (`options.RESULT_FIELDS`). The options a command runs with are
layered: defaults, then the store's record (so that a later build, or an upload through the
web, runs as the first build did), then the config file, then the command line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from storyline.options import OPTION_FIELDS, RESULT_FIELDS, Options, read_config
from storyline.store import Store, is_server_url

VERSION_KEYS = ("storyline", "spacy_model_version")


def model_version(name: str) -> str:
    """The version of an installed spaCy pipeline (its package's, or its meta.json's for a
    path), without loading it; 'unknown' when neither says."""
    for candidate in (name, name.replace("_", "-")):
        try:
            return metadata.version(candidate)
        except metadata.PackageNotFoundError:
            continue
    meta = Path(name) / "meta.json"
    try:
        return str(json.loads(meta.read_text(encoding="utf-8")).get("version", "unknown"))
    except (OSError, ValueError):
        return "unknown"


def settings_of(options: Options) -> dict[str, Any]:
    """What the store records of the options a build ran with."""
    from storyline.version import __version__

    record: dict[str, Any] = {
        "storyline": __version__,
        "spacy_model_version": model_version(options.spacy_model),
    }
    record.update((name, getattr(options, name)) for name in RESULT_FIELDS)
    return record


def differences(recorded: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """'story_threshold: the store was built with 0.25, this run uses 0.3', one per setting
    that differs (none when nothing was recorded yet)."""
    found = []
    for key in (*VERSION_KEYS, *RESULT_FIELDS):
        if key in recorded and recorded[key] != current.get(key):
            found.append(
                f"{key}: the store was built with {recorded[key]!r}, "
                f"this run uses {current.get(key)!r}"
            )
    return found


def recorded(db: str | Path) -> dict[str, Any]:
    """The settings the store at `db` recorded (none for a store not built yet, which is
    not created by asking)."""
    if not is_server_url(db) and not Path(db).is_file():
        return {}
    with Store.open(db) as store:
        return store.read.settings()


def layered(
    recorded: Mapping[str, Any],
    config: Path | None = None,
    given: Mapping[str, Any] | None = None,
    base: Options | None = None,
) -> Options:
    """The options a command runs with: `base` (default: the defaults), the store's record,
    the config file's values, then the values given on the command line."""
    options = base or Options()
    options = options.merged({k: v for k, v in recorded.items() if k in OPTION_FIELDS})
    if config is not None:
        options = options.merged(read_config(config))
    return options.merged(given or {})
