"""Forecast models on synthetic streams with known answers, and the count panel built from a dyad frame."""

from __future__ import annotations

import io
from pathlib import Path

import numpy
import pandas
import pytest
import typer
from typer.testing import CliRunner

from flashpoint.analysis.forecast import (MODELS, build_count_panel, fit_dispersion, fit_learned, fit_nb,
                                          forecast_next, predict_learned, predict_nb, resolve_models)
from flashpoint.analysis.frames import AnalysisError
from flashpoint.cli.forecast import forecast
from flashpoint.records import Actor, Article, Event, Evidence, hash_text
from flashpoint.store import open_store

RNG_SEED = 7


def dyad_row(report: str, date: str, source: str, target: str, **fields) -> dict:
    """Return one dyad-frame row as Store.dyads() gives it."""
    row = dict(report_id=report, event_id=report, date=date, date_precision="day", event="ASSAULT", cameo="190",
               cameo_root="19", quad_class=4, goldstein=-10.0, status="asserted", historical=False, dead=None,
               injured=None, source_dataset=None, article_id="a", source=source, source_sector="GOV",
               target=target, target_sector="MIL", directed=True)
    row.update(fields)
    return row


def test_country_counts_count_each_report_once_per_country() -> None:
    frame = pandas.DataFrame([
        dyad_row("r1", "2020-01-06", "IRQ", "USA"),
        dyad_row("r1", "2020-01-06", "IRQ", "USA", source_sector="MIL"),  # same report, another sector pair
        dyad_row("r1", "2020-01-06", "IRQ", "IRN"),  # same report, another pair: IRQ still counts once
        dyad_row("r2", "2020-01-20", "IRQ", "IRQ"),  # domestic: once for IRQ
        dyad_row("r3", "2020-01-21", "USA", "IRQ", status="future"),  # not asserted: left out
        dyad_row("r4", "2020-01-22", "USA", "IRQ", event="ACCUSE", quad_class=3),  # not ASSAULT
    ])
    panel = build_count_panel(frame, level="country")
    assert list(panel.columns) == list(pandas.date_range("2020-01-06", "2020-01-20", freq="W-MON"))
    assert panel.loc["IRQ"].tolist() == [1, 0, 1]  # the empty middle week is a zero, not a gap
    assert panel.loc["USA"].tolist() == [1, 0, 0]
    dyads = build_count_panel(frame, level="dyad")
    assert dyads.loc["IRQ-USA"].tolist() == [1, 0, 0]
    assert dyads.loc["IRQ-IRQ"].tolist() == [0, 0, 1]
    quad = build_count_panel(frame, level="dyad", event_type="quad4", statuses=("asserted", "future"))
    assert quad.loc["USA-IRQ"].sum() == 1  # the future ASSAULT is quad 4 and now counted; the ACCUSE is not


def test_bad_options_raise_one_line_errors() -> None:
    frame = pandas.DataFrame([dyad_row("r1", "2020-01-06", "IRQ", "USA")])
    with pytest.raises(AnalysisError, match="--type"):
        build_count_panel(frame, event_type="PROTEST")
    with pytest.raises(AnalysisError, match="--model"):
        resolve_models("prophet")


def negative_binomial(mean: float, size: float, shape: tuple[int, int]) -> numpy.ndarray:
    """Return NB draws with the given mean and size (variance = mean + mean^2 / size)."""
    rng = numpy.random.default_rng(RNG_SEED)
    return rng.negative_binomial(size, size / (size + mean), size=shape).astype(float)


def test_nb_model_recovers_mean_and_dispersion_of_an_nb_stream() -> None:
    counts = negative_binomial(mean=20.0, size=5.0, shape=(30, 300))
    fit = fit_nb(counts)
    assert fit.window >= 26  # a stationary stream rewards the longest window
    assert numpy.mean(fit.alpha) == pytest.approx(1 / 5.0, abs=0.03)
    assert numpy.mean(predict_nb(counts, fit).mean) == pytest.approx(20.0, abs=1.0)


def test_nb_model_finds_no_overdispersion_in_a_poisson_stream() -> None:
    counts = numpy.random.default_rng(RNG_SEED).poisson(8.0, size=(30, 300)).astype(float)
    fit = fit_nb(counts)
    assert numpy.mean(fit.alpha) < 0.02  # truncation at 0 leaves a small positive bias; NB truth above is 0.2
    assert numpy.mean(predict_nb(counts, fit).mean) == pytest.approx(8.0, abs=0.5)


def test_fit_dispersion_with_true_means_recovers_alpha() -> None:
    counts = negative_binomial(mean=12.0, size=2.0, shape=(1, 20000))[0]
    assert fit_dispersion(counts, numpy.full(counts.size, 12.0)) == pytest.approx(0.5, abs=0.03)


def test_learned_model_learns_an_alternating_pattern_the_nb_mean_cannot() -> None:
    weeks = numpy.tile([0.0, 40.0], 60)  # ends on 40, so next is 0
    counts = numpy.vstack([weeks] * 6)
    learned = predict_learned(counts, fit_learned(counts))
    assert numpy.all(learned.mean < 3.0)
    assert numpy.all(predict_nb(counts, fit_nb(counts)).mean > 10.0)


def test_forecast_next_gives_intervals_probabilities_and_the_next_period() -> None:
    counts = negative_binomial(mean=6.0, size=3.0, shape=(4, 80))
    panel = pandas.DataFrame(counts, index=["A", "B", "C", "D"],
                             columns=pandas.date_range("2020-01-06", periods=80, freq="W-MON"))
    out = forecast_next(panel)
    assert set(out["model"]) == set(MODELS)
    assert (out["period"] == panel.columns[-1] + pandas.Timedelta(days=7)).all()
    assert (out["low80"] <= out["high80"]).all() and out["p_any"].between(0, 1).all()
    nb = out.loc[out["model"] == "nb"]
    assert ((nb["low80"] < nb["mean"]) & (nb["mean"] < nb["high80"])).all()
    monthly = panel.set_axis(pandas.date_range("2010-01-01", periods=80, freq="MS"), axis=1)
    assert forecast_next(monthly, models=["nochange"])["period"].iloc[0] == pandas.Timestamp("2016-09-01")


def write_weekly_store(path: str, weeks: int = 40) -> None:
    """Write a store with one IRQ->USA ASSAULT report every other week, plus a USA->IRN one every week."""
    store = open_store(path)
    try:
        for week in range(weeks):
            day = (pandas.Timestamp("2020-01-06") + pandas.Timedelta(weeks=week)).date().isoformat()
            text = f"On {day} militants attacked a base, officials said."
            article = Article(id=hash_text(text), text=text, source=f"w{week}.md", format="markdown", published=day)
            pairs = [("USA", "IRN")] + ([("IRQ", "USA")] if week % 2 == 0 else [])
            store.write_article(article, [build_event(article, n, a, r, day) for n, (a, r) in enumerate(pairs)])
    finally:
        store.close()


def build_event(article: Article, n: int, actor: str, recipient: str, day: str) -> Event:
    """Return an asserted ASSAULT report of ``actor`` on ``recipient`` dated ``day``."""
    return Event(id=hash_text(article.id, str(n)), article_id=article.id, event="ASSAULT", cameo="190",
                 cameo_root="19", goldstein=-10.0, quad_class=4, status="asserted",
                 actor=(Actor(text=actor, name=actor, country=actor, sector="MIL", span=(0, 3)),),
                 recipient=(Actor(text=recipient, name=recipient, country=recipient, sector="MIL", span=(4, 7)),),
                 trigger=Evidence("attacked", (10, 18)), sentence=article.text, sentence_index=n, confidence=0.8,
                 coder="test", model="none", date=day, date_precision="day")


@pytest.fixture()
def cli() -> typer.Typer:
    """Return a typer app with the forecast command, as cli/main.py registers it."""
    app = typer.Typer()
    app.command()(forecast)
    app.command("noop")(lambda: None)  # two commands, so "forecast" is addressed by name as in flashpoint
    return app


def test_cli_prints_forecasts_backtest_and_draws_figures(cli, tmp_path: Path) -> None:
    db = str(tmp_path / "events.duckdb")
    write_weekly_store(db)
    runner = CliRunner()
    result = runner.invoke(cli, ["forecast", "--db", db, "--level", "dyad", "--pair", "IRQ-USA", "--format", "csv",
                                 "--plot", str(tmp_path / "next.png")])
    assert result.exit_code == 0, result.output
    rows = pandas.read_csv(io.StringIO(result.stdout))
    assert set(rows["unit"]) == {"IRQ-USA"} and len(rows) == len(MODELS)
    learned = rows.loc[rows["model"] == "learned"].iloc[0]
    assert learned["last"] == 0 and learned["mean"] > 0.5  # the alternation says an attack week comes next
    assert (tmp_path / "next.png").stat().st_size > 10_000
    result = runner.invoke(cli, ["forecast", "--db", db, "--backtest", "--format", "json",
                                 "--plot", str(tmp_path / "bt.png")])
    assert result.exit_code == 0, result.output
    assert {"nochange", "nb", "learned"} <= {row["model"] for row in pandas.read_json(
        io.StringIO(result.stdout)).to_dict("records")}
    assert (tmp_path / "bt.png").stat().st_size > 10_000
    result = runner.invoke(cli, ["forecast", "--db", db, "--unit", "XYZ"])
    assert result.exit_code == 2 and "XYZ" in result.output
