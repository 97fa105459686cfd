"""The clean stage on small hand-made articles (no model needed)."""

import pytest

from storyline.model import Article
from storyline.options import Options
from storyline.pipeline.clean.boilerplate import classify, split_lines, table_rows
from storyline.pipeline.clean.step import clean, clean_text

BODY = [
    "GENEVA (Wire) - Delegations from both sides met in Geneva on Monday for a second round "
    "of talks, the United Nations said, with a prisoner exchange at the top of the agenda.",
    "The envoy told reporters she was hopeful the two sides would sign a first agreement "
    "before the end of the week, but warned that the siege of the northern city remained "
    "the main obstacle.",
    "“We are ready,” the opposition spokesman said.",
    "Government negotiators said they would present a list of detainees on Tuesday and "
    "accused the opposition of delaying the talks for political gain.",
]


def _reasons(lines: list[str]) -> dict[str, str | None]:
    parsed = split_lines("\n\n".join(lines))
    return {line.text: reason for line, reason in zip(parsed, classify(parsed), strict=True)}


def test_clean_keeps_the_article_and_removes_its_template():
    lines = [
        "Home World Politics Business Opinion",
        "Talks resume in Geneva as envoy presses for prisoner swap",
        "By Jane Roe",
        *BODY[:2],
        "Advertisement",
        *BODY[2:],
        "Share this:",
        "Facebook Twitter WhatsApp",
        "Related News",
        "Peru’s electoral board orders a recount in three provinces",
        "Storm warnings issued along the coast as gales approach",
        "Leave a Reply",
        "You are commenting using your Google account. Log Out / Change )",
        "© 2024 The Wire. All rights reserved.",
    ]
    reasons = _reasons(lines)
    kept = [text for text, reason in reasons.items() if reason is None]
    assert kept == [lines[1], *BODY]
    assert reasons["Home World Politics Business Opinion"] == "navigation"
    assert reasons["By Jane Roe"] == "byline"
    assert reasons["Advertisement"] == "promo"
    assert reasons["Facebook Twitter WhatsApp"] == "social"
    assert reasons["Storm warnings issued along the coast as gales approach"] == "related-links"
    assert reasons["Leave a Reply"] == "comment-widget"
    assert reasons["© 2024 The Wire. All rights reserved."] == "footer"


def test_clean_comment_thread_without_header():
    lines = [
        "Talks resume in Geneva as envoy presses for prisoner swap",
        *BODY,
        "harbour_reader",
        "March 10, 2024 at 6:42 pm",
        "I think the government is lying about the numbers, as usual.",
        "Reply",
        "M. Halvorsen",
        "March 10, 2024 at 7:15 pm",
        "Let us keep the peace whoever wins the argument in Geneva.",
        "Reply",
    ]
    reasons = _reasons(lines)
    assert reasons["I think the government is lying about the numbers, as usual."] == (
        "comment-widget"
    )
    assert reasons["harbour_reader"] == "comment-widget"
    assert all(reasons[line] is None for line in BODY)


def test_clean_repeated_title_and_truncated_caption_kept_once():
    caption = (
        "Residents queue for bread handed out by a volunteer kitchen in the eastern quarter "
        "of the city on April 2, 2024."
    )
    lines = [
        "Bread lines grow in the besieged city as talks stall",
        "Bread lines grow in the besieged city as talks stall",
        caption,
        caption[:70],
        "(WIRE PHOTO / POOL / Anna Berg)",
        *BODY,
    ]
    parsed = split_lines("\n".join(lines))
    reasons = classify(parsed)
    assert reasons[:5] == [None, "repeated-line", None, "repeated-line", "photo-credit"]


def test_clean_foreign_language_lines():
    reasons = _reasons(
        [
            "Talks resume in Geneva as envoy presses for prisoner swap",
            "إقرأ هذا الخبر بالعربية",
            "Lire cet article en français",
            *BODY,
        ]
    )
    assert reasons["إقرأ هذا الخبر بالعربية"] == "foreign-language"
    assert reasons["Lire cet article en français"] == "foreign-language"


def test_clean_off_topic_teaser_is_removed_but_list_items_are_not():
    reasons = _reasons(
        [
            "Talks resume in Geneva as envoy presses for prisoner swap",
            BODY[0],
            "Football: Lisbon striker completes record transfer to Madrid",
            *BODY[1:],
            "• health coverage through the end of September;",
            "• accelerated vesting for remaining staff;",
        ]
    )
    assert reasons["Football: Lisbon striker completes record transfer to Madrid"] == "off-topic"
    assert reasons["• health coverage through the end of September;"] is None


def test_clean_tables_and_short_content_lines_are_kept():
    lines = [
        "Flood toll rises as rivers burst their banks",
        *BODY[:2],
        "District | Displaced | Deaths",
        "Sylhet | 120 000 | 14",
        "Sunamganj | 80 000 | 9",
        "What happens next",
        *BODY[2:],
    ]
    parsed = split_lines("\n".join(lines))
    assert {parsed[i].text for i in table_rows(parsed)} == set(lines[3:6])
    assert all(reason is None for reason in classify(parsed))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("The post Talks resume appeared first on Wire Daily.", "syndication-footer"),
        ("Updated 14 Jan 2014, 10:42 GMT", "timestamp"),
        ("Wednesday, October 8, 2025 9:14 PM EAT", "timestamp"),
        ("We use cookies to improve your experience on our site.", "cookie"),
        ("Sign up for our morning newsletter", "newsletter"),
        ("Photo: Jane Doe/Reuters", "photo-credit"),
        ("Image 3 of 7", "caption"),
        ("(Reporting by Jane Roe; Editing by John Doe)", "byline"),
    ],
)
def test_clean_vocabulary(line, reason):
    assert _reasons(["Talks resume in Geneva as envoy presses for prisoner swap", *BODY, line])[
        line
    ] == (reason)


def test_clean_text_rebuilds_and_positions_removed_pieces():
    text = "Title of the story here\n\nAdvertisement\n\n" + "\n\n".join(BODY)
    clean_body, removed = clean_text(text)
    assert "Advertisement" not in clean_body
    assert clean_body.startswith("Title of the story here\n\nGENEVA")
    (piece,) = removed
    assert (piece.reason, piece.at) == ("promo", len("Title of the story here"))


def test_clean_never_empties_an_article():
    article = Article(id="a", source="s", raw=b"", format="text", text="Advertisement\nShare")
    assert clean(article, Options()) == article


def test_clean_a_line_many_articles_share_around_the_body_is_template():
    from storyline.pipeline.clean.step import CorpusLines, clean_batch

    slogan = "Independent reporting from the capital and beyond"
    subhead = "What happens next"
    texts = [
        "\n".join(
            [
                slogan,
                f"Talks resume in Geneva on day {i} as envoy presses on",
                BODY[0],
                subhead,
                *BODY[1:],
            ]
        )
        for i in range(3)
    ]
    # Extracted HTML: the position rules are off, so only the corpus counts can tell.
    articles = [
        Article(id=str(i), source=str(i), raw=b"", format="html", text=t)
        for i, t in enumerate(texts)
    ]
    cleaned = clean_batch(articles, Options(), CorpusLines())
    for article in cleaned:
        assert slogan not in article.text  # shared above the body: template
        assert subhead in article.text  # shared inside the body: syndicated content
        assert [p.reason for p in article.removed] == ["template"]
    alone = clean_batch(articles[:1], Options(), CorpusLines())
    assert slogan in alone[0].text  # one article alone shows no template


def test_clean_keeps_a_paragraph_a_syndication_footer_was_glued_to():
    from storyline.pipeline.clean.step import clean_text

    paragraph = " ".join(
        f"The talks in Geneva went on for hour {i} without a deal." for i in range(20)
    )
    text = "Geneva talks\n\n" + paragraph + " The post Geneva talks appeared first on Wire News."
    cleaned, removed = clean_text(text)
    assert paragraph in cleaned
    assert all("hour 3" not in piece.text for piece in removed)
