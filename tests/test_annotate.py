from storyline.model import Article
from storyline.options import Options
from storyline.pipeline.nlp.annotate import annotate

TEXT = (
    "Kerry to lead U.S. team to Syria talks\n\n"
    "GENEVA (Wire) - U.S. Secretary of State John Kerry will lead the delegation to talks in "
    "Geneva next week, a U.S. official said on Wednesday. Lavrov did not comment.\n"
    "Photo caption without a full stop\n"
    "More text follows here."
)


def _annotated(text: str = TEXT) -> Article:
    article = Article(id="a", source="s", raw=b"", format="text", text=text)
    return annotate([article], Options())[0]


def test_annotate_sentences_are_trimmed_spans_of_the_text():
    article = _annotated()
    assert article.sentences
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_annotate_line_breaks_end_sentences():
    texts = [sentence.text for sentence in _annotated().sentences]
    assert texts[0] == "Kerry to lead U.S. team to Syria talks"
    assert "Photo caption without a full stop" in texts
    assert not any("\n" in text for text in texts)


def test_annotate_entities_point_into_the_text_and_their_sentence():
    article = _annotated()
    names = {(entity.text, entity.label) for entity in article.entities}
    assert ("John Kerry", "PERSON") in names
    assert ("Geneva", "GPE") in names
    for entity in article.entities:
        assert article.text[entity.start : entity.end] == entity.text
        sentence = article.sentences[entity.sentence]
        assert sentence.start <= entity.start and entity.end <= sentence.end


def test_annotate_batch_keeps_order():
    articles = [
        Article(id=str(i), source=str(i), raw=b"", format="text", text=f"Article number {i}.")
        for i in range(5)
    ]
    result = annotate(articles, Options(batch_size=2))
    assert [a.id for a in result] == ["0", "1", "2", "3", "4"]
