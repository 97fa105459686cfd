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
from typing import Any

from spacy.language import Language

from storyline.model import Argument, Article, Clause
from storyline.pipeline.nlp.clauses import parse_clauses
from storyline.story.evidence import evidence

# A subject whose head is one of these, qualified by a country or its adjective ('Marenia's
# government', 'the Marenian army'), is that country acting.
STATE_WORDS = {"government", "army", "military", "forces", "police", "authorities", "troops",
               "ministry", "cabinet", "administration", "navy", "regime"}  # fmt: skip
NEEDS_PARTNER = {"meet", "visit", "host", "telephone", "negotiate", "confer"}


def find_events(
    articles: Sequence[Article], actor_index: dict[str, dict], nlp: Language
) -> list[dict[str, Any]]:
    """Events of a story's original articles, in the dossier schema's shape: the clauses
    kept at annotation whose subject is one of the story's actors. (`nlp` parses only
    articles stored before clauses were kept.)"""
    events = []
    for article in articles:
        if article.duplicate_of:
            continue
        clauses = article.clauses if article.clauses is not None else parse_clauses(article, nlp)
        for clause in clauses:
            sentence = article.sentences[clause.sentence]
            if sentence.text == article.title:
                continue  # a headline repeats what the body states
            if not any(alias in sentence.text for alias in actor_index if len(alias) > 2):
                continue
            event = _resolved(clause, article, actor_index)
            if event is not None:
                events.append(event)
    return events


def _resolved(clause: Clause, article: Article, actor_index: dict[str, dict]) -> dict | None:
    """The clause as an event, when its subject is one of the story's actors."""
    sentence = article.sentences[clause.sentence]
    actor = _actor_of(clause.subject, actor_index) or _state_of(clause.subject, actor_index)
    if actor is None and clause.pronoun:
        # 'Halas said he accepted': the subject of the verb that reports it, else the last
        # person named before.
        actor = _actor_of(clause.reporter, actor_index)
        actor = actor or _last_person_before(article, sentence.start, actor_index)
    if actor is None:
        return None
    target = _actor_of(clause.target, actor_index)
    if clause.kind == "CONSULT" and target is None and clause.lemma in NEEDS_PARTNER:
        return None  # 'visited the camp' is not a meeting between parties
    if target is not None and target["id"] == actor["id"]:
        target = None
    return {
        "date": article.published.date if article.published else None,
        "actor": actor["id"],
        "actor_name": actor["name"],
        "action": clause.kind,
        "target": target["id"] if target else None,
        "target_name": target["name"] if target else None,
        "location": clause.location,
        "evidence": evidence(article, sentence),
    }


def _actor_of(argument: Argument | None, actor_index: dict[str, dict]) -> dict | None:
    """The story actor an argument names: the longest alias it contains, provided the
    argument's head word is part of that name ('Syria's war' is the war, not Syria; 'the
    opposition in Istanbul' is the opposition)."""
    if not argument:
        return None
    phrase, heads = argument
    found = [
        alias for alias in actor_index
        if len(alias) > 2 and set(heads) & set(alias.split())
        and re.search(rf"\b{re.escape(alias)}\b", phrase)
    ]  # fmt: skip
    return actor_index[max(found, key=len)] if found else None


def _state_of(argument: Argument | None, actor_index: dict[str, dict]) -> dict | None:
    """'Marenia's government', 'the Marenian army': the country acting."""
    if not argument or not set(argument[1]) & STATE_WORDS:
        return None
    for alias, actor in actor_index.items():
        if actor.get("type") != "GPE" or len(alias) < 4:
            continue
        stem = alias[: max(4, len(alias) - 1)]
        if re.search(rf"\b{re.escape(stem)}\w*", argument[0]):
            return actor
    return None


def _last_person_before(article: Article, offset: int, actor_index: dict[str, dict]) -> dict | None:
    """A pronoun subject's antecedent: the last person of the story named before it."""
    best, best_at = None, -1
    for alias, actor in actor_index.items():
        if actor.get("type") != "PERSON" or len(alias) < 3:
            continue
        at = article.text.rfind(alias, max(0, offset - 600), offset)
        if at > best_at:
            best, best_at = actor, at
    return best
