"""The Typer application every ``herald`` command is added to (each module of :mod:`herald.cli` adds
its own). Apart from the package's ``__init__`` so that the command modules import it without
importing the package that imports them (no import cycle)."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="herald: political event data from raw news, with the sentence that proves it.",
    no_args_is_help=True,
    add_completion=False,
)
