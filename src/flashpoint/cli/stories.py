"""`flashpoint stories`: near-duplicate articles (copies, cross-posts, edited versions) grouped into stories;
and the rendering of an event's merged reports for `flashpoint show`.

Register on the main app with ``app.command()(stories)`` (see cli/main.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..clustering import summarize_event
from ..errors import FlashpointError
from ..settings import DEFAULT_DB
from ..store import open_store

console = Console()
err = Console(stderr=True)
STORY_FORMATS = ("table", "json")


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error and exit with ``code``."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def load_stories(db: str, *, min_copies: int, limit: int | None) -> list[dict[str, Any]]:
    """Return the store's stories, or exit with a one-line error."""
    if "://" not in db and not Path(db).exists():
        fail(f"{db}: no such database; run `flashpoint ingest PATH --db {db}` (or `flashpoint demo`) first")
    try:
        store = open_store(db, read_only=True)
    except FlashpointError as exc:
        fail(str(exc))
    try:
        return store.stories(min_copies=min_copies, limit=limit)
    except FlashpointError as exc:
        fail(str(exc))
    finally:
        store.close()


def build_story_table(stories: list[dict[str, Any]]) -> Table:
    """Return a rich table with one row per article, grouped by story (first article first)."""
    table = Table(title=f"{len(stories)} stories")
    for column in ("story", "copies", "article", "published", "site / source", "similarity", "title"):
        table.add_column(column, overflow="fold")
    for story in stories:
        for index, member in enumerate(story["members"]):
            first = index == 0
            table.add_row(story["story_id"] if first else "", str(story["n_copies"]) if first else "",
                          member["article_id"], member["published"] or "",
                          member["site"] or member["source"] or "", f"{member['similarity']:.2f}",
                          member["title"] or "", end_section=index == len(story["members"]) - 1)
    return table


def stories(db: str = typer.Option(DEFAULT_DB, help="DuckDB file to read"),
            format: str = typer.Option("table", "--format", help="table | json"),
            min_copies: int = typer.Option(2, min=1, help="list stories with at least this many articles "
                                                          "(1 lists every article's story)"),
            limit: Optional[int] = typer.Option(None, min=1, help="at most this many stories")) -> None:
    """List stories: articles linked as copies of one another, with each copy's site, date and similarity."""
    if format not in STORY_FORMATS:
        fail(f"--format {format!r}: choose table or json")
    found = load_stories(db, min_copies=min_copies, limit=limit)
    if format == "json":
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    console.print(build_story_table(found))


def describe_join(report: dict[str, Any]) -> str:
    """Return why a report is in its event: the report it matched and the fields that matched."""
    if report.get("matched_id") is None:
        how = "first report of the event" if report.get("matched_fields") is not None else "not clustered yet"
    else:
        fields = ", ".join(f"{k}: {v}" for k, v in (report.get("matched_fields") or {}).items())
        how = f"matched {report['matched_id']} ({fields})"
    if report.get("merged_from"):
        how += f"; event {report['merged_from']} merged in when a later report bridged both"
    return how


def render_members(out: Console, event_id: str, reports: list[dict[str, Any]]) -> None:
    """Print the reports merged into one real-world event, with each one's site, date, status and why it joined."""
    summary = summarize_event(event_id, reports) if reports else {}
    conflict = " [bold yellow]status conflict[/]" if summary.get("status_conflict") else ""
    out.print(f"[bold]event {event_id}[/]: {len(reports)} reports from {summary.get('num_sources', 0)} sources, "
              f"statuses {', '.join(summary.get('statuses', []))}{conflict}", highlight=False)
    table = Table(title=f"reports of event {event_id}")
    for column in ("report", "published", "site", "status", "date", "sentence", "why it joined"):
        table.add_column(column, overflow="fold")
    for report in reports:
        table.add_row(report["id"], report.get("published") or "", report.get("site") or report.get("source") or
                      report.get("source_dataset") or "", report["status"],
                      f"{report.get('date') or ''} ({report.get('date_precision')})", report["sentence"][:120],
                      describe_join(report))
    out.print(table)
