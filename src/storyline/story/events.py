"""Events: who did what to whom, typed with PLOVER, from the dependency parse.

A sentence is a candidate when it names at least one of the story's actors and contains a
verb of the lexicon below. spaCy parses the candidates only (cheap next to the whole
pipeline); an event is the trigger verb, its grammatical subject, which must be one of the
story's actors, and its object or prepositional object as the target when that is an
actor too. Precision before recall: no actor as subject, a negated verb, a verb inside a
quotation, or a conditional ('would', 'could') gives no event rather than a wrong one.

The lexicon maps verb lemmas to PLOVER types; a few need a particle or object to count
('call on' is REQUEST, 'hold talks' is CONSULT). It is kept as data so it can be read and
extended.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Token

from storyline.model import Article
from storyline.story.evidence import evidence

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
# A subject whose head is one of these, qualified by a country or its adjective ('Marenia's
# government', 'the Marenian army'), is that country acting.
STATE_WORDS = {"government", "army", "military", "forces", "police", "authorities", "troops",
               "ministry", "cabinet", "administration", "navy", "regime"}  # fmt: skip
_PRONOUN_SUBJECTS = {"he", "she", "He", "She"}
NEEDS_PARTNER = {"meet", "visit", "host", "telephone", "negotiate", "confer"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_OBJECTS = {"dobj", "obj", "dative", "attr"}
_MODALS = {"would", "could", "might", "may", "should", "can"}
_QUOTE_MARKS = '“”"'


def event_type(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    if lemma in LEXICON:
        return LEXICON[lemma]
    if lemma in PHRASAL:
        words = {child.lower_ for child in verb.children}
        words |= {child.lemma_.lower() for child in verb.children if child.dep_ in _OBJECTS}
        for particle, kind in PHRASAL[lemma].items():
            if particle in words:
                return kind
    return None


def find_events(
    articles: Sequence[Article], actor_index: dict[str, dict], nlp: Language
) -> list[dict[str, Any]]:
    """Events of a story's original articles, in the dossier schema's shape."""
    candidates = []
    for article in articles:
        if article.duplicate_of:
            continue
        for index, sentence in enumerate(article.sentences):
            if not _has_trigger_word(sentence.text):
                continue
            if not any(alias in sentence.text for alias in actor_index if len(alias) > 2):
                continue
            candidates.append((article, index))
    if not candidates:
        return []
    texts = (article.sentences[index].text for article, index in candidates)
    events = []
    for (article, index), doc in zip(candidates, nlp.pipe(texts, batch_size=64), strict=True):
        sentence = article.sentences[index]
        if sentence.text == article.title:
            continue  # a headline repeats what the body states
        for token in doc:
            if token.pos_ != "VERB":
                continue
            kind = event_type(token)
            if kind is None or not _asserted(token, doc.text):
                continue
            subject, target_phrase = _argument(token, _SUBJECTS), _target(token)
            if _is_passive(token):  # 'Assad is backed by Iran': Iran acts on Assad
                subject, target_phrase = _agent(token), subject
            actor = _actor_of(subject, actor_index) or _state_of(subject, actor_index)
            if actor is None and subject and subject[0] in _PRONOUN_SUBJECTS:
                # 'Halas said he accepted': the subject of the verb that reports it, else
                # the last person named before.
                actor = (
                    _actor_of(_argument(token.head, _SUBJECTS), actor_index)
                    if token.head is not token
                    else None
                )
                actor = actor or _last_person_before(article, sentence.start, actor_index)
            if actor is None:
                continue
            target = _actor_of(target_phrase, actor_index)
            if kind == "CONSULT" and target is None and token.lemma_.lower() in NEEDS_PARTNER:
                continue  # 'visited the camp' is not a meeting between parties
            if target is not None and target["id"] == actor["id"]:
                target = None
            events.append({
                "date": article.published.date if article.published else None,
                "actor": actor["id"],
                "actor_name": actor["name"],
                "action": kind,
                "target": target["id"] if target else None,
                "target_name": target["name"] if target else None,
                "location": _location(doc, actor_index),
                "evidence": evidence(article, sentence),
            })  # fmt: skip
    return events


_TRIGGER_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted({*LEXICON, *PHRASAL}, key=len, reverse=True)) + r")\w*",
    re.IGNORECASE,
)


def _has_trigger_word(text: str) -> bool:
    return bool(_TRIGGER_WORDS.search(text))


def _asserted(verb: Token, text: str) -> bool:
    """Not negated, not hedged, not inside a quotation."""
    if any(child.dep_ == "neg" for child in verb.children):
        return False
    if any(child.lower_ in _MODALS for child in verb.children if child.dep_ == "aux"):
        return False
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in verb.children):
        return False
    before = text[: verb.idx]
    return before.count("“") <= before.count("”") and before.count('"') % 2 == 0


Argument = tuple[str, set[str]]  # (the phrase, its head word and the heads of appositions)


def _phrase(token: Token) -> Argument:
    heads = {token.text} | {child.text for child in token.children if child.dep_ == "appos"}
    return " ".join(t.text for t in token.subtree), heads


def _argument(verb: Token, deps: set[str]) -> Argument | None:
    for child in verb.children:
        if child.dep_ in deps:
            return _phrase(child)
    # 'X and Y signed': the subject of the first conjunct governs the second
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
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


def _actor_of(argument: Argument | None, actor_index: dict[str, dict]) -> dict | None:
    """The story actor an argument names: the longest alias it contains, provided the
    argument's head word is part of that name ('Syria's war' is the war, not Syria; 'the
    opposition in Istanbul' is the opposition)."""
    if not argument:
        return None
    phrase, heads = argument
    found = [
        alias for alias in actor_index
        if len(alias) > 2 and heads & set(alias.split())
        and re.search(rf"\b{re.escape(alias)}\b", phrase)
    ]  # fmt: skip
    return actor_index[max(found, key=len)] if found else None


def _state_of(argument: Argument | None, actor_index: dict[str, dict]) -> dict | None:
    """'Marenia's government', 'the Marenian army': the country acting."""
    if not argument or not argument[1] & STATE_WORDS:
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


def _location(doc, actor_index: dict[str, dict]) -> str | None:  # type: ignore[no-untyped-def]
    for ent in doc.ents:
        if ent.label_ == "GPE" and ent.start > 0 and doc[ent.start - 1].lower_ in {"in", "at"}:
            return ent.text
    return None
