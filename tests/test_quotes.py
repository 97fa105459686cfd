from storyline.model import Mention
from storyline.pipeline.nlp.quotes import find_quotes, quote_spans


def _speakers(text: str, people: tuple[str, ...] = ()) -> list[tuple[str, str | None]]:
    entities = []
    for name in people:
        start = text.index(name)
        entities.append(Mention(start, start + len(name), name, "PERSON", 0))
    return [(q.text, q.speaker) for q in find_quotes(text, [], entities)]


def test_quotes_frames_after_and_before():
    text = (
        "“We are ready,” Khawla Mattar said. “We are not,” said Sergei Lavrov.\n\n"
        "John Kerry told reporters: “The talks will go on.”"
    )
    assert _speakers(text, ("Khawla Mattar", "Sergei Lavrov", "John Kerry")) == [
        ("We are ready,", "Khawla Mattar"),
        ("We are not,", "Sergei Lavrov"),
        ("The talks will go on.", "John Kerry"),
    ]


def test_quotes_pronoun_and_follow_on_quote_take_the_named_speaker():
    text = (
        "German Foreign Minister Frank-Walter Steinmeier spoke in Paris.\n\n"
        "“It is not an easy decision,” he said. “We want to convince them.\n\n"
        "“We must get down to work.”"
    )
    quotes = _speakers(text, ("Frank-Walter Steinmeier",))
    assert quotes == [
        ("It is not an easy decision,", "Frank-Walter Steinmeier"),
        ("We want to convince them. We must get down to work.", "Frank-Walter Steinmeier"),
    ]


def test_quotes_partial_quote_and_apposition():
    text = (
        "Khawla Mattar, spokeswoman for special envoy Staffan de Mistura, told AFP there was "
        "“the need to meet” with the opposition first."
    )
    assert _speakers(text, ("Khawla Mattar", "Staffan de Mistura")) == [
        ("the need to meet", "Khawla Mattar")
    ]


def test_quotes_unattributed_stay_unattributed_and_names_in_marks_are_not_quotes():
    text = "The so-called “Geneva II” talks open soon.\n\n“Nobody comes in, nobody goes out.”"
    assert _speakers(text) == [("Nobody comes in, nobody goes out.", None)]


def test_quotes_straight_marks_and_inner_apostrophes():
    text = 'He said "we don\'t deal with terrorists" and left.'
    assert [text[s:e] for s, e in quote_spans(text)] == ["we don't deal with terrorists"]
