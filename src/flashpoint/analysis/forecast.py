"""Next-period count forecasts per country or dyad: no-change, negative binomial on recent counts, learned.

A count panel is a wide DataFrame: one row per unit (a country code, or a pair "IRQ-USA"), one column per
period start, float counts. Every model is a pair of functions over the panel's history (a numpy array of the
periods before the forecast origin, units x periods) and returns a ``Predictive``: a negative binomial per unit
with ``mean`` and ``size`` (variance = mean + mean**2 / size; size = inf is Poisson), or a point mass when
``point`` is True. Models only ever see the history they are given, so a backtest that slices the panel at the
origin cannot leak the future (see analysis/backtest.py).

Models (registry ``MODELS`` below):
- ``nochange``: point mass at the last count (the ViEWS-style naive baseline; its CRPS equals its absolute error).
- ``nochange_poisson``: Poisson with mean = the last count, so the naive baseline has a finite log score.
- ``nb``: NB with mean = mean of the last k counts; k chosen on the history alone by NB log score over its last
  ``TUNE_PERIODS`` periods; dispersion fitted per unit by the method of moments on those one-step residuals.
- ``learned``: scikit-learn HistGradientBoostingRegressor(loss="poisson") on lags 1..4, 4- and 12-period means and
  the unit's long-run mean, trained on every (unit, period) of the history; NB dispersion pooled by moments.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy
import pandas
from scipy import stats

from flashpoint.analysis.frames import AnalysisError, check_option, period_range, prepare_frame

EVENT_TYPES: tuple[str, ...] = ("ASSAULT", "quad4")
LEVELS: tuple[str, ...] = ("country", "dyad")
FORECAST_PERIODS: tuple[str, ...] = ("week", "month")
MATERIAL_CONFLICT_QUAD = 4
UNDIRECTED_JOIN = "~"  # co-actor pairs with no recipient ("IRQ~USA"); directed pairs use "-"
# Poisson/NB means never go below this: a zero mean would make any later event infinitely surprising.
MEAN_FLOOR = 0.1
NB_WINDOWS: tuple[int, ...] = (1, 2, 4, 8, 13, 26, 52)  # candidate k (periods) for the NB rolling mean
TUNE_PERIODS = 52  # the NB model picks k and fits alphas on the last this-many periods of the history
LAGS = 4
SHORT_MEAN, LONG_MEAN = 4, 12
MIN_FEATURE_PERIODS = 2  # the learned model trains on periods with at least this much history before them
LEARNED_PARAMS = dict(loss="poisson", max_iter=150, learning_rate=0.06, max_leaf_nodes=15, min_samples_leaf=20,
                      l2_regularization=1.0, early_stopping=False, random_state=0)
# One OpenMP thread: on these small panels thread start-up dominated (0.27 s vs 1.4 s for one fit of 4,000 rows
# on the shared 2-core machine, and 20 s at load 4.8).
LEARNED_THREADS = 1
INTERVAL = (0.1, 0.9)  # the central 80% predictive interval


@dataclass(frozen=True)
class Predictive:
    """One predictive distribution per unit: NB(mean, size), Poisson when size is inf, point mass when point."""

    mean: numpy.ndarray
    size: numpy.ndarray
    point: bool = False


# --- count series -----------------------------------------------------------------------------------------

def select_event_type(frame: pandas.DataFrame, event_type: str) -> pandas.DataFrame:
    """Return the rows of PLOVER ASSAULT, or of any material-conflict quad class (4) for "quad4"."""
    if event_type == "ASSAULT":
        return frame.loc[frame["event"].astype("string").str.upper() == "ASSAULT"]
    return frame.loc[pandas.to_numeric(frame["quad_class"], errors="coerce") == MATERIAL_CONFLICT_QUAD]


def label_units(rows: pandas.DataFrame, level: str) -> pandas.DataFrame:
    """Return (report_id, period, unit) rows: each country once per report, or each pair once per report."""
    if level == "country":
        sides = [rows[["report_id", "period", side]].rename(columns={side: "unit"}) for side in ("source", "target")]
        units = pandas.concat(sides, ignore_index=True)
    else:
        join = numpy.where(rows["directed"].astype(bool), "-", UNDIRECTED_JOIN)
        units = rows[["report_id", "period"]].assign(
            unit=rows["source"].astype(str) + join + rows["target"].astype(str))
    return units.dropna(subset=["unit"]).drop_duplicates(subset=["report_id", "unit"])


def build_count_panel(frame: pandas.DataFrame, *, level: str = "country", event_type: str = "ASSAULT",
                      period: str = "week", statuses: tuple[str, ...] = ("asserted",),
                      include_historical: bool = False) -> pandas.DataFrame:
    """Return a units x periods panel of event counts from a store dyad frame (zeros filled between dates)."""
    level = check_option(level, LEVELS, "--level")
    period = check_option(period, FORECAST_PERIODS, "--period")
    if event_type not in EVENT_TYPES:
        raise AnalysisError(f"--type {event_type!r} is not one of: {', '.join(EVENT_TYPES)}")
    rows = prepare_frame(frame, period=period, level="country", directed=True, unit="reports",
                         statuses=statuses, include_historical=include_historical)
    units = label_units(select_event_type(rows, event_type), level)
    if units.empty:
        raise AnalysisError(f"no dated {event_type} events in the selection; nothing to forecast")
    counts = units.groupby(["unit", "period"]).size().unstack("period", fill_value=0)
    dates = period_range(rows["period"].min(), rows["period"].max(), period)
    return counts.reindex(columns=dates, fill_value=0).astype(float).sort_index()


# --- distributions ----------------------------------------------------------------------------------------

def nb_frozen(pred: Predictive):
    """Return a frozen scipy distribution (Poisson where size is inf) for the non-point predictive."""
    mean = numpy.maximum(pred.mean, MEAN_FLOOR)
    size = numpy.where(numpy.isfinite(pred.size), pred.size, 1e12)  # NB with a huge size is Poisson
    return stats.nbinom(size, size / (size + mean))


def interval_of(pred: Predictive, probs: tuple[float, float] = INTERVAL) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Return the lower and upper predictive quantiles per unit."""
    if pred.point:
        return pred.mean.copy(), pred.mean.copy()
    dist = nb_frozen(pred)
    return dist.ppf(probs[0]), dist.ppf(probs[1])


def prob_any(pred: Predictive) -> numpy.ndarray:
    """Return P(count > 0) per unit ("any attack next period")."""
    if pred.point:
        return (pred.mean > 0).astype(float)
    return 1.0 - nb_frozen(pred).pmf(0)


def fit_dispersion(counts: numpy.ndarray, means: numpy.ndarray, *, inflation: float = 1.0) -> float:
    """Return the NB alpha (variance = mu + alpha mu^2) by moments from counts and their predicted means.

    ``inflation`` divides the squared residuals: a mean estimated from k iid draws adds var/k to them."""
    ok = numpy.isfinite(counts) & numpy.isfinite(means)
    y, mu = counts[ok], numpy.maximum(means[ok], MEAN_FLOOR)
    if y.size == 0 or numpy.sum(mu ** 2) == 0:
        return 0.0
    return float(max(numpy.sum((y - mu) ** 2 / inflation - mu) / numpy.sum(mu ** 2), 0.0))


def size_from_alpha(alpha: numpy.ndarray) -> numpy.ndarray:
    """Return NB size = 1/alpha, inf (Poisson) where alpha is 0."""
    alpha = numpy.asarray(alpha, dtype=float)
    with numpy.errstate(divide="ignore"):
        return numpy.where(alpha > 0, 1.0 / numpy.maximum(alpha, 1e-12), numpy.inf)


# --- no-change --------------------------------------------------------------------------------------------

def last_counts(history: numpy.ndarray) -> numpy.ndarray:
    """Return each unit's last count (0 when there is no history)."""
    return history[:, -1].copy() if history.shape[1] else numpy.zeros(history.shape[0])


def predict_nochange(history: numpy.ndarray, state: object = None) -> Predictive:
    """Return a point mass at the last count."""
    return Predictive(last_counts(history), numpy.full(history.shape[0], numpy.inf), point=True)


def predict_nochange_poisson(history: numpy.ndarray, state: object = None) -> Predictive:
    """Return Poisson(last count)."""
    return Predictive(numpy.maximum(last_counts(history), MEAN_FLOOR), numpy.full(history.shape[0], numpy.inf))


def fit_nothing(history: numpy.ndarray) -> None:
    """Return no state: the no-change models have nothing to fit."""
    return None


# --- negative binomial on recent counts ---------------------------------------------------------------------

@dataclass(frozen=True)
class NBFit:
    """The NB model's window k and per-unit dispersion alpha."""

    window: int
    alpha: numpy.ndarray


def trailing_means(history: numpy.ndarray, window: int) -> numpy.ndarray:
    """Return means[:, s] = mean of history[:, s-window:s] (fewer at the start; NaN at s=0), s = 0..T."""
    cums = numpy.concatenate([numpy.zeros((history.shape[0], 1)), numpy.cumsum(history, axis=1)], axis=1)
    ends = numpy.arange(cums.shape[1])
    starts = numpy.maximum(ends - window, 0)
    with numpy.errstate(invalid="ignore", divide="ignore"):
        return (cums[:, ends] - cums[:, starts]) / (ends - starts)


def score_window(history: numpy.ndarray, window: int) -> tuple[float, numpy.ndarray]:
    """Return the mean NB log loss of window-k one-step forecasts over the tuning periods, and the unit alphas."""
    means = trailing_means(history, window)[:, :-1]
    tune = slice(max(history.shape[1] - TUNE_PERIODS, 1), history.shape[1])
    y, mu = history[:, tune], means[:, tune]
    alpha = numpy.array([fit_dispersion(y[i], mu[i], inflation=1 + 1 / window) for i in range(len(y))])
    pred = Predictive(mu.ravel(), numpy.repeat(size_from_alpha(alpha), y.shape[1]))
    return float(-numpy.mean(nb_frozen(pred).logpmf(y.ravel()))), alpha


def fit_nb(history: numpy.ndarray) -> NBFit:
    """Return the window k with the best log score on the history's last periods and its per-unit alphas."""
    if history.shape[1] < 2:
        return NBFit(1, numpy.zeros(history.shape[0]))
    windows = [k for k in NB_WINDOWS if k < history.shape[1]] or [1]
    scored = [(score_window(history, k), k) for k in windows]
    (_, alpha), window = min(scored, key=lambda item: item[0][0])
    return NBFit(window, alpha)


def predict_nb(history: numpy.ndarray, state: NBFit) -> Predictive:
    """Return NB(mean of the last k counts, per-unit size)."""
    mean = trailing_means(history, state.window)[:, -1] if history.shape[1] else numpy.zeros(history.shape[0])
    return Predictive(numpy.maximum(numpy.nan_to_num(mean), MEAN_FLOOR), size_from_alpha(state.alpha))


# --- learned model on lagged features -----------------------------------------------------------------------

@dataclass(frozen=True)
class LearnedFit:
    """A fitted gradient-boosting model and its pooled NB alpha (None when there was too little to train on)."""

    model: object
    alpha: float


def build_features(history: numpy.ndarray) -> numpy.ndarray:
    """Return features[:, s, :] describing history[:, :s] (for predicting period s), s = 0..T."""
    units, periods = history.shape
    columns = []
    for lag in range(1, LAGS + 1):
        column = numpy.full((units, periods + 1), numpy.nan)
        column[:, lag:] = history[:, :periods + 1 - lag]  # period s sees the count at s - lag, never s itself
        columns.append(column)
    columns += [trailing_means(history, SHORT_MEAN), trailing_means(history, LONG_MEAN),
                trailing_means(history, max(periods, 1))]
    return numpy.stack(columns, axis=2)


def fit_learned(history: numpy.ndarray) -> LearnedFit:
    """Train the Poisson gradient-boosting model on every (unit, period) of the history; fit a pooled alpha."""
    from sklearn.ensemble import HistGradientBoostingRegressor  # heavy imports, only when this model runs
    from threadpoolctl import threadpool_limits

    if history.shape[1] <= MIN_FEATURE_PERIODS:
        return LearnedFit(None, 0.0)
    features = build_features(history)[:, MIN_FEATURE_PERIODS:history.shape[1], :]
    x = features.reshape(-1, features.shape[2])
    y = history[:, MIN_FEATURE_PERIODS:].ravel()
    if y.sum() == 0:
        return LearnedFit(None, 0.0)
    with threadpool_limits(LEARNED_THREADS):
        model = HistGradientBoostingRegressor(**LEARNED_PARAMS).fit(x, y)
    return LearnedFit(model, fit_dispersion(y, model.predict(x)))


def predict_learned(history: numpy.ndarray, state: LearnedFit) -> Predictive:
    """Return NB(model prediction from the history's last features, pooled size); no-change when untrained."""
    if state.model is None:
        return predict_nochange_poisson(history)
    mean = numpy.maximum(state.model.predict(build_features(history)[:, -1, :]), MEAN_FLOOR)
    return Predictive(mean, numpy.full(history.shape[0], size_from_alpha(state.alpha)))


# Registry: name -> (fit(history) -> state, predict(history, state) -> Predictive). Filled here, nowhere else.
MODELS: dict[str, tuple[Callable, Callable]] = {
    "nochange": (fit_nothing, predict_nochange),
    "nochange_poisson": (fit_nothing, predict_nochange_poisson),
    "nb": (fit_nb, predict_nb),
    "learned": (fit_learned, predict_learned),
}


def resolve_models(name: str) -> list[str]:
    """Return the model names for a --model option ("all" gives every registered model)."""
    if name == "all":
        return list(MODELS)
    if name not in MODELS:
        raise AnalysisError(f"--model {name!r} is not one of: all, {', '.join(MODELS)}")
    return [name]


def next_period(columns: pandas.Index) -> pandas.Timestamp:
    """Return the period start after the panel's last column (monthly when columns are 28+ days apart)."""
    if len(columns) >= 2 and (columns[-1] - columns[-2]).days >= 28:
        return columns[-1] + pandas.DateOffset(months=1)
    return columns[-1] + pandas.Timedelta(days=7)


def forecast_next(panel: pandas.DataFrame, *, models: list[str] | None = None) -> pandas.DataFrame:
    """Return next-period forecasts per unit and model: mean, 80% interval and P(any event)."""
    history = panel.to_numpy(dtype=float)
    target = next_period(panel.columns)
    parts = []
    for name in models or list(MODELS):
        fit, predict = MODELS[name]
        pred = predict(history, fit(history))
        low, high = interval_of(pred)
        parts.append(pandas.DataFrame({"unit": panel.index, "period": target, "model": name,
                                       "last": history[:, -1], "mean": pred.mean, "low80": low,
                                       "high80": high, "p_any": prob_any(pred)}))
    out = pandas.concat(parts, ignore_index=True)
    return out.sort_values("unit", kind="stable").reset_index(drop=True)
