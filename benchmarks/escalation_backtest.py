"""Backtest the escalation detectors and the ACLED-style alert rules on synthetic and real weekly streams.

Run from the checkout:  /tmp/venvtest/bin/python benchmarks/escalation_backtest.py [--shared ../shared] [--out FILE.md]

Synthetic: Poisson weekly streams with one planted rise (known week) and streams with none.
Real (read directly with pandas; cite GDELT and ICEWS as the READMEs in ../shared/data/eventstreams ask):
- ICEWS MENA weekly CAMEO-root-18 (assault) counts, 7 countries, 2012-01 .. 2015-03 (EMBERS feed, by location);
- GDELT 1.0 events located in Georgia, CAMEO roots 18-20, weekly: the country total and the 10 busiest directed
  country dyads, Jun 2011 .. Feb 2013 (March 2013 is missing from the file, so the series stop before it);
- ICEWS05-15 TKG quadruples (de-duplicated per day, dyad and type), CAMEO roots 18-20, weekly, the 10 busiest
  directed country dyads ("Sector (Country)" names folded to the country), 2013-11 .. 2015-12.
Both are scored against the escalation definition in flashpoint.analysis.ladder (next 4 weeks' mean >= 1.5 x the
trailing 12-week mean and >= 1/week).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy
import pandas

from flashpoint.analysis.alerts import flag_weeks
from flashpoint.analysis.ladder import detect_cusum, detect_rolling, label_escalations, score_alarms
from flashpoint.reference.countries import match_country

SEED = 7
SYNTH_STREAMS = 200  # streams per (rate, ratio) cell
SYNTH_WEEKS = 104
SYNTH_CHANGE = 60  # planted change week
SYNTH_RATES = (1.0, 3.0, 10.0, 30.0)
SYNTH_RATIOS = (1.0, 1.5, 2.0, 3.0)  # 1.0 = no change: measures false alarms only
DETECT_WITHIN = 8  # a detection counts when it comes within 8 weeks of the planted change
VIOLENT_ROOTS = (18, 19, 20)
TOP_DYADS = 10
PARENTHESIS = re.compile(r"\(([^()]+)\)\s*$")


def detector_grid() -> dict[str, callable]:
    """Return the detector settings the backtest compares, by label."""
    grid = {f"rolling z={z}": (lambda x, z=z: detect_rolling(x, z=z)) for z in (2.0, 3.0, 4.0)}
    grid.update({f"cusum h={h}": (lambda x, h=h: detect_cusum(x, threshold=h)) for h in (2.0, 4.0, 6.0)})
    return grid


def synthetic_streams(rng: numpy.random.Generator, rate: float, ratio: float) -> numpy.ndarray:
    """Return SYNTH_STREAMS Poisson streams whose rate goes from ``rate`` to ``rate * ratio`` at SYNTH_CHANGE."""
    rates = numpy.where(numpy.arange(SYNTH_WEEKS) < SYNTH_CHANGE, rate, rate * ratio)
    return rng.poisson(rates, size=(SYNTH_STREAMS, SYNTH_WEEKS)).astype(float)


def score_synthetic(detect, streams: numpy.ndarray) -> dict[str, float]:
    """Return detection rate, median delay and false alarms per 100 pre-change weeks over the streams."""
    found, delays, false_alarms = 0, [], 0
    for stream in streams:
        alarms = detect(stream)
        false_alarms += int(alarms[:SYNTH_CHANGE].sum())
        after = numpy.flatnonzero(alarms[SYNTH_CHANGE:SYNTH_CHANGE + DETECT_WITHIN])
        if len(after):
            found += 1
            delays.append(int(after[0]))
    return {"detected": found / len(streams), "delay": float(numpy.median(delays)) if delays else numpy.nan,
            "false_per_100w": 100 * false_alarms / (len(streams) * SYNTH_CHANGE)}


def run_synthetic() -> pandas.DataFrame:
    """Return the synthetic backtest table: one row per detector, rate and ratio."""
    rng = numpy.random.default_rng(SEED)
    rows = []
    for rate in SYNTH_RATES:
        for ratio in SYNTH_RATIOS:
            streams = synthetic_streams(rng, rate, ratio)
            for label, detect in detector_grid().items():
                rows.append({"detector": label, "rate": rate, "ratio": ratio, **score_synthetic(detect, streams)})
    return pandas.DataFrame(rows)


def weekly(frame: pandas.DataFrame, date_col: str, keys: list[str]) -> dict[tuple, numpy.ndarray]:
    """Return weekly (Monday) count arrays per key over the frame's full week range."""
    weeks = frame[date_col].dt.to_period("W-SUN").dt.start_time
    grid = pandas.date_range(weeks.min(), weeks.max(), freq="W-MON")
    out = {}
    for key, part in frame.assign(week=weeks).groupby(keys):
        out[tuple(key)] = part.groupby("week").size().reindex(grid, fill_value=0).to_numpy(float)
    return out


def load_mena(shared: Path) -> dict[str, numpy.ndarray]:
    """Return the ICEWS MENA weekly root-18 series per country."""
    frame = pandas.read_csv(shared / "data/eventstreams/icews_mena_weekly_2012_2015/country_mena_18.csv")
    return {f"icews-mena {c}": frame[c].to_numpy(float)[1:] for c in frame.columns if c != "date"}  # row 0: 1 day


def load_georgia(shared: Path) -> dict[str, numpy.ndarray]:
    """Return GDELT Georgia weekly roots 18-20 series: the total and the busiest directed country dyads."""
    cols = ["SQLDATE", "Actor1CountryCode", "Actor2CountryCode", "EventRootCode"]
    frame = pandas.read_csv(shared / "data/eventstreams/gdelt_georgia_2011_2013/events.csv.gz", usecols=cols,
                            na_values=["NA"], keep_default_na=False)
    frame = frame.loc[frame["EventRootCode"].isin(VIOLENT_ROOTS) & (frame["SQLDATE"] < 20130301)]
    frame = frame.assign(date=pandas.to_datetime(frame["SQLDATE"].astype(str), format="%Y%m%d"), all="GEO")
    series = {"gdelt-georgia total": weekly(frame, "date", ["all"])[("GEO",)]}
    dyads = frame.dropna(subset=["Actor1CountryCode", "Actor2CountryCode"])
    top = dyads.groupby(["Actor1CountryCode", "Actor2CountryCode"]).size().nlargest(TOP_DYADS).index
    per_dyad = weekly(dyads.set_index(["Actor1CountryCode", "Actor2CountryCode"]).loc[top].reset_index(), "date",
                      ["Actor1CountryCode", "Actor2CountryCode"])
    series.update({f"gdelt-georgia {a}->{b}": x for (a, b), x in per_dyad.items()})
    return series


def country_of(name: str) -> str | None:
    """Return the ISO3 of an ICEWS actor name: the country itself or the one in "Sector (Country)"."""
    found = PARENTHESIS.search(name)
    match = match_country(found.group(1) if found else name)
    return match.country.iso3 if match else None


def load_icews_tkg(shared: Path) -> dict[str, numpy.ndarray]:
    """Return ICEWS05-15 weekly roots 18-20 series for the busiest directed country dyads."""
    path = shared / "data/eventstreams/icews_tkg/icews05-15/events_decoded.tsv.gz"
    frame = pandas.read_csv(path, sep="\t", dtype={"cameo_code": str}, usecols=["date", "source", "target",
                                                                              "cameo_code"])
    frame = frame.loc[frame["cameo_code"].str[:2].astype(int).isin(VIOLENT_ROOTS)]
    names = pandas.unique(pandas.concat([frame["source"], frame["target"]]))
    iso = {n: country_of(n) for n in names}
    frame = frame.assign(src=frame["source"].map(iso), tgt=frame["target"].map(iso),
                         date=pandas.to_datetime(frame["date"])).dropna(subset=["src", "tgt"])
    top = frame.groupby(["src", "tgt"]).size().nlargest(TOP_DYADS).index
    per_dyad = weekly(frame.set_index(["src", "tgt"]).loc[top].reset_index(), "date", ["src", "tgt"])
    return {f"icews05-15 {a}->{b}": x for (a, b), x in per_dyad.items()}


def alert_rules() -> dict[str, callable]:
    """Return the alert rules (and guard settings) scored on the real streams, by label."""
    rules = {}
    for guard in (1.0, 3.0):
        rules[f"surge (guard {guard:g})"] = lambda x, g=guard: flag_weeks(x, g)["surge"].to_numpy()
        rules[f"threat (guard {guard:g})"] = lambda x, g=guard: flag_weeks(x, g)["threat"].to_numpy()
        rules[f"surge or threat (guard {guard:g})"] = lambda x, g=guard: (
            flag_weeks(x, g)[["surge", "threat"]].any(axis=1).to_numpy())
    rules["large increase (>25% vs 4w)"] = lambda x: (flag_weeks(x)["change_level"] == "large increase").to_numpy()
    rules["every week (reference)"] = lambda x: numpy.ones(len(x), dtype=bool)
    return rules


def score_real(rules: dict[str, callable], streams: dict[str, numpy.ndarray]) -> pandas.DataFrame:
    """Return pooled precision, recall and median lead per rule over the streams, by corpus."""
    rows = []
    for corpus in sorted({name.split(" ")[0] for name in streams}):
        chosen = {k: v for k, v in streams.items() if k.startswith(corpus + " ")}
        for label, rule in rules.items():
            total = {"alarms": 0, "hits": 0, "episodes": 0, "found": 0, "lead_weeks": []}
            for counts in chosen.values():
                result = score_alarms(numpy.asarray(rule(counts), dtype=bool), label_escalations(counts))
                for key in total:
                    total[key] += result[key]
            rows.append(summarise(corpus, len(chosen), label, total))
    return pandas.DataFrame(rows)


def summarise(corpus: str, n_series: int, label: str, total: dict) -> dict:
    """Return one result row from pooled counts."""
    precision = total["hits"] / total["alarms"] if total["alarms"] else numpy.nan
    recall = total["found"] / total["episodes"] if total["episodes"] else numpy.nan
    lead = float(numpy.median(total["lead_weeks"])) if total["lead_weeks"] else numpy.nan
    return {"corpus": corpus, "series": n_series, "rule": label, "alarms": total["alarms"],
            "precision": precision, "episodes": total["episodes"], "recall": recall, "median_lead_weeks": lead}


def to_markdown(frame: pandas.DataFrame) -> str:
    """Return a frame as a GitHub markdown table (index included when it is named)."""
    frame = frame.reset_index() if any(frame.index.names) else frame
    header = [" / ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in frame.columns]
    cells = [[f"{v:.3g}" if isinstance(v, float) else str(v) for v in row] for row in frame.itertuples(index=False)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in cells])


def choose_detector(synth: pandas.DataFrame, real: pandas.DataFrame) -> pandas.DataFrame:
    """Return per detector: mean F1 over the real corpora, synthetic detection at ratio 2 and false alarms."""
    real = real.assign(f1=2 * real["precision"] * real["recall"] / (real["precision"] + real["recall"]))
    at_two = synth.loc[synth["ratio"] == 2.0].groupby("detector")[["detected"]].mean()
    false = synth.groupby("detector")[["false_per_100w"]].mean()
    table = real.groupby("rule")[["f1"]].mean().rename_axis("detector").join(at_two).join(false)
    return table.rename(columns={"f1": "mean real F1", "detected": "synthetic detected (ratio 2)",
                                 "false_per_100w": "synthetic false alarms /100w"}).sort_values(
        "mean real F1", ascending=False)


def main() -> None:
    """Run both backtests and print (and optionally write) markdown tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    shared = Path(args.shared)
    streams = {**load_mena(shared), **load_georgia(shared), **load_icews_tkg(shared)}
    synth = run_synthetic()
    pivot = synth.pivot_table(index=["detector"], columns=["rate", "ratio"], values="detected").round(2)
    real = score_real(detector_grid(), streams)
    sections = [
        "## Synthetic: detection rate within 8 weeks (rows: detector; columns: base rate, ratio)",
        to_markdown(pivot),
        "## Synthetic: false alarms per 100 pre-change weeks, and median delay (weeks) at ratio 2",
        to_markdown(synth.loc[synth["ratio"] == 2.0].pivot_table(index="detector", columns="rate",
                                                     values=["false_per_100w", "delay"]).round(2)),
        "## Real streams: detectors", to_markdown(real),
        "## Choice: mean F1 on the three real corpora, synthetic power and false alarms",
        to_markdown(choose_detector(synth, real)),
        "## Real streams: alert rules", to_markdown(score_real(alert_rules(), streams)),
    ]
    text = "\n\n".join(sections) + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
