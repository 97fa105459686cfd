"""Articles made directly in tests, for the stages that need no parsing."""

from storyline.model import Article


def text_article(article_id: str, text: str, **fields) -> Article:
    """A plain-text article whose source is its id; other fields as given."""
    return Article(id=article_id, source=article_id, raw=b"", format="text", text=text, **fields)
