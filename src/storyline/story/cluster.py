"""Story clustering: which articles tell the same story.

Incremental single-pass clustering. Each story keeps a profile: the summed weights of the
names and content words of its articles (the most weighty `PROFILE_TERMS` kept) and its date
range. A new article joins the story whose profile is most similar to it (cosine), if the
similarity passes `threshold` and its date is within `max_gap_days` of the story's; otherwise
it opens a new story. A syndicated copy joins its original's story. Nothing already assigned
is recomputed.

Names decide: the people, places and groups of a story are what keeps it apart from another
story on a similar theme (two sets of peace talks share their words, not their
negotiators). So an article that names anyone is compared only with the stories that share
one of its names (found through an index from names to stories, which also keeps the cost
per article independent of the number of stories), and joins one only if their names alone
are similar enough (`Options.name_similarity`) as well as their names and words together.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from storyline.dates import day_of, days_apart, span
from storyline.model import Article

# Names this close (cosine) are the same cast: the same story, however long since it was
# last in the news (a peace process that resumes after a year).
STRONG_NAMES = 0.5
Terms = dict[str, float]  # term ('n:' a name, 'w:' a word stem) -> weight
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

    def add(self, terms: Terms, date: str | None) -> None:
        day = day_of(date)  # a month or a year would stretch the story's dates too far
        iso = day.isoformat() if day is not None else None
        self._take(terms, 1, iso, iso)

    def without(self, terms: Terms) -> Profile:
        """This profile less one article's terms (its dates kept): what the story would be
        without it."""
        kept = {t: w - terms.get(t, 0.0) for t, w in self.terms.items()}
        kept = {t: w for t, w in kept.items() if w > 1e-9}
        return Profile(self.id, kept, self.size - 1, self.first, self.last)

    def absorb(self, other: Profile) -> None:
        """Take in another story's profile (its articles join this story)."""
        self._take(other.terms, other.size, other.first, other.last)

    def _take(self, terms: Terms, size: int, first: str | None, last: str | None) -> None:
        for term, weight in terms.items():
            self.terms[term] = self.terms.get(term, 0.0) + weight
        if len(self.terms) > PROFILE_TERMS:
            kept = sorted(self.terms.items(), key=lambda kv: -kv[1])[:PROFILE_TERMS]
            self.terms = dict(kept)
        self.size += size
        for day in (first, last):
            if day is not None:
                self.first = min(self.first or day, day)
                self.last = max(self.last or day, day)

    def to_json(self) -> dict:
        return {"terms": self.terms, "size": self.size, "first": self.first, "last": self.last}

    @classmethod
    def from_json(cls, story_id: str, data: dict) -> Profile:
        return cls(story_id, dict(data.get("terms", {})), int(data.get("size", 0)),
                   data.get("first"), data.get("last"))  # fmt: skip


@dataclass(frozen=True)
class Newcomer:
    """What clustering needs of a new article (not its text or annotations), so that a
    large build holds thousands of these rather than thousands of parsed articles."""

    id: str
    source: str
    date: str | None
    duplicate_of: str | None
    terms: Terms

    @classmethod
    def of(cls, article: Article) -> Newcomer:
        date = article.published.date if article.published else None
        return cls(article.id, article.source, date, article.duplicate_of, article_terms(article))


def article_terms(article: Article) -> Terms:
    """Weighted terms of an article: its names (from entities) and its content words."""
    terms: Terms = {}
    for mention in article.entities:
        if mention.label in NAME_LABELS:
            key = "n:" + " ".join(mention.text.lower().split())
            terms[key] = terms.get(key, 0.0) + NAME_WEIGHT
    for word in _WORD.findall(article.text):
        low = word.lower()
        if low not in _STOP:
            key = f"w:{low[:6]}"
            terms[key] = terms.get(key, 0.0) + 1.0
    return terms


def cosine(a: Terms, b: Terms) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) < len(b) else (b, a)
    dot = sum(weight * large.get(term, 0.0) for term, weight in small.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def new_story_id(first_article: str) -> str:
    return "s" + hashlib.sha256(first_article.encode()).hexdigest()[:12]


def _days_apart(date: str | None, profile: Profile) -> int:
    """Days between an article's date (a day, or the month or year it names) and the
    story's dates; 0 when either is unknown."""
    covered, first, last = span(date), span(profile.first), span(profile.last or profile.first)
    if covered is None or first is None or last is None:
        return 0
    return days_apart(covered, (first[0], last[1]))


def names_of(terms: Terms) -> Terms:
    return {term: weight for term, weight in terms.items() if term.startswith("n:")}


class NameIndex:
    """Name term -> the stories whose profile has it, plus the stories that name no one:
    the only stories a named article can be similar enough to. Keeps each profile's names,
    for `similarity`."""

    def __init__(self, profiles: Iterable[Profile]) -> None:
        self.by_name: dict[str, set[str]] = {}
        self.nameless: set[str] = set()
        self.names: dict[str, dict[str, float]] = {}  # story id -> its profile's names
        for profile in profiles:
            self.add(profile)

    def add(self, profile: Profile) -> None:
        """Index a profile's names (after it grew); names it has since dropped stay indexed,
        which only costs a comparison."""
        names = self.names[profile.id] = names_of(profile.terms)
        if names:
            self.nameless.discard(profile.id)
        else:
            self.nameless.add(profile.id)
        for name in names:
            self.by_name.setdefault(name, set()).add(profile.id)

    def candidates(self, names: dict[str, float]) -> set[str]:
        found = set(self.nameless)
        for name in names:
            found |= self.by_name.get(name, set())
        return found


def similarity(
    terms: Terms,
    names: dict[str, float],
    profile: Profile,
    profile_names: dict[str, float],
    name_similarity: float = 0.3,
) -> float:
    """Cosine of names and words together; 0 when both name people, places or groups and
    those names alone are less similar than `name_similarity`."""
    if names and profile_names and cosine(names, profile_names) < name_similarity:
        return 0.0
    return cosine(terms, profile.terms)


def assign(
    articles: Iterable[Article | Newcomer],
    profiles: list[Profile],
    membership: dict[str, str],
    threshold: float = 0.25,
    max_gap_days: int = 120,
    name_similarity: float = 0.3,
) -> dict[str, str]:
    """Story id for each new article (profiles and membership are updated in place). The
    stories this call opens are then merged into an earlier story they turn out to tell
    (`merge_opened`)."""
    by_id = {p.id: p for p in profiles}
    order = {p.id: i for i, p in enumerate(profiles)}
    existing = len(profiles)
    index = NameIndex(profiles)
    assigned: dict[str, str] = {}
    newcomers = [a if isinstance(a, Newcomer) else Newcomer.of(a) for a in articles]
    for article in _in_order(newcomers):
        date, terms = article.date, article.terms
        names = names_of(terms)
        original = article.duplicate_of and membership.get(article.duplicate_of)
        if original and original in by_id:
            best = by_id[original]
        else:
            pool = [by_id[i] for i in index.candidates(names)] if names else profiles
            scored = [
                (similarity(terms, names, p, index.names[p.id], name_similarity), p)
                for p in pool
                if _days_apart(date, p) <= max_gap_days
                or cosine(names, index.names[p.id]) >= STRONG_NAMES
            ]
            # the most similar; among equals, the story opened first
            score, found = max(
                scored, key=lambda sp: (sp[0], -order[sp[1].id]), default=(0.0, None)
            )
            if found is not None and score >= threshold:
                best = found
            else:
                best = Profile(new_story_id(article.id))
                order[best.id] = len(profiles)
                profiles.append(best)
                by_id[best.id] = best
        best.add(terms, date)
        index.add(best)
        membership[article.id] = best.id
        assigned[article.id] = best.id
    merged = merge_opened(profiles, existing, index, threshold, max_gap_days, name_similarity)
    for article_id, story_id in assigned.items():
        assigned[article_id] = membership[article_id] = merged.get(story_id, story_id)
    moved = reconsider(newcomers, assigned, profiles, index, threshold, max_gap_days,
                       name_similarity)  # fmt: skip
    for article_id, story_id in moved.items():
        assigned[article_id] = membership[article_id] = story_id
    return assigned


def reconsider(
    newcomers: Sequence[Newcomer],
    assigned: dict[str, str],
    profiles: list[Profile],
    index: NameIndex,
    threshold: float,
    max_gap_days: int,
    name_similarity: float,
) -> dict[str, str]:
    """Articles of this build placed in a story they no longer fit, once the stories have
    grown, moved to the one they fit best: the first dated article of a story may have
    opened a story that a neighbouring story's articles then joined ('Trump' and 'Pompeo'
    of the Afghan talks). An article moves only when, without it, its story is no longer
    similar enough to it; it goes to the most similar story that is, one close in time
    before one after a long gap (it fits none closer, and its names are that story's); when
    none is, it stays. Its copies go with it. Returns article id -> the story it
    moved to."""
    by_id = {p.id: p for p in profiles}
    moves: list[tuple[Newcomer, Profile, Profile]] = []
    moved: dict[str, str] = {}
    for article in newcomers:
        if article.duplicate_of and article.duplicate_of in assigned:
            continue  # a copy goes with its original
        own = by_id.get(assigned[article.id])
        if own is None or own.size < 2:
            continue
        names = names_of(article.terms)
        rest = own.without(article.terms)
        if (
            similarity(article.terms, names, rest, names_of(rest.terms), name_similarity)
            >= threshold
        ):
            continue
        pool = [by_id[i] for i in index.candidates(names) if i in by_id and i != own.id]
        scored = [
            (_days_apart(article.date, p) <= max_gap_days, score, p)
            for p in pool
            if (score := similarity(article.terms, names, p, index.names[p.id], name_similarity))
            >= threshold
        ]
        if not scored:
            continue  # it fits no other story either: the story it joined keeps it
        moves.append((article, own, max(scored, key=lambda wsp: wsp[:2])[2]))
    for article, own, better in moves:  # decided on the stories as they were: in any order
        rest = own.without(article.terms)
        own.terms, own.size = rest.terms, rest.size
        better.add(article.terms, article.date)
        index.add(better)
        moved[article.id] = better.id
    for article in newcomers:
        original = article.duplicate_of
        if original in moved and assigned.get(article.id) == assigned.get(original):
            moved[article.id] = moved[original]
    return moved


def merge_opened(
    profiles: list[Profile],
    existing: int,
    index: NameIndex,
    threshold: float,
    max_gap_days: int,
    name_similarity: float,
) -> dict[str, str]:
    """Merge each story opened in this build (profiles[existing:]) into the earliest story
    it is as similar to as an article must be to join one: articles are placed one by one,
    and an article that came before its story's best-known ones may have opened a story of
    its own ('Greek finance minister resigns' before the referendum articles). Stories
    already stored are never merged with each other. Only the stories sharing one of its
    names (`index`) are compared with it, as with an article. Returns merged id ->
    surviving id; `profiles` loses the merged ones."""
    into: dict[str, str] = {}
    kept: list[Profile] = list(profiles[:existing])
    for profile in profiles[existing:]:
        names = names_of(profile.terms)
        sharing = index.candidates(names) if names else None
        target = next(
            (
                other
                for other in kept
                if (sharing is None or other.id in sharing)
                and _close_in_time(profile, other, max_gap_days, names)
                and similarity(profile.terms, names, other, names_of(other.terms), name_similarity)
                >= threshold
            ),
            None,
        )
        if target is None:
            kept.append(profile)
            continue
        target.absorb(profile)
        index.add(target)
        into[profile.id] = target.id
    profiles[:] = kept
    return into


def _close_in_time(a: Profile, b: Profile, max_gap_days: int, names: Terms) -> bool:
    """Story `a` may join story `b`: their dates are close, or unknown, or their names are
    those of one cast."""
    if a.first is None:
        return True
    if _days_apart(a.first, b) <= max_gap_days or _days_apart(a.last, b) <= max_gap_days:
        return True
    return cosine(names, names_of(b.terms)) >= STRONG_NAMES


def _in_order(articles: Iterable[Newcomer]) -> Sequence[Newcomer]:
    """Dated articles in date order, then undated ones: a story grows as it happened."""
    return sorted(articles, key=lambda a: (a.date is None, a.date or "", a.source, a.id))
