"""Story step: who said what. The quotes found in each original article (with their frames
as written) get their speakers, settled against the story's actors: a pronoun's antecedent
may be a person the tagger mislabelled in that article, and a speaker as written is the
actor one of whose aliases it is."""

from __future__ import annotations

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
                    speaker_name=actor.name if actor else speaker,
                    text=quote.text,
                    evidence=evidence(article, article.sentences[quote.sentence]),
                    kind=quote_kind(quote.text),
                )
            )
    return {"quotes": tuple(quotes)}


def _in_article(actors: list[Actor], article_id: str) -> Actor | None:
    """Of the actors an alias may stand for ('Kim': Kim Jong Un, Sung Kim), the one this
    article names, if only one."""
    named = [a for a in actors if article_id in a.articles]
    return named[0] if len(named) == 1 else None


def quote_kind(text: str) -> str:
    """'term' for a scare quote of one to three words ('milestone', 'a stable peace'),
    which says how someone names a thing rather than what they said; else 'quote'."""
    return "term" if is_term(text) else "quote"
