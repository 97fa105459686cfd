"""The web application: `create_app(settings)` for `storyline serve` and for tests.

Everything the pages load is served by the app itself: our CSS and script from the package,
plotly.js from the installed `plotly` package, Swagger UI from `swagger-ui-bundle`. Nothing
comes from a CDN, and only named files are served from those packages (no path from the URL
ever reaches the file system).
"""

from __future__ import annotations

import json
import socket
from collections.abc import MutableMapping
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from storyline.options import OPTION_FIELDS, Options
from storyline.store import Store
from storyline.version import __version__
from storyline.web import api, pages
from storyline.web.context import Settings, StoreAccess
from storyline.web.ingest import MAX_UPLOAD_BYTES

# Content Security Policy: scripts only from this server, no inline script, no plugins,
# no framing. Plotly sets inline styles, so styles may be inline.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# Swagger UI starts itself with an inline script.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


def _vendor_files() -> dict[str, tuple[Path, str]]:
    """URL name -> (installed file, media type) of the third-party assets we serve."""
    plotly = Path(str(resources.files("plotly"))) / "package_data" / "plotly.min.js"
    import swagger_ui_bundle

    swagger = Path(swagger_ui_bundle.swagger_ui_path)
    return {
        "plotly.min.js": (plotly, "text/javascript"),
        "swagger-ui-bundle.js": (swagger / "swagger-ui-bundle.js", "text/javascript"),
        "swagger-ui.css": (swagger / "swagger-ui.css", "text/css"),
    }


class Guard:
    """ASGI middleware: security headers on every response, and a cap on request bodies
    (a POST must say its length, and not more than the cap)."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_UPLOAD_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] in {"POST", "PUT", "PATCH"}:
            refusal = self._refusal(dict(scope["headers"]))
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        policy = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", policy.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _refusal(self, headers: dict[bytes, bytes]) -> PlainTextResponse | None:
        length = headers.get(b"content-length")
        if length is None:
            return PlainTextResponse("a Content-Length header is required", status_code=411)
        if not length.isdigit() or int(length) > self.max_body:
            return PlainTextResponse(
                f"the request body is over the {self.max_body:,} byte limit", status_code=413
            )
        return None


def create_app(settings: Settings) -> FastAPI:
    """The app over an existing store (migrated to the current schema on start)."""
    with Store.open(settings.db):
        pass  # creates or migrates the store once, before any request reads it
    app = FastAPI(
        title="Storyline",
        version=__version__,
        description=(
            "The dossier of a news corpus: stories, articles, actors, timeline, figures and "
            "quotes, each fact with the sentence it came from. JSON follows "
            "dossier.schema.json; lists are paged."
        ),
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.access = StoreAccess(settings.db)
    app.router.on_shutdown.append(app.state.access.close)
    vendor = _vendor_files()
    static = Path(str(resources.files("storyline.web"))) / "static"
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor_file(name: str) -> FileResponse:
        if name not in vendor:
            raise HTTPException(404, "not found")
        path, media_type = vendor[name]
        return FileResponse(path, media_type=media_type)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="Storyline API",
            swagger_js_url="/vendor/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    @app.get("/healthz", tags=["health"], summary="Liveness and store counts")
    def healthz(request: Request) -> JSONResponse:
        store = request.app.state.access.store()
        return JSONResponse(
            {"status": "ok", "articles": store.count_articles(), "stories": store.count_stories()}
        )

    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(Guard)
    return app


DB_VARIABLE = "STORYLINE_SERVE_DB"
OPTIONS_VARIABLE = "STORYLINE_SERVE_OPTIONS"


def options_json(options: Options) -> str:
    """The options of `storyline serve`, handed to its worker processes (no secret)."""
    return json.dumps({name: getattr(options, name) for name in OPTION_FIELDS})


def app_from_environment() -> FastAPI:
    """The app for each worker process of `storyline serve --workers N` (uvicorn imports it
    by name): the store from STORYLINE_SERVE_DB, the token from STORYLINE_TOKEN, the
    options from STORYLINE_SERVE_OPTIONS (the summary key from STORYLINE_API_KEY)."""
    import os

    from storyline.web.ingest import configured_token

    options = Options().merged(json.loads(os.environ.get(OPTIONS_VARIABLE) or "{}"))
    key = os.environ.get("STORYLINE_API_KEY")
    options = replace(options, summary_api_key=key) if key else options
    return create_app(
        Settings(db=os.environ[DB_VARIABLE], token=configured_token(), options=options)
    )


class _NoDelayConfig(uvicorn.Config):
    """uvicorn binds the shared socket of `--workers` without marking it TCP (uvicorn issue
    #3149), so asyncio never sets TCP_NODELAY on the connections it accepts and every
    keep-alive request waits ~40 ms for a delayed ACK. The option is set on the listener
    here; Linux hands it down to every accepted connection."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock


def serve_workers(host: str, port: int, workers: int) -> None:
    """Run `workers` server processes on one listening socket (uvicorn's supervisor)."""
    from uvicorn.supervisors import Multiprocess

    config = _NoDelayConfig(
        "storyline.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
    Multiprocess(config, sockets=[config.bind_socket()]).run()
