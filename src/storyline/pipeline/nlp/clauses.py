"""Event clauses, read off the dependency parse of the annotate stage: every asserted verb
of the events lexicon with its subject and target phrases as written, kept per article.
The story stage (story/events.py) then keeps those whose subject is one of its actors, so
no sentence is ever parsed twice.

The lexicon maps verb lemmas to PLOVER types; a few need a particle or object to count
('call on' is REQUEST, 'hold talks' is CONSULT). It is kept as data so it can be read and
extended. Precision before recall: a negated verb, a verb inside a quotation, or a
conditional ('would', 'could', 'if') gives no clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.model import Argument, Article, Clause, Sentence

LEXICON: dict[str, str] = {
    # CONSULT: meetings, talks, calls, visits
    "meet": "CONSULT", "visit": "CONSULT", "negotiate": "CONSULT", "host": "CONSULT",
    "confer": "CONSULT", "telephone": "CONSULT",
    # REQUEST: urging, appeals, demands
    "urge": "REQUEST", "ask": "REQUEST", "appeal": "REQUEST", "demand": "REQUEST",
    "request": "REQUEST", "press": "REQUEST", "implore": "REQUEST",
    # AGREE
    "agree": "AGREE", "sign": "AGREE", "accept": "AGREE", "ratify": "AGREE",
    "approve": "AGREE",
    # REJECT
    "reject": "REJECT", "refuse": "REJECT", "dismiss": "REJECT", "boycott": "REJECT",
    "veto": "REJECT", "rebuff": "REJECT", "decline": "REJECT",
    # ACCUSE
    "accuse": "ACCUSE", "blame": "ACCUSE", "condemn": "ACCUSE", "denounce": "ACCUSE",
    "criticize": "ACCUSE", "criticise": "ACCUSE",
    # THREATEN
    "threaten": "THREATEN",
    # SUPPORT
    "welcome": "SUPPORT", "praise": "SUPPORT", "back": "SUPPORT", "support": "SUPPORT",
    "endorse": "SUPPORT", "hail": "SUPPORT",
    # AID
    "pledge": "AID", "donate": "AID", "deliver": "AID", "fund": "AID",
    # COERCE and SANCTION
    "arrest": "COERCE", "detain": "COERCE", "impose": "COERCE", "ban": "COERCE",
    "expel": "COERCE", "deport": "COERCE", "jail": "COERCE", "sanction": "SANCTION",
    # ASSAULT
    "attack": "ASSAULT", "shell": "ASSAULT", "bomb": "ASSAULT", "kill": "ASSAULT",
    "raid": "ASSAULT", "ambush": "ASSAULT", "storm": "ASSAULT",
    # MOBILIZE, PROTEST, RETREAT, CONCEDE, COOPERATE
    "deploy": "MOBILIZE", "mobilize": "MOBILIZE", "mobilise": "MOBILIZE",
    "protest": "PROTEST", "march": "PROTEST", "rally": "PROTEST", "demonstrate": "PROTEST",
    "withdraw": "RETREAT", "retreat": "RETREAT", "concede": "CONCEDE",
    "cooperate": "COOPERATE", "suspend": "SANCTION", "reopen": "CONCEDE", "lift": "CONCEDE",
    "promise": "AID",
}  # fmt: skip
# Verbs that count only with a particle or an object: lemma -> {particle/object: type}.
PHRASAL: dict[str, dict[str, str]] = {
    "call": {"on": "REQUEST", "for": "REQUEST"},
    "hold": {"talks": "CONSULT", "meeting": "CONSULT", "negotiations": "CONSULT"},
    "speak": {"with": "CONSULT", "telephone": "CONSULT"},
    "talk": {"with": "CONSULT"},
    "close": {"border": "COERCE", "crossing": "COERCE", "crossings": "COERCE"},
    "send": {"aid": "AID", "troops": "MOBILIZE", "doctors": "AID", "supplies": "AID"},
    "provide": {"aid": "AID", "supplies": "AID", "funding": "AID"},
    "fire": {"on": "ASSAULT", "at": "ASSAULT"},
    "pull": {"out": "RETREAT"},
    "release": {"prisoners": "CONCEDE", "detainees": "CONCEDE", "$": "AID", "million": "AID"},
    "launch": {"appeal": "REQUEST"},
    "order": {"troops": "MOBILIZE", "recount": "CONCEDE"},
    "free": {"prisoners": "RETREAT", "detainees": "RETREAT"},
    "walk": {"off": "PROTEST", "out": "PROTEST"},
    "resume": {"talks": "CONSULT", "negotiations": "CONSULT"},
}
_PRONOUN_SUBJECTS = {"he", "she", "He", "She"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_OBJECTS = {"dobj", "obj", "dative", "attr"}
_MODALS = {"would", "could", "might", "may", "should", "can"}


LemmaFn = Callable[[Token], str]


def pipeline_lemma(token: Token) -> str:
    """The lemma the pipeline set (its lemmatizer ran on the whole text)."""
    return token.lemma_.lower()


def tag_attributes(attribute_ruler: Any) -> dict[str, tuple[str, str]]:
    """Fine tag -> (coarse part of speech, morphology), from the attribute ruler's own tag
    map: what it would have set on a word whose tag alone decides."""
    found: dict[str, tuple[str, str]] = {}
    for rule in attribute_ruler.patterns:
        attrs = rule.get("attrs", {})
        for pattern in rule["patterns"]:
            if len(pattern) == 1 and set(pattern[0]) == {"TAG"} and "POS" in attrs:
                found[pattern[0]["TAG"]] = (attrs["POS"], attrs.get("MORPH", ""))
    return found


def lemmas_on_demand(lemmatizer: Any, tags: dict[str, tuple[str, str]]) -> LemmaFn:
    """Lemmas computed one word at a time, for a text parsed without the attribute ruler
    and the lemmatizer: only the verbs that may make an event, and their objects, need one.
    Each word first gets the part of speech and morphology the attribute ruler would give
    its tag, so the lemmatizer's rules see what they would have seen."""

    def lemma(token: Token) -> str:
        if not token.lemma_:
            pos, morph = tags.get(token.tag_, ("X", ""))
            token.pos_ = pos
            if morph and morph != "_":
                token.set_morph(morph)  # type: ignore[attr-defined]  # missing from spaCy's stub
            token.lemma_ = lemmatizer.rule_lemmatize(token)[0]
        return token.lemma_.lower()

    return lemma


def _is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" if token.pos_ else token.tag_.startswith("VB")


def event_type(verb: Token, lemma_of: LemmaFn = pipeline_lemma) -> str | None:
    lemma = lemma_of(verb)
    if lemma in LEXICON:
        return LEXICON[lemma]
    if lemma in PHRASAL:
        words = {child.lower_ for child in verb.children}
        words |= {lemma_of(child) for child in verb.children if child.dep_ in _OBJECTS}
        for particle, kind in PHRASAL[lemma].items():
            if particle in words:
                return kind
    return None


def article_clauses(
    doc: Doc, sentences: Sequence[Sentence], lemma_of: LemmaFn = pipeline_lemma
) -> tuple[Clause, ...]:
    """The event clauses of an annotated document (called with the annotate stage's own
    parse, so events cost no second pass)."""
    found: list[Clause] = []
    for index, sentence in enumerate(sentences):
        if not _has_trigger_word(sentence.text):
            continue
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is not None:
            found.extend(sentence_clauses(span, index, lemma_of))
    return tuple(found)


def parse_clauses(article: Article, nlp: Language) -> tuple[Clause, ...]:
    """Clauses of an article stored before clauses were kept: parse its candidate sentences."""
    indexes = [i for i, s in enumerate(article.sentences) if _has_trigger_word(s.text)]
    texts = (article.sentences[i].text for i in indexes)
    found: list[Clause] = []
    for index, doc in zip(indexes, nlp.pipe(texts, batch_size=64), strict=True):
        found.extend(sentence_clauses(doc[:], index))
    return tuple(found)


def sentence_clauses(span: Span, index: int, lemma_of: LemmaFn = pipeline_lemma) -> list[Clause]:
    """Every asserted verb of the lexicon in one sentence, with its arguments."""
    clauses = []
    for token in span:
        if not _is_verb(token):
            continue
        kind = event_type(token, lemma_of)
        if kind is None or not _asserted(token, span.text[: token.idx - span.start_char]):
            continue
        subject, target = _argument(token, _SUBJECTS), _target(token)
        if _is_passive(token):  # 'Assad is backed by Iran': Iran acts on Assad
            subject, target = _agent(token), subject
        pronoun = subject is not None and bool(subject) and subject[0] in _PRONOUN_SUBJECTS
        reporter = _argument(token.head, _SUBJECTS) if pronoun and token.head is not token else None
        clauses.append(
            Clause(
                sentence=index,
                kind=kind,
                lemma=lemma_of(token),
                subject=subject,
                target=target,
                pronoun=pronoun,
                reporter=reporter,
                location=_location(span),
            )
        )
    return clauses


_TRIGGER_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted({*LEXICON, *PHRASAL}, key=len, reverse=True)) + r")\w*",
    re.IGNORECASE,
)


def _has_trigger_word(text: str) -> bool:
    return bool(_TRIGGER_WORDS.search(text))


def _asserted(verb: Token, before: str) -> bool:
    """Not negated, not hedged, not inside a quotation (`before`: the sentence up to it)."""
    if any(child.dep_ == "neg" for child in verb.children):
        return False
    if any(child.lower_ in _MODALS for child in verb.children if child.dep_ == "aux"):
        return False
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in verb.children):
        return False
    return before.count("“") <= before.count("”") and before.count('"') % 2 == 0


def _phrase(token: Token) -> Argument:
    heads = {token.text} | {child.text for child in token.children if child.dep_ == "appos"}
    return " ".join(t.text for t in token.subtree), tuple(sorted(heads))


def _argument(verb: Token, deps: set[str]) -> Argument | None:
    for child in verb.children:
        if child.dep_ in deps:
            return _phrase(child)
    # 'X and Y signed': the subject of the first conjunct governs the second
    if verb.dep_ == "conj" and _is_verb(verb.head):
        return _argument(verb.head, deps)
    return None


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ in {"nsubjpass", "auxpass"} for child in verb.children)


def _agent(verb: Token) -> Argument | None:
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    return None


def _target(verb: Token) -> Argument | None:
    direct = _argument(verb, _OBJECTS)
    if direct:
        return direct
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"with", "on", "against", "to", "at", "for"}:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    return None


def _location(span: Span) -> str | None:
    doc = span.doc
    for ent in span.ents:
        if ent.label_ == "GPE" and ent.start > 0 and doc[ent.start - 1].lower_ in {"in", "at"}:
            return ent.text
    return None
