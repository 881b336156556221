"""`flashpoint import gdelt|icews|acled|plover FILE`: event files from other datasets into the event store."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from typing import Callable, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..errors import FlashpointError
from ..importers import IMPORTERS, is_unmapped
from ..records import Dropped, Event
from ..settings import DEFAULT_DB
from ..store import Store, open_store

import_app = typer.Typer(help="Import event files from GDELT, ICEWS, ACLED or PLOVER/POLECAT JSON.",
                         no_args_is_help=True)
console = Console()
err = Console(stderr=True)
EXIT_SOME_DROPPED = 1  # the import finished, but some rows were malformed and skipped
# Events per write_imported call (one transaction each): large enough that per-transaction cost vanishes,
# small enough that an interrupted import loses at most a few seconds of work.
IMPORT_BATCH = 5000
SHOWN_DROPS = 5  # reasons printed for malformed rows; the rest are counted
FORMATS = ("table", "json")


@dataclass
class ImportReport:
    """Counts of one import: rows read, events newly stored, already present, malformed and unmapped rows."""

    dataset: str
    path: str
    read: int = 0
    imported: int = 0
    already_present: int = 0
    dropped: int = 0
    skipped: int = 0
    seconds: float = 0.0
    drop_samples: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Return the report as a JSON-ready dict."""
        return asdict(self)


def run_import(dataset: str, path: str, store: Store, *, limit: int | None = None,
               batch_size: int = IMPORT_BATCH) -> ImportReport:
    """Read a dataset's file with its importer and store the events in batches; return the counts."""
    if dataset not in IMPORTERS:
        raise FlashpointError(f"unknown dataset {dataset!r}; use one of {', '.join(IMPORTERS)}")
    report, batch, started = ImportReport(dataset, path), [], time.perf_counter()
    for item in IMPORTERS[dataset](path, limit=limit):
        report.read += 1
        if isinstance(item, Event):
            batch.append(item)
            if len(batch) >= batch_size:
                write_batch(store, batch, report)
        else:
            count_dropped(item, report)
    write_batch(store, batch, report)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def write_batch(store: Store, batch: list[Event], report: ImportReport) -> None:
    """Write a batch of events in one transaction, count new and already-present ones, and empty the batch."""
    if batch:
        written = store.write_imported(batch)
        report.imported += written
        report.already_present += len(batch) - written
        batch.clear()


def count_dropped(item: Dropped, report: ImportReport) -> None:
    """Count an unmapped row as skipped and a malformed row as dropped, keeping the first few reasons."""
    if is_unmapped(item):
        report.skipped += 1
        return
    report.dropped += 1
    if len(report.drop_samples) < SHOWN_DROPS:
        report.drop_samples.append(f"{item.source}: {item.code} {item.detail}")


def render_import(report: ImportReport, fmt: str) -> None:
    """Print the counts as a small table or as JSON."""
    if fmt == "json":
        console.print_json(json.dumps(report.to_dict()))
        return
    table = Table(title=f"import {report.dataset}: {report.path}", show_header=False)
    rate = report.read / report.seconds if report.seconds else 0.0
    for label, value in (("read", report.read), ("imported", report.imported),
                         ("already present", report.already_present), ("dropped (malformed)", report.dropped),
                         ("skipped (no CAMEO/PLOVER mapping)", report.skipped),
                         ("seconds", f"{report.seconds:.1f} ({rate:,.0f} rows/s)")):
        table.add_row(label, str(value))
    console.print(table)
    for sample in report.drop_samples:
        err.print(f"dropped {sample}", highlight=False, markup=False)
    if report.dropped > len(report.drop_samples):
        err.print(f"... and {report.dropped - len(report.drop_samples)} more malformed rows", highlight=False)


def import_command(dataset: str, path: str, db: str, limit: int | None, fmt: str) -> None:
    """Open the store, import one file, print the counts; exit 1 when rows were dropped, 2 on an error."""
    if fmt not in FORMATS:
        fail(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    try:
        store = open_store(db)
        try:
            report = run_import(dataset, path, store, limit=limit)
        finally:
            store.close()
    except FlashpointError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail(f"interrupted: every batch written to {db} is whole; run the same command again to finish", 130)
    render_import(report, fmt)
    if report.dropped:
        raise typer.Exit(EXIT_SOME_DROPPED)


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error and exit with ``code``."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def register(dataset: str, help_text: str) -> Callable:
    """Add the `flashpoint import DATASET FILE` command for one importer."""

    def command(path: str = typer.Argument(..., metavar="FILE", help="the file to import (gz or plain)"),
                db: str = typer.Option(DEFAULT_DB, help="DuckDB file to create or extend"),
                limit: Optional[int] = typer.Option(None, min=1, help="read at most this many rows"),
                format: str = typer.Option("table", "--format", help="table | json")) -> None:
        import_command(dataset, path, db, limit, format)

    command.__doc__ = help_text
    return import_app.command(dataset)(command)


register("gdelt", "Import a GDELT 1.0 or 2.0 event export (58/57 or 61 tab-separated columns, or CSV with header).")
register("icews", "Import an ICEWS event file (Dataverse columns) or an ICEWS TKG events_decoded.tsv file.")
register("acled", "Import your own ACLED CSV export (strategic developments without a mapping are skipped).")
register("plover", "Import PLOVER/POLECAT JSON events (JSON Lines or one JSON array).")
