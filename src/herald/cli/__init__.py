"""The ``herald`` command: a thin layer over the Python API (each command is one library call)."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="herald: political event data from raw news, with the sentence that proves it.",
    no_args_is_help=True,
    add_completion=False,
)


def _register() -> None:
    # each module adds its commands to `app`; importing them here keeps the wiring in one place
    from herald.cli import actors, coding, query, serving, watching  # noqa: F401


def main() -> None:
    _register()
    app()
