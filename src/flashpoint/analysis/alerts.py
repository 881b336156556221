"""ACLED-style weekly alerts per country, per admin1 (when the frame has locations) and per dyad.

Rules, after ACLED's Early Warning Dashboard (Country Change Level map and Subnational Threat & Surge Trackers,
https://acleddata.com/early-warning-research-hub/), applied to weekly counts of one measure (default ``violence``):
- change level: this week against the mean of the 4 weeks before it, in five bands at +-10% and +-25%;
  when that mean is at most LOW_BASELINE_MEAN and this week has at most LOW_BASELINE_WEEK events the level is
  "limited change" whatever the percentage (ACLED's low-baseline rule);
- surge: this week is at least 100% above the mean of the 4 weeks before it;
- threat: the mean of the last 4 weeks (this one included) is at least 100% above the mean of the 52 weeks before
  them (at least YEAR_MIN_WEEKS of them must exist);
- guard: surge and threat need the baseline they compare against to be at least ``min_baseline`` events/week
  (MIN_BASELINE_PER_WEEK = 1, ACLED's "four-week average of at least one"): without it a quiet unit that logs a
  single event shows an infinite rise. docs/analysis.md measures the guard at 1 and 3 on real streams.

Units: ``country`` = reports with the country as source or target actor (actor countries, because event locations
are mostly empty; a report with the country on both sides counts once); ``dyad`` = (source, target) as coded,
directed, and unordered co-actor pairs; ``admin1`` = where the event happened, "country/admin1" of the report's
location. Admin1 counts come from the store's place frame (``Store.places()``: one row per located report, whether
or not it has a dyad), passed as ``places=``; without it a frame with ``location_country``/``admin1`` columns is
used, and with neither the unit is skipped (``frame.attrs["skipped"]`` says so).
"""

from __future__ import annotations

from typing import Iterable

import numpy
import pandas

from flashpoint.analysis.frames import (DEFAULT_STATUSES, bucket_periods, check_option, period_range, prepare_frame,
                                       select_rows)

SURGE_RATIO = 2.0  # ACLED Surge Tracker: an increase of 100% or more over the past month's weekly average
THREAT_RATIO = 2.0  # ACLED Threat Tracker: 100% or more over the past year's weekly average
MONTH_WEEKS = 4  # ACLED's "previous month" norm: the four weeks before the current week
YEAR_WEEKS = 52  # ACLED's "previous year" norm: the 52 weeks before
YEAR_MIN_WEEKS = 26  # ours: a yearly norm needs at least half a year of history to mean anything
MIN_BASELINE_PER_WEEK = 1.0  # ACLED: trackers only show units whose four-week average is at least one event
LOW_BASELINE_MEAN = 2.0  # ACLED change map: <= 2 events/week on average before ...
LOW_BASELINE_WEEK = 5  # ... and <= 5 this week is "limited change" (low-baseline rule)
# ACLED change-level bands (Country Change Level map), made symmetric and inclusive: a change of at least +25% is
# a large increase, at least +10% moderate, at most -10% a moderate decrease, at most -25% a large one.
INCREASE_BANDS: tuple[tuple[float, str], ...] = ((0.25, "large increase"), (0.10, "moderate increase"))
DECREASE_BANDS: tuple[tuple[float, str], ...] = ((-0.25, "large decrease"), (-0.10, "moderate decrease"))
PCT_DIGITS = 9  # round percentages so 11/10 - 1 lands exactly on the +10% band edge
MEASURES: tuple[str, ...] = ("violence", "conflict", "all")
VIOLENT_ROOTS = ("18", "19", "20")  # CAMEO assault, fight, mass violence: ACLED's political violence, roughly
UNIT_KINDS: tuple[str, ...] = ("country", "admin1", "dyad")
COUNTRY_PRECISION = 3  # Place.precision: 1 place, 2 admin region, 3 country


def classify_change(pct: float, baseline: float, current: float) -> str:
    """Return the ACLED change level for a percentage change against a baseline mean."""
    if baseline <= LOW_BASELINE_MEAN and current <= LOW_BASELINE_WEEK:
        return "limited change"
    if numpy.isnan(pct):  # a zero baseline: any events at all are a rise
        return "large increase" if current > 0 else "limited change"
    pct = round(float(pct), PCT_DIGITS)
    rise = next((name for edge, name in INCREASE_BANDS if pct >= edge), None)
    fall = next((name for edge, name in DECREASE_BANDS if pct <= edge), None)
    return rise or fall or "limited change"


def flag_weeks(counts: numpy.ndarray, min_baseline: float = MIN_BASELINE_PER_WEEK) -> pandas.DataFrame:
    """Return per week of one weekly count series: baselines, change level, surge and threat flags."""
    x = pandas.Series(numpy.asarray(counts, dtype=float))
    month_before = x.shift(1).rolling(MONTH_WEEKS, min_periods=MONTH_WEEKS).mean()
    month_now = x.rolling(MONTH_WEEKS, min_periods=MONTH_WEEKS).mean()
    year_before = x.shift(MONTH_WEEKS).rolling(YEAR_WEEKS, min_periods=YEAR_MIN_WEEKS).mean()
    pct = (x / month_before.where(month_before > 0)) - 1
    out = pandas.DataFrame({"n": x, "avg_4w": month_before, "avg_52w": year_before, "pct_change_4w": pct})
    out["change_level"] = [classify_change(p, b, c) if not numpy.isnan(b) else None
                           for p, b, c in zip(pct, month_before.fillna(numpy.nan), x)]
    out["surge"] = (month_before >= min_baseline) & (x >= SURGE_RATIO * month_before)
    out["threat"] = (year_before >= min_baseline) & (month_now >= THREAT_RATIO * year_before)
    return out


def measure_rows(rows: pandas.DataFrame, measure: str) -> pandas.DataFrame:
    """Return the rows counted by ``measure``: violence (ASSAULT / CAMEO 18-20), conflict (quad 3-4) or all."""
    if measure == "violence":
        return rows.loc[(rows["event"] == "ASSAULT").fillna(False) | rows["cameo_root"].isin(VIOLENT_ROOTS)]
    if measure == "conflict":
        return rows.loc[rows["quad_class"].isin((3, 4))]
    return rows


def unit_rows(rows: pandas.DataFrame, kind: str) -> pandas.DataFrame:
    """Return (unit, period, report_id) rows for a unit kind, one per report and unit."""
    if kind == "country":
        sides = [rows[["source", "period", "report_id"]].rename(columns={"source": "unit"}),
                 rows[["target", "period", "report_id"]].rename(columns={"target": "unit"})]
        units = pandas.concat(sides, ignore_index=True)
    elif kind == "admin1":
        units = rows[["period", "report_id"]].assign(unit=admin1_labels(rows)).dropna(subset=["unit"])
    else:
        arrow = numpy.where(rows["directed"], "->", "--")
        units = rows[["period", "report_id"]].assign(unit=rows["source"] + pandas.Series(arrow, index=rows.index)
                                                     + rows["target"])
    return units.drop_duplicates(subset=["unit", "report_id"])


def admin1_labels(rows: pandas.DataFrame) -> pandas.Series:
    """Return "country/admin1" per row (admin1 names repeat across countries), null where admin1 is unknown."""
    admin1 = rows["admin1"].astype("string").str.strip().replace("", pandas.NA)
    country = rows["location_country"].astype("string") if "location_country" in rows else None
    if country is None:
        return admin1
    return (country.fillna("?") + "/" + admin1).where(admin1.notna())


def prepare_places(places: pandas.DataFrame, *, statuses: Iterable[str], until: str | None) -> pandas.DataFrame:
    """Return the place frame's selected rows bucketed into weeks (one row per report already)."""
    rows = select_rows(places.reset_index(drop=True), statuses=statuses, until=until)
    if "location_precision" in rows:  # a country-level place has no admin1, whatever code a source put there
        rows = rows.loc[rows["location_precision"].fillna(0) != COUNTRY_PRECISION]
    return bucket_periods(rows, "week")


def admin1_rows(rows: pandas.DataFrame, places: pandas.DataFrame | None, *, measure: str,
                statuses: Iterable[str], until: str | None) -> pandas.DataFrame | None:
    """Return the measured weekly rows that carry admin1, from ``places`` if given, else the dyad rows; or None."""
    if places is not None:
        return measure_rows(prepare_places(places, statuses=statuses, until=until), measure)
    return rows if "admin1" in rows.columns else None


def flag_units(units: pandas.DataFrame, kind: str, start: pandas.Timestamp, end: pandas.Timestamp,
               min_baseline: float) -> pandas.DataFrame:
    """Return flag_weeks for every unit over the full weekly grid, with the report ids of each unit-week."""
    grid = period_range(start, end, "week")
    ids = units.groupby(["unit", "period"])["report_id"].agg(lambda s: sorted(s)).rename("report_ids")
    tables = []
    for unit, ids_of_unit in ids.groupby(level="unit", sort=True):
        weekly = ids_of_unit.droplevel("unit").reindex(grid)
        flags = flag_weeks(weekly.map(lambda v: len(v) if isinstance(v, list) else 0).to_numpy(), min_baseline)
        flags.insert(0, "period", grid)
        flags.insert(0, "unit", unit)
        flags.insert(0, "unit_kind", kind)
        flags["report_ids"] = [v if isinstance(v, list) else [] for v in weekly.to_numpy()]
        tables.append(flags)
    return pandas.concat(tables, ignore_index=True) if tables else pandas.DataFrame()


def weekly_changes(frame: pandas.DataFrame, *, units: Iterable[str] = UNIT_KINDS, measure: str = "violence",
                   statuses: Iterable[str] = DEFAULT_STATUSES, min_baseline: float = MIN_BASELINE_PER_WEEK,
                   until: str | None = None, places: pandas.DataFrame | None = None) -> pandas.DataFrame:
    """Return every unit-week with counts, baselines, ACLED change level, surge and threat flags, report ids."""
    measure = check_option(measure, MEASURES, "--measure")
    statuses = tuple(statuses)
    rows = measure_rows(prepare_frame(frame, period="week", statuses=statuses, until=until), measure)
    tables, skipped = [], []
    for kind in units:
        kind = check_option(kind, UNIT_KINDS, "--unit")
        unit_source = rows
        if kind == "admin1":
            unit_source = admin1_rows(rows, places, measure=measure, statuses=statuses, until=until)
            if unit_source is None:
                skipped.append("admin1: no event locations given (pass the store's place frame)")
                continue
        if not unit_source.empty:
            start, end = unit_source["period"].min(), unit_source["period"].max()
            tables.append(flag_units(unit_rows(unit_source, kind), kind, start, end, min_baseline))
    out = pandas.concat([t for t in tables if not t.empty], ignore_index=True) if any(
        not t.empty for t in tables) else pandas.DataFrame()
    out.attrs["skipped"] = skipped
    return out


def alerts_from(changes: pandas.DataFrame, *, since: str | None = None) -> pandas.DataFrame:
    """Return the unit-weeks of a weekly_changes table (from ``since``) that raise a surge or a threat."""
    if changes.empty:
        return changes
    keep = changes["surge"] | changes["threat"]
    if since:
        keep &= changes["period"] >= pandas.Timestamp(since)
    out = changes.loc[keep].sort_values(["period", "unit_kind", "unit"], kind="stable").reset_index(drop=True)
    out.attrs["skipped"] = changes.attrs.get("skipped", [])
    return out


def alerts(frame: pandas.DataFrame, *, since: str | None = None, **options) -> pandas.DataFrame:
    """Return surge/threat unit-weeks from ``since`` (baselines still use earlier weeks); options as weekly_changes."""
    return alerts_from(weekly_changes(frame, **options), since=since)
