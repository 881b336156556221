"""Figures for the analyses (matplotlib, Agg backend): labelled axes, date ticks, legends, a title that says what.

Each ``plot_*`` takes the DataFrame its analysis returned and returns a matplotlib Figure; ``save_figure`` writes
it (PNG, SVG or PDF by extension) and closes it.
"""

from __future__ import annotations

import html
import io

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: figures are written to files, never shown

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas  # noqa: E402

from flashpoint.analysis.frames import AnalysisError  # noqa: E402

FIGSIZE = (10, 5.5)
DPI = 120
MAX_LINES = 8  # more lines than this turn a chart into noise; the busiest pairs are drawn
QUAD_LABELS = {"quad_1": "verbal cooperation", "quad_2": "material cooperation",
               "quad_3": "verbal conflict", "quad_4": "material conflict"}
QUAD_COLOURS = {"quad_1": "#7fbf7b", "quad_2": "#1b7837", "quad_3": "#f4a582", "quad_4": "#b2182b"}


def style_dates(ax) -> None:
    """Put concise date ticks on an axis."""
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(True, alpha=0.3)


def pair_label(source: str, target: str, directed: bool) -> str:
    """Return "A → B" for a directed pair and "A – B" for an unordered one."""
    return f"{source} → {target}" if directed else f"{source} – {target}"


def plot_dyad_series(series: pandas.DataFrame, *, title: str = "Dyad event counts") -> plt.Figure:
    """Return stacked quad-class bars per period for one pair, or event-count lines for several pairs."""
    if series.empty:
        raise AnalysisError("nothing to plot: no dyad rows match; widen the dates or statuses")
    fig, ax = plt.subplots(figsize=FIGSIZE)
    pairs = series.groupby(["source", "target", "directed"])["n"].sum().sort_values(ascending=False)
    if len(pairs) == 1:
        plot_quad_bars(ax, series)
    else:
        for source, target, directed in pairs.index[:MAX_LINES]:
            one = series.loc[(series["source"] == source) & (series["target"] == target)
                             & (series["directed"] == directed)].sort_values("period")
            ax.plot(one["period"], one["n"], marker="o", label=pair_label(source, target, directed))
        ax.legend(title=f"pair (top {min(len(pairs), MAX_LINES)} by events)", fontsize="small")
    ax.set_xlabel("period start")
    ax.set_ylabel("event reports")
    ax.set_title(title)
    style_dates(ax)
    fig.tight_layout()
    return fig


def plot_quad_bars(ax, series: pandas.DataFrame) -> None:
    """Draw stacked bars of the four quad classes over periods on ``ax``."""
    ordered = series.sort_values("period")
    width = bar_width(ordered["period"])
    bottom = pandas.Series(0.0, index=ordered.index)
    for column, label in QUAD_LABELS.items():
        ax.bar(ordered["period"], ordered[column], width=width, bottom=bottom, label=label,
               color=QUAD_COLOURS[column], align="edge")
        bottom = bottom + ordered[column]
    ax.legend(title="quad class", fontsize="small")


def bar_width(periods: pandas.Series) -> float:
    """Return a bar width in days: most of the smallest gap between periods (a week if there is one period)."""
    gaps = periods.drop_duplicates().sort_values().diff().dropna()
    return 0.8 * (gaps.min().days if len(gaps) else 7)


def plot_balance(table: pandas.DataFrame, *, direction: str = "all") -> plt.Figure:
    """Return the focal actor's score per counterpart over time with bootstrap interval bars."""
    rows = table.loc[table["direction"] == direction]
    if rows.empty:
        raise AnalysisError("nothing to plot: the focal actor has no events with these counterparts")
    fig, ax = plt.subplots(figsize=FIGSIZE)
    offsets = pandas.to_timedelta([-3, 0, 3, 6, -6, 9, -9, 12][: rows["counterpart"].nunique()], unit="D")
    for offset, (counterpart, one) in zip(offsets, rows.groupby("counterpart", sort=True)):
        one = one.sort_values("period")
        x = one["period"] + offset  # nudge so intervals of different counterparts do not hide each other
        errors = [one["score"] - one["low"], one["high"] - one["score"]]
        # Dotted joins only: a period with no events is missing, not an in-between value.
        ax.errorbar(x, one["score"], yerr=errors, marker="o", capsize=3, linestyle=":", linewidth=1,
                    label=f"{counterpart} (n={one['n'].sum()})")
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.set_ylim(-1.1, 1.1)
    ax.set_xlabel("period start")
    ax.set_ylabel("net cooperation share  (coop − conflict) / n")
    focal = rows["focal"].iloc[0]
    ax.set_title(f"{focal}: balance with each counterpart ({direction} directions), 95% bootstrap intervals")
    ax.legend(title="counterpart (reports)", fontsize="small")
    style_dates(ax)
    fig.tight_layout()
    return fig


def plot_ladder(rungs: pandas.DataFrame, escalations: pandas.DataFrame, rung_names: tuple[str, ...]) -> plt.Figure:
    """Return the highest rung per period for the busiest dyads, with detected escalations marked."""
    if rungs.empty:
        raise AnalysisError("nothing to plot: no dyad reached a rung of the ladder")
    fig, ax = plt.subplots(figsize=FIGSIZE)
    busiest = rungs.groupby(["source", "target", "directed"])["n_at_rung"].sum().nlargest(MAX_LINES).index
    for i, (source, target, directed) in enumerate(busiest):
        one = rungs.loc[(rungs["source"] == source) & (rungs["target"] == target)].sort_values("period")
        # Markers only, nudged per dyad: a period without reports has no rung, so nothing is drawn through it.
        nudge = (i - (len(busiest) - 1) / 2) * 0.06
        ax.plot(one["period"], one["rung_level"] + nudge, marker="o", linestyle="none",
                label=pair_label(source, target, directed))
    if not escalations.empty:
        ax.scatter(escalations["period"], [len(rung_names) + 0.4] * len(escalations), marker="v", color="black",
                   label="detected escalation", zorder=5)
    ax.set_yticks(range(1, len(rung_names) + 1), rung_names)
    ax.set_ylim(0.5, len(rung_names) + 0.8)
    ax.set_xlabel("period start")
    ax.set_ylabel("highest rung reached")
    ax.set_title("Escalation ladder by dyad")
    ax.legend(fontsize="small", loc="lower left")
    style_dates(ax)
    fig.tight_layout()
    return fig


def plot_alerts(changes: pandas.DataFrame, flagged: pandas.DataFrame) -> plt.Figure:
    """Return weekly counts of the units with alerts, their 4-week baseline, and surge/threat markers."""
    if flagged.empty:
        raise AnalysisError("nothing to plot: no surge or threat alerts in this window")
    fig, ax = plt.subplots(figsize=FIGSIZE)
    units = flagged.groupby(["unit_kind", "unit"]).size().nlargest(MAX_LINES // 2).index
    for kind, unit in units:
        one = changes.loc[(changes["unit_kind"] == kind) & (changes["unit"] == unit)].sort_values("period")
        line, = ax.plot(one["period"], one["n"], label=f"{unit} ({kind}) weekly")
        ax.plot(one["period"], one["avg_4w"], linestyle="--", color=line.get_color(), label=f"{unit} 4-week mean")
        for rule, marker in (("surge", "^"), ("threat", "s")):
            hits = one.loc[one[rule]]
            ax.scatter(hits["period"], hits["n"], marker=marker, s=60, color=line.get_color(), edgecolor="black",
                       label=f"{unit} {rule}", zorder=5)
    ax.set_xlabel("week (Monday)")
    ax.set_ylabel("events per week")
    ax.set_title("Alerts: surge (≥100% over 4-week mean) and threat (4-week mean ≥100% over 52-week mean)")
    ax.legend(fontsize="x-small", ncol=2)
    style_dates(ax)
    fig.tight_layout()
    return fig


def save_figure(fig: plt.Figure, path: str) -> str:
    """Write a figure to ``path`` (format from the extension) and close it; return the path."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".svg", ".pdf", ".html"):
        plt.close(fig)
        raise AnalysisError(f"--plot {path!r}: give a .png, .svg, .pdf or .html file name")
    try:
        if suffix == ".html":
            Path(path).write_text(figure_html(fig), encoding="utf-8")
        else:
            fig.savefig(path, dpi=DPI)
    finally:
        plt.close(fig)
    return path


def figure_html(fig: plt.Figure) -> str:
    """Return a standalone HTML page holding the figure as inline SVG (opens in any browser, scales cleanly)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]  # drop the XML prolog and doctype: invalid inside an HTML body
    title = html.escape(fig.axes[0].get_title() if fig.axes else "flashpoint figure")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<style>svg{{max-width:100%;height:auto}}</style></head>\n<body>\n{svg}\n</body></html>\n")
