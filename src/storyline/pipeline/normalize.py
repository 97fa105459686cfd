"""Normalize stage: repair mojibake, Unicode NFC, tidy whitespace.

Mojibake repair uses ftfy, which only changes text it can show was mis-decoded (e.g.
'â€™' → '’'), and we keep curly quotes as they are: quotes are facts to extract, and the
quote stage needs to see which marks were used. Whitespace is tidied line by line: runs of
spaces, tabs and no-break spaces become one space; more than one blank line becomes one.
Nothing is lost: the raw input stays in the store.
"""

from __future__ import annotations

import re
from dataclasses import replace

import ftfy

from storyline.model import Article
from storyline.options import Options

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, normalization="NFC", explain=False)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\f\v]+")
_INVISIBLE = re.compile(r"[\u200b\ufeff\u00ad]")
_BLANK_LINES = re.compile(r"\n{3,}")


# Two single marks typed for a double one ('‘‘all the victims”', "``like this''"): one
# double mark, so that the quote stage sees a quotation.
_DOUBLED = {"‘‘": "“", "’’": "”", "``": "“", "''": "”"}
_DOUBLED_MARKS = re.compile("|".join(map(re.escape, _DOUBLED)))


def normalize_text(text: str) -> str:
    text = ftfy.fix_text(text, config=_FTFY)
    text = _DOUBLED_MARKS.sub(lambda m: _DOUBLED[m.group(0)], text)
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def normalize(article: Article, options: Options) -> Article:
    title = normalize_text(article.title) if article.title else None
    return replace(article, text=normalize_text(article.text), title=title or None)
