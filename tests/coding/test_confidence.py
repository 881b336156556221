"""Confidence calibration: the scoring functions on hand values, the shipped table, and the coder using it."""

import pytest

import flashpoint
from flashpoint.coding.coder import Coder
from flashpoint.coding.confidence import Calibration, load_calibration, score_brier, score_ece
from flashpoint.nlp import load_nlp
from flashpoint.settings import DEFAULT_MODEL


def test_brier_and_ece_by_hand() -> None:
    assert score_brier([1.0, 0.0], [True, False]) == 0.0
    assert score_brier([0.5, 0.5], [True, False]) == pytest.approx(0.25)
    # one bin [0.8, 0.9): mean confidence 0.8, accuracy 0.5 -> gap 0.3 over all reports
    assert score_ece([0.8, 0.8], [True, False]) == pytest.approx(0.3)
    # two bins, each perfectly calibrated in the mean
    assert score_ece([0.05, 0.05, 0.95, 0.95], [False, False, True, True]) == pytest.approx(0.05)
    assert score_brier([], []) == score_ece([], []) == 0.0


def test_a_calibration_interpolates_and_clamps() -> None:
    table = Calibration((0.4, 0.6, 0.8), (0.2, 0.3, 0.7), "test")
    assert (table.apply(0.1), table.apply(0.5), table.apply(0.7), table.apply(0.99)) == (0.2, 0.25, 0.5, 0.7)


def test_the_shipped_table_is_monotone_bounded_and_says_what_it_was_fitted_on() -> None:
    table = load_calibration()
    assert table.key == "flashpoint.confidence.v1" and len(table.raw) == len(table.probability) >= 2
    assert list(table.raw) == sorted(table.raw) and list(table.probability) == sorted(table.probability)
    assert 0.05 <= min(table.probability) and max(table.probability) <= 0.95
    scores = [table.apply(x / 20) for x in range(21)]
    assert scores == sorted(scores)


@pytest.mark.integration
def test_the_coder_reports_the_calibrated_probability_of_its_raw_score() -> None:
    doc = load_nlp(DEFAULT_MODEL)("Iraq's parliament voted on Sunday to expel US troops from the country.")
    raw = Coder(calibrated=False).code_doc(doc, article_id="a", published="2020-01-05", model=None)
    calibrated = Coder().code_doc(doc, article_id="a", published="2020-01-05", model=None)
    assert raw and [e.id for e in raw] == [e.id for e in calibrated]
    assert [e.confidence for e in calibrated] == [load_calibration().apply(e.confidence) for e in raw]
    assert [e.confidence for e in flashpoint.code_text(doc.text, published="2020-01-05")] == \
        [e.confidence for e in calibrated]
