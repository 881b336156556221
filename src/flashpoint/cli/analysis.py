"""`flashpoint dyads | balance | ladder | alerts`: the analyses over the store's dyad frame, as tables and figures.

Each command reads the store's dyad frame, calls one function of flashpoint.analysis, and renders the DataFrame
as a table, CSV or JSON; ``--plot FILE.png`` also writes the figure. Register them on the main app with
``app.command()(dyads)`` and so on (see cli/main.py).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Optional

import pandas
import typer
from rich.console import Console

from ..analysis import alerts as alert_rules
from ..analysis import plots
from ..analysis.balance import balance as compute_balance
from ..analysis.balance import lean
from ..analysis.dyads import dyad_series, fill_periods, top_pairs
from ..analysis.frames import PERIODS, check_option, split_codes
from ..analysis.ladder import DEFAULT_DETECTOR, DEFAULT_MIN_RUNG, SCALES, detect_escalations, highest_rungs
from ..errors import FlashpointError
from ..settings import DEFAULT_DB
from ..store import EventFilter, open_store
from .render import frame_table

console = Console()
err = Console(stderr=True)
OUTPUT_FORMATS = ("table", "csv", "json")
TABLE_IDS = 3  # report ids shown per alert in a table; csv and json carry them all
DYAD_TABLE_COLUMNS = ("source", "target", "directed", "period", "n", "quad_1", "quad_2", "quad_3", "quad_4",
                      "n_ASSAULT", "goldstein_sum", "goldstein_mean", "dead")

ALERT_TABLE_COLUMNS = ("unit_kind", "unit", "period", "n", "avg_4w", "avg_52w", "change_level", "surge", "threat",
                       "report_ids")

DB_OPTION = typer.Option(DEFAULT_DB, help="DuckDB file to read")
FORMAT_OPTION = typer.Option("table", "--format", help="table | csv | json")
PLOT_OPTION = typer.Option(None, "--plot", help="also write a figure to FILE.png (or .svg, .pdf)")
STATUS_OPTION = typer.Option("asserted", "--status", help="statuses to include, comma-separated")
HISTORICAL_OPTION = typer.Option(False, "--historical", help="include background (historical) mentions")
SINCE_OPTION = typer.Option(None, help="first date, ISO (inclusive)")
UNTIL_OPTION = typer.Option(None, help="last date, ISO (inclusive)")


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error and exit with ``code``."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)  # one line, however long
    raise typer.Exit(code)


def load_dyads(db: str, *, since: str | None = None, until: str | None = None) -> pandas.DataFrame:
    """Return the store's dyad frame (filtered by date in SQL), or exit with a one-line error."""
    return load_frames(db, since=since, until=until)[0]


def read_store(db: str, read: Callable[[Any], Any]) -> Any:
    """Open the store read-only, return ``read(store)`` and close it; exit with a one-line error if there is none."""
    if "://" not in db and not Path(db).exists():
        fail(f"{db}: no such database; run `flashpoint ingest PATH --db {db}` (or `flashpoint demo`) first")
    store = open_store(db, read_only=True)
    try:
        return read(store)
    finally:
        store.close()


def load_frames(db: str, *, since: str | None = None, until: str | None = None,
                places: bool = False) -> tuple[pandas.DataFrame, pandas.DataFrame | None]:
    """Return the store's dyad frame and, if asked, its place frame (date-filtered in SQL), or exit with an error."""
    flt = EventFilter(since=since, until=until)
    return read_store(db, lambda store: (store.dyads(flt), store.places(flt) if places else None))


def load_pair_series(db: str, **options) -> pandas.DataFrame:
    """Return country-level dyad series aggregated inside the store (fast on millions of reports)."""
    check_option(options["period"], PERIODS, "--period")
    return read_store(db, lambda store: store.pair_series(**options))


def load_country_pairs(db: str, country: str, *, since: str | None, until: str | None) -> pandas.DataFrame:
    """Return the country-level dyad rows with ``country`` on either side, read from the store's pair table."""
    return read_store(db, lambda store: store.country_pairs(country, since=since, until=until))


def keep_pairs(table: pandas.DataFrame, pairs: list[tuple[str, ...]] | None) -> pandas.DataFrame:
    """Return the series rows of the given (source, target) pairs, or all rows when pairs is None."""
    if pairs is None:
        return table
    wanted = set(pairs)
    return table.loc[[(s, t) in wanted for s, t in zip(table["source"], table["target"])]].reset_index(drop=True)


def emit(frame: pandas.DataFrame, format: str, title: str, columns: tuple[str, ...] | None = None) -> None:
    """Print a result frame as a rich table, CSV or JSON records."""
    out = frame.copy()
    for column in out.columns:
        if pandas.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    if format == "csv":
        sys.stdout.write(out.to_csv(index=False))
    elif format == "json":
        sys.stdout.write(out.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        console.print(frame_table(out.round(3), columns or tuple(out.columns), title))


def run(action: Callable[[], None], format: str) -> None:
    """Check --format, run a command body, and turn library errors into one-line exits."""
    if format not in OUTPUT_FORMATS:
        fail(f"--format {format!r}: choose one of {', '.join(OUTPUT_FORMATS)}")
    try:
        action()
    except FlashpointError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write: {exc.strerror or exc} ({getattr(exc, 'filename', '')})")


def dyads(db: str = DB_OPTION, period: str = typer.Option("week", help="day | week | month"),
          level: str = typer.Option("country", help="country | sector (country/sector pairs)"),
          undirected: bool = typer.Option(False, "--undirected", help="fold A→B and B→A into one pair"),
          unit: str = typer.Option("reports", help="reports | events"),
          pair: Optional[str] = typer.Option(None, help="only this pair, e.g. USA,IRQ"),
          status: str = STATUS_OPTION, historical: bool = HISTORICAL_OPTION, since: Optional[str] = SINCE_OPTION,
          until: Optional[str] = UNTIL_OPTION, format: str = FORMAT_OPTION, plot: Optional[str] = PLOT_OPTION) -> None:
    """Dyad time series: per pair and period, counts by quad class and PLOVER type, Goldstein, fatalities."""
    def action() -> None:
        """Compute and print the dyad series (and figure)."""
        codes = split_codes(pair)
        if pair and len(codes) != 2:
            fail(f"--pair {pair!r}: give two codes, e.g. --pair USA,IRQ")
        pairs = [tuple(codes)] + ([tuple(reversed(codes))] if undirected else []) if pair else None
        options = dict(period=period, directed=not undirected, statuses=split_status(status),
                       include_historical=historical, since=since, until=until)
        if level.strip().lower() == "country" and unit.strip().lower() == "reports":
            table = keep_pairs(load_pair_series(db, **options), pairs)
        else:
            table = dyad_series(load_dyads(db, since=since, until=until), level=level, unit=unit, pairs=pairs,
                                **options)
        emit(table, format, f"{len(table)} pair-periods", DYAD_TABLE_COLUMNS)
        if plot:
            chosen = top_pairs(table, plots.MAX_LINES)
            shown = table.loc[[(s, t) in chosen for s, t in zip(table["source"], table["target"])]]
            title = f"{' – '.join(codes)}: event reports per {period}" if pair else f"Event reports per {period}"
            plots.save_figure(plots.plot_dyad_series(fill_periods(shown, period), title=title), plot)
    run(action, format)


def balance(focal: str = typer.Argument(..., help="focal actor country code, e.g. IRQ"),
            against: str = typer.Option(..., help="counterparts, comma-separated, e.g. USA,IRN,TUR"),
            db: str = DB_OPTION, period: str = typer.Option("month", help="day | week | month"),
            status: str = STATUS_OPTION, historical: bool = HISTORICAL_OPTION, since: Optional[str] = SINCE_OPTION,
            until: Optional[str] = UNTIL_OPTION, format: str = FORMAT_OPTION,
            plot: Optional[str] = PLOT_OPTION) -> None:
    """A focal actor's cooperation–conflict score with each counterpart per period, with intervals and lean."""
    def action() -> None:
        """Compute and print the balance and lean (and figure)."""
        table = compute_balance(load_country_pairs(db, focal, since=since, until=until), focal, split_codes(against),
                                period=period, statuses=split_status(status), include_historical=historical,
                                since=since, until=until)
        emit(table, format, f"{focal.upper()}: net cooperation share (coop − conflict)/n, 95% bootstrap interval")
        if format == "table":
            emit(lean(table), format, "Which way it leans (highest 'all' score; separated = intervals do not overlap)")
        if plot:
            plots.save_figure(plots.plot_balance(table), plot)
    run(action, format)


def ladder(db: str = DB_OPTION, scale: str = typer.Option("plover", help="plover | cameo"),
           period: str = typer.Option("week", help="day | week | month"),
           detector: str = typer.Option(DEFAULT_DETECTOR, help="cusum | rolling"),
           min_rung: str = typer.Option(DEFAULT_MIN_RUNG, help="count reports at or above this PLOVER rung"),
           escalations: bool = typer.Option(False, "--escalations", help="list detected escalations instead"),
           status: str = STATUS_OPTION, since: Optional[str] = SINCE_OPTION, until: Optional[str] = UNTIL_OPTION,
           format: str = FORMAT_OPTION, plot: Optional[str] = PLOT_OPTION) -> None:
    """Escalation ladder: the highest rung each dyad reaches per period, and detected escalations."""
    def action() -> None:
        """Compute and print rungs or escalations (and figure)."""
        frame = load_dyads(db, since=since, until=until)
        statuses = split_status(status)
        rungs = highest_rungs(frame, scale=scale, period=period, statuses=statuses, since=since, until=until)
        found = detect_escalations(frame, detector=detector, min_rung=min_rung, statuses=statuses, since=since,
                                   until=until)
        if escalations:
            emit(found, format, f"{len(found)} escalations ({detector}, reports at or above {min_rung.upper()})")
        else:
            emit(rungs, format, f"Highest rung per dyad and {period} ({scale} scale)")
        if plot:
            plots.save_figure(plots.plot_ladder(rungs, found, SCALES[scale.lower()]), plot)
    run(action, format)


def alerts(db: str = DB_OPTION, since: Optional[str] = typer.Option(None, help="first alert week, ISO"),
           until: Optional[str] = UNTIL_OPTION,
           measure: str = typer.Option("violence", help="violence (ASSAULT, CAMEO 18-20) | conflict | all"),
           unit: str = typer.Option("country,admin1,dyad", "--unit", help="unit kinds, comma-separated"),
           min_baseline: float = typer.Option(alert_rules.MIN_BASELINE_PER_WEEK, help="events/week a baseline needs"),
           status: str = STATUS_OPTION, format: str = FORMAT_OPTION, plot: Optional[str] = PLOT_OPTION) -> None:
    """ACLED-style surge and threat alerts per country, admin1 and dyad, with the report ids behind each."""
    def action() -> None:
        """Compute and print the alerts (and figure)."""
        kinds = [k.strip().lower() for k in unit.split(",") if k.strip()]
        # Baselines need the weeks before --since, so the whole history up to --until is read.
        frame, places = load_frames(db, until=until, places="admin1" in kinds)
        changes = alert_rules.weekly_changes(frame, units=kinds, measure=measure, statuses=split_status(status),
                                             min_baseline=min_baseline, until=until, places=places)
        flagged = alert_rules.alerts_from(changes, since=since)
        for note in changes.attrs.get("skipped", []):
            err.print(f"skipped {note}", highlight=False)
        shown = flagged if format != "table" else flagged.assign(
            report_ids=[", ".join(ids[:TABLE_IDS]) + (" …" if len(ids) > TABLE_IDS else "") for ids in
                        flagged.get("report_ids", [])])
        emit(shown, format, f"{len(flagged)} alerts ({measure})", ALERT_TABLE_COLUMNS)
        if plot:
            plots.save_figure(plots.plot_alerts(changes, flagged), plot)
    run(action, format)


def split_status(text: str) -> list[str]:
    """Return lower-cased statuses from a comma-separated option."""
    return [part.strip().lower() for part in text.split(",") if part.strip()]
