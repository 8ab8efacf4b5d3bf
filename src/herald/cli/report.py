"""The summary printed after ``herald run`` (and by ``make demo``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from herald.pipeline import RunSummary

# Fixed, read-only queries (no user input): counted once per story, negated events left out.
EVENTS_BY_TYPE = """SELECT type, count(DISTINCT event_key) AS events FROM events
WHERE latest AND NOT negated GROUP BY type ORDER BY events DESC, type"""
TOP_PAIRS = """SELECT coalesce(source_code, source_name) AS source,
coalesce(target_code, target_name) AS target,
count(DISTINCT event_key) AS events, round(avg(goldstein), 2) AS mean_goldstein FROM events
WHERE latest AND NOT negated AND source_code IS NOT NULL AND target_code IS NOT NULL
GROUP BY ALL ORDER BY events DESC, source, target LIMIT 8"""


def print_run_summary(summary: RunSummary, console: Console) -> None:
    console.print(
        f"[bold]herald run[/bold] -> {summary.db}: {summary.seen} read, {summary.added} added, "
        f"{summary.unchanged} already stored, {summary.errors} errors, {summary.skipped} skipped; "
        f"{summary.quotes} quotes, {summary.events} events"
    )
    if summary.warned:
        console.print(f"  {summary.warned} documents with a stage failure in their warnings", highlight=False)
    for line in summary.error_samples[:10]:
        console.print(f"  [red]error[/red] {line}", highlight=False)
    import herald

    with herald.open(summary.db) as store:
        overview = store.summary()
        overview["events by type"] = store.sql(EVENTS_BY_TYPE).to_dict("records")
        overview["top actor pairs"] = store.sql(TOP_PAIRS).to_dict("records")
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
