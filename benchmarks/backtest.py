"""Rolling-origin forecast backtests on the real event streams in ../shared/data/eventstreams.

    /tmp/venvtest/bin/python benchmarks/backtest.py --out /tmp/backtest.md

Reads the files directly with pandas (not through an importer) and builds count panels per country and per
directed country dyad, for PLOVER ASSAULT (CAMEO codes the project's PLOVER map sends to ASSAULT) and for any
material-conflict event (QuadClass 4, GDELT rule: CAMEO roots 15-20). Each panel is scored by
``flashpoint.analysis.backtest`` (every model fitted only on periods before each origin). Sources and caveats are
in each folder's README:

- icews_mena_weekly_2012_2015: ICEWS weekly counts by event location for 7 MENA countries; the folder only has
  roots 14, 17 and 18, so "ASSAULT" here is root 18 alone and "quad4" is roots 17 + 18.
- icews_tkg/icews14 and icews05-15: de-duplicated (day, source, relation, target) quadruples of a frequent-entity
  subset; actors "Sector (Country)" are mapped to their country; Iran, Iraq and their land neighbours only.
- gdelt_georgia_2011_2013: GDELT 1.0 events with ActionGeo Georgia; Actor1/Actor2 country codes; weeks with a
  missing day (March 2013 is absent) are dropped; the US-"Georgia" mis-geocodes are left in (they are real noise).
- gdelt_yemen_monthly_2010_2016: monthly counts with Actor1 Yemen; the partial month 2016-05 is dropped.

Units are chosen by their count in the training window only (periods before the first origin), never by the
evaluation span. Weeks start on Monday; edge weeks not fully covered by the file are dropped.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import pandas

from flashpoint.analysis.backtest import run_backtest, summarise_backtest
from flashpoint.reference.cameo import quad_class_for
from flashpoint.reference.countries import match_country
from flashpoint.reference.plover import plover_for_cameo

STREAMS = Path(__file__).resolve().parents[2] / "shared" / "data" / "eventstreams"
FOCUS = ("IRN", "IRQ", "TUR", "SYR", "JOR", "SAU", "KWT", "ARM", "AZE", "TKM", "AFG", "PAK")  # Iran, Iraq + land neighbours
MAX_COUNTRY_UNITS = 15  # GDELT Georgia: the busiest countries in the training window
MAX_DYAD_UNITS = 30  # busiest directed pairs in the training window (keeps the run within minutes)
MIN_TRAIN_EVENTS = 5  # a unit needs this many events before the first origin to be scored
WEEKLY_FIRST_ORIGIN = 52
ICEWS14_FIRST_ORIGIN = 26  # one year of data: half to train
MONTHLY_FIRST_ORIGIN = 36
SECTOR_ACTOR = re.compile(r"\(([^()]+)\)\s*$")
MENA_NAMES = {"Iraq": "IRQ", "Egypt": "EGY", "Libya": "LBY", "Jordan": "JOR", "Bahrain": "BHR", "Syria": "SYR",
              "Saudi Arabia": "SAU"}


def is_assault(code: str) -> bool:
    """Return True when the project's CAMEO->PLOVER map sends this CAMEO code to ASSAULT."""
    mapping = plover_for_cameo(str(code))
    return mapping is not None and mapping.event == "ASSAULT"


def actor_country(name: str) -> str | None:
    """Return the ISO3 code of an ICEWS actor name: a country name, or the country in "Sector (Country)"."""
    found = SECTOR_ACTOR.search(name)
    match = match_country(found.group(1) if found else name)
    return match.country.iso3 if match and match.kind in ("name", "alias") else None


def covered_weeks(days: pandas.Series) -> pandas.DatetimeIndex:
    """Return the Monday starts of weeks whose seven days all occur in the file."""
    present = pandas.DatetimeIndex(days.unique())
    starts = (present - pandas.to_timedelta(present.day_of_week, unit="D")).normalize()
    per_week = pandas.Series(1, index=starts).groupby(level=0).size()
    return per_week.index[per_week == 7].sort_values()


def build_panels(events: pandas.DataFrame, weeks: pandas.DatetimeIndex) -> dict[str, pandas.DataFrame]:
    """Return weekly country and dyad panels from (day, source, target) event rows on the given weeks."""
    events = events.assign(period=(events["day"] - pandas.to_timedelta(events["day"].dt.day_of_week, unit="D")))
    events = events.loc[events["period"].isin(weeks)].reset_index(drop=True)
    events["row"] = events.index
    sides = pandas.concat([events[["row", "period", s]].rename(columns={s: "unit"}) for s in ("source", "target")])
    country = sides.dropna().drop_duplicates(["row", "unit"])  # an A->A event counts once for A
    dyads = events.dropna(subset=["source", "target"]).assign(unit=lambda f: f["source"] + "-" + f["target"])
    return {level: rows.groupby(["unit", "period"]).size().unstack("period", fill_value=0)
            .reindex(columns=weeks, fill_value=0).astype(float) for level, rows in (("country", country),
                                                                                       ("dyad", dyads))}


def pick_units(panel: pandas.DataFrame, first_origin: int, limit: int, keep=None) -> pandas.DataFrame:
    """Return the busiest ``limit`` units by training-window count (optionally those ``keep`` accepts)."""
    train = panel.iloc[:, :first_origin].sum(axis=1)
    if keep is not None:
        train = train[[keep(unit) for unit in train.index]]
    train = train[train >= MIN_TRAIN_EVENTS].sort_values(ascending=False).head(limit)
    return panel.loc[train.index]


def load_icews_tkg(folder: str) -> pandas.DataFrame:
    """Return (day, source, target, cameo) rows of an ICEWS TKG subset with actors mapped to countries."""
    frame = pandas.read_csv(STREAMS / "icews_tkg" / folder / "events_decoded.tsv.gz", sep="\t", dtype=str)
    names = pandas.unique(pandas.concat([frame["source"], frame["target"]]))
    countries = {name: actor_country(name) for name in names}
    return pandas.DataFrame({"day": pandas.to_datetime(frame["date"]), "source": frame["source"].map(countries),
                             "target": frame["target"].map(countries), "cameo": frame["cameo_code"]})


def load_gdelt_georgia() -> pandas.DataFrame:
    """Return (day, source, target, cameo, quad) rows of the GDELT Georgia file (Actor1/Actor2 country codes)."""
    columns = ["SQLDATE", "Actor1CountryCode", "Actor2CountryCode", "EventCode", "QuadClass"]
    frame = pandas.read_csv(STREAMS / "gdelt_georgia_2011_2013" / "events.csv.gz", usecols=columns, dtype=str,
                            keep_default_na=False, na_values=["NA", ""])
    return pandas.DataFrame({"day": pandas.to_datetime(frame["SQLDATE"], format="%Y%m%d"),
                             "source": frame["Actor1CountryCode"], "target": frame["Actor2CountryCode"],
                             "cameo": frame["EventCode"], "quad": pandas.to_numeric(frame["QuadClass"])})


def type_mask(events: pandas.DataFrame, event_type: str) -> pandas.Series:
    """Return which rows are ASSAULT, or QuadClass 4 (given, else by the GDELT rule from the CAMEO code)."""
    codes = events["cameo"].astype(str)
    if event_type == "ASSAULT":
        lookup = {code: is_assault(code) for code in codes.unique()}
        return codes.map(lookup)
    if "quad" in events:
        return events["quad"] == 4
    lookup = {code: quad_class_for(code) == 4 for code in codes.unique()}
    return codes.map(lookup)


def event_panels(name: str, events: pandas.DataFrame, first_origin: int, keep, country_limit: int):
    """Yield (dataset, level, type, panel) for an event-level stream, selecting units on the training window."""
    weeks = covered_weeks(events["day"])
    for event_type in ("ASSAULT", "quad4"):
        panels = build_panels(events.loc[type_mask(events, event_type)], weeks)
        yield name, "country", event_type, pick_units(panels["country"], first_origin, country_limit, keep)
        dyad_keep = (lambda unit: any(side in FOCUS for side in unit.split("-"))) if keep else None
        yield name, "dyad", event_type, pick_units(panels["dyad"], first_origin, MAX_DYAD_UNITS, dyad_keep)


def mena_panels():
    """Yield the ICEWS MENA weekly country panels (ASSAULT = root 18; quad4 = roots 17 + 18)."""
    folder = STREAMS / "icews_mena_weekly_2012_2015"
    roots = {code: pandas.read_csv(folder / f"country_mena_{code}.csv", parse_dates=["date"]).set_index("date")
             for code in ("17", "18")}
    for event_type, parts in (("ASSAULT (root 18)", ["18"]), ("quad4 (roots 17+18)", ["17", "18"])):
        frame = sum(roots[p] for p in parts).iloc[1:]  # the first week holds one day only
        frame.index = frame.index - pandas.Timedelta(days=6)  # week ending Sunday -> labelled by its Monday
        yield "ICEWS MENA weekly 2012-15", "country", event_type, frame.rename(columns=MENA_NAMES).T


def yemen_panels():
    """Yield the GDELT Yemen monthly panel (one unit: events with a Yemen Actor1)."""
    frame = pandas.read_csv(STREAMS / "gdelt_yemen_monthly_2010_2016" / "YEM_monthly_eventcode_counts.csv",
                            dtype={"MonthYear": str, "EventCode": str})
    frame = frame.loc[frame["MonthYear"] != "201605"]  # partial month (README)
    frame["period"] = pandas.to_datetime(frame["MonthYear"], format="%Y%m")
    months = pandas.date_range(frame["period"].min(), frame["period"].max(), freq="MS")
    for event_type in ("ASSAULT", "quad4"):
        rows = frame.loc[type_mask(frame.rename(columns={"EventCode": "cameo"}), event_type).to_numpy()]
        series = rows.groupby("period")["N_events"].sum().reindex(months, fill_value=0).astype(float)
        yield "GDELT Yemen monthly 2010-16", "country (Actor1 YEM)", event_type, series.to_frame("YEM").T


def all_panels():
    """Yield every (dataset, level, type, panel, first origin) of the benchmark."""
    focus = lambda unit: unit in FOCUS  # noqa: E731
    for item in mena_panels():
        yield (*item, WEEKLY_FIRST_ORIGIN)
    for folder, label, first in (("icews14", "ICEWS14 (2014) TKG", ICEWS14_FIRST_ORIGIN),
                                 ("icews05-15", "ICEWS05-15 (2013-11..2015) TKG", WEEKLY_FIRST_ORIGIN)):
        for item in event_panels(label, load_icews_tkg(folder), first, focus, len(FOCUS)):
            yield (*item, first)
    for item in event_panels("GDELT Georgia 2011-13", load_gdelt_georgia(), WEEKLY_FIRST_ORIGIN, None,
                             MAX_COUNTRY_UNITS):
        yield (*item, WEEKLY_FIRST_ORIGIN)
    for item in yemen_panels():
        yield (*item, MONTHLY_FIRST_ORIGIN)


def run_all() -> pandas.DataFrame:
    """Backtest every panel and return one table row per (dataset, level, type, model)."""
    tables = []
    for dataset, level, event_type, panel, first in all_panels():
        started = time.perf_counter()
        table = summarise_backtest(run_backtest(panel, first_origin=first))
        span = f"{panel.columns[first].date()}..{panel.columns[-1].date()}"
        tables.append(table.assign(dataset=dataset, level=level, type=event_type, units=len(panel),
                                   origins=panel.shape[1] - first, span=span))
        print(f"{dataset} / {level} / {event_type}: {len(panel)} units x {panel.shape[1] - first} origins "
              f"in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return pandas.concat(tables, ignore_index=True)


def format_markdown(table: pandas.DataFrame) -> str:
    """Return the results as one markdown table per (dataset, level, type)."""
    metrics = ["mse", "mae", "crps", "log_score", "brier", "aupr", "skill_mse", "skill_mae", "skill_crps",
               "skill_log_score", "skill_brier"]
    out = []
    for (dataset, level, event_type), rows in table.groupby(["dataset", "level", "type"], sort=False):
        first = rows.iloc[0]
        out.append(f"**{dataset}, {level}, {event_type}** — {first['units']} units x {first['origins']} origins "
                   f"({first['span']})\n")
        out.append("| model | " + " | ".join(metrics) + " |")
        out.append("|---|" + "---:|" * len(metrics))
        for row in rows.itertuples():
            out.append(f"| {row.model} | " + " | ".join(format_number(getattr(row, m)) for m in metrics) + " |")
        out.append("")
    return "\n".join(out)


def format_number(value: float) -> str:
    """Return a number with 3 significant digits (inf and NaN spelt out)."""
    if pandas.isna(value):
        return "n/a"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    return f"{value:.3g}"


def main() -> None:
    """Run the benchmark and print (and optionally write) the markdown tables and a CSV."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write the markdown tables to this file")
    parser.add_argument("--csv", help="write the full table as CSV to this file")
    args = parser.parse_args()
    if not STREAMS.is_dir():
        sys.exit(f"error: {STREAMS} not found; the benchmark needs ../shared/data/eventstreams")
    started = time.perf_counter()
    table = run_all()
    text = format_markdown(table)
    print(text)
    print(f"total {time.perf_counter() - started:.0f}s", file=sys.stderr)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    if args.csv:
        table.to_csv(args.csv, index=False)


if __name__ == "__main__":
    main()
