"""The HTML pages: stories, a story, an article, search, and upload. Server-rendered with
Jinja2 (autoescape on: every article-derived string is escaped); charts are drawn by the
page's script from JSON embedded with `tojson`, which escapes <, > and & too."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.datastructures import UploadFile

from storyline.codec import story_record
from storyline.store.read import MATCH_CLOSE, MATCH_OPEN, BadQuery, ReadQueries
from storyline.version import __version__
from storyline.web.charts import actor_network, figure_charts, timeline_chart
from storyline.web.context import article_filter, page_window
from storyline.web.ingest import (
    MAX_UPLOAD_FILES,
    documents_from_files,
    token_matches,
)
from storyline.web.marks import article_body

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
STORY_ARTICLES_SHOWN = 50
# A story of thousands of articles has thousands of quotes and figures: the page shows the
# first of each list (the JSON API has them all) so that it stays fast to load and to read.
LIST_SHOWN = 150
SPEAKERS_SHOWN = 30
QUOTES_PER_SPEAKER = 10

_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("storyline.web", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)
templates = Jinja2Templates(env=_environment)


def snippet_html(snippet: str) -> Markup:
    """An FTS5 snippet with its match markers as <mark>, everything else escaped."""
    escaped = str(escape(snippet))
    return Markup(escaped.replace(MATCH_OPEN, "<mark>").replace(MATCH_CLOSE, "</mark>"))


def safe_href(url: str | None) -> str | None:
    """An article's address as a link only when it is http(s): never javascript: or data:."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def source_link(source: dict | None, listed: dict[str, dict]) -> Markup:
    """A link to the sentence a fact came from, named after its site and date (a filter:
    the story page has hundreds, and a Python function renders them far faster than a
    template macro)."""
    if not source or not source.get("article"):
        return Markup("")
    article = str(source["article"])
    meta = listed.get(article)
    name = meta["site"] if meta else article[:8]
    if meta and meta.get("published"):
        name = f"{name} · {meta['published']}"
    return Markup('<a class="source" href="/articles/{}#c{}" title="{}">{}</a>').format(
        article, int(source.get("start") or 0), source.get("text", ""), name
    )


_environment.filters["source_link"] = source_link
_environment.filters["snippet"] = snippet_html
_environment.filters["href"] = safe_href
_environment.globals["version"] = __version__


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def _store(request: Request) -> ReadQueries:
    return request.app.state.access.store()


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
    listing = _store(request).story_page(PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return _render(request, "stories.html", listing=listing, page=page, title="Stories")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    access = request.app.state.access
    revision = _store(request).story_revision(story_id)
    if revision is None:
        raise HTTPException(404, "no such story")
    key = ("story", story_id, revision)
    cached = access.pages.get(key)
    if cached is None:
        cached = _story_html(request, story_id)
        access.pages.put(key, cached)
    return HTMLResponse(cached)


def _story_html(request: Request, story_id: str) -> str:
    store = _store(request)
    story = store.story(story_id)
    if story is None:
        raise HTTPException(404, "no such story")
    record = story_record(story)
    cited = sorted(_cited_articles(record))
    listed = store.listed(cited)
    dates = {article_id: item["published"] for article_id, item in listed.items()}
    articles = store.story_articles(story_id, STORY_ARTICLES_SHOWN, 0)
    charts = {
        "timeline": timeline_chart(record["timeline"]),
        "figures": figure_charts(record["figures"], dates),
        "network": actor_network(record["events"], record["actors"]),
    }
    template = _environment.get_template("story.html")
    return template.render(
        request=request,
        story=record,
        listed=listed,
        articles=articles,
        sources=store.story_sources(story_id),
        charts=charts,
        quotes_by_speaker=quotes_by_speaker(record["quotes"])[:SPEAKERS_SHOWN],
        shown=LIST_SHOWN,
        per_speaker=QUOTES_PER_SPEAKER,
        actor_names={a["id"]: a["name"] for a in record["actors"]},
        title=record["title"],
    )


def _cited_articles(record: dict) -> set[str]:
    cited: set[str] = set()
    for entry in (*record["summary"], *record["timeline"]):
        cited.update(source["article"] for source in entry.get("sources", []))
    for item in (*record["quotes"], *record["figures"], *record["events"]):
        evidence = item.get("evidence") or {}
        if evidence.get("article"):
            cited.add(evidence["article"])
    return cited


def quotes_by_speaker(quotes: list[dict]) -> list[tuple[str | None, list[dict]]]:
    """Quotes grouped by who said them, the most quoted first, unattributed ones last;
    scare quotes ('milestone') are terms, not what anyone said, and are left out."""
    groups: dict[str | None, list[dict]] = defaultdict(list)
    for quote in quotes:
        if quote.get("kind") != "term":
            groups[quote.get("speaker_name")].append(quote)
    return sorted(groups.items(), key=lambda item: (item[0] is None, -len(item[1]), item[0] or ""))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    store = _store(request)
    article = store.article_by_id(article_id)
    if article is None:
        raise HTTPException(404, "no such article")
    article = store.annotated(article)
    original = store.listed([article.duplicate_of]) if article.duplicate_of else {}
    return _render(
        request,
        "article.html",
        article=article,
        body=article_body(article),
        copies=store.copies_of(article.id),
        original=original.get(article.duplicate_of or ""),
        story_title=store.story_title(article.story) if article.story else None,
        title=article.title or article.source,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    story: str = "",
    actor: Annotated[str, Query(max_length=200)] = "",
    date_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    date_to: Annotated[str, Query(alias="to", max_length=10)] = "",
    page: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    store = _store(request)
    form = {"q": q, "story": story, "actor": actor, "from": date_from, "to": date_to}
    error, results = None, None
    if any(form.values()):
        try:
            filters = article_filter(store, q, story, actor, date_from, date_to)
            results = store.article_list(filters, *page_window(PAGE_SIZE, (page - 1) * PAGE_SIZE))
        except BadQuery as exc:
            error = str(exc)
    return _render(
        request,
        "search.html",
        status=422 if error else 200,
        form=form,
        results=results,
        error=error,
        page=page,
        stories=store.story_titles(),
        title="Search",
    )


@router.get("/builds", response_class=HTMLResponse)
def builds_page(
    request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1
) -> HTMLResponse:
    """The build log and the inputs builds rejected (paged)."""
    store = _store(request)
    return _render(
        request,
        "builds.html",
        builds=store.builds(PAGE_SIZE, 0),
        rejected=store.rejected(PAGE_SIZE, (page - 1) * PAGE_SIZE),
        page=page,
        title="Builds",
    )


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> HTMLResponse:
    writes_on = request.app.state.settings.token is not None
    return _render(request, "ingest.html", writes_on=writes_on, report=None, title="Add articles")


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_upload(request: Request) -> HTMLResponse:
    settings = request.app.state.settings
    if settings.token is None:
        return _render(
            request, "ingest.html", status=403, writes_on=False, report=None, title="Add articles"
        )
    form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=20)
    token = form.get("token")
    if not token_matches(token if isinstance(token, str) else None, settings.token):
        return _render(
            request,
            "ingest.html",
            status=401,
            writes_on=True,
            report=None,
            error="wrong token",
            title="Add articles",
        )
    files = [
        (item.filename, await item.read())
        for item in form.getlist("files")
        if isinstance(item, UploadFile) and item.filename
    ]
    documents = await run_in_threadpool(documents_from_files, files, settings.options)
    report = await run_in_threadpool(request.app.state.access.ingest, documents, settings.options)
    return _render(request, "ingest.html", writes_on=True, report=report, title="Add articles")
