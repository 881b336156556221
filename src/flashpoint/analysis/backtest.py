"""Rolling-origin backtests of the forecast models, scored against the no-change baseline.

For each origin t in the evaluation span, every model is fitted on ``panel[:, :t]`` (a numpy slice: the model
cannot see period t or later) and predicts period t. Scores, averaged over every (unit, origin):

- MSE and MAE of the predictive mean;
- CRPS, exact for count distributions: sum over k >= 0 of (F(k) - 1{y <= k})^2, summed until F(k) > 1 - 1e-10
  (for the point-mass no-change model this equals its absolute error);
- log score as the negative log predictive probability of the observed count (lower is better; infinite for a
  point mass that missed, which is why ``nochange_poisson`` exists);
- Brier score and AUPR (average precision) for "any event next period", from P(count > 0);
- skill = 1 - score / score of no-change, per metric; the log-score skill is against ``nochange_poisson``.
"""

from __future__ import annotations

import numpy
import pandas

from flashpoint.analysis.forecast import MODELS, Predictive, nb_frozen, prob_any
from flashpoint.analysis.frames import AnalysisError

REFIT_EVERY: dict[str, int] = {"learned": 4}  # periods between refits (others refit at every origin)
CRPS_TAIL = 1e-10  # the CRPS sum stops where the predictive CDF is this close to 1
CRPS_CELLS = 4_000_000  # rows x support points per CRPS chunk, to bound memory
SKILL_METRICS: tuple[str, ...] = ("mse", "mae", "crps", "log_score", "brier")
SKILL_REFERENCE: dict[str, str] = {"log_score": "nochange_poisson"}  # default reference: "nochange"
MIN_TRAIN_PERIODS = 12


def default_first_origin(periods: int) -> int:
    """Return the first evaluation origin: half the span, but at least MIN_TRAIN_PERIODS of training."""
    first = max(MIN_TRAIN_PERIODS, periods // 2)
    if first >= periods:
        raise AnalysisError(f"{periods} periods are too few to backtest; need more than {MIN_TRAIN_PERIODS}")
    return first


def forecast_origin(history: numpy.ndarray, name: str, state: object) -> Predictive:
    """Return one model's predictive for the period after ``history``."""
    return MODELS[name][1](history, state)


def run_backtest(panel: pandas.DataFrame, *, models: list[str] | None = None,
                 first_origin: int | None = None) -> pandas.DataFrame:
    """Return one row per (unit, origin, model): observed count and the predictive's mean, size and point flag."""
    values = panel.to_numpy(dtype=float)
    first = default_first_origin(values.shape[1]) if first_origin is None else first_origin
    rows = []
    for name in models or list(MODELS):
        fit = MODELS[name][0]
        every = REFIT_EVERY.get(name, 1)
        state = None
        for step, origin in enumerate(range(first, values.shape[1])):
            history = values[:, :origin]  # everything the model may know at this origin
            if step % every == 0:
                state = fit(history)
            pred = forecast_origin(history, name, state)
            rows.append(pandas.DataFrame({"unit": panel.index, "origin": panel.columns[origin], "model": name,
                                          "y": values[:, origin], "mean": pred.mean, "size": pred.size,
                                          "point": pred.point}))
    return pandas.concat(rows, ignore_index=True)


def crps_counts(pred: Predictive, y: numpy.ndarray) -> numpy.ndarray:
    """Return the exact CRPS of each count ``y`` under its NB/Poisson or point-mass predictive."""
    if pred.point:
        return numpy.abs(y - pred.mean)
    dist = nb_frozen(pred)
    tops = numpy.maximum(dist.ppf(1 - CRPS_TAIL), y)
    top = int(numpy.nanmax(tops)) + 1 if len(y) else 1
    out = numpy.empty(len(y))
    chunk = max(1, CRPS_CELLS // (top + 1))
    support = numpy.arange(top + 1)
    for start in range(0, len(y), chunk):
        part = slice(start, start + chunk)
        piece = nb_frozen(Predictive(pred.mean[part], pred.size[part]))
        cdf = piece.cdf(support[:, None]).T  # (support, rows) broadcast, then one row per forecast
        step = (support[None, :] >= y[part, None]).astype(float)
        out[part] = numpy.sum((cdf - step) ** 2, axis=1)
    return out


def log_loss(pred: Predictive, y: numpy.ndarray) -> numpy.ndarray:
    """Return -log P(y) under the predictive (inf where a point mass missed)."""
    if pred.point:
        return numpy.where(y == pred.mean, 0.0, numpy.inf)
    return -nb_frozen(pred).logpmf(y)


def average_precision(truth: numpy.ndarray, prob: numpy.ndarray) -> float:
    """Return the area under the precision-recall curve (average precision); NaN when one class is missing."""
    from sklearn.metrics import average_precision_score

    if truth.all() or not truth.any():
        return float("nan")
    return float(average_precision_score(truth, prob))


def score_model(rows: pandas.DataFrame) -> dict[str, float]:
    """Return the averaged scores of one model's backtest rows."""
    y = rows["y"].to_numpy(dtype=float)
    pred = Predictive(rows["mean"].to_numpy(dtype=float), rows["size"].to_numpy(dtype=float),
                      bool(rows["point"].iloc[0]))
    error = pred.mean - y
    p_any, any_event = prob_any(pred), y > 0
    return {"n": len(rows), "mse": float(numpy.mean(error ** 2)), "mae": float(numpy.mean(numpy.abs(error))),
            "crps": float(numpy.mean(crps_counts(pred, y))), "log_score": float(numpy.mean(log_loss(pred, y))),
            "brier": float(numpy.mean((p_any - any_event) ** 2)), "aupr": average_precision(any_event, p_any)}


def add_skill(table: pandas.DataFrame) -> pandas.DataFrame:
    """Return the table with skill_<metric> = 1 - score / reference score (NaN when the reference is absent)."""
    out = table.copy()
    for metric in SKILL_METRICS:
        reference = SKILL_REFERENCE.get(metric, "nochange")
        base = float(out.loc[reference, metric]) if reference in out.index else numpy.nan
        usable = numpy.isfinite(base) and base > 0
        out[f"skill_{metric}"] = 1 - out[metric] / base if usable else numpy.nan
    return out


def summarise_backtest(forecasts: pandas.DataFrame) -> pandas.DataFrame:
    """Return one row per model: n, MSE, MAE, CRPS, log score, Brier, AUPR and skill against no-change."""
    scores = {name: score_model(rows) for name, rows in forecasts.groupby("model", sort=False)}
    table = pandas.DataFrame.from_dict(scores, orient="index")
    table.index.name = "model"
    return add_skill(table).reset_index()


def backtest_panel(panel: pandas.DataFrame, *, models: list[str] | None = None,
                   first_origin: int | None = None) -> pandas.DataFrame:
    """Run the rolling-origin backtest on a count panel and return the per-model score table."""
    return summarise_backtest(run_backtest(panel, models=models, first_origin=first_origin))
