"""Balance of a focal actor: the score, both directions, bootstrap intervals and the lean."""

import numpy
import pandas
import pytest

from dyad_frames import build_frame, dyad_row
from flashpoint.analysis.balance import balance, bootstrap_interval, lean
from flashpoint.analysis.frames import AnalysisError


def cell(table: pandas.DataFrame, counterpart: str, direction: str) -> pandas.Series:
    """Return the single row of a balance table for one counterpart and direction."""
    rows = table.loc[(table["counterpart"] == counterpart) & (table["direction"] == direction)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_score_is_net_cooperation_share_in_each_direction() -> None:
    frame = build_frame([dyad_row("r1", "2020-01-06", "IRQ", "USA", "CONSULT"),
                         dyad_row("r2", "2020-01-07", "IRQ", "USA", "AID"),
                         dyad_row("r3", "2020-01-08", "USA", "IRQ", "CONSULT"),
                         dyad_row("r4", "2020-01-09", "USA", "IRQ", "ASSAULT"),
                         dyad_row("r5", "2020-01-09", "IRQ", "USA", "ACCUSE", directed=False),
                         dyad_row("r6", "2020-01-09", "TUR", "USA", "ASSAULT")])
    table = balance(frame, "irq", ["USA"], period="month")
    assert cell(table, "USA", "out")["score"] == 1.0
    assert cell(table, "USA", "in")["score"] == 0.0
    both = cell(table, "USA", "all")
    assert (both["n"], both["n_cooperation"], both["n_conflict"]) == (5, 3, 2)
    assert both["score"] == pytest.approx(0.2)


def test_bootstrap_interval_contains_the_true_score_at_its_nominal_rate() -> None:
    rng = numpy.random.default_rng(1)
    true_share, n, covered = 0.7, 120, 0
    for _ in range(200):
        k = int(rng.binomial(n, true_share))
        low, high = bootstrap_interval(n, k, rng)
        covered += low <= 2 * true_share - 1 <= high
    assert covered / 200 >= 0.9


def test_bootstrap_of_a_real_sample_brackets_the_true_score_and_is_reproducible() -> None:
    rng = numpy.random.default_rng(5)
    rows = [dyad_row(f"r{i}", "2020-03-02", "IRQ", "IRN", "CONSULT" if rng.random() < 0.75 else "ASSAULT")
            for i in range(300)]
    first = cell(balance(build_frame(rows), "IRQ", ["IRN"]), "IRN", "all")
    again = cell(balance(build_frame(rows), "IRQ", ["IRN"]), "IRN", "all")
    assert first["low"] <= 0.5 <= first["high"]
    assert (first["low"], first["high"]) == (again["low"], again["high"])


def test_lean_picks_the_warmer_counterpart_and_says_when_intervals_separate() -> None:
    rows = [dyad_row(f"u{i}", "2020-05-04", "IRQ", "USA", "CONSULT") for i in range(40)]
    rows += [dyad_row(f"i{i}", "2020-05-04", "IRN", "IRQ", "ASSAULT" if i % 4 else "CONSULT") for i in range(40)]
    rows += [dyad_row("t1", "2020-06-01", "IRQ", "USA", "CONSULT"), dyad_row("t2", "2020-06-01", "IRQ", "IRN", "AID"),
             dyad_row("t3", "2020-06-02", "IRQ", "IRN", "ASSAULT")]
    leaning = lean(balance(build_frame(rows), "IRQ", ["USA", "IRN"])).set_index("period")
    may, june = leaning.loc[pandas.Timestamp("2020-05-01")], leaning.loc[pandas.Timestamp("2020-06-01")]
    assert (may["leans_to"], may["runner_up"], bool(may["separated"])) == ("USA", "IRN", True)
    assert june["leans_to"] == "USA" and not june["separated"]


def test_balance_needs_a_counterpart() -> None:
    with pytest.raises(AnalysisError, match="at least one counterpart"):
        balance(build_frame([dyad_row("r1", "2020-01-06", "IRQ", "USA")]), "IRQ", [])
