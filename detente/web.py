"""The web dashboard and its JSON API: ``create_app(db_path)`` returns a FastAPI application.

Every HTML page is a thin Jinja2 template; its data comes from the ``/api/*`` endpoints, fetched by
plain JavaScript in ``static/`` (no build step). Charts use the ``plotly.min.js`` bundled in the
installed ``plotly`` package, served from the installed file.

This module assembles the app: the pages, the error handlers and the security headers. The JSON
endpoints are in ``web_api``; the limits, the state the requests share and the store each request
opens read-only are in ``web_state``.

Errors become ``{"ok": false, "error": "..."}`` with a status code: 400 for a bad request (a
``DetenteError``), 404, 413 for a text over ``MAX_TEXT`` characters, 422 for invalid parameters,
503 while the database is busy and 504 when coding a text takes longer than the time bound.
"""
from __future__ import annotations

import asyncio
import importlib.util
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http import HTTPStatus
from pathlib import Path
from typing import Any

import jinja2
from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from .errors import DetenteError, StoreError
from .store import Store
from .web_api import api
from .web_state import (BUSY, CODE_TIMEOUT, LOCK_WAIT, MAX_BODY, MAX_INT, MAX_LIMIT, MAX_TEXT, SURROGATE, WRITE_WAIT,
                        NlpLoader, _default_loader, _is_busy, _web, _Web)

__all__ = ["BUSY", "CODE_TIMEOUT", "LOCK_WAIT", "MAX_BODY", "MAX_INT", "MAX_LIMIT", "MAX_TEXT", "NlpLoader",
           "WRITE_WAIT", "create_app", "get", "serve"]

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
_templates = Jinja2Templates(env=jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                                                    autoescape=True))


def create_app(db_path: str | Path, *, allow_ingest: bool = False, nlp_loader: NlpLoader | None = None,
               code_timeout: float = CODE_TIMEOUT, lock_wait: float = LOCK_WAIT) -> FastAPI:
    """The dashboard and JSON API over the database at ``db_path``, opened read-only per request.

    ``allow_ingest`` enables ``POST /api/ingest`` (and creates the database if it is missing);
    ``nlp_loader`` returns ``(nlp, coder)`` for ``POST /api/code``, called once, on first use;
    ``code_timeout`` bounds the seconds coding one posted text may take; a request waits up to
    ``lock_wait`` seconds for a database another process is writing, then answers 503.
    """
    db = Path(db_path)
    if str(db_path) == ":memory:":
        raise DetenteError("the web app opens the database for each request; give it a database file, "
                           "not ':memory:'")
    if not db.exists():
        if not allow_ingest:
            raise StoreError(f"{db}: no such database; run `detente ingest` first (or serve with --allow-ingest)")
        Store(db).close()
    from .actors import ActorDictionary
    from .cameo import CameoTable

    app = FastAPI(title="detente", version="0.1.0", docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Political event data coded from news articles: who did what to whom, when, "
                              "and how sure the text is. Every dashboard page is a view of these endpoints.")
    app.state.web = _Web(db=db, allow_ingest=allow_ingest, loader=nlp_loader or _default_loader,
                         timeout=code_timeout, lock_wait=lock_wait, names=ActorDictionary.load().names,
                         labels={c: e.name for c, e in CameoTable.load().codes.items()})
    app.include_router(api)
    app.include_router(pages)
    app.add_api_route("/vendor/plotly.min.js", _plotly, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.middleware("http")(_guard)
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(DetenteError, _detente_error)  # type: ignore[arg-type]
    return app


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, allow_ingest: bool = False) -> None:
    """Run the dashboard with uvicorn until interrupted (bound to 127.0.0.1 unless told otherwise)."""
    import uvicorn

    uvicorn.run(create_app(db, allow_ingest=allow_ingest), host=host, port=port, log_level="info")


def get(db: str | Path, path: str) -> str:
    """One GET response's body (JSON pretty-printed), without starting a server: ``detente serve --get``."""
    status, body = asyncio.run(_asgi_get(create_app(db), path))
    text = body.decode("utf-8")
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if status >= 400:
        error = data.get("error") if isinstance(data, dict) else HTTPStatus(status).phrase
        raise DetenteError(f"GET {path}: {status} {error}")
    return json.dumps(data, indent=2, ensure_ascii=False) if data is not None else text


async def _asgi_get(app: FastAPI, path: str) -> tuple[int, bytes]:
    """Call the ASGI app once with a GET request, in process."""
    raw_path, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": raw_path, "raw_path": raw_path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"localhost")], "client": ("127.0.0.1", 0), "server": ("localhost", 80)}
    status, chunks = 500, list[bytes]()

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


# -- errors and headers ----------------------------------------------------------------------------

class _JSON(JSONResponse):
    """JSON with lone surrogates replaced by U+FFFD: an error may echo a posted value that holds one."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"))
        return SURROGATE.sub("\ufffd", text).encode("utf-8")


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return _JSON({"ok": False, "error": message, **extra}, status_code=status)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    if request.url.path.startswith("/api/") or exc.status_code in (503, 504):
        return _error(exc.status_code, str(exc.detail))
    message = "No such page." if exc.status_code == 404 else str(exc.detail)
    return _templates.TemplateResponse(request, "error.html", {"page": "error", "title": str(exc.status_code),
                                                               "message": message, "allow_ingest": False},
                                       status_code=exc.status_code)


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    parts = [f"{'.'.join(str(p) for p in e['loc'] if p not in ('query', 'body', 'path'))}: {e['msg']}"
             for e in exc.errors()]
    return _error(422, "; ".join(parts) or "invalid request", detail=json.loads(json.dumps(
        exc.errors(), default=str)))


async def _detente_error(request: Request, exc: DetenteError) -> Response:
    if isinstance(exc, StoreError):
        return _error(503 if _is_busy(exc.__cause__) else 500, BUSY if _is_busy(exc.__cause__) else str(exc))
    return _error(400, str(exc))


async def _guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Refuse oversized bodies before they are read; add the security headers to every response."""
    length = request.headers.get("content-length", "0")
    if request.method == "POST" and (not length.isdigit() or int(length) > MAX_BODY):
        response: Response = _error(413, f"the request body is over {MAX_BODY:,} bytes; "
                                         f"send at most {MAX_TEXT:,} characters of text")
    else:
        response = await call_next(request)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def _plotly() -> FileResponse:
    """plotly.js as installed with the ``plotly`` Python package (no CDN, nothing copied)."""
    spec = importlib.util.find_spec("plotly")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = Path(folder) / "package_data" / "plotly.min.js"
        if path.exists():
            return FileResponse(path, media_type="text/javascript",
                                headers={"Cache-Control": "public, max-age=86400"})
    raise HTTPException(404, "plotly is not installed; pip install 'detente[web]'")


# -- the HTML pages: thin templates; their data comes from the API ---------------------------------

pages = APIRouter(include_in_schema=False)


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    context.setdefault("allow_ingest", _web(request).allow_ingest)
    return _templates.TemplateResponse(request, name, context)


@pages.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    return _page(request, "index.html", page="overview", title="Overview")


@pages.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(request: Request, a: str, b: str) -> HTMLResponse:
    a, b = a.upper(), b.upper()
    return _page(request, "dyad.html", page="dyad", title=f"{a}–{b}", a=a, b=b)


@pages.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request) -> HTMLResponse:
    return _page(request, "documents.html", page="documents", title="Documents")


@pages.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    return _page(request, "document.html", page="document", title=f"Document {doc_id}", doc_id=doc_id)


@pages.get("/actors/{code}", response_class=HTMLResponse)
def actor_page(request: Request, code: str) -> HTMLResponse:
    return _page(request, "actor.html", page="actor", title=code.upper(), code=code.upper())


@pages.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    return _page(request, "search.html", page="search", title="Search events", q=q)


@pages.get("/code", response_class=HTMLResponse)
def code_page(request: Request) -> HTMLResponse:
    return _page(request, "code.html", page="code", title="Code an article")
