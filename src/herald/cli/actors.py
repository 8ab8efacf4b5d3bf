"""``herald actors NAME``: what herald knows of an actor and its roles over time."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from herald.cli.base import app


@app.command("actors")
def actors(
    name: Annotated[
        str, typer.Argument(help='A name, alias or phrase: "Lavrov", "the Kremlin", "NATO chief".')
    ],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date for the role (YYYY-MM-DD).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Show the actors a name can mean, with the roles herald knows over time."""
    from datetime import date

    from rich.console import Console
    from rich.table import Table

    from herald.actors import lookup
    from herald.actors.kb import load

    if as_of is not None:
        try:
            as_of = date.fromisoformat(as_of).isoformat()
        except ValueError:
            raise typer.BadParameter(f"not a date (YYYY-MM-DD): {as_of!r}") from None
    found = lookup(name, as_of)
    if not found:
        typer.echo(f"herald knows no actor called {name!r}", err=True)
        raise typer.Exit(1)
    kb = load()
    people = {a.name for a in found if a.kind == "person"}
    if as_json:
        out = {
            "query": name,
            "as_of": as_of,
            "candidates": [a.to_dict() for a in found],
            "roles": {p: _roles(kb, p) for p in sorted(people)},
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    console = Console()
    table = Table(title=f"{name!r}" + (f" as of {as_of}" if as_of else ""))
    for col in ("name", "kind", "country", "sector", "code", "role"):
        table.add_column(col)
    for a in found:
        table.add_row(a.name, a.kind or "", a.country or "", a.sector or "", a.code or "", a.role or "")
    console.print(table)
    for p in sorted(people):
        t = Table(title=f"roles of {p}")
        for col in ("from", "to", "country", "code", "role", "source"):
            t.add_column(col)
        for r in _roles(kb, p):
            t.add_row(
                r["start"] or "",
                r["end"] or "",
                r["country"] or "",
                r["code"] or "",
                r["title"] or "",
                r["source"],
            )
        console.print(t)


def _roles(kb: object, name: str) -> list[dict[str, str | None]]:
    from herald.actors.kb import KB, normalize

    assert isinstance(kb, KB)
    i = kb.by_name.get(normalize(name))
    if i is None:
        return []
    return [
        {
            "start": r.start,
            "end": r.end,
            "country": r.country,
            "code": r.code,
            "title": r.title,
            "office": r.office,
            "source": r.source,
            "curated": "yes" if r.curated else "no",
        }
        for r in kb.entities[i].roles
        if not r.default
    ]
