"""Generated corpora for the scale benchmarks: many distinct articles in many stories, made
by recombining the project's own original articles (examples/corpus and the labelled dev
sets in eval/data), so that every text is real prose and no two are the same.

Each story takes a seed article's world and renames its proper names consistently (so
stories stay apart, as different conflicts would); each article of a story is the seed's
headline and lead plus paragraphs drawn from the seed and its sibling articles, with numbers
and dates nudged.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    ROOT / "eval" / "data" / "facts" / "dev.jsonl",
    ROOT / "eval" / "data" / "dating" / "dev.jsonl",
]
_WORD = re.compile(r"\b[A-Z][a-z]{3,}\b")
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{2,4}\b")
_CALENDAR = {
    *[
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    *["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
_SYLLABLES = ["ka", "ri", "mo", "ta", "ven", "sa", "lor", "da", "mi", "ne", "tor", "ba", "el", "qu"]


def seed_articles() -> list[dict]:
    """The labelled dev articles (text and the story they belong to), de-duplicated."""
    seen: set[str] = set()
    found = []
    for path in SOURCES:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            text = record["text"]
            if text not in seen:
                seen.add(text)
                found.append({"story": f"{path.parent.name}/{record['story']}", "text": text})
    return found


def proper_names(texts: list[str]) -> set[str]:
    """Capitalized words that are names: capitalized wherever they occur, never only at a
    sentence start."""
    capitalized: Counter = Counter()
    lower: Counter = Counter()
    for text in texts:
        capitalized.update(_WORD.findall(text))
        lower.update(w.capitalize() for w in re.findall(r"\b[a-z]{4,}\b", text))
    return {
        word
        for word, n in capitalized.items()
        if n >= 2 and lower[word] == 0 and word not in _CALENDAR
    }


def _invented(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _renamer(names: set[str], rng: random.Random):
    mapping = {name: _invented(rng) for name in sorted(names)}
    return lambda text: _WORD.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)


def _nudge(text: str, rng: random.Random) -> str:
    def change(match: re.Match) -> str:
        raw = match.group(0)
        value = int(raw.replace(",", ""))
        if 1900 <= value <= 2100:  # a year: keep it, dates must stay plausible
            return raw
        nudged = max(1, round(value * rng.uniform(0.8, 1.25)))
        return f"{nudged:,}" if "," in raw else str(nudged)

    return _NUMBER.sub(change, text)


def generate(count: int, per_story: int = 100, seed: int = 7) -> Iterator[dict]:
    """`count` article records ({"text", "title", "url", "published"}) for a .jsonl input."""
    rng = random.Random(seed)
    articles = seed_articles()
    names = proper_names([a["text"] for a in articles])
    by_story: dict[str, list[list[str]]] = defaultdict(list)
    for article in articles:
        by_story[article["story"]].append(article["text"].split("\n\n"))
    worlds = sorted(by_story)
    for index in range(count):
        story = index // per_story
        story_rng = random.Random(f"{seed}/{story}")
        rename = _renamer(names, story_rng)
        world = by_story[worlds[story % len(worlds)]]
        lead = world[story_rng.randrange(len(world))]
        pool = [p for paragraphs in world for p in paragraphs[1:] if len(p) > 80]
        body = [lead[1], *rng.sample(pool, k=min(len(pool), rng.randint(3, 5)))]
        day = 1 + (index % per_story) * 27 // per_story
        year = 2015 + story % 10
        title = rename(lead[0])
        yield {
            "url": f"https://bench.example.org/{year}/{story}/{index}",
            "title": title,
            "published": f"{year}-{1 + story % 12:02d}-{day:02d}",
            "text": "\n\n".join([title, *(rename(_nudge(p, rng)) for p in body)]),
        }


def write_jsonl(path: Path, count: int, per_story: int = 100) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in generate(count, per_story):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
