"""``herald watch`` and ``herald sources``: thin over :mod:`herald.watch`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from herald.cli.base import app
from herald.cli.query import Db, Fmt, Limit, check_format, output

SOURCE_TABLE = [
    "source",
    "kind",
    "last_success",
    "last_fetch",
    "items",
    "stored",
    "pending",
    "failed",
    "disallowed",
    "duplicates",
    "errors",
    "last_error",
]
ITEM_TABLE = ["status", "url", "reason", "http_status", "attempts", "source"]


@app.command()
def watch(
    sources: Annotated[
        list[str], typer.Argument(help="RSS/Atom feed URLs, sitemap or sitemap index URLs, folders.")
    ],
    db: Annotated[
        str, typer.Option("--db", help="DuckDB file to write (the watch's state lives in it too).")
    ] = "herald.duckdb",
    every: Annotated[str, typer.Option("--every", help="Time between round starts: 90s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="One round, then exit (for cron).")] = False,
    rounds: Annotated[
        int | None, typer.Option("--rounds", min=1, help="Stop after this many rounds.")
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Pages fetched at once, over all hosts.")
    ] = 2,
    rate: Annotated[
        float, typer.Option("--rate", min=0.001, help="Requests per second to one host, at most.")
    ] = 1.0,
    per_host: Annotated[
        int, typer.Option("--per-host", min=1, help="Requests in flight to one host, at most.")
    ] = 2,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to connect and between reads.")
    ] = 20.0,
    retries: Annotated[
        int, typer.Option("--retries", min=0, help="Retries after a 429, a 5xx or a network error.")
    ] = 2,
    max_bytes: Annotated[
        int | None,
        typer.Option("--max-bytes", min=1, help="Largest answer read, in bytes (default HERALD_MAX_BYTES)."),
    ] = None,
    max_pages: Annotated[
        int | None, typer.Option("--max-pages", min=1, help="Pages fetched per round, at most.")
    ] = None,
    contact: Annotated[
        str | None, typer.Option("--contact", help="A URL or e-mail address added to the User-Agent.")
    ] = None,
    user_agent: Annotated[
        str | None, typer.Option("--user-agent", help="The whole User-Agent header (keep 'herald' in it).")
    ] = None,
    reference_date: Annotated[
        str | None,
        typer.Option(
            "--reference-date",
            help="Resolve relative dates against this day instead of the item's date or today.",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    """Keep a store up to date: every round, fetch what is new in the sources and code it into --db.

    Polite by default: robots.txt obeyed, at most --rate requests a second and --per-host at once to a
    host, Retry-After honoured. Restartable: a killed watch goes on where it stopped. Ctrl+C (or
    SIGTERM) finishes the pages in hand and exits; a second one interrupts.
    """
    import herald.watch as hw
    from herald.cli.coding import check_date
    from herald.pipeline import warm_up
    from herald.watch.options import default_user_agent

    settings: dict[str, Any] = {
        "rounds": rounds,
        "workers": workers,
        "rate": rate,
        "per_host": per_host,
        "timeout": timeout,
        "retries": retries,
        "max_pages": max_pages,
        "user_agent": user_agent or default_user_agent(contact),
        "reference_date": check_date(reference_date),
    }
    if max_bytes is not None:
        settings["max_bytes"] = max_bytes
    try:
        hw.parse_interval(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None

    def progress(report: hw.RoundReport) -> None:
        if not quiet:
            typer.echo(f"herald watch: {report.line()}", err=True)
            for line in report.source_errors[:5]:
                typer.echo(f"  source error: {line}", err=True)

    def signalled(signum: int) -> None:
        if not quiet:
            typer.echo("herald watch: stopping after the pages in hand (again to interrupt)", err=True)

    from herald.watch.runner import lock

    try:  # before loading the models: a second watch on one store is refused at once
        specs = [hw.Source.parse(s) for s in sources]
        lock(db).close()
    except (ValueError, hw.WatchBusy) as exc:
        typer.echo(f"herald watch: {exc}", err=True)
        raise typer.Exit(2) from None
    warm_up()
    try:
        hw.watch(
            [x.spec for x in specs],
            db=db,
            every=every,
            once=once,
            on_round=progress,
            on_signal=signalled,
            **settings,
        )
    except (ValueError, hw.WatchBusy) as exc:
        typer.echo(f"herald watch: {exc}", err=True)
        raise typer.Exit(2) from None


@app.command()
def sources(
    db: Db = "herald.duckdb",
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="List the URLs with this status instead (pending, stored, failed, disallowed, duplicate).",
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="With --status: only this source's URLs.")
    ] = None,
    limit: Limit = None,
    format: Fmt = "table",
) -> None:
    """What `herald watch` follows: each source's health (last success, items, errors), or its URLs."""
    import duckdb

    import herald.watch as hw
    from herald.store import StoreLocked
    from herald.store.schema import SchemaTooNew
    from herald.watch.state import STATUSES

    check_format(format)
    if status is not None and status not in STATUSES:
        raise typer.BadParameter(f"--status must be one of {', '.join(STATUSES)}")
    try:
        if status is None:
            df = hw.health(db)
            output(df.head(limit) if limit else df, format, SOURCE_TABLE, title="watched sources")
        else:
            output(
                hw.items(db, status=status, source=source, limit=limit),
                format,
                ITEM_TABLE,
                title=f"{status} URLs",
            )
    except (FileNotFoundError, StoreLocked, SchemaTooNew, duckdb.IOException) as exc:
        typer.echo(f"herald: {exc}", err=True)
        raise typer.Exit(2) from None
