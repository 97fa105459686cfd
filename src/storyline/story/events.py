"""Events: who did what to whom, typed with PLOVER.

The annotate stage keeps each article's event clauses (pipeline/nlp/clauses.py: a verb of
the lexicon, asserted, with its subject and target phrases). Here, in the story stage, a
clause becomes an event when its sentence names one of the story's actors and its subject
is one of them (or a pronoun for one); its target is kept when it is an actor too.
Precision before recall: no actor as subject gives no event rather than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.model import Actor, Argument, Article, Clause, Event
from storyline.story.actors import alias_index
from storyline.story.base import StoryContext
from storyline.story.evidence import evidence
from storyline.story.figures import stated_date

# A subject whose head is one of these, qualified by a country or its adjective ('Marenia's
# government', 'the Marenian army'), is that country acting.
STATE_WORDS = {"government", "army", "military", "forces", "police", "authorities", "troops",
               "ministry", "cabinet", "administration", "navy", "regime"}  # fmt: skip
NEEDS_PARTNER = {"meet", "visit", "host", "telephone", "negotiate", "confer"}


def find_story_events(context: StoryContext) -> dict[str, tuple[Event, ...]]:
    """Story step: the events of the story's original articles."""
    return {"events": tuple(find_events(context.articles, alias_index(context.actors)))}


def find_events(articles: Sequence[Article], actor_index: dict[str, Actor]) -> list[Event]:
    """The clauses kept at annotation whose subject is one of the story's actors, as
    events (copies left out)."""
    events = []
    by_word = _aliases_by_word(actor_index)
    names_any = _any_alias(actor_index)
    for article in articles:
        if article.duplicate_of:
            continue
        for clause in article.clauses or ():
            sentence = article.sentences[clause.sentence]
            if sentence.text == article.title:
                continue  # a headline repeats what the body states
            if names_any is None or not names_any.search(sentence.text):
                continue
            event = _resolved(clause, article, actor_index, by_word)
            if event is not None:
                events.append(event)
    return events


def _resolved(
    clause: Clause, article: Article, actor_index: dict[str, Actor], by_word: AliasesByWord
) -> Event | None:
    """The clause as an event, when its subject is one of the story's actors."""
    sentence = article.sentences[clause.sentence]
    actor = _actor_of(clause.subject, actor_index, by_word) or _state_of(
        clause.subject, actor_index
    )
    if actor is None and clause.pronoun:
        # 'Halas said he accepted': the subject of the verb that reports it, else the last
        # person named before.
        actor = _actor_of(clause.reporter, actor_index, by_word)
        actor = actor or _last_person_before(article, sentence.start, actor_index)
    if actor is None:
        return None
    target = _actor_of(clause.target, actor_index, by_word)
    if clause.kind == "CONSULT" and target is None and clause.lemma in NEEDS_PARTNER:
        return None  # 'visited the camp' is not a meeting between parties
    if target is not None and target.id == actor.id:
        target = None
    return Event(
        date=stated_date(article, clause.sentence)
        or (article.published.date if article.published else None),
        actor=actor.id,
        actor_name=actor.name,
        action=clause.kind,
        target=target.id if target else None,
        target_name=target.name if target else None,
        location=clause.location,
        evidence=evidence(article, sentence),
    )


def _any_alias(actor_index: dict[str, Actor]) -> re.Pattern | None:
    """A pattern that finds any alias longer than two characters anywhere in a text (one
    scan per sentence rather than one per alias), or None when there are none."""
    aliases = sorted((a for a in actor_index if len(a) > 2), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, aliases))) if aliases else None


# Word -> (position in the actor index, alias) for the aliases longer than two characters
# that contain it: an argument is matched against the aliases that share one of its head
# words, not against every alias of the story (a large story has thousands).
AliasesByWord = dict[str, list[tuple[int, str]]]


def _aliases_by_word(actor_index: dict[str, Actor]) -> AliasesByWord:
    by_word: AliasesByWord = {}
    for position, alias in enumerate(actor_index):
        if len(alias) > 2:
            for word in set(alias.split()):
                by_word.setdefault(word, []).append((position, alias))
    return by_word


def _actor_of(
    argument: Argument | None, actor_index: dict[str, Actor], by_word: AliasesByWord
) -> Actor | None:
    """The story actor an argument names: the longest alias it contains, provided the
    argument's head word is part of that name ('Syria's war' is the war, not Syria; 'the
    opposition in Istanbul' is the opposition). Among equally long aliases, the first in
    the index."""
    if not argument:
        return None
    phrase, heads = argument
    candidates = sorted({entry for head in set(heads) for entry in by_word.get(head, ())})
    found = [alias for _, alias in candidates if re.search(rf"\b{re.escape(alias)}\b", phrase)]
    return actor_index[max(found, key=len)] if found else None


def _state_of(argument: Argument | None, actor_index: dict[str, Actor]) -> Actor | None:
    """'Marenia's government', 'the Marenian army': the country acting."""
    if not argument or not set(argument[1]) & STATE_WORDS:
        return None
    for alias, actor in actor_index.items():
        if actor.type != "GPE" or len(alias) < 4:
            continue
        stem = alias[: max(4, len(alias) - 1)]
        if re.search(rf"\b{re.escape(stem)}\w*", argument[0]):
            return actor
    return None


def _last_person_before(
    article: Article, offset: int, actor_index: dict[str, Actor]
) -> Actor | None:
    """A pronoun subject's antecedent: the last person of the story named before it."""
    best, best_at = None, -1
    for alias, actor in actor_index.items():
        if actor.type != "PERSON" or len(alias) < 3:
            continue
        at = article.text.rfind(alias, max(0, offset - 600), offset)
        if at > best_at:
            best, best_at = actor, at
    return best
