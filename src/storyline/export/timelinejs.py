"""TimelineJS (Knight Lab) JSON: one timeline per story, each entry with its sources.

TimelineJS renders `text` as HTML, so everything taken from articles is escaped: an
article cannot inject markup or scripts into a page that shows the timeline.
"""

from __future__ import annotations

import html
import json
from typing import Any


def _date(value: str) -> dict[str, str]:
    parts = value.split("-")
    keys = ("year", "month", "day")
    return {key: part.lstrip("0") or "0" for key, part in zip(keys, parts, strict=False)}


def _sources(entry: dict) -> str:
    items = "".join(f"<li>{html.escape(source['text'])}</li>" for source in entry["sources"])
    return f"<p>{html.escape(entry['text'])}</p><ul>{items}</ul>"


def story_timeline(story: dict) -> dict[str, Any]:
    return {
        "title": {
            "text": {
                "headline": html.escape(story["title"]),
                "text": f"{len(story['articles'])} articles",
            }
        },
        "events": [
            {
                "start_date": _date(entry["date"]),
                "text": {
                    "headline": html.escape(entry.get("headline") or entry["date"]),
                    "text": _sources(entry),
                },
                "group": story["title"][:60],
            }
            for entry in story["timeline"]
        ],
    }


def to_timelinejs(dossier: dict[str, Any]) -> str:
    """One TimelineJS document for a single story, or a list of them for several."""
    timelines = [story_timeline(story) for story in dossier["stories"]]
    payload: Any = timelines[0] if len(timelines) == 1 else timelines
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
