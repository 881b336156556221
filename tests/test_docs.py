"""Docs cannot drift: every CLI command, setting, event field and drop code is documented."""

from pathlib import Path

import typer.main

from flashpoint.cli.main import app
from flashpoint.errors import DROP_REASONS
from flashpoint.records import EVENT_FIELDS
from flashpoint.settings import settings_table

DOCS = Path(__file__).resolve().parents[1] / "docs"


def command_paths(group, prefix: str = "flashpoint") -> list[str]:
    """Return 'flashpoint name' for every command, recursing into sub-command groups."""
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        paths.extend(command_paths(command, path) if hasattr(command, "commands") else [path])
    return paths


def test_every_cli_command_is_documented() -> None:
    text = (DOCS / "cli.md").read_text("utf-8")
    paths = command_paths(typer.main.get_command(app))
    assert len(paths) >= 7
    assert [p for p in paths if f"`{p}" not in text] == []


def test_every_setting_is_documented() -> None:
    text = (DOCS / "settings.md").read_text("utf-8")
    assert [name for name, *_ in settings_table() if f"| `{name}` |" not in text] == []


def test_every_event_field_is_documented() -> None:
    text = (DOCS / "event_schema.md").read_text("utf-8")
    assert [f for f in EVENT_FIELDS if f"| `{f}` |" not in text] == []


def test_every_drop_code_is_documented() -> None:
    text = (DOCS / "drop_codes.md").read_text("utf-8")
    assert [code for code in DROP_REASONS if f"| {code} |" not in text] == []
