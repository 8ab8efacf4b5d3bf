"""Store queries: ``herald events|quotes|dyads|stories|documents|show|sql|export``.

Each command is one call into :class:`herald.store.Store` (the library does the work; this module only
parses options and prints). Output: ``--format table`` (rich, for people), ``csv``, ``json`` or ``jsonl``
(for programs; every column).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from herald.cli.base import app
from herald.events import display_threshold

if TYPE_CHECKING:
    import pandas as pd

    from herald.models import Document, Place

# Each option shared by several commands is defined once here, so that its name and help read the same
# in every command (``herald events --help`` and ``herald export --help`` describe --source alike).
Db = Annotated[str, typer.Option("--db", help="The herald DuckDB file.")]
Fmt = Annotated[str, typer.Option("--format", help="table, csv, json or jsonl.")]
Limit = Annotated[int | None, typer.Option("--limit", help="At most this many rows.")]
Source = Annotated[str | None, typer.Option("--source", help="Source actor: code (RUS) or name (Lavrov).")]
Target = Annotated[str | None, typer.Option("--target", help="Target actor: code (NATO) or name.")]
EventType = Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. ACCUSE.")]
Since = Annotated[str | None, typer.Option("--since", help="From this date (YYYY-MM-DD), inclusive.")]
Until = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD), inclusive.")]
Country = Annotated[
    str | None, typer.Option("--country", help="Where the event happened: ISO alpha-3 code (PRT).")
]
AllCopies = Annotated[
    bool, typer.Option("--all-copies", help="One row per document copy, not per story event.")
]
OUTPUTS = ("table", "csv", "json", "jsonl")

EVENT_TABLE = [
    "date",
    "type",
    "source_name",
    "target_name",
    "num_documents",
    "num_sources",
    "goldstein",
    "sentence",
    "doc_id",
]


def _open(db: str) -> Any:
    import duckdb

    import herald
    from herald.store import StoreLocked
    from herald.store.schema import SchemaTooNew

    try:
        return herald.open(db)
    except (FileNotFoundError, StoreLocked, SchemaTooNew, duckdb.IOException) as exc:  # not DuckDB, too
        typer.echo(f"herald: {exc}", err=True)
        raise typer.Exit(2) from None


def check_format(fmt: str) -> None:
    if fmt not in OUTPUTS:
        raise typer.BadParameter(f"--format must be one of {', '.join(OUTPUTS)}")


def _plain(v: Any) -> Any:
    """JSON-friendly scalars: dates as ISO strings, NaN/NaT as null, numpy values as Python values."""
    import math

    import pandas as pd

    if v is None or v is pd.NaT or v is pd.NA:  # NaT has an isoformat() too: "NaT" is no date
        return None
    if hasattr(v, "tolist") and not isinstance(v, str):
        v = v.tolist()
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "isoformat"):
        try:
            return v.date().isoformat() if v.hour == v.minute == v.second == 0 else v.isoformat()
        except AttributeError:
            return v.isoformat()
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def output(
    df: pd.DataFrame, fmt: str, table_columns: list[str] | None = None, title: str | None = None
) -> None:
    """Print a result: a rich table (selected columns, long text shortened) or every column as data."""
    records = [{k: _plain(v) for k, v in r.items()} for r in df.to_dict(orient="records")]
    if fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        cols = [c for c in (table_columns or list(df.columns)) if c in df.columns]
        table = Table(title=title, show_lines=False)
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in records:
            table.add_row(*(_cell(r.get(c)) for c in cols))
        Console().print(table)
        if not records:
            typer.echo("(no rows)", err=True)


def _cell(v: Any, width: int = 90) -> str:
    if v is None:
        return ""
    s = ", ".join(str(x) for x in v) if isinstance(v, list) else str(v)
    return s if len(s) <= width else s[: width - 1] + "…"


@app.command()
def events(
    db: Db = "herald.duckdb",
    source: Source = None,
    target: Target = None,
    type: EventType = None,
    since: Since = None,
    until: Until = None,
    country: Country = None,
    all_copies: AllCopies = False,
    limit: Limit = None,
    format: Fmt = "table",
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Leave out events below this confidence "
            "(default: the coder's display threshold; 0 shows all).",
        ),
    ] = None,
) -> None:
    """Coded events, one row per story event (copies of a story counted once), with their evidence."""
    check_format(format)
    floor = display_threshold() if min_confidence is None else min_confidence
    with _open(db) as store:
        try:
            df = store.events(
                source=source,
                target=target,
                type=type,
                since=since,
                until=until,
                country=country,
                limit=limit,
                merged=not all_copies,
                min_confidence=floor,
            )
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    output(df, format, EVENT_TABLE, title="events")


@app.command()
def quotes(
    db: Db = "herald.duckdb",
    speaker: Annotated[str | None, typer.Option("--speaker", help="Speaker name or code.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="direct, indirect or mixed.")] = None,
    limit: Limit = None,
    format: Fmt = "table",
) -> None:
    """Quotes with their speakers (a quote repeated by copies of one story appears once)."""
    check_format(format)
    with _open(db) as store:
        df = store.quotes(speaker=speaker, kind=kind, limit=limit)
    output(df, format, ["date", "speaker", "kind", "text", "num_documents", "doc_id"], title="quotes")


@app.command()
def dyads(
    db: Db = "herald.duckdb",
    source: Source = None,
    target: Target = None,
    by: Annotated[str, typer.Option("--by", help="day, week, month, quarter or year.")] = "month",
    since: Since = None,
    until: Until = None,
    type: EventType = None,
    limit: Limit = None,
    format: Fmt = "table",
) -> None:
    """Pairs of actors over time: events per period and their mean Goldstein score."""
    check_format(format)
    with _open(db) as store:
        try:
            df = store.dyads(
                source=source, target=target, by=by, since=since, until=until, type=type, limit=limit
            )
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    output(df, format, title="dyads")


@app.command()
def stories(
    db: Db = "herald.duckdb",
    all_stories: Annotated[bool, typer.Option("--all", help="Also stories told by one document.")] = False,
    limit: Limit = None,
    format: Fmt = "table",
) -> None:
    """Stories and their copies: documents that carry the same story (syndicated, republished)."""
    check_format(format)
    with _open(db) as store:
        df = store.stories(min_documents=1 if all_stories else 2, limit=limit)
    output(
        df,
        format,
        ["story_id", "num_documents", "num_sources", "first_seen", "title", "documents"],
        title="stories",
    )


@app.command()
def documents(
    db: Db = "herald.duckdb",
    status: Annotated[str | None, typer.Option("--status", help="ok, skipped or error.")] = None,
    limit: Limit = None,
    format: Fmt = "table",
) -> None:
    """Stored documents (latest versions) with their story-level PLOVER type, e.g. ``--status error``
    lists bad inputs with their reasons."""
    check_format(format)
    with _open(db) as store:
        df = store.documents(status=status, limit=limit)
    output(
        df,
        format,
        ["id", "version", "status", "error", "title", "story_id", "plover_type"],
        title="documents",
    )


@app.command()
def migrate(db: Db = "herald.duckdb") -> None:
    """Bring a store written by an older herald to this version's schema (readers refuse old stores)."""
    import duckdb

    from herald.store import StoreLocked, upgrade
    from herald.store.schema import SchemaTooNew

    try:
        applied = upgrade(db)
    except (FileNotFoundError, StoreLocked, SchemaTooNew, duckdb.IOException) as exc:
        typer.echo(f"herald: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"{db}: applied schema versions {', '.join(map(str, applied))}"
        if applied
        else f"{db}: already current"
    )


@app.command()
def sql(
    query: Annotated[
        str, typer.Argument(help='One read-only query, e.g. "SELECT type, count(*) FROM events GROUP BY 1".')
    ],
    db: Db = "herald.duckdb",
    format: Fmt = "table",
) -> None:
    """Run a read-only SQL query (writes are refused). Tables: see docs/schema.md."""
    import duckdb

    from herald.store import ReadOnlyViolation

    check_format(format)
    with _open(db) as store:
        try:
            df = store.sql(query)
        except ReadOnlyViolation as exc:
            typer.echo(f"herald: refused: {exc}", err=True)
            raise typer.Exit(2) from None
        except duckdb.Error as exc:
            typer.echo(f"herald: {exc}", err=True)
            raise typer.Exit(1) from None
    output(df, format)


@app.command()
def export(
    out: Annotated[str, typer.Option("--out", help="File to write.")],
    db: Db = "herald.duckdb",
    format: Annotated[str, typer.Option("--format", help="csv, parquet, jsonl, gdelt or plover.")] = "csv",
    source: Source = None,
    target: Target = None,
    type: EventType = None,
    since: Since = None,
    until: Until = None,
    country: Country = None,
    all_copies: AllCopies = False,
) -> None:
    """Export events: csv/parquet/jsonl (herald's columns), gdelt (GDELT 1.0 layout), plover (JSONL)."""
    with _open(db) as store:
        try:
            n = store.export(
                out,
                format,
                merged=not all_copies,
                source=source,
                target=target,
                type=type,
                since=since,
                until=until,
                country=country,
            )
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    typer.echo(f"herald: wrote {n} events to {out} ({format})", err=True)


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (as stored) or doc_key.")],
    db: Db = "herald.duckdb",
    format: Annotated[str, typer.Option("--format", help="table (marked-up text) or json.")] = "table",
) -> None:
    """One stored article with its quotes and events marked up in the text."""
    with _open(db) as store:
        doc = store.document(doc_id)
    if doc is None:
        typer.echo(f"herald: no document {doc_id!r} in {db}", err=True)
        raise typer.Exit(1)
    if format in ("json", "jsonl"):
        sys.stdout.write(
            json.dumps(doc.to_dict(), ensure_ascii=False, indent=2 if format == "json" else None) + "\n"
        )
        return
    render(doc)


def _where(place: Place) -> str:
    return f"{place.name} ({place.country})" if place.country else place.name


def render(doc: Document) -> None:
    """Print the article with quotes (cyan), event evidence (underlined) and actor mentions (bold)."""
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = Console()
    head = Text(doc.title or doc.id, style="bold")
    meta = [f"id {doc.id}", f"status {doc.status}"]
    if doc.error:
        meta.append(f"error: {doc.error}")
    for label, value in (
        ("published", doc.dates.published),
        ("updated", doc.dates.updated),
        ("event date", doc.dates.event_date),
        ("story", doc.story_id),
        ("url", doc.url),
    ):
        if value:
            meta.append(f"{label} {value}")
    if doc.plover_type:
        conf = "" if doc.plover_confidence is None else f" ({doc.plover_confidence:.2f})"
        meta.append(f"story type {doc.plover_type}{conf}")
    if doc.dates.stale:
        meta.append("STALE (republished long after the events)")
    if doc.dateline is not None:
        meta.append(f"dateline {_where(doc.dateline)}")
    console.print(head)
    console.print(Text("  ".join(meta), style="dim"))
    body = Text(doc.text)
    n = len(doc.text)
    for m in doc.mentions:
        if 0 <= m.start < m.end <= n:
            body.stylize("bold", m.start, m.end)
    for q in doc.quotes:
        if 0 <= q.start < q.end <= n:
            body.stylize("cyan", q.start, q.end)
    for e in doc.events:
        if 0 <= e.start < e.end <= n:
            body.stylize("underline yellow", e.start, e.end)
    console.print(
        Panel(
            body, title="text: [cyan]quotes[/cyan], [underline yellow]event evidence[/], [bold]actors[/bold]"
        )
    )
    if doc.events:
        t = Table(title="events")
        for c in ("#", "type", "source", "target", "cameo", "goldstein", "where", "rule", "sentence"):
            t.add_column(c, overflow="fold")
        for i, e in enumerate(doc.events, start=1):
            t.add_row(
                str(i),
                e.type + (" (negated)" if e.negated else ""),
                e.source.name if e.source else "",
                e.target.name if e.target else "",
                e.cameo or "",
                "" if e.goldstein is None else str(e.goldstein),
                _where(e.location) if e.location else "",
                e.rule,
                _cell(e.sentence, 120),
            )
        console.print(t)
    if doc.quotes:
        t = Table(title="quotes")
        for c in ("#", "speaker", "kind", "text"):
            t.add_column(c, overflow="fold")
        for i, q in enumerate(doc.quotes, start=1):
            t.add_row(str(i), q.speaker or "", q.kind, _cell(q.text, 120))
        console.print(t)
