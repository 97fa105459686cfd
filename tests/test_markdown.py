from storyline.export.markdown import md_escape, render_markdown


def test_markdown_escapes_untrusted_text():
    escaped = md_escape("<script>alert(1)</script> [click](http://evil) *bold* | cell")
    assert "<script>" not in escaped
    assert "&lt;script&gt;" in escaped
    assert "\\[click\\]" in escaped and "\\*bold\\*" in escaped and "\\|" in escaped


def test_markdown_shows_removed_pieces_with_reasons():
    article = {
        "id": "a",
        "source": "a.txt",
        "title": "T",
        "published": None,
        "site": None,
        "author": None,
        "text": "Body.",
        "duplicate_of": None,
        "removed": [{"text": "Leave a Reply", "reason": "comment-widget"}],
    }
    report = render_markdown({"articles": [article], "stories": []}, {})
    assert "*comment-widget*: Leave a Reply" in report
