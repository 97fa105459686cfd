"""One codec for the records of `model.py`: how an article, a story and every story part
become plain data (JSON-ready dicts, store rows) and come back. The store, the shards, the
JSON export and the web all go through it, so the shapes cannot drift apart.

Records map to dicts field by field (tuples become lists, nested records nested dicts),
with three conventions:
- a field marked `OPTIONAL` in `model.py` is left out while it holds its default;
- a field may name its key (`Membership.as_` is `as`);
- `span_start`/`span_end` are one `span` object holding the ends that are known.
Story parts are written with their keys in alphabetical order: the order every export has
had, since results have always been stored as JSON with sorted keys.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Literal, TypeVar, Union, cast, get_args, get_origin, get_type_hints

from storyline.model import (
    Actor,
    Article,
    Clause,
    DateHint,
    Episode,
    Event,
    Figure,
    FigureSeries,
    FoundFigure,
    FoundQuote,
    Published,
    Quote,
    Removed,
    Story,
    SummaryItem,
    System,
    TimelineEntry,
)

R = TypeVar("R")


# -- records <-> plain data ---------------------------------------------------------------


def to_record(value: Any) -> Any:
    """A record (or a tuple of them) as plain data: dicts, lists, strings, numbers."""
    if is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        values = {f.name: getattr(value, f.name) for f in fields(value)}
        for f in fields(value):
            item = values[f.name]
            if f.name in ("span_start", "span_end") and {"span_start", "span_end"} <= set(values):
                if f.name == "span_start":
                    span = _span(values["span_start"], values["span_end"])
                    if span:
                        out["span"] = span
                continue
            if f.metadata.get("optional") and item == f.default:
                continue
            out[f.metadata.get("key", f.name)] = to_record(item)
        return out
    if isinstance(value, tuple | list):
        return [to_record(item) for item in value]
    return value


def from_record(cls: type[R], data: Mapping[str, Any]) -> R:
    """The record of type `cls` that `to_record` made `data` from. Missing keys take the
    field's default (records stored by an older version lack the newer fields)."""
    values: dict[str, Any] = {}
    hints = _hints(cls)
    for f in fields(cast(Any, cls)):
        if f.name in ("span_start", "span_end") and "span_start" in hints:
            values[f.name] = (data.get("span") or {}).get(f.name.removeprefix("span_"))
            continue
        key = f.metadata.get("key", f.name)
        if key in data:
            values[f.name] = _decode(hints[f.name], data[key])
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ValueError(f"{cls.__name__} record without {key!r}")
    return cls(**values)


def _span(start: str | None, end: str | None) -> dict[str, str]:
    return {key: value for key, value in (("start", start), ("end", end)) if value}


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The resolved field types of a record class (computed once per class)."""
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]


def _decode(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        (inner,) = [arg for arg in get_args(kind) if arg is not type(None)]
        return _decode(inner, value)
    if origin is tuple:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in value)
        return tuple(_decode(arg, item) for arg, item in zip(args, value, strict=True))
    if origin is Literal:
        return value
    if is_dataclass(kind) and isinstance(kind, type):
        return from_record(kind, value)
    return value


def sorted_keys(value: Any) -> Any:
    """Plain data with every dict's keys in alphabetical order."""
    if isinstance(value, dict):
        return {key: sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [sorted_keys(item) for item in value]
    return value


# -- story parts --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Part:
    """A part of a story: its name (the story field and the dossier key) and record type."""

    name: str
    record: type
    many: bool = True  # a list of records; else one record (system)
    optional: bool = False  # left out of the dossier while empty

    def empty(self, value: Any) -> bool:
        return not value if self.many else value == self.record()


# The story parts, in the order the dossier lists them: the one list of them there is
# (the store, the export and the web's routes all read it).
STORY_PARTS: tuple[Part, ...] = (
    Part("summary", SummaryItem),
    Part("timeline", TimelineEntry),
    Part("actors", Actor),
    Part("quotes", Quote),
    Part("figures", Figure),
    Part("events", Event),
    Part("figure_series", FigureSeries),
    Part("episodes", Episode, optional=True),
    Part("system", System, many=False, optional=True),
)


def part_record(value: Any) -> Any:
    """A story part (a record or a tuple of them) as the dossier writes it."""
    return sorted_keys(to_record(value))


def story_record(story: Story) -> dict[str, Any]:
    """The story object of the dossier schema."""
    record: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "articles": list(story.articles),
    }
    span = _span(story.span_start, story.span_end)
    if span:
        record["span"] = span
    if story.undated:
        record["undated"] = story.undated
    for part in STORY_PARTS:
        value = getattr(story, part.name)
        if part.optional and part.empty(value):
            continue
        record[part.name] = part_record(value)
    return record


def story_results(story: Story) -> str:
    """A story's parts as the JSON the store keeps."""
    results = {part.name: to_record(getattr(story, part.name)) for part in STORY_PARTS}
    results["undated"] = story.undated
    return json.dumps(results, ensure_ascii=False, sort_keys=True)


def story_from_results(
    story_id: str,
    title: str,
    articles: Iterable[str],
    span: tuple[str | None, str | None],
    results: str,
) -> Story:
    """A stored story: its row and the JSON of its parts (parts it lacks stay empty)."""
    data = json.loads(results)
    parts: dict[str, Any] = {}
    for part in STORY_PARTS:
        if part.name not in data:
            continue
        value = data[part.name]
        if part.many:
            parts[part.name] = tuple(from_record(part.record, item) for item in value)
        else:
            parts[part.name] = from_record(part.record, value)
    undated = int(data.get("undated", 0))
    return Story(story_id, title, tuple(articles), span[0], span[1], undated, **parts)


# -- articles -----------------------------------------------------------------------------


def article_record(article: Article) -> dict[str, Any]:
    """The article object of the dossier schema."""
    published = article.published
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "site": article.site,
        "author": article.author,
        "language": article.language,
        "published": (
            {"date": published.date, "source": published.source, "confidence": published.confidence}
            if published
            else None
        ),
        "text": article.text,
        "removed": [{"text": piece.text, "reason": piece.reason} for piece in article.removed],
        "duplicate_of": article.duplicate_of,
        "story": article.story,
    }


def article_to_json(article: Article) -> str:
    """The whole processed article (raw input base64-encoded), for a shard."""
    record = to_record(dataclasses.replace(article, raw=b""))
    record["raw"] = base64.b64encode(article.raw).decode("ascii")
    return json.dumps(record, ensure_ascii=False)


def article_from_json(text: str) -> Article:
    record: dict[str, Any] = json.loads(text)
    raw = base64.b64decode(record.pop("raw"))
    return dataclasses.replace(from_record(Article, {**record, "raw": ""}), raw=raw)


# The article row of the store: these columns, in this order.
ARTICLE_COLUMNS = (
    "id, source, format, raw, text, url, title, site, author, language, published_hint, "
    "published_date, published_source, published_confidence, duplicate_of, story_id"
)
ARTICLE_COLUMNS_WITHOUT_RAW = ARTICLE_COLUMNS.replace(" raw,", " NULL AS raw,")


def article_row(article: Article) -> tuple[Any, ...]:
    published = article.published
    return (
        article.id,
        article.source,
        article.format,
        article.raw,
        article.text,
        article.url,
        article.title,
        article.site,
        article.author,
        article.language,
        article.published_hint,
        published.date if published else None,
        published.source if published else None,
        published.confidence if published else None,
        article.duplicate_of,
        article.story,
    )


def article_from_row(row: tuple[Any, ...], removed: tuple[Removed, ...] = ()) -> Article:
    (
        article_id,
        source,
        fmt,
        raw,
        text,
        url,
        title,
        site,
        author,
        language,
        hint,
        pub_date,
        pub_source,
        pub_conf,
        duplicate_of,
        story_id,
    ) = row
    published = Published(pub_date, pub_source, pub_conf) if pub_date else None
    return Article(
        id=article_id,
        source=source,
        raw=bytes(raw) if raw is not None else b"",
        format=fmt,
        text=text,
        url=url,
        title=title,
        site=site,
        author=author,
        language=language,
        published_hint=hint,
        published=published,
        removed=removed,
        duplicate_of=duplicate_of,
        story=story_id,
    )


def clause_json(clause: Clause) -> str:
    return json.dumps(to_record(clause), ensure_ascii=False)


def clause_from_json(text: str) -> Clause:
    return from_record(Clause, json.loads(text))


# What an article's per-article fact steps found, as the store keeps it: one row per fact,
# of one of these kinds (kind -> the article field).
_FACT_FIELDS = {"quote": "quotes", "figure": "figures", "date_hint": "date_hints"}


def fact_rows(article: Article) -> list[tuple[str, int, str]]:
    """(kind, seq, JSON) of every fact found in the article."""
    rows = []
    for kind, name in _FACT_FIELDS.items():
        for seq, fact in enumerate(getattr(article, name)):
            rows.append((kind, seq, json.dumps(to_record(fact), ensure_ascii=False)))
    return rows


def with_facts(article: Article, rows: Iterable[tuple[str, str]]) -> Article:
    """The article with the facts of its stored (kind, JSON) rows (quotes, figures, date
    hints), in their order."""
    quotes: list[FoundQuote] = []
    figures: list[FoundFigure] = []
    hints: list[DateHint] = []
    for kind, data in rows:
        record = json.loads(data)
        if kind == "quote":
            quotes.append(from_record(FoundQuote, record))
        elif kind == "figure":
            figures.append(from_record(FoundFigure, record))
        elif kind == "date_hint":
            hints.append(from_record(DateHint, record))
    return dataclasses.replace(
        article, quotes=tuple(quotes), figures=tuple(figures), date_hints=tuple(hints)
    )
