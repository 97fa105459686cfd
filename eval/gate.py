"""The evaluation gate shared by the eval scripts: minimum scores live in baseline.json."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path

BASELINE = Path(__file__).parent / "baseline.json"


def check(section: str, subset: str | None, scores: Mapping[str, float]) -> int:
    """0 when every bound of `section` (and `subset`) is met, else 1 with a message. A bound
    is a minimum, or {"max": value} for a measure where less is better; a measure the run
    could not compute (none to count) fails a minimum and meets a maximum."""
    minimum = json.loads(BASELINE.read_text()).get(section, {}) if BASELINE.exists() else {}
    if subset is not None:
        minimum = minimum.get(subset, {})
    failed = []
    for key, value in minimum.items():
        got = scores.get(key)
        if isinstance(value, dict):
            if got is not None and got > value["max"]:
                failed.append(f"{key} {got:.3f} > {value['max']}")
        elif got is None or got < value:
            failed.append(f"{key} {'n/a' if got is None else f'{got:.3f}'} < {value}")
    if failed:
        print(f"below {BASELINE.name} minimum: {'; '.join(failed)}", file=sys.stderr)
        return 1
    return 0
