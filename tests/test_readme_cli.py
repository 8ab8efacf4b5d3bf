"""README's command table against the real CLI: every command listed once, every listed option real."""

from __future__ import annotations

import re
from typing import Any

import typer

from herald.cli import app, register
from tests.conftest import ROOT

ROW = re.compile(r"^\| `herald (?P<name>[a-z-]+)(?P<usage>[^`]*)` \|")
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]*)")


def readme_rows() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The command line", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, str] = {}
    for line in section.splitlines():
        if m := ROW.match(line):
            assert m["name"] not in rows, f"README lists `herald {m['name']}` twice"
            rows[m["name"]] = m["usage"]
    return rows


def cli_commands() -> dict[str, Any]:
    register()
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_readme_lists_every_command_and_no_other() -> None:
    listed, real = set(readme_rows()), set(cli_commands())
    assert listed == real, (
        f"README's command table (section 'The command line') and the CLI differ: "
        f"missing from README {sorted(real - listed)}, not a command {sorted(listed - real)}"
    )


def test_every_option_in_readme_exists() -> None:
    commands = cli_commands()
    for name, usage in readme_rows().items():
        opts = {o for p in commands[name].params for o in p.opts}
        for opt in OPTION.findall(usage):
            assert opt in opts, f"README shows `herald {name} {opt}`, which the CLI does not take"


def test_query_commands_take_db_and_format() -> None:
    """README: 'all query commands take --db and --format table|csv|json|jsonl'."""
    commands = cli_commands()
    for name in ("events", "quotes", "dyads", "stories", "documents", "show", "sql", "sources"):
        opts = {o for p in commands[name].params for o in p.opts}
        assert {"--db", "--format"} <= opts, name
