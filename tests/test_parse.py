from storyline.model import RawDocument
from storyline.options import Options
from storyline.pipeline.parse import assign_title, guess_title, parse

PAGE = """<!doctype html><html><head><title>Talks open | Wire</title>
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-04-22T09:30:00Z">
<meta property="og:site_name" content="The Wire"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks open in Geneva</h1>
<p>GENEVA (Wire) - Talks between the two sides opened in Geneva on Monday, the United Nations
said, with mediators pressing for an exchange of prisoners.</p>
<p>The envoy told reporters she was hopeful that the two delegations would meet face to face
before the end of the week.</p></article>
<footer>Copyright 2024 The Wire. All rights reserved.</footer></body></html>"""


def _doc(content: str, fmt: str = "text", **meta) -> RawDocument:
    return RawDocument(source="s", raw=content.encode(), format=fmt, content=content, **meta)


def test_parse_html_extracts_main_text_and_metadata():
    article = parse(_doc(PAGE, "html"), Options())
    assert article.title == "Talks open in Geneva"
    assert article.text.startswith("Talks open in Geneva\n\nGENEVA (Wire)")
    assert "Copyright" not in article.text and "Home" not in article.text
    assert article.author == "Jane Roe"
    assert article.site == "The Wire"
    assert article.published_hint == "2024-04-22"


def test_parse_text_takes_first_line_as_title():
    article = parse(_doc("Kerry to lead U.S. team\n\nBody sentence here."), Options())
    assert article.title is None  # chosen by the title step, after cleaning
    article = assign_title(article, Options())
    assert article.title == "Kerry to lead U.S. team"
    assert article.text == "Kerry to lead U.S. team\n\nBody sentence here."


def test_parse_given_title_is_put_first_when_the_text_lacks_it():
    article = parse(_doc("Body sentence here.", title="Given title"), Options())
    assert article.text == "Given title\n\nBody sentence here."


def test_parse_given_title_not_repeated_when_text_starts_with_it():
    article = parse(_doc("Given\u00a0 title\nBody.", title="Given title"), Options())
    assert article.text == "Given\u00a0 title\nBody."


def test_guess_title_refuses_sentences():
    assert guess_title("This is the first sentence of the body.\nMore.") is None
    assert guess_title("\n\n  Headline here  \nBody.") == "Headline here"
