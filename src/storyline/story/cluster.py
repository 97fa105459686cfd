"""Story clustering: which articles tell the same story.

Incremental single-pass clustering. Each story keeps a profile: the summed weights of the
names and content words of its articles (the most weighty `PROFILE_TERMS` kept) and its date
range. A new article joins the story whose profile is most similar to it (cosine), if the
similarity passes `threshold` and its date is within `max_gap_days` of the story's; otherwise
it opens a new story. A syndicated copy joins its original's story. Cost per new article is
one comparison per story, not per article, and nothing already assigned is recomputed.

Names weigh more than words: the people, places and groups of a story are what keeps it
apart from another story on a similar theme (two sets of peace talks share their words, not
their negotiators).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from storyline.model import Article

PROFILE_TERMS = 300
NAME_WEIGHT = 3.0
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
_WORD = re.compile(r"[A-Za-z][a-z]{3,}")
_STOP = frozenset(
    """
    said says would could should their there these those which while where when what
    with from have been were this that into than then them they also more most other
    some such about after again against before being between both during each only over
    same very will just because through under until upon among across around since
    however told according people year years week weeks month months today monday
    tuesday wednesday thursday friday saturday sunday reporters statement added says
    officials official
    """.split()  # noqa: SIM905 - a word list reads best as text
)


@dataclass
class Profile:
    id: str
    terms: dict[str, float] = field(default_factory=dict)
    size: int = 0
    first: str | None = None  # earliest and latest publication dates of the story
    last: str | None = None

    def add(self, terms: Counter, date: str | None) -> None:
        for term, weight in terms.items():
            self.terms[term] = self.terms.get(term, 0.0) + weight
        if len(self.terms) > PROFILE_TERMS:
            kept = sorted(self.terms.items(), key=lambda kv: -kv[1])[:PROFILE_TERMS]
            self.terms = dict(kept)
        self.size += 1
        if date:
            day = date[:10]
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)

    def to_json(self) -> dict:
        return {"terms": self.terms, "size": self.size, "first": self.first, "last": self.last}

    @classmethod
    def from_json(cls, story_id: str, data: dict) -> Profile:
        return cls(story_id, dict(data.get("terms", {})), int(data.get("size", 0)),
                   data.get("first"), data.get("last"))  # fmt: skip


def article_terms(article: Article) -> Counter:
    """Weighted terms of an article: its names (from entities) and its content words."""
    terms: Counter = Counter()
    for mention in article.entities:
        if mention.label in NAME_LABELS:
            key = " ".join(mention.text.lower().split())
            terms[f"n:{key}"] += NAME_WEIGHT
    for word in _WORD.findall(article.text):
        low = word.lower()
        if low not in _STOP:
            terms[f"w:{low[:6]}"] += 1.0
    return terms


def cosine(a: Counter | dict, b: dict) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) < len(b) else (b, a)
    dot = sum(weight * large.get(term, 0.0) for term, weight in small.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def new_story_id(first_article: str) -> str:
    return "s" + hashlib.sha256(first_article.encode()).hexdigest()[:12]


def _days_apart(date: str | None, profile: Profile) -> int:
    if not date or not profile.first or len(date) < 10:
        return 0
    day = dt.date.fromisoformat(date[:10])
    first, last = (
        dt.date.fromisoformat(profile.first),
        dt.date.fromisoformat(profile.last or profile.first),
    )
    if first <= day <= last:
        return 0
    return min(abs((day - first).days), abs((day - last).days))


def assign(
    articles: Iterable[Article],
    profiles: list[Profile],
    membership: dict[str, str],
    threshold: float = 0.25,
    max_gap_days: int = 120,
) -> dict[str, str]:
    """Story id for each new article (profiles and membership are updated in place)."""
    by_id = {p.id: p for p in profiles}
    assigned: dict[str, str] = {}
    for article in _in_order(articles):
        date = article.published.date if article.published else None
        terms = article_terms(article)
        original = article.duplicate_of and membership.get(article.duplicate_of)
        if original and original in by_id:
            best = by_id[original]
        else:
            scored = [
                (cosine(terms, p.terms), p)
                for p in profiles
                if _days_apart(date, p) <= max_gap_days
            ]
            score, best = max(scored, key=lambda sp: sp[0], default=(0.0, None))
            if best is None or score < threshold:
                best = Profile(new_story_id(article.id))
                profiles.append(best)
                by_id[best.id] = best
        best.add(terms, date)
        membership[article.id] = best.id
        assigned[article.id] = best.id
    return assigned


def _in_order(articles: Iterable[Article]) -> Sequence[Article]:
    """Dated articles in date order, then undated ones: a story grows as it happened."""
    return sorted(
        articles,
        key=lambda a: (
            a.published is None,
            a.published.date if a.published else "",
            a.source,
            a.id,
        ),
    )
