"""Dyad time series: per actor pair and period, counts by PLOVER type and quad class, Goldstein, fatalities.

``dyad_series`` works on a pandas frame from ``Store.dyads()``. ``dyad_series_sql`` gives the same weekly/monthly
numbers by running the aggregation inside DuckDB over any SQL relation with the dyad-frame columns; use it when the
frame would be too large to pull into pandas (10 million events: see benchmarks/analysis_scale.py).
"""

from __future__ import annotations

from typing import Any, Iterable

import pandas

from flashpoint.analysis.frames import DEFAULT_STATUSES, PERIODS, check_option, period_range, prepare_frame
from flashpoint.reference.plover import EVENT_TYPES
from flashpoint.store.queries import build_series_sql as series_sql

QUAD_CLASSES: tuple[int, ...] = (1, 2, 3, 4)
NO_TYPE = "NONE"  # column suffix for CAMEO-only reports (01/02 statements and appeals have no PLOVER type)
PAIR_KEYS: tuple[str, ...] = ("source", "target", "directed")
TYPE_COLUMNS: tuple[str, ...] = tuple(f"n_{t}" for t in (*EVENT_TYPES, NO_TYPE))
QUAD_COLUMNS: tuple[str, ...] = tuple(f"quad_{q}" for q in QUAD_CLASSES)
SERIES_COLUMNS: tuple[str, ...] = (
    *PAIR_KEYS, "period", "n", *QUAD_COLUMNS, *TYPE_COLUMNS, "goldstein_sum", "goldstein_mean", "dead", "injured",
)


def count_columns(rows: pandas.DataFrame, column: pandas.Series, names: dict[Any, str]) -> pandas.DataFrame:
    """Return per (pair, period) counts of each value of ``column``, one output column per name in ``names``."""
    keys = [*PAIR_KEYS, "period"]
    wide = pandas.crosstab([rows[k] for k in keys], column)
    wide = wide.reindex(columns=list(names), fill_value=0).rename(columns=names)
    wide.columns.name = None
    return wide


def summarise_rows(rows: pandas.DataFrame) -> pandas.DataFrame:
    """Return the per (pair, period) table of SERIES_COLUMNS for prepared rows (only periods with events)."""
    if rows.empty:
        return pandas.DataFrame(columns=list(SERIES_COLUMNS))
    keys = [*PAIR_KEYS, "period"]
    grouped = rows.groupby(keys, sort=True)
    totals = grouped.agg(n=("report_id", "size"), goldstein_sum=("goldstein", "sum"),
                         goldstein_mean=("goldstein", "mean"), dead=("dead", "sum"), injured=("injured", "sum"))
    quads = count_columns(rows, rows["quad_class"].astype(int), {q: f"quad_{q}" for q in QUAD_CLASSES})
    types = count_columns(rows, rows["event"].astype("string").fillna(NO_TYPE),
                          {t: f"n_{t}" for t in (*EVENT_TYPES, NO_TYPE)})
    table = totals.join(quads).join(types).reset_index()
    return table[list(SERIES_COLUMNS)]


def dyad_series(frame: pandas.DataFrame, *, period: str = "week", level: str = "country", directed: bool = True,
                unit: str = "reports", statuses: Iterable[str] = DEFAULT_STATUSES, include_historical: bool = False,
                since: str | None = None, until: str | None = None,
                pairs: Iterable[tuple[str, str]] | None = None) -> pandas.DataFrame:
    """Return per pair and period: n, quad-class and PLOVER-type counts, Goldstein sum/mean, dead, injured."""
    rows = prepare_frame(frame, period=period, level=level, directed=directed, unit=unit, statuses=statuses,
                         include_historical=include_historical, since=since, until=until)
    if pairs is not None:
        wanted = {tuple(p) for p in pairs}
        rows = rows.loc[[(s, t) in wanted for s, t in zip(rows["source"], rows["target"])]]
    table = summarise_rows(rows)
    table.attrs["left_out"] = rows.attrs.get("left_out", {})
    return table


def fill_periods(series: pandas.DataFrame, period: str) -> pandas.DataFrame:
    """Return the series with a zero row for every pair and every period between its first and last period."""
    if series.empty:
        return series
    grid = period_range(series["period"].min(), series["period"].max(), period)
    pairs = series[list(PAIR_KEYS)].drop_duplicates()
    full = pairs.merge(pandas.DataFrame({"period": grid}), how="cross")
    out = full.merge(series, on=[*PAIR_KEYS, "period"], how="left")
    counts = [c for c in series.columns if c not in (*PAIR_KEYS, "period", "goldstein_mean")]
    out[counts] = out[counts].fillna(0)
    return out


def top_pairs(series: pandas.DataFrame, n: int) -> list[tuple[str, str]]:
    """Return the ``n`` pairs with the most rows in a series table, most first."""
    totals = series.groupby(["source", "target"])["n"].sum().sort_values(ascending=False, kind="stable")
    return [tuple(pair) for pair in totals.index[:n]]


def build_series_sql(relation_sql: str, period: str, statuses: Iterable[str], deduplicated: bool = False,
                     with_types: bool = True) -> str:
    """Return DuckDB SQL aggregating a dyad relation to country-level pair series (same rules as dyad_series)."""
    period = check_option(period, PERIODS, "--period")
    return series_sql(relation_sql, period, tuple(statuses), deduplicated=deduplicated, with_types=with_types)


def dyad_series_sql(conn: Any, relation_sql: str, params: list[Any] | None = None, *, period: str = "week",
                    statuses: Iterable[str] = DEFAULT_STATUSES, deduplicated: bool = False,
                    with_types: bool = True) -> pandas.DataFrame:
    """Return dyad_series' country-level table computed inside DuckDB over ``relation_sql`` (the dyad query)."""
    sql = build_series_sql(relation_sql, period, statuses, deduplicated, with_types)
    return conn.execute(sql, params or []).df()
