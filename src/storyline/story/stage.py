"""The story stage of a build: place new articles in stories, recompute the stories they
joined, save them.

Clustering (story/cluster.py) assigns each new article to a story or opens one; then each
touched story is recomputed from its members by the story steps (story/steps.py), and every
touched story is saved with its profile and its articles' date patches in one transaction.
Stories no new article joined are left as they are. The stage reads articles in bulk (one
query per table per chunk of members, store/corpus.py), parses nothing and loads no model.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from storyline.model import Article, DatePatch, StepStats, Story
from storyline.options import Options
from storyline.store import Store
from storyline.store.address import key_chunks
from storyline.story.base import (
    StoryContext,
    StoryStep,
    StoryStepFailed,
    run_story_steps,
    story_of,
)
from storyline.story.cluster import Newcomer, Profile, article_terms, assign
from storyline.story.steps import STORY_STEPS

# Members read together: small stories are read several at a time, a large one alone (its
# members in chunks of the corpus reader's size).
READ_TOGETHER = 1_000


@dataclass
class StageResult:
    stories: int = 0  # stories saved (new or changed)
    stats: dict[str, StepStats] = field(default_factory=dict)  # per story step
    queries: int = 0  # statements the stage's reads issued
    seconds: float = 0.0
    failed: list[StoryStepFailed] = field(default_factory=list)  # stories not saved


def update_stories(
    store: Store,
    options: Options | None = None,
    new_ids: Sequence[str] | None = None,
    steps: Sequence[StoryStep] | None = None,
) -> StageResult:
    """The story stage for `new_ids` (default: every article not yet in a story), with
    `steps` (default: STORY_STEPS)."""
    options = options or Options()
    steps = STORY_STEPS if steps is None else steps
    started = time.perf_counter()
    corpus = store.corpus
    queries_before = corpus.queries
    profiles = [
        Profile.from_json(sid, json.loads(p)) if p else Profile(sid)
        for sid, p in corpus.story_profiles()
    ]
    _fill_missing_profiles(store, profiles)
    if new_ids is None:  # everything not yet in a story
        new_ids = corpus.unassigned_ids()
    newcomers = [
        Newcomer.of(article)
        for chunk in key_chunks(sorted(set(new_ids)), READ_TOGETHER)
        for article in corpus.named(chunk)
    ]
    # Only the originals of syndicated copies need their story looked up.
    membership = corpus.stories_of(n.duplicate_of for n in newcomers if n.duplicate_of)
    assigned = assign(
        newcomers,
        profiles,
        membership,
        options.story_threshold,
        options.story_gap_days,
        options.name_similarity,
    )
    touched = sorted(set(assigned.values()))
    by_profile = {p.id: p for p in profiles}
    members = corpus.members_of(touched)
    for article_id, story_id in sorted(assigned.items()):
        members.setdefault(story_id, []).append(article_id)
    result = StageResult()
    saved: list[tuple[Story, str]] = []
    patches: list[DatePatch] = []
    for story_id, articles in _read_stories(store, touched, members):
        try:
            context = run_story_steps(
                StoryContext(story_id, tuple(articles), options), steps, result.stats
            )
        except StoryStepFailed as failure:
            # Its new articles stay out of any story, for the next build to place again.
            result.failed.append(failure)
            continue
        profile = json.dumps(by_profile[story_id].to_json(), sort_keys=True)
        saved.append((story_of(context), profile))
        patches.extend(context.date_patches)
    if saved:
        store.writes.save_stories(saved, patches)
    result.stories = len(saved)
    result.queries = corpus.queries - queries_before
    result.seconds = time.perf_counter() - started
    return result


def _read_stories(
    store: Store, story_ids: Sequence[str], members: dict[str, list[str]]
) -> Iterator[tuple[str, list[Article]]]:
    """Each story with its members read from the store (as they will be stored, so that a
    second build computes exactly what the first stored), several small stories per read."""
    group: list[str] = []
    size = 0
    for story_id in story_ids:
        group.append(story_id)
        size += len(members[story_id])
        if size >= READ_TOGETHER:
            yield from _read_group(store, group, members)
            group, size = [], 0
    if group:
        yield from _read_group(store, group, members)


def _read_group(
    store: Store, group: list[str], members: dict[str, list[str]]
) -> Iterator[tuple[str, list[Article]]]:
    articles = {a.id: a for a in store.corpus.members(i for s in group for i in members[s])}
    for story_id in group:
        ids = sorted(set(members[story_id]))
        yield story_id, sorted((articles[i] for i in ids), key=lambda a: (a.source, a.id))


def _fill_missing_profiles(store: Store, profiles: list[Profile]) -> None:
    """Stories stored before profiles existed get theirs from their articles."""
    empty = [profile for profile in profiles if profile.size == 0]
    if not empty:
        return
    members = store.corpus.members_of(profile.id for profile in empty)
    for profile in empty:
        for article in store.corpus.named(members.get(profile.id, [])):
            date = article.published.date if article.published else None
            profile.add(article_terms(article), date)
