"""``herald serve``: the web page and HTTP API."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from herald.cli.base import app

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]


def allowed_hosts(host: str) -> list[str] | None:
    """Host headers to accept: only loopback names when bound to loopback (blocks DNS rebinding).

    Bound to another address the server is meant to be reached under names we cannot know, so
    any Host is accepted there.
    """
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    return [*LOOPBACK_NAMES, host] if loopback else None


@app.command()
def serve(
    db: Annotated[
        str, typer.Option("--db", help="The DuckDB file written by `herald run` (opened read-only).")
    ] = "herald.duckdb",
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; the default is reachable from this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Explore a store in the browser: overview, actor pairs over time, articles with their evidence."""
    import uvicorn

    from herald.serve import create_app

    try:
        web = create_app(db, allowed_hosts=allowed_hosts(host))
    except FileNotFoundError as exc:
        typer.echo(f"herald serve: {exc}", err=True)
        raise typer.Exit(2) from None
    except Exception as exc:  # e.g. the file is locked by a running `herald run`, or is not DuckDB
        typer.echo(f"herald serve: cannot open {db}: {exc}", err=True)
        raise typer.Exit(2) from None
    shown = f"[{host}]" if ":" in host else host
    typer.echo(
        f"herald serve: {db} on http://{shown}:{port}/  (API reference: /docs; Ctrl+C stops)", err=True
    )
    uvicorn.run(web, host=host, port=port, log_level="warning")
