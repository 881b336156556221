"""`flashpoint forecast`: next-period ASSAULT / material-conflict counts per country or dyad, and their backtest."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import pandas
import typer
from rich.console import Console
from rich.table import Table

from flashpoint.analysis.backtest import run_backtest, summarise_backtest
from flashpoint.analysis.forecast import build_count_panel, forecast_next, resolve_models
from flashpoint.errors import FlashpointError
from flashpoint.settings import DEFAULT_DB
from flashpoint.store import EventFilter, open_store

FORMATS = ("table", "csv", "json")
PLOT_UNITS = 4  # at most this many units per figure, the busiest first
PLOT_HISTORY = 26  # periods of history drawn before the forecast (more squeezes the forecast markers)
HEADER_INCHES = 1.0  # figure band above the panels for the title and the legend
MODEL_COLOURS = {"nochange": "tab:gray", "nochange_poisson": "tab:olive", "nb": "tab:blue", "learned": "tab:red"}
console = Console()
err = Console(stderr=True)


def exit_with(message: str, code: int = 2) -> None:
    """Print a one-line error and exit with ``code``."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def read_dyads(db: str) -> pandas.DataFrame:
    """Return the store's dyad frame, or exit with a one-line error when the store is missing."""
    if "://" not in db and not Path(db).exists():
        exit_with(f"{db}: no such database; run `flashpoint ingest PATH --db {db}` (or `flashpoint demo`) first")
    store = open_store(db, read_only=True)
    try:
        return store.dyads(EventFilter())
    finally:
        store.close()


def chosen_units(panel: pandas.DataFrame, unit: str | None, pair: str | None) -> list[str]:
    """Return the units asked for by --unit / --pair (every unit when neither is given)."""
    wanted = (unit or pair or "").strip().upper()
    if not wanted:
        return list(panel.index)
    if wanted not in panel.index:
        known = ", ".join(panel.sum(axis=1).sort_values(ascending=False).index[:8])
        raise FlashpointError(f"{wanted}: no {'pair' if pair else 'country'} of that name in the series "
                              f"(busiest: {known})")
    return [wanted]


def render(frame: pandas.DataFrame, format: str, title: str) -> None:
    """Print a frame as a rich table, CSV or JSON records."""
    if format == "csv":
        sys.stdout.write(frame.to_csv(index=False))
    elif format == "json":
        sys.stdout.write(json.dumps(json.loads(frame.to_json(orient="records", date_format="iso")), indent=1) + "\n")
    else:
        table = Table(title=title)
        for column in frame.columns:
            text = frame[column].dtype == object
            table.add_column(str(column), justify="left" if text else "right", no_wrap=text)
        for row in frame.itertuples(index=False):
            table.add_row(*(format_cell(value) for value in row))
        console.print(table)


def format_cell(value) -> str:
    """Return a table cell: dates as ISO days, floats with 3 significant digits."""
    if isinstance(value, pandas.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def plot_forecast(panel: pandas.DataFrame, forecasts: pandas.DataFrame, path: str, title: str) -> None:
    """Draw each unit's recent history and every model's next-period mean with its 80% interval."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    units = panel.sum(axis=1).sort_values(ascending=False).index[:PLOT_UNITS]
    fig, axes = pyplot.subplots(len(units), 1, figsize=(10, 3.0 * len(units) + HEADER_INCHES), squeeze=False, sharex=True)
    for ax, unit in zip(axes[:, 0], units):
        history = panel.loc[unit].iloc[-PLOT_HISTORY:]
        ax.step(history.index, history.to_numpy(), where="mid", color="black", label="observed")
        draw_forecasts(ax, forecasts.loc[forecasts["unit"] == unit], history.index)
        ax.set_ylabel("events per period")
        ax.set_title(unit, loc="left", fontsize=10)
        ax.grid(alpha=0.3)
    finish_figure(fig, axes, path, title)


def finish_figure(fig, axes, path: str, title: str) -> None:
    """Add the title, one legend above the panels (clear of the data) and date ticks, then save and close."""
    from matplotlib import pyplot

    handles, labels = axes[0, 0].get_legend_handles_labels()
    height = fig.get_figheight()
    fig.suptitle(title, y=1 - 0.1 / height, va="top")
    fig.legend(handles, labels, loc="upper center", ncol=3, fontsize=8, bbox_to_anchor=(0.5, 1 - 0.4 / height))
    axes[-1, 0].set_xlabel("period start")
    fig.autofmt_xdate()
    fig.tight_layout(rect=(0, 0, 1, 1 - HEADER_INCHES / height))  # leave the title and legend their own band
    fig.savefig(path, dpi=120)
    pyplot.close(fig)


def draw_forecasts(ax, rows: pandas.DataFrame, dates: pandas.Index) -> None:
    """Draw one marker per model at the forecast period (offset slightly so intervals do not overlap)."""
    step = (dates[-1] - dates[-2]) if len(dates) >= 2 else pandas.Timedelta(days=7)
    if len(rows):
        target = rows["period"].iloc[0]
        ax.axvspan(target - step / 2, target + step / 2, color="tab:orange", alpha=0.12, label="forecast period")
    for i, row in enumerate(rows.itertuples(index=False)):
        when = row.period + step * (i - (len(rows) - 1) / 2) * 0.22
        colour = MODEL_COLOURS.get(row.model, "tab:purple")
        # A vertical bar, not errorbar(): a floored mean can sit above the 90% quantile (0.1 vs 0).
        ax.vlines(when, row.low80, row.high80, color=colour, linewidth=2, alpha=0.6)
        ax.plot([when], [row.mean], "o", color=colour, label=f"{row.model} mean, 80% interval")


def plot_backtest(panel: pandas.DataFrame, forecasts: pandas.DataFrame, path: str, title: str) -> None:
    """Draw each unit's observed counts and every model's one-step backtest means."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    units = panel.sum(axis=1).sort_values(ascending=False).index[:PLOT_UNITS]
    fig, axes = pyplot.subplots(len(units), 1, figsize=(10, 3.0 * len(units) + HEADER_INCHES), squeeze=False, sharex=True)
    for ax, unit in zip(axes[:, 0], units):
        ax.plot(panel.columns, panel.loc[unit].to_numpy(), color="black", label="observed")
        for model, rows in forecasts.loc[forecasts["unit"] == unit].groupby("model", sort=False):
            ax.plot(rows["origin"], rows["mean"], color=MODEL_COLOURS.get(model, "tab:purple"), alpha=0.8,
                    label=f"{model} one-step mean")
        ax.set_ylabel("events per period")
        ax.set_title(unit, loc="left", fontsize=10)
        ax.grid(alpha=0.3)
    finish_figure(fig, axes, path, title)


def forecast(db: str = typer.Option(DEFAULT_DB, help="DuckDB file to read"),
             level: str = typer.Option("country", help="country (events with the country as source or target) "
                                                       "| dyad (directed pair)"),
             unit: Optional[str] = typer.Option(None, help="only this country, e.g. IRQ"),
             pair: Optional[str] = typer.Option(None, help="only this directed pair, e.g. IRQ-USA (needs --level dyad)"),
             type: str = typer.Option("ASSAULT", "--type", help="ASSAULT | quad4 (any material conflict)"),
             period: str = typer.Option("week", help="week | month"),
             model: str = typer.Option("all", help="nochange | nochange_poisson | nb | learned | all"),
             status: str = typer.Option("asserted", help="comma-separated statuses to count"),
             backtest: bool = typer.Option(False, "--backtest", help="print the rolling-origin backtest table"),
             format: str = typer.Option("table", "--format", help="table | csv | json"),
             plot: Optional[str] = typer.Option(None, "--plot", help="write a figure to this PNG file"),
             ) -> None:
    """Forecast next-period event counts per country or dyad (mean, 80% interval), or backtest the models."""
    if format not in FORMATS:
        exit_with(f"--format {format!r}: choose one of {', '.join(FORMATS)}")
    if pair and level != "dyad":
        exit_with("--pair needs --level dyad (or use --unit for a country)")
    try:
        statuses = tuple(s.strip().lower() for s in status.split(",") if s.strip())
        panel = build_count_panel(read_dyads(db), level=level, event_type=type, period=period, statuses=statuses)
        units = chosen_units(panel, unit, pair)
        models = resolve_models(model)
        title = f"{type} per {level} and {period}"
        if backtest:
            run_and_render_backtest(panel, units, models, format, plot, title)
            return
        # Models are fitted on every unit (the learned model pools them); the output keeps the chosen ones.
        forecasts = forecast_next(panel, models=models)
        forecasts = forecasts.loc[forecasts["unit"].isin(units)].reset_index(drop=True)
        render(forecasts, format, f"Next-{period} forecast: {title}")
        if plot:
            plot_forecast(panel.loc[units], forecasts, plot, f"Next-{period} forecast, {title}")
    except FlashpointError as exc:
        exit_with(str(exc))
    except OSError as exc:
        exit_with(f"{plot}: cannot write ({exc.strerror or exc})")


def run_and_render_backtest(panel: pandas.DataFrame, units: list[str], models: list[str], format: str,
                            plot: str | None, title: str) -> None:
    """Backtest the models on every unit, score the chosen ones, print the table and optionally plot."""
    forecasts = run_backtest(panel, models=models)
    forecasts = forecasts.loc[forecasts["unit"].isin(units)]
    table = summarise_backtest(forecasts)
    if format == "table":  # one column per model fits a terminal; one row per model does not
        table = table.set_index("model").T.rename_axis("metric").reset_index()
    render(table, format, f"Rolling-origin backtest, {title} ({len(units)} units, "
                          f"{forecasts['origin'].nunique()} origins)")
    if plot:
        plot_backtest(panel.loc[units], forecasts, plot, f"One-step backtest, {title}")
