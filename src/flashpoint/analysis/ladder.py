"""Escalation ladder: the highest rung each dyad reaches per period, and detected escalations.

Two rung scales:
- ``plover``: REQUEST < ACCUSE < THREATEN < MOBILIZE < COERCE < ASSAULT (PLOVER v2 types; others are off-ladder).
- ``cameo``: roots 10 (demand) < 13 (threaten) < 15 (exhibit force posture) < 18 (assault) < 19 (fight), with
  20 (unconventional mass violence) as a sixth rung above 19 so the gravest events are not dropped off the scale.

Escalations are found on each dyad's weekly count of reports at or above a rung (default THREATEN) by one of two
online detectors, both reading only past and present weeks:
- ``rolling``: a week is an alarm when its count exceeds the trailing-window mean by ROLLING_Z standard deviations
  (Poisson floor on the deviation) and by at least ROLLING_MIN_EXCESS events.
- ``cusum``: a Poisson CUSUM (Page 1954; Lucas 1985) for a rise from the trailing baseline rate mu to
  CUSUM_RATE_RATIO * mu; alarm when the log-likelihood-ratio sum passes CUSUM_THRESHOLD, then restart.
The default detector is the one benchmarks/escalation_backtest.py picked (see docs/analysis.md for the numbers).
"""

from __future__ import annotations

from typing import Callable, Iterable

import numpy
import pandas

from flashpoint.analysis.frames import DEFAULT_STATUSES, AnalysisError, check_option, prepare_frame
from flashpoint.analysis.dyads import PAIR_KEYS, fill_periods

PLOVER_RUNGS: tuple[str, ...] = ("REQUEST", "ACCUSE", "THREATEN", "MOBILIZE", "COERCE", "ASSAULT")
CAMEO_RUNGS: tuple[str, ...] = ("10", "13", "15", "18", "19", "20")
SCALES: dict[str, tuple[str, ...]] = {"plover": PLOVER_RUNGS, "cameo": CAMEO_RUNGS}
SCALE_COLUMN = {"plover": "event", "cameo": "cameo_root"}
DEFAULT_MIN_RUNG = "THREATEN"  # threats and above: words of coercion and acts, not complaints

BASELINE_WEEKS = 12  # trailing window for both detectors: a quarter, as in the escalation definition
MIN_BASELINE_WEEKS = 4  # no alarms until a month of history exists
ROLLING_Z = 3.0  # 3 sd: ~0.1% one-sided false-alarm rate per week under a normal approximation
ROLLING_MIN_EXCESS = 2  # at least 2 events above the mean, so 0 -> 1 on a quiet dyad is not an alarm
CUSUM_RATE_RATIO = 2.0  # the shift the CUSUM is tuned to detect: a doubling of the weekly rate
CUSUM_THRESHOLD = 2.0  # decision interval h: best mean F1 on real streams (benchmarks/escalation_backtest.py)
CUSUM_MIN_RATE = 0.5  # floor on the baseline rate (events/week) so an empty history does not alarm on 1 event
DEFAULT_DETECTOR = "cusum"


def rung_levels(frame: pandas.DataFrame, scale: str) -> pandas.Series:
    """Return each row's rung (1 = lowest) on ``scale``, 0 for rows off the ladder."""
    rungs = SCALES[scale]
    values = frame[SCALE_COLUMN[scale]].astype("string")
    return values.map({name: i + 1 for i, name in enumerate(rungs)}).fillna(0).astype(int)


def highest_rungs(frame: pandas.DataFrame, *, scale: str = "plover", period: str = "week", directed: bool = True,
                  statuses: Iterable[str] = DEFAULT_STATUSES, include_historical: bool = False,
                  since: str | None = None, until: str | None = None) -> pandas.DataFrame:
    """Return per dyad and period the highest rung reached (name and level) and how many reports were on it."""
    scale = check_option(scale, tuple(SCALES), "--scale")
    rows = prepare_frame(frame, period=period, directed=directed, statuses=statuses,
                         include_historical=include_historical, since=since, until=until)
    rows = rows.assign(rung_level=rung_levels(rows, scale))
    rows = rows.loc[rows["rung_level"] > 0]
    keys = [*PAIR_KEYS, "period"]
    top = rows.groupby(keys)["rung_level"].max().rename("rung_level").reset_index()
    at_top = rows.merge(top, on=[*keys, "rung_level"]).groupby(keys).size().rename("n_at_rung").reset_index()
    out = top.merge(at_top, on=keys)
    out["rung"] = [SCALES[scale][level - 1] for level in out["rung_level"]]
    return out[[*keys, "rung", "rung_level", "n_at_rung"]]


def trailing_stats(counts: numpy.ndarray, t: int) -> tuple[float, float] | None:
    """Return the mean and sd of the BASELINE_WEEKS before week t, or None with too little history."""
    window = counts[max(0, t - BASELINE_WEEKS):t]
    if len(window) < MIN_BASELINE_WEEKS:
        return None
    return float(window.mean()), float(window.std())


def detect_rolling(counts: numpy.ndarray, z: float = ROLLING_Z) -> numpy.ndarray:
    """Return a boolean array: week t is an alarm when it exceeds the trailing mean by ``z`` sd."""
    alarms = numpy.zeros(len(counts), dtype=bool)
    for t in range(len(counts)):
        stats = trailing_stats(counts, t)
        if stats is None:
            continue
        mean, sd = stats
        spread = max(sd, numpy.sqrt(max(mean, CUSUM_MIN_RATE)))  # Poisson floor: a flat history is not certainty
        alarms[t] = counts[t] > mean + z * spread and counts[t] >= mean + ROLLING_MIN_EXCESS
    return alarms


def detect_cusum(counts: numpy.ndarray, threshold: float = CUSUM_THRESHOLD) -> numpy.ndarray:
    """Return a boolean array of Poisson-CUSUM alarms for a rise to CUSUM_RATE_RATIO x the trailing rate."""
    alarms = numpy.zeros(len(counts), dtype=bool)
    total, log_ratio = 0.0, numpy.log(CUSUM_RATE_RATIO)
    for t in range(len(counts)):
        stats = trailing_stats(counts, t)
        if stats is None:
            continue
        mu = max(stats[0], CUSUM_MIN_RATE)
        # Log-likelihood ratio of Poisson(ratio * mu) against Poisson(mu) for this week's count.
        total = max(0.0, total + counts[t] * log_ratio - (CUSUM_RATE_RATIO - 1) * mu)
        if total > threshold:
            alarms[t], total = True, 0.0
    return alarms


DETECTORS: dict[str, Callable[[numpy.ndarray], numpy.ndarray]] = {"rolling": detect_rolling, "cusum": detect_cusum}


def detect_escalations(frame: pandas.DataFrame, *, detector: str = DEFAULT_DETECTOR, min_rung: str = DEFAULT_MIN_RUNG,
                       directed: bool = True, statuses: Iterable[str] = DEFAULT_STATUSES,
                       since: str | None = None, until: str | None = None) -> pandas.DataFrame:
    """Return one row per dyad-week the detector flags, on weekly counts of reports at or above ``min_rung``."""
    detector = check_option(detector, tuple(DETECTORS), "--detector")
    if min_rung.upper() not in PLOVER_RUNGS:
        raise AnalysisError(f"--min-rung {min_rung!r} is not one of: {', '.join(PLOVER_RUNGS)}")
    rows = prepare_frame(frame, period="week", directed=directed, statuses=statuses, since=since, until=until)
    rows = rows.loc[rung_levels(rows, "plover") >= PLOVER_RUNGS.index(min_rung.upper()) + 1]
    counts = rows.groupby([*PAIR_KEYS, "period"]).size().rename("n").reset_index()
    found = []
    for pair, series in fill_periods(counts, "week").groupby(list(PAIR_KEYS), sort=True):
        flags = DETECTORS[detector](series["n"].to_numpy(dtype=float))
        hits = series.loc[flags, ["period", "n"]].assign(source=pair[0], target=pair[1], directed=pair[2])
        found.append(hits)
    columns = [*PAIR_KEYS, "period", "n"]
    out = pandas.concat(found, ignore_index=True) if found else pandas.DataFrame(columns=columns)
    return out[columns].assign(detector=detector, min_rung=min_rung.upper())


# The escalation definition the detectors and alerts are scored against (docs/analysis.md):
# week t "precedes an escalation" when the mean count of weeks t+1..t+4 is at least ESCALATION_RISE x the mean of
# weeks t-11..t and at least ESCALATION_MIN_RATE per week (so 0 -> 1 event on a quiet series is not one).
ESCALATION_HORIZON = 4
ESCALATION_RISE = 1.5
ESCALATION_MIN_RATE = 1.0
MAX_LEAD_WEEKS = 4  # an alarm up to 4 weeks before an escalation onset counts as a warning of it


def label_escalations(counts: numpy.ndarray) -> numpy.ndarray:
    """Return per week 1.0 / 0.0 for "an escalation follows" by the definition above, NaN where undefined."""
    x = pandas.Series(numpy.asarray(counts, dtype=float))
    trailing = x.rolling(BASELINE_WEEKS, min_periods=BASELINE_WEEKS).mean()
    ahead = x[::-1].rolling(ESCALATION_HORIZON, min_periods=ESCALATION_HORIZON).mean()[::-1].shift(-1)
    labels = ((ahead >= ESCALATION_RISE * trailing) & (ahead >= ESCALATION_MIN_RATE)).astype(float)
    return labels.where(trailing.notna() & ahead.notna()).to_numpy()


def find_episodes(labels: numpy.ndarray) -> list[tuple[int, int]]:
    """Return (first, last) week of each maximal run of weeks labelled 1."""
    episodes, start = [], None
    for t, value in enumerate(numpy.nan_to_num(labels, nan=0.0)):
        if value == 1 and start is None:
            start = t
        if value != 1 and start is not None:
            episodes.append((start, t - 1))
            start = None
    return episodes + ([(start, len(labels) - 1)] if start is not None else [])


def score_alarms(alarms: numpy.ndarray, labels: numpy.ndarray) -> dict[str, float]:
    """Return alarm counts, hits, episodes found and lead times of alarms against escalation labels."""
    episodes = find_episodes(labels)
    defined = numpy.flatnonzero(~numpy.isnan(labels) & alarms)
    onsets = numpy.array([first for first, _ in episodes])
    hits = sum(1 for a in defined if labels[a] == 1 or ((onsets > a) & (onsets <= a + MAX_LEAD_WEEKS)).any())
    leads = []
    for first, last in episodes:
        warned = numpy.flatnonzero(alarms[max(0, first - MAX_LEAD_WEEKS):last + 1])
        if len(warned):
            leads.append(first + 1 - (max(0, first - MAX_LEAD_WEEKS) + warned[0]))
    return {"alarms": len(defined), "hits": hits, "episodes": len(episodes), "found": len(leads),
            "lead_weeks": leads}
