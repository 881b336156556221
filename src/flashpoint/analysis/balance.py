"""Balance of a focal actor: per period, its cooperation-conflict score with each counterpart, and its lean.

Score (chosen over mean Goldstein because quad classes exist for every coded and imported event, while Goldstein
depends on one scale table and is missing for some imports): the **net cooperation share**

    score = (n_cooperation - n_conflict) / n,   cooperation = quad classes 1-2, conflict = quad classes 3-4,

over the rows of one (focal, counterpart, direction, period) cell. It runs from -1 (only conflict) to +1 (only
cooperation); 0 is an even mix. Mean Goldstein is reported beside it.

Directions: ``out`` = focal -> counterpart, ``in`` = counterpart -> focal, ``all`` = both plus undirected
co-actor rows (a meeting or clash with no recipient), with each report counted once per pair.

Uncertainty: a percentile bootstrap over the cell's rows, BOOTSTRAP_RESAMPLES resamples with BOOTSTRAP_SEED.
Resampling n rows of +1/-1 values with replacement is the same as drawing the number of cooperative rows from
Binomial(n, k/n), so the bootstrap is drawn that way: exact, and O(resamples) per cell however large it is.

Lean: per period, the counterpart with the highest ``all`` score; ``separated`` is True when its interval lies
wholly above every other counterpart's interval in that period.
"""

from __future__ import annotations

from typing import Iterable

import numpy
import pandas

from flashpoint.analysis.frames import DEFAULT_STATUSES, AnalysisError, prepare_frame

BOOTSTRAP_RESAMPLES = 2000  # percentile intervals settle to ~0.01 at 2000 resamples (Efron & Tibshirani 1993, ch.13)
BOOTSTRAP_SEED = 20200103  # fixed so the same store gives the same intervals on every run
CONFIDENCE = 0.95
COOPERATION_QUADS = (1, 2)
DIRECTIONS: tuple[str, ...] = ("out", "in", "all")
BALANCE_COLUMNS: tuple[str, ...] = (
    "focal", "counterpart", "direction", "period", "n", "n_cooperation", "n_conflict", "score", "low", "high",
    "goldstein_mean",
)


def tag_directions(rows: pandas.DataFrame, focal: str, counterparts: list[str]) -> pandas.DataFrame:
    """Return the focal actor's rows with ``counterpart`` and ``direction`` (out/in/undirected) columns."""
    out_rows = rows["directed"] & (rows["source"] == focal) & rows["target"].isin(counterparts)
    in_rows = rows["directed"] & (rows["target"] == focal) & rows["source"].isin(counterparts)
    undirected = ~rows["directed"] & (
        ((rows["source"] == focal) & rows["target"].isin(counterparts))
        | ((rows["target"] == focal) & rows["source"].isin(counterparts)))
    picked = rows.loc[out_rows | in_rows | undirected].copy()
    picked["counterpart"] = picked["target"].where(picked["source"] == focal, picked["source"])
    picked["direction"] = numpy.where(out_rows[picked.index], "out",
                                      numpy.where(in_rows[picked.index], "in", "undirected"))
    return picked


def with_all_direction(tagged: pandas.DataFrame) -> pandas.DataFrame:
    """Return out and in rows plus an ``all`` copy of every row, once per report and counterpart."""
    everything = tagged.drop_duplicates(subset=["report_id", "counterpart"]).assign(direction="all")
    return pandas.concat([tagged.loc[tagged["direction"] != "undirected"], everything], ignore_index=True)


def bootstrap_interval(n: int, k: int, rng: numpy.random.Generator) -> tuple[float, float]:
    """Return the percentile bootstrap interval of (2k - n)/n from resampling n rows of which k cooperate."""
    draws = rng.binomial(n, k / n, size=BOOTSTRAP_RESAMPLES)
    scores = (2 * draws - n) / n
    tail = (1 - CONFIDENCE) / 2
    return float(numpy.quantile(scores, tail)), float(numpy.quantile(scores, 1 - tail))


def score_cells(rows: pandas.DataFrame) -> pandas.DataFrame:
    """Return per (counterpart, direction, period) counts, score, bootstrap interval and mean Goldstein."""
    rows = rows.assign(cooperative=rows["quad_class"].isin(COOPERATION_QUADS))
    cells = rows.groupby(["counterpart", "direction", "period"], sort=True).agg(
        n=("cooperative", "size"), n_cooperation=("cooperative", "sum"), goldstein_mean=("goldstein", "mean"))
    cells = cells.reset_index()
    cells["n_conflict"] = cells["n"] - cells["n_cooperation"]
    cells["score"] = (cells["n_cooperation"] - cells["n_conflict"]) / cells["n"]
    rng = numpy.random.default_rng(BOOTSTRAP_SEED)
    bounds = [bootstrap_interval(int(n), int(k), rng) for n, k in zip(cells["n"], cells["n_cooperation"])]
    cells["low"] = [b[0] for b in bounds]
    cells["high"] = [b[1] for b in bounds]
    return cells


def balance(frame: pandas.DataFrame, focal: str, against: Iterable[str], *, period: str = "month",
            statuses: Iterable[str] = DEFAULT_STATUSES, include_historical: bool = False,
            since: str | None = None, until: str | None = None) -> pandas.DataFrame:
    """Return the focal actor's score with each counterpart per period and direction, with 95% intervals."""
    counterparts = [c.strip().upper() for c in against if c.strip()]
    if not counterparts:
        raise AnalysisError("balance needs at least one counterpart, e.g. --against USA,IRN")
    focal = focal.strip().upper()
    rows = prepare_frame(frame, period=period, level="country", directed=True, statuses=statuses,
                         include_historical=include_historical, since=since, until=until)
    tagged = with_all_direction(tag_directions(rows, focal, counterparts))
    if tagged.empty:
        return pandas.DataFrame(columns=list(BALANCE_COLUMNS))
    cells = score_cells(tagged).assign(focal=focal)
    return cells[list(BALANCE_COLUMNS)]


def lean(table: pandas.DataFrame) -> pandas.DataFrame:
    """Return per period the counterpart with the highest ``all`` score, the runner-up, and whether they separate."""
    rows = []
    both = table.loc[table["direction"] == "all"]
    for period, cell in both.groupby("period", sort=True):
        ranked = cell.sort_values(["score", "n"], ascending=False, kind="stable")
        best, others = ranked.iloc[0], ranked.iloc[1:]
        separated = bool(len(others)) and bool((best["low"] > others["high"]).all())
        rows.append({"period": period, "leans_to": best["counterpart"], "score": best["score"],
                     "runner_up": others.iloc[0]["counterpart"] if len(others) else None,
                     "runner_up_score": others.iloc[0]["score"] if len(others) else None,
                     "separated": separated, "n_counterparts": len(ranked)})
    return pandas.DataFrame(rows, columns=["period", "leans_to", "score", "runner_up", "runner_up_score",
                                           "separated", "n_counterparts"])
