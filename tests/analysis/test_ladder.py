"""Escalation ladder: highest rung per period, detectors finding planted change points, the scoring rule."""

import numpy
import pandas

from dyad_frames import build_frame, dyad_row, weekly_stream
from flashpoint.analysis.ladder import (
    detect_cusum, detect_escalations, detect_rolling, find_episodes, highest_rungs, label_escalations, score_alarms,
)

PLANTED_WEEK = 40


def planted_stream(seed: int, before: float = 3.0, after: float = 12.0, weeks: int = 60) -> numpy.ndarray:
    """Return a seeded Poisson weekly stream whose rate jumps at PLANTED_WEEK."""
    rng = numpy.random.default_rng(seed)
    return rng.poisson(numpy.where(numpy.arange(weeks) < PLANTED_WEEK, before, after)).astype(float)


def test_highest_rung_per_week_on_both_scales() -> None:
    frame = build_frame([dyad_row("r1", "2020-01-06", "IRQ", "USA", "ACCUSE"),
                         dyad_row("r2", "2020-01-07", "IRQ", "USA", "COERCE"),
                         dyad_row("r3", "2020-01-08", "IRQ", "USA", "COERCE"),
                         dyad_row("r4", "2020-01-09", "IRQ", "USA", "CONSULT"),
                         dyad_row("r5", "2020-01-13", "IRQ", "USA", "CONSULT"),
                         dyad_row("r6", "2020-01-10", "IRQ", "USA", "THREATEN")])
    plover = highest_rungs(frame, period="week")
    assert list(plover["rung"]) == ["COERCE"] and list(plover["n_at_rung"]) == [2]
    cameo = highest_rungs(frame, scale="cameo", period="week")  # COERCE (17) and ACCUSE (11) are off it
    assert list(cameo["rung"]) == ["13"] and list(cameo["n_at_rung"]) == [1]


def test_cusum_finds_the_planted_change_point_soon_after_it() -> None:
    for seed in range(5):
        alarms = numpy.flatnonzero(detect_cusum(planted_stream(seed)))
        after = alarms[alarms >= PLANTED_WEEK]
        assert len(after) and after[0] <= PLANTED_WEEK + 2, seed


def test_rolling_rule_flags_a_step_at_exactly_the_planted_week() -> None:
    stream = numpy.array([2.0, 3.0] * 20 + [15.0] * 5)
    alarms = numpy.flatnonzero(detect_rolling(stream))
    assert alarms[0] == PLANTED_WEEK


def test_flat_streams_raise_no_alarm() -> None:
    flat = numpy.full(80, 5.0)
    assert not detect_cusum(flat).any() and not detect_rolling(flat).any()


def test_detect_escalations_on_a_frame_reports_the_planted_week() -> None:
    counts = [1, 0] * 10 + [8, 9, 10]
    frame = weekly_stream(counts, "IRN", "USA", event="THREATEN")
    found = detect_escalations(frame, detector="cusum")
    assert found.iloc[0]["period"] == pandas.Timestamp("2020-01-06") + pandas.Timedelta(weeks=20)
    assert (found.iloc[0]["source"], found.iloc[0]["target"]) == ("IRN", "USA")
    assert detect_escalations(weekly_stream(counts, event="REQUEST")).empty  # below the THREATEN rung


def test_escalation_labels_and_scores_on_a_handmade_stream() -> None:
    stream = numpy.array([2.0] * 16 + [6.0] * 4 + [2.0] * 8)
    labels = label_escalations(stream)
    assert numpy.isnan(labels[:11]).all() and labels[15] == 1 and labels[11] == 0
    assert find_episodes(labels)[0][1] == 18 or find_episodes(labels)[0][0] <= 15
    alarms = numpy.zeros(len(stream), dtype=bool)
    alarms[[14, 25]] = True
    result = score_alarms(alarms, labels)
    assert (result["alarms"], result["hits"], result["found"]) == (1, 1, 1)
    assert result["lead_weeks"][0] == find_episodes(labels)[0][0] + 1 - 14
