"""The summary printed after ``herald run`` (and by ``make demo``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from herald.pipeline import RunSummary


def print_run_summary(summary: RunSummary, console: Console) -> None:
    console.print(
        f"[bold]herald run[/bold] -> {summary.db}: {summary.seen} read, {summary.added} added, "
        f"{summary.unchanged} already stored, {summary.errors} errors, {summary.skipped} skipped; "
        f"{summary.quotes} quotes, {summary.events} events"
    )
    for line in summary.error_samples[:10]:
        console.print(f"  [red]error[/red] {line}", highlight=False)
    import herald

    with herald.open(summary.db) as store:
        overview = store.summary()
    table = Table(title="What the store holds", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for k, v in overview.items():
        if isinstance(v, int | float):
            table.add_row(k, str(v))
    console.print(table)
    for name, rows in overview.items():
        if isinstance(rows, list) and rows:
            t = Table(title=name)
            for col in rows[0]:
                t.add_column(str(col))
            for r in rows:
                t.add_row(*(str(x) for x in r.values()))
            console.print(t)
