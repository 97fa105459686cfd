"""The evaluation gate shared by the eval scripts: minimum scores live in baseline.json."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path

BASELINE = Path(__file__).parent / "baseline.json"


def check(section: str, subset: str | None, scores: Mapping[str, float]) -> int:
    """0 when every minimum of `section` (and `subset`) is met, else 1 with a message."""
    minimum = json.loads(BASELINE.read_text()).get(section, {}) if BASELINE.exists() else {}
    if subset is not None:
        minimum = minimum.get(subset, {})
    failed = [
        f"{key} {scores[key]:.3f} < {value}"
        for key, value in minimum.items()
        if scores[key] < value
    ]
    if failed:
        print(f"below {BASELINE.name} minimum: {'; '.join(failed)}", file=sys.stderr)
        return 1
    return 0
