"""Story step: who said what. The quotes found in each original article (with their frames
as written) get their speakers, settled against the story's actors: a pronoun's antecedent
may be a person the tagger mislabelled in that article, and a speaker as written is the
actor one of whose aliases it is."""

from __future__ import annotations

import re

from storyline.model import Quote
from storyline.pipeline.nlp.quotes import resolve_speakers
from storyline.story.actors import alias_index, name_key
from storyline.story.base import StoryContext
from storyline.story.evidence import evidence


def attribute_quotes(context: StoryContext) -> dict[str, tuple[Quote, ...]]:
    index = alias_index(context.actors)
    person_names = frozenset(x for a in context.actors if a.type == "PERSON" for x in a.aliases)
    quotes = []
    for article in context.originals:
        if not article.sentences:
            continue
        speakers = resolve_speakers(article.quotes, person_names)
        for quote, speaker in zip(article.quotes, speakers, strict=True):
            actor = index.get(speaker or "") or index.get(name_key(speaker or ""))
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


TERM_WORDS = 3  # a quotation this short is a term the text holds at arm's length
_WORDS = re.compile(r"[\w’'-]+")


def quote_kind(text: str) -> str:
    """'term' for a scare quote of one to three words ('milestone', 'a stable peace'),
    which says how someone names a thing rather than what they said; else 'quote'."""
    return "term" if len(_WORDS.findall(text)) <= TERM_WORDS else "quote"
