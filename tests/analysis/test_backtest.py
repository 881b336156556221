"""Rolling-origin backtests: scores with known answers, skill, and no use of the future."""

from __future__ import annotations

from pathlib import Path

import numpy
import pandas
import pytest

from flashpoint.analysis.backtest import (crps_counts, default_first_origin, log_loss, run_backtest,
                                          summarise_backtest)
from flashpoint.analysis.forecast import MODELS, Predictive

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
MENA = SHARED / "data" / "eventstreams" / "icews_mena_weekly_2012_2015"


def weekly_panel(counts: numpy.ndarray) -> pandas.DataFrame:
    """Return a units x weeks panel of the given counts."""
    return pandas.DataFrame(counts, index=[f"u{i}" for i in range(counts.shape[0])],
                            columns=pandas.date_range("2020-01-06", periods=counts.shape[1], freq="W-MON"))


def test_nochange_scores_zero_error_on_a_constant_series() -> None:
    panel = weekly_panel(numpy.full((3, 30), 7.0))
    table = summarise_backtest(run_backtest(panel, models=["nochange"], first_origin=10)).set_index("model")
    assert table.loc["nochange", "crps"] == 0 and table.loc["nochange", "mse"] == 0
    assert table.loc["nochange", "log_score"] == 0 and table.loc["nochange", "brier"] == 0


def test_a_perfect_model_has_skill_one() -> None:
    y = numpy.array([0.0, 3.0, 1.0, 0.0, 5.0, 2.0])
    last = numpy.array([1.0, 0.0, 3.0, 1.0, 0.0, 5.0])
    rows = []
    for model, mean in (("nochange", last), ("perfect", y)):
        rows.append(pandas.DataFrame({"unit": "u", "origin": range(6), "model": model, "y": y, "mean": mean,
                                      "size": numpy.inf, "point": True}))
    table = summarise_backtest(pandas.concat(rows)).set_index("model")
    for metric in ("mse", "mae", "crps", "brier"):
        assert table.loc["perfect", f"skill_{metric}"] == pytest.approx(1.0)
        assert table.loc["nochange", f"skill_{metric}"] == 0
    assert table.loc["perfect", "aupr"] == pytest.approx(1.0)


def test_exact_crps_matches_the_sample_estimate() -> None:
    rng = numpy.random.default_rng(3)
    for mean, size, y in ((3.0, numpy.inf, 5.0), (10.0, 2.0, 4.0), (0.4, 1.0, 0.0)):
        pred = Predictive(numpy.array([mean]), numpy.array([size]))
        n = 200_000
        draws = rng.poisson(mean, n) if numpy.isinf(size) else rng.negative_binomial(size, size / (size + mean), n)
        other = rng.permutation(draws)
        sampled = numpy.mean(numpy.abs(draws - y)) - 0.5 * numpy.mean(numpy.abs(draws - other))
        assert crps_counts(pred, numpy.array([y]))[0] == pytest.approx(sampled, abs=0.02)


def test_log_loss_of_a_point_mass_is_zero_when_right_and_infinite_when_wrong() -> None:
    pred = Predictive(numpy.array([2.0, 2.0]), numpy.array([numpy.inf, numpy.inf]), point=True)
    assert log_loss(pred, numpy.array([2.0, 3.0])).tolist() == [0.0, numpy.inf]


def test_backtest_never_sees_the_future() -> None:
    rng = numpy.random.default_rng(11)
    counts = rng.poisson(4.0, size=(5, 40)).astype(float)
    counts[:, 31:] += 500.0  # a surge from period 31: a model that saw period 31 would forecast it there
    first = 25
    honest = run_backtest(weekly_panel(counts), first_origin=first)
    at_31 = honest.loc[honest["origin"] == weekly_panel(counts).columns[31]]
    assert (at_31["mean"] < 10).all() and (at_31["y"] > 400).all()
    # Changing period 31 and everything after must not change any forecast for periods up to 31.
    scrambled = counts.copy()
    scrambled[:, 31:] = rng.poisson(50.0, size=scrambled[:, 31:].shape)
    other = run_backtest(weekly_panel(scrambled), first_origin=first)
    upto = honest["origin"] <= weekly_panel(counts).columns[31]
    columns = ["unit", "origin", "model", "mean", "size"]
    pandas.testing.assert_frame_equal(honest.loc[upto, columns], other.loc[upto, columns])
    assert set(honest["model"]) == set(MODELS)


def test_first_origin_needs_enough_training() -> None:
    assert default_first_origin(100) == 50
    assert default_first_origin(20) == 12


@pytest.mark.shared
def test_backtest_runs_on_real_icews_weekly_counts() -> None:
    if not MENA.is_dir():
        pytest.skip(f"needs the shared event streams at {MENA} (../shared beside the checkout)")
    frame = pandas.read_csv(MENA / "country_mena_18.csv", parse_dates=["date"]).set_index("date").iloc[1:]
    panel = frame.T.iloc[:, :90]  # 7 countries, ICEWS CAMEO root 18, weekly
    table = summarise_backtest(run_backtest(panel, first_origin=60)).set_index("model")
    assert set(table.index) == set(MODELS)
    assert numpy.isfinite(table.loc[["nochange_poisson", "nb", "learned"], "log_score"]).all()
    assert (table["crps"] > 0).all() and table.loc["nochange", "n"] == 7 * 30
