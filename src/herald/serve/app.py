"""The FastAPI application: JSON API under ``/api``, three pages, a local API reference at ``/docs``.

Pages are static HTML shells that fetch the JSON API and build the DOM with text nodes: the browser
never parses article text as markup, so escaping cannot be forgotten in one template. What every page
shares (the ``<head>`` links, the header with its navigation and search, the footer) is written once,
in ``static/_*.html``, and put in place of the page's ``<!--#include name-->`` lines when the page is
first served (:func:`page_html`): no build step, no template engine, and the pages work without JS. A strict
Content-Security-Policy (no inline script, no foreign origin) backs that up: even a bug that let
markup through could not run a script or load anything from the network.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from herald.serve.api import router as api_router
from herald.serve.arrivals import router as arrivals_router
from herald.serve.data import Data

STATIC = Path(str(resources.files("herald.serve") / "static"))

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def create_app(
    db: str | Path, allowed_hosts: list[str] | None = None, linger: float | None = None
) -> FastAPI:
    """Build the app over the DuckDB file ``db``, read-only, opened while requests need it (see data.py).

    ``allowed_hosts`` limits the Host header (``herald serve`` passes the loopback names when bound
    to 127.0.0.1, so a web page on another site cannot reach the API through DNS rebinding).
    ``linger`` is how long the file stays open after the last request (``data.LINGER`` by default;
    0 opens it for every request). Raises :class:`FileNotFoundError` with a clear message when the
    database does not exist.
    """
    data = Data.open(db, linger=linger)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        data.close()

    app = FastAPI(
        title="herald",
        summary="Political event data with the sentence that proves it.",
        description="Read-only JSON API over a herald store. Every list is paged with `limit` and "
        "`offset` and answers `{total, limit, offset, items}`.",
        version=_version(),
        docs_url=None,  # the stock pages load Swagger/ReDoc from a CDN: /docs is served locally
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.data = data
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.middleware("http")(_security_headers)
    app.include_router(api_router)
    app.include_router(arrivals_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_pages(app)
    return app


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


INCLUDE = re.compile(r"^<!--#include ([a-z]+)-->$", re.MULTILINE)


@lru_cache(maxsize=16)
def page_html(name: str) -> str:
    """A page with its shared parts in place: ``<!--#include header-->`` on a line of its own becomes
    ``static/_header.html``. Read once per process (the files ship inside the package)."""

    def part(m: re.Match[str]) -> str:
        return (STATIC / f"_{m.group(1)}.html").read_text(encoding="utf-8").rstrip("\n")

    return INCLUDE.sub(part, (STATIC / name).read_text(encoding="utf-8"))


def _page(name: str) -> Callable[..., HTMLResponse]:
    def serve() -> HTMLResponse:
        return HTMLResponse(page_html(name), media_type="text/html; charset=utf-8")

    return serve


def _add_pages(app: FastAPI) -> None:
    """The HTML routes; the JavaScript reads its parameters back from ``location.pathname``."""
    app.get("/", include_in_schema=False)(_page("index.html"))
    app.get("/dyads/{a}/{b}", include_in_schema=False)(_page("dyad.html"))
    app.get("/documents/{doc_id:path}", include_in_schema=False)(_page("document.html"))
    app.get("/docs", include_in_schema=False)(_page("docs.html"))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("herald")
    except Exception:  # running from a source tree without metadata
        return "0"
