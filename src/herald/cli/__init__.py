"""The ``herald`` command: a thin layer over the Python API (each command is one library call)."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="herald: political event data from raw news, with the sentence that proves it.",
    no_args_is_help=True,
    add_completion=False,
)


def register() -> None:
    """Add every command to ``app`` (each module adds its own; importing them here keeps the wiring
    in one place). Tests call it before they drive ``app``."""
    from herald.cli import actors, coding, query, serving, watching  # noqa: F401


_register = register  # the older name, still used by bench/stage_profile.py


def main() -> None:
    register()
    app()
