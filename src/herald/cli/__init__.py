"""The ``herald`` command: a thin layer over the Python API (each command is one library call)."""

from __future__ import annotations

from herald.cli.base import app as app


def register() -> None:
    """Add every command to ``app`` (each module adds its own; importing them here keeps the wiring
    in one place). Tests call it before they drive ``app``."""
    from herald.cli import actors, coding, query, serving, watching  # noqa: F401


def main() -> None:
    register()
    app()
