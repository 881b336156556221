"""Shape the store's dyad frame for analysis: select rows, choose the pair level, bucket dates into periods.

The input is ``Store.dyads()``: one row per (event report, dyad) at the country+sector level. Every analysis goes
through ``prepare_frame`` so row selection, de-duplication and date bucketing follow one rule set:

- Rows: asserted, non-historical reports by default (a denial, forecast or background mention is not new activity).
- Level: ``country`` de-duplicates on (unit id, source, target) so a pair never counts one event twice when the
  same report names two sectors of one country; ``sector`` keeps country+sector pairs ("IRQ/GOV").
- Unit: ``reports`` counts coded mentions (report_id); ``events`` counts real-world events (event_id).
- Periods: a row lands in a period only when its date is at least as precise as the period. Day- and
  publication-precision dates go anywhere; a month-precision date belongs to its month, and is left out of day and
  week series (spreading it over four weeks would invent a date); year-precision and undated rows (including those
  of undated articles, dated by their ingest day with precision "unknown") are left out of every series.
  ``frame.attrs["left_out"]`` says how many rows were left out and why.
- Weeks start on Monday (ISO weeks) and are labelled by that Monday.
- Pairs: ``directed=True`` keeps (source, target) as coded; ``directed=False`` folds A->B and B->A into one
  unordered pair (source <= target) and counts a report once per unordered pair.
"""

from __future__ import annotations

from typing import Iterable

import pandas

from flashpoint.errors import FlashpointError

PERIODS: tuple[str, ...] = ("day", "week", "month")
LEVELS: tuple[str, ...] = ("country", "sector")
UNITS: tuple[str, ...] = ("reports", "events")
DEFAULT_STATUSES: tuple[str, ...] = ("asserted",)
UNIT_COLUMN = {"reports": "report_id", "events": "event_id"}

# How fine each date precision is (0 = a day) and how fine a date must be to sit in each period.
PRECISION_RANK = {"day": 0, "publication": 0, "month": 1, "year": 2}
PERIOD_NEEDS = {"day": 0, "week": 0, "month": 1}
PANDAS_FREQ = {"day": "D", "week": "W-MON", "month": "MS"}
SECTOR_JOIN = "/"


class AnalysisError(FlashpointError):
    """An analysis was asked for something the frame or options cannot give (one line, says what to do)."""


def check_option(value: str, choices: tuple[str, ...], option: str) -> str:
    """Return ``value`` lower-cased when it is one of ``choices``, else raise AnalysisError naming them."""
    found = value.strip().lower()
    if found not in choices:
        raise AnalysisError(f"{option} {value!r} is not one of: {', '.join(choices)}")
    return found


def select_rows(frame: pandas.DataFrame, *, statuses: Iterable[str] = DEFAULT_STATUSES,
                include_historical: bool = False, since: str | None = None,
                until: str | None = None) -> pandas.DataFrame:
    """Return the rows with one of ``statuses``, non-historical unless asked, dated within [since, until]."""
    keep = frame["status"].isin(list(statuses))
    if not include_historical:
        keep &= ~frame["historical"].astype(bool)
    dates = frame["date"].astype("string")
    if since:
        keep &= dates.fillna("") >= since
    if until:
        # Compare only as many characters as given, so until="2020-01" keeps every January date.
        keep &= dates.str.slice(0, len(until)).fillna("9999") <= until
    return frame.loc[keep.fillna(False).astype(bool)]


def label_pairs(frame: pandas.DataFrame, level: str) -> pandas.DataFrame:
    """Return the frame with ``source``/``target`` as country codes or "country/sector" labels."""
    if level == "country":
        return frame
    out = frame.copy()
    for side in ("source", "target"):
        sector = out[f"{side}_sector"].astype("string")
        label = out[side].astype("string") + SECTOR_JOIN + sector
        out[side] = label.where(sector.notna(), out[side].astype("string"))
    return out


def orient_pairs(frame: pandas.DataFrame, directed: bool) -> pandas.DataFrame:
    """Return the frame with undirected pairs folded to (least, greatest) when ``directed`` is False."""
    if directed:
        return frame
    out = frame.copy()
    swap = out["source"].astype("string") > out["target"].astype("string")
    out.loc[swap, ["source", "target"]] = out.loc[swap, ["target", "source"]].to_numpy()
    out["directed"] = False
    return out


def dedupe_pairs(frame: pandas.DataFrame, unit: str) -> pandas.DataFrame:
    """Return one row per (unit id, source, target, directed): a pair never counts one report or event twice."""
    key = UNIT_COLUMN[unit]
    return frame.drop_duplicates(subset=[key, "source", "target", "directed"])


def bucket_periods(frame: pandas.DataFrame, period: str) -> pandas.DataFrame:
    """Return the rows placeable in ``period`` with a ``period`` column (period start); record what was left out."""
    precision = frame["date_precision"].map(PRECISION_RANK).fillna(PRECISION_RANK["day"])
    dates = pandas.to_datetime(frame["date"].astype("string").str.slice(0, 10), format="ISO8601", errors="coerce")
    undated = dates.isna() | (frame["date_precision"] == "unknown")  # an ingest day is not an event date
    too_coarse = ~undated & (precision > PERIOD_NEEDS[period])
    out = frame.loc[~undated & ~too_coarse].copy()
    out["period"] = floor_period(dates[out.index], period)
    out.attrs["left_out"] = {"undated": int(undated.sum()), f"coarser_than_{period}": int(too_coarse.sum())}
    return out


def floor_period(dates: pandas.Series, period: str) -> pandas.Series:
    """Return each timestamp floored to the start of its day, Monday-start week, or month."""
    if period == "day":
        return dates.dt.normalize()
    if period == "week":
        return (dates - pandas.to_timedelta(dates.dt.day_of_week, unit="D")).dt.normalize()
    return dates.dt.to_period("M").dt.start_time


def prepare_frame(frame: pandas.DataFrame, *, period: str = "week", level: str = "country",
                  directed: bool = True, unit: str = "reports", statuses: Iterable[str] = DEFAULT_STATUSES,
                  include_historical: bool = False, since: str | None = None,
                  until: str | None = None) -> pandas.DataFrame:
    """Return the analysis rows: selected, labelled at ``level``, oriented, de-duplicated and bucketed."""
    period = check_option(period, PERIODS, "--period")
    level = check_option(level, LEVELS, "--level")
    unit = check_option(unit, UNITS, "--unit")
    frame = frame.reset_index(drop=True)  # concatenated frames repeat labels; row alignment below needs unique ones
    rows = select_rows(frame, statuses=statuses, include_historical=include_historical, since=since, until=until)
    rows = orient_pairs(label_pairs(rows, level), directed)
    return bucket_periods(dedupe_pairs(rows, unit), period)


def period_range(start: pandas.Timestamp, end: pandas.Timestamp, period: str) -> pandas.DatetimeIndex:
    """Return every period start from ``start`` to ``end`` inclusive."""
    return pandas.date_range(start, end, freq=PANDAS_FREQ[period])


def split_codes(text: str | None) -> list[str]:
    """Return upper-cased codes from a comma-separated option ("usa, irn" -> ["USA", "IRN"])."""
    return [part.strip().upper() for part in (text or "").split(",") if part.strip()]
