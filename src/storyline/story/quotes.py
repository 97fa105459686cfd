"""Story step: who said what. The quotes found in each original article (with their frames
as written) get their speakers, settled against the story's actors: a pronoun's antecedent
may be a person the tagger mislabelled in that article, and a speaker as written is the
actor one of whose aliases it is."""

from __future__ import annotations

import re

from storyline.model import Actor, Quote
from storyline.pipeline.nlp.quotes import is_term, resolve_speakers
from storyline.story.actors import alias_index, name_key
from storyline.story.base import StoryContext
from storyline.story.evidence import evidence


def attribute_quotes(context: StoryContext) -> dict[str, tuple[Quote, ...]]:
    index = alias_index(context.actors)
    bearers: dict[str, list[Actor]] = {}  # an alias several actors share -> those actors
    for bearer in context.actors:
        for key in {name_key(alias) for alias in bearer.aliases}:
            bearers.setdefault(key, []).append(bearer)
    person_names = frozenset(x for a in context.actors if a.type == "PERSON" for x in a.aliases)
    # Names the story knows as no one (a place, a body, 'Brexit'), though tagged PERSON here.
    not_people = frozenset(
        x for a in context.actors if a.type != "PERSON" for x in a.aliases
    ).difference(person_names)
    quotes = []
    names: dict[tuple[str, str], str] = {}  # (actor id, article id) -> the name used there
    for article in context.originals:
        if not article.sentences:
            continue
        speakers = resolve_speakers(article.quotes, person_names, not_people)
        for quote, speaker in zip(article.quotes, speakers, strict=True):
            actor = (
                index.get(speaker or "")
                or index.get(name_key(speaker or ""))
                or _in_article(bearers.get(name_key(speaker or ""), []), article.id)
            )
            quotes.append(
                Quote(
                    speaker=actor.id if actor else None,
                    speaker_name=_as_named_in(actor, article.id, article.text, names)
                    if actor
                    else speaker,
                    text=quote.text,
                    evidence=evidence(article, article.sentences[quote.sentence]),
                    kind=quote_kind(quote.text),
                )
            )
    return {"quotes": tuple(quotes)}


def _as_named_in(
    actor: Actor, article_id: str, text: str, names: dict[tuple[str, str], str]
) -> str:
    """The speaker's name as the quote's own article gives it: the fullest of the actor's
    aliases that the article writes (the most used among equals), so that a person the
    story knows by several names ('Rodrigo Londono', 'Timoleon Jimenez') is shown as the
    reader of that article met them; the actor's name when the article writes none."""
    cache = (actor.id, article_id)
    if cache not in names:
        used = [
            (len(alias.split()), len(re.findall(rf"(?<!\w){re.escape(alias)}(?!\w)", text)), alias)
            for alias in actor.aliases
            if not any(mark in alias for mark in '"“”')
        ]
        found = [u for u in used if u[1]]
        names[cache] = max(found)[2] if found else actor.name
    return names[cache]


def _in_article(actors: list[Actor], article_id: str) -> Actor | None:
    """Of the actors an alias may stand for ('Kim': Kim Jong Un, Sung Kim), the one this
    article names, if only one."""
    named = [a for a in actors if article_id in a.articles]
    return named[0] if len(named) == 1 else None


def quote_kind(text: str) -> str:
    """'term' for a scare quote of one to three words ('milestone', 'a stable peace'),
    which says how someone names a thing rather than what they said; else 'quote'."""
    return "term" if is_term(text) else "quote"
