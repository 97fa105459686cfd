"""The REST API (`/api/...`): stories, articles, actors, timeline, figures, quotes, search,
shaped like the dossier schema; lists are paged ({items, total, limit, offset,
next_offset}). Writes (`POST /api/articles`) need the token."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from storyline.codec import (
    STORY_PARTS,
    Part,
    article_record,
    part_record,
    story_record,
)
from storyline.model import Story
from storyline.store.read import BadQuery, Page, ReadQueries
from storyline.web.context import DEFAULT_LIMIT, MAX_LIMIT, article_filter, page_window
from storyline.web.ingest import (
    MAX_UPLOAD_FILES,
    bearer,
    documents_from_files,
    documents_from_json,
    token_matches,
)

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]


def _store(request: Request) -> ReadQueries:
    return request.app.state.access.store()


def _story_or_404(request: Request, story_id: str) -> Story:
    story = _store(request).story(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id}")
    return story


@router.get("/stories", summary="Stories, latest first, with span and article and source counts")
def list_stories(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict:
    return _store(request).story_page(*page_window(limit, offset)).as_dict()


@router.get("/stories/{story_id}", summary="One story: the story object of the dossier schema")
def get_story(request: Request, story_id: str) -> dict:
    return story_record(_story_or_404(request, story_id))


def _part(part: Part) -> Callable[[Request, str], Any]:
    def route(request: Request, story_id: str) -> Any:
        return part_record(getattr(_story_or_404(request, story_id), part.name))

    route.__name__ = f"story_{part.name}"
    return route


for _part_of_story in STORY_PARTS:
    router.add_api_route(
        f"/stories/{{story_id}}/{_part_of_story.name}",
        _part(_part_of_story),
        methods=["GET"],
        summary=f"A story's {_part_of_story.name.replace('_', ' ')}, as in the dossier schema",
    )


@router.get("/actors", summary="Actors of every story (or one), most mentioned first")
def list_actors(
    request: Request,
    story: str | None = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict:
    store = _store(request)
    stories = [store.story(story)] if story else store.stories()
    actors = [
        {**part_record(actor), "story": record.id}
        for record in stories
        if record is not None
        for actor in record.actors
    ]
    actors.sort(key=lambda actor: (-actor["mentions"], actor["name"]))
    limit, offset = page_window(limit, offset)
    return Page(actors[offset : offset + limit], len(actors), limit, offset).as_dict()


@router.get("/builds", summary="Builds, latest first, with each step's counts and time")
def list_builds(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict:
    return _store(request).builds(*page_window(limit, offset)).as_dict()


@router.get("/rejected", summary="Inputs builds rejected, with the step and the reason")
def list_rejected(
    request: Request,
    build: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict:
    return _store(request).rejected(*page_window(limit, offset), build=build).as_dict()


@router.get("/articles", summary="Articles, filtered by story, words, actor and date")
def list_articles(
    request: Request,
    story: str | None = None,
    q: Annotated[str, Query(max_length=500, description="words to find (all of them)")] = "",
    actor: str | None = None,
    date_from: Annotated[str | None, Query(alias="from", description="YYYY[-MM[-DD]]")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="YYYY[-MM[-DD]]")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict:
    store = _store(request)
    try:
        filters = article_filter(store, q, story, actor, date_from, date_to)
        return store.article_list(filters, *page_window(limit, offset)).as_dict()
    except BadQuery as exc:
        raise HTTPException(422, str(exc)) from exc


@router.get("/search", summary="Full-text search (SQLite FTS5) with snippets")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    story: str | None = None,
    actor: str | None = None,
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict:
    return list_articles(request, story, q, actor, date_from, date_to, limit, offset)


@router.get("/articles/{article_id}", summary="One article: the article object of the schema")
def get_article(request: Request, article_id: str) -> dict:
    store = _store(request)
    article = store.article_by_id(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    record = article_record(article)
    record["copies"] = [copy["id"] for copy in store.copies_of(article_id)]
    return record


@router.post(
    "/articles",
    status_code=201,
    summary="Add articles (token required): JSON object(s) or multipart files",
    description=(
        "Send `Authorization: Bearer <token>`. The body is either JSON (one object or a list, "
        "with the fields of a .jsonl line: `text` or `html`, and optional `url`, `title`, "
        "`published`, `site`, `author`) or multipart/form-data with `files` (.txt, .html, "
        ".jsonl). The articles go through the whole pipeline and their stories are updated. "
        "Articles already stored are skipped; bad ones are listed in `problems`."
    ),
)
async def post_articles(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> JSONResponse:
    settings = request.app.state.settings
    if settings.token is None:
        raise HTTPException(403, "writes are off: the server has no token configured")
    if not token_matches(bearer(authorization), settings.token):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required")
    documents = await read_posted(request)
    report = await run_in_threadpool(request.app.state.access.ingest, documents, settings.options)
    return JSONResponse(report_record(report), status_code=201 if report.built else 200)


async def read_posted(request: Request) -> list:
    """The documents of a POST body: JSON or multipart files."""
    options = request.app.state.settings.options
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=20)
        files = [
            (item.filename, await item.read())
            for item in form.getlist("files")
            if isinstance(item, UploadFile)
        ]
        if not files:
            raise HTTPException(422, "no 'files' in the form")
        return await run_in_threadpool(documents_from_files, files, options)
    if kind != "application/json":
        raise HTTPException(415, "send application/json or multipart/form-data")
    try:
        payload = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(422, f"the body is not valid JSON: {exc}") from exc
    return documents_from_json(payload)


def report_record(report: Any) -> dict[str, Any]:
    return {
        "built": report.built,
        "unchanged": report.unchanged,
        "stories": report.stories,
        "problems": [{"source": p.source, "reason": p.reason} for p in report.problems],
        "seconds": round(report.seconds, 3),
    }
