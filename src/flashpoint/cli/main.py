"""`flashpoint` commands: demo, ingest, events, articles, show, evaluate."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Optional

import pandas
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import FlashpointError
from ..nlp import model_label
from ..clustering.summary import FRAME_COLUMNS, flatten_event
from ..pipeline import RunReport, query_events
from ..pipeline import ingest as run_ingest
from ..settings import DEFAULT_DB, DEFAULT_MODEL, Settings
from ..sources.files import iter_input_files, store_files
from ..store import EventFilter, open_store
from .demo import demo_inputs
from .geojson import render_geojson
from .render import TABLE_COLUMNS, frame_table, render_evidence, render_report
from .stories import render_members

app = typer.Typer(help="flashpoint: news in, political event data (PLOVER v2 + CAMEO) out.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
console = Console()
err = Console(stderr=True)
DEMO_DB = "flashpoint-demo.duckdb"
EXIT_SOME_DROPPED = 1  # the run finished, but some inputs were dropped (bad input is not a crash)
EXIT_INTERRUPTED = 130  # Ctrl-C / SIGINT, as shells report it

FORMATS = ("table", "csv", "jsonl", "parquet", "geojson")
RECORD_FORMATS = ("jsonl", "geojson")  # written from full event records rather than the flat table
UNITS = ("events", "reports")
EVENT_TABLE_COLUMNS = ("event_id", "date", "event", "status", "actor", "recipient", "location", "dead", "num_reports")
SHORT_ID = 10  # characters of an event id shown in tables; `flashpoint show` accepts any prefix of 6 or more


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error and exit with ``code``."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)  # one line, however long
    raise typer.Exit(code)


def ingest_with_progress(paths: list[str], settings: Settings) -> RunReport:
    """Run an ingest with a rich progress bar, print the report and store summary, and return the report."""
    model_label(settings.model)  # a missing model fails here, before any database file is created
    total = sum(1 for _ in iter_input_files(paths, exclude=store_files(settings.db)))
    columns = (TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.description}"))
    store = open_store(settings.db)
    try:
        with Progress(*columns, console=console, transient=False) as progress:
            task = progress.add_task("", total=total)
            advance = file_advancer(progress, task)
            report = run_ingest(paths, store=store, settings=settings, on_item=advance)
        render_report(console, report.to_dict(), store.summary())
        return report
    except RuntimeError as exc:
        if "interrupted" not in str(exc).lower():  # DuckDB reports Ctrl-C inside a query this way
            raise
        fail(f"interrupted: everything written to {settings.db} is whole; run the same command again to finish",
             code=EXIT_INTERRUPTED)
    except KeyboardInterrupt:
        fail(f"interrupted: everything written to {settings.db} is whole; run the same command again to finish",
             code=EXIT_INTERRUPTED)
    finally:
        store.close()


def file_advancer(progress: Progress, task) -> Callable[[str], None]:
    """Return a callback that advances the bar once per input file (not per record inside a file)."""
    seen: set[str] = set()

    def advance(locator: str) -> None:
        path = locator.split("#", 1)[0]
        if path not in seen:
            seen.add(path)
            progress.update(task, advance=1, description=Path(path).name)

    return advance


def exit_for(report: RunReport) -> None:
    """Exit 1 (after a complete run) when some inputs were dropped, so scripts can tell; 0 otherwise."""
    if report.dropped:
        err.print(f"{report.dropped} input(s) dropped; see the reasons above or `flashpoint articles`",
                  highlight=False)
        raise typer.Exit(EXIT_SOME_DROPPED)


@app.command()
def demo(db: str = typer.Option(DEMO_DB, help="DuckDB file to create or extend"),
         model: str = typer.Option(DEFAULT_MODEL, help="installed spaCy pipeline")) -> None:
    """Ingest the bundled demo corpus (2020 US–Iraq–Iran–Turkey) and print a summary."""
    corpus = resources.files("flashpoint") / "demo_corpus"
    with resources.as_file(corpus) as path:
        try:
            ingest_with_progress(demo_inputs(path), Settings(db=db, model=model))
        except FlashpointError as exc:
            fail(str(exc))
    console.print(f"Next: flashpoint events --db {db} --type ASSAULT   |   flashpoint show EVENT_ID --db {db}")


SITE_HOME_HELP = "place ambiguous names near where the site's stored articles usually place events"


@app.command()
def ingest(paths: list[str] = typer.Argument(..., help="files, folders (recursively) or URLs"),
           db: str = typer.Option(DEFAULT_DB, help="DuckDB file to create or extend"),
           model: str = typer.Option(DEFAULT_MODEL, help="installed spaCy pipeline"),
           actors: Optional[str] = typer.Option(None, help="YAML file of extra or corrected actors"),
           workers: int = typer.Option(1, min=1, help="local processes that parse and code in parallel"),
           fetch_links: bool = typer.Option(True, help="fetch the page behind feed items that carry only a teaser"),
           http_timeout: float = typer.Option(15.0, help="seconds to wait for a URL before dropping it (D108)"),
           max_input_bytes: int = typer.Option(Settings.max_input_bytes, help="inputs larger than this are dropped (D103)"),
           min_article_chars: int = typer.Option(Settings.min_article_chars, help="shorter bodies are dropped (D102)"),
           max_article_chars: int = typer.Option(Settings.max_article_chars, help="longer bodies are dropped (D109)"),
           site_home: bool = typer.Option(True, help=SITE_HOME_HELP),
           ) -> None:
    """Ingest files, folders and URLs into the event store; exit 1 if any input was dropped."""
    settings = Settings(db=db, model=model, actors_override=actors, workers=workers, fetch_links=fetch_links,
                        http_timeout=http_timeout, max_input_bytes=max_input_bytes,
                        min_article_chars=min_article_chars, max_article_chars=max_article_chars, site_home=site_home)
    try:
        report = ingest_with_progress(paths, settings)
    except FlashpointError as exc:
        fail(str(exc))
    exit_for(report)


@app.command()
def recode(db: str = typer.Option(DEFAULT_DB, help="DuckDB file whose articles are coded again"),
           model: str = typer.Option(DEFAULT_MODEL, help="installed spaCy pipeline"),
           actors: Optional[str] = typer.Option(None, help="YAML file of extra or corrected actors"),
           site_home: bool = typer.Option(True, help=SITE_HOME_HELP),
           ) -> None:
    """Code every stored article again with the current coder, dictionaries and actor file; replace what changed."""
    from ..pipeline import recode as run_recode

    settings = Settings(db=db, model=model, actors_override=actors, site_home=site_home)
    model_label(settings.model)  # a missing model fails here, before anything is read
    store = open_existing_store(db, read_only=False)
    try:
        report = run_recode(store=store, settings=settings)
    except FlashpointError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail(f"interrupted: every article in {db} holds whole reports (old or new); run recode again to finish",
             code=EXIT_INTERRUPTED)
    finally:
        store.close()
    console.print(f"[bold]Recoded[/] {report.articles} articles: {report.kept} reports unchanged, {report.changed} "
                  f"changed, {report.added} new, {report.removed} gone; {report.reports_joined} reports joined "
                  f"events already seen, {report.events_merged} events merged")
    for failure in report.failures:
        err.print(f"kept the old reports of {failure}", highlight=False)


@app.command()
def events(db: str = typer.Option(DEFAULT_DB, help="DuckDB file to read"),
           actor: Optional[str] = typer.Option(None, help="actor country code (e.g. IRQ) or name"),
           recipient: Optional[str] = typer.Option(None, help="recipient country code or name"),
           type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type, e.g. ASSAULT"),
           status: Optional[str] = typer.Option(None, help="asserted | negated | future | hypothetical"),
           since: Optional[str] = typer.Option(None, help="first date, ISO (inclusive)"),
           until: Optional[str] = typer.Option(None, help="last date, ISO (inclusive)"),
           article: Optional[str] = typer.Option(None, help="article id or prefix"),
           limit: Optional[int] = typer.Option(None, help="at most this many events"),
           format: str = typer.Option("table", "--format", help="table | csv | jsonl | parquet | geojson"),
           output: Optional[str] = typer.Option(None, "--output", "-o", help="write to this file (parquet needs it)"),
           unit: str = typer.Option("events", "--unit", help="events (one row per real-world event, its reports "
                                                             "merged) | reports (one row per coded report)"),
           ) -> None:
    """List events with filters (one per real-world event, or per report), as a table, CSV, JSON Lines or Parquet."""
    if format not in FORMATS:
        fail(f"--format {format!r}: choose one of {', '.join(FORMATS)}")
    if unit not in UNITS:
        fail(f"--unit {unit!r}: choose events or reports")
    if format == "table" and output:
        fail("--output needs --format csv, jsonl, parquet or geojson (a table is only printed)")
    flt = EventFilter(actor=actor, recipient=recipient, type=type, status=status, since=since, until=until,
                      article=article, limit=limit)
    store = open_existing_store(db)
    try:
        if unit == "events":
            write_event_units(store, flt, format, output)
        else:
            write_events(store, flt, format, output)
    except FlashpointError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror or exc})")
    finally:
        store.close()


def write_events(store, flt, format: str, output: str | None) -> None:
    """Write the filtered events in the chosen format to ``output`` or stdout."""
    if format in RECORD_FORMATS:
        write_records(store.event_records(flt), format, output)
        return
    frame = store.events(flt)
    write_frame(frame, format, output, lambda: frame_table(frame, TABLE_COLUMNS, f"{len(frame)} events"))


def write_event_units(store, flt, format: str, output: str | None) -> None:
    """Write one record per real-world event (its reports merged) in the chosen format."""
    records = query_events(store, flt, unit="events")
    if format in RECORD_FORMATS:
        write_records(records, format, output)
        return
    frame = pandas.DataFrame([flatten_event(r) for r in records], columns=list(FRAME_COLUMNS))
    write_frame(frame, format, output,
                lambda: frame_table(table_view(frame), EVENT_TABLE_COLUMNS, f"{len(frame)} events"))


def write_frame(frame: pandas.DataFrame, format: str, output: str | None, make_table: Callable[[], Any]) -> None:
    """Print ``make_table()`` (format table), or write the frame as CSV (to a file or stdout) or Parquet (a file)."""
    if format == "table":
        console.print(make_table())
    elif format == "csv":
        write_text(frame.to_csv(index=False), output)
    elif output is None:
        fail("--format parquet needs --output FILE.parquet")
    else:
        frame.to_parquet(output, index=False)
        err.print(f"wrote {len(frame)} events to {output}")


def table_view(frame: pandas.DataFrame) -> pandas.DataFrame:
    """Return the event-unit frame as the table shows it: short ids, and disagreeing reports flagged in status."""
    view = frame.copy()
    view["event_id"] = view["event_id"].str.slice(0, SHORT_ID)
    conflict = view["status_conflict"].fillna(False).astype(bool)
    view.loc[conflict, "status"] = view.loc[conflict, "status"] + " (disputed)"
    view["dead"] = pandas.to_numeric(view["dead"], errors="coerce").astype("Int64")  # 3, not 3.0
    return view


def write_records(records: list[dict], format: str, output: str | None) -> None:
    """Write event records as JSON Lines, or as GeoJSON points (events placed at precision 1 or 2 only)."""
    if format == "geojson":
        write_text(render_geojson(records), output)
        return
    write_text("".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records), output)


def write_text(text: str, output: str | None) -> None:
    """Write text to a file, or to stdout when no file is given."""
    if output is None:
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")


def open_existing_store(db: str, *, read_only: bool = True):
    """Open a store that must already exist, or exit with a one-line error."""
    if "://" not in db and not Path(db).exists():
        fail(f"{db}: no such database; run `flashpoint ingest PATH --db {db}` (or `flashpoint demo`) first")
    try:
        return open_store(db, read_only=read_only)
    except FlashpointError as exc:
        fail(str(exc))


@app.command()
def articles(db: str = typer.Option(DEFAULT_DB, help="DuckDB file to read"),
             format: str = typer.Option("table", "--format", help="table | jsonl"),
             dropped: bool = typer.Option(True, help="include dropped inputs with their reasons")) -> None:
    """List stored articles with metadata, and dropped inputs with their drop reasons."""
    if format not in ("table", "jsonl"):
        fail(f"--format {format!r}: choose table or jsonl")
    store = open_existing_store(db)
    try:
        frame = store.articles(include_dropped=dropped)
    finally:
        store.close()
    if format == "jsonl":
        # The flat frame joins tags into one cell for tables; JSON consumers get a list back.
        frame["tags"] = [[t for t in cell.split(", ") if t] if isinstance(cell, str) else [] for cell in frame["tags"]]
        sys.stdout.write(frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso"))
        return
    columns = ("id", "title", "published", "site", "source", "n_events", "drop_code", "drop_detail")
    console.print(frame_table(frame, columns, f"{len(frame)} articles and dropped inputs"))


@app.command()
def show(event_id: str = typer.Argument(..., help="event id (or a prefix of at least 6 characters)"),
         db: str = typer.Option(DEFAULT_DB, help="DuckDB file to read")) -> None:
    """Print an event's evidence (sentence with trigger, actor and recipient highlighted, its article) and the
    reports merged into its real-world event, with why each joined."""
    store = open_existing_store(db)
    try:
        record = store.event(event_id)
        if record is None:
            fail(f"{event_id}: no such event in {db}")
        article = store.article(record["article_id"]) if record.get("article_id") else None
        reports = store.event_reports(record["id"])
    except FlashpointError as exc:
        fail(str(exc))
    finally:
        store.close()
    render_evidence(console, record, article)
    render_members(console, record["event_id"], reports)


from .evaluate import evaluate_app  # noqa: E402  (sub-command group registered in one visible place)

app.add_typer(evaluate_app, name="evaluate")

from .imports import import_app  # noqa: E402

app.add_typer(import_app, name="import")

from .analysis import alerts, balance, dyads, ladder  # noqa: E402
from .forecast import forecast  # noqa: E402
from .stories import stories  # noqa: E402

for analysis_command in (dyads, balance, ladder, alerts, forecast, stories):
    app.command()(analysis_command)
