"""``herald code``, ``herald run`` and ``herald extract``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from typing import Annotated

import typer

from herald.cli.base import app
from herald.models import Document
from herald.pipeline import RunSummary, warm_up

Paths = Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs.")]
RefDate = Annotated[
    str | None,
    typer.Option("--reference-date", help="Date to resolve relative dates against (YYYY-MM-DD)."),
]


def check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value!r}") from None


def _emit(docs: Iterable[Document], fmt: str, fields: tuple[str, ...] | None = None) -> int:
    """Write documents to stdout; returns how many had status error."""
    errors = 0
    out = sys.stdout
    for doc in docs:
        d = doc.to_dict()
        if fields:
            d = {k: d[k] for k in fields}
        errors += doc.status == "error"
        if doc.status == "error":
            print(f"herald: {doc.id}: {doc.error}", file=sys.stderr)
        if fmt == "json":
            out.write(json.dumps(d, ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
        out.flush()
    return errors


@app.command()
def code(
    paths: Paths,
    format: Annotated[str, typer.Option("--format", help="jsonl (one object per line) or json.")] = "jsonl",
    reference_date: RefDate = None,
) -> None:
    """Code documents without storing them: one JSON object per document, in input order."""
    import herald

    if format not in ("jsonl", "json"):
        raise typer.BadParameter("--format must be jsonl or json")
    warm_up()
    _emit(herald.code(paths, reference_date=check_date(reference_date)), format)


@app.command()
def extract(
    paths: Paths,
    format: Annotated[str, typer.Option("--format")] = "jsonl",
    reference_date: RefDate = None,
) -> None:
    """Extraction only: clean text, title, page dates and language."""
    import herald

    fields = (
        "schema",
        "id",
        "source",
        "url",
        "status",
        "error",
        "title",
        "text",
        "language",
        "content_hash",
        "dates",
        "boilerplate",
    )
    _emit(herald.extract_pages(paths, reference_date=check_date(reference_date)), format, fields)


@app.command()
def run(
    paths: Paths,
    db: Annotated[str, typer.Option("--db", help="DuckDB file to write.")] = "herald.duckdb",
    reference_date: RefDate = None,
    engine: Annotated[str, typer.Option("--engine", help="local or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address.")] = None,
    workers: Annotated[int, typer.Option("--workers", help="Dask local workers.")] = 2,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """The main job: code every input and store it in a DuckDB file (resumable, idempotent)."""
    from rich.console import Console

    import herald
    from herald.cli.report import print_run_summary

    console = Console(stderr=True)
    ref = check_date(reference_date)
    if engine not in ("local", "dask"):
        raise typer.BadParameter("--engine must be local or dask")

    def go(on_document: Callable[[Document], None] | None = None) -> RunSummary:
        if engine == "dask":
            from herald.scale import run_dask

            return run_dask(
                paths,
                db=db,
                reference_date=ref,
                scheduler=scheduler,
                workers=workers,
                on_document=on_document,
            )
        warm_up()
        return herald.run(paths, db=db, reference_date=ref, on_document=on_document)

    if quiet or not console.is_terminal:
        summary = go()
    else:
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed} documents"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task(f"coding ({engine})", total=None)
            summary = go(lambda d: bar.advance(task))
    if not quiet:
        print_run_summary(summary, Console())
