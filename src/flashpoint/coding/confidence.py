"""Confidence of a coded report: a heuristic score of how much of it was resolved, calibrated to a probability.

The heuristic (coder.score_confidence) adds up what the coder found: a specific dictionary pattern, both sides of a
dyad, a main-clause trigger, a verbal rather than nominal trigger. Its numbers are not probabilities. The calibration
table (dictionaries/confidence.v1.json, written by tools/fit_confidence.py) maps each heuristic score to the share of
such reports that were right on the project's own demo gold (tests/golden/demo_events.jsonl), fitted by isotonic
regression so a higher score never means a lower probability; the file's manifest says what it was fitted on and
what cross-validation measured.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy

CALIBRATION_FILE = "confidence.v1.json"


@dataclass(frozen=True)
class Calibration:
    """A monotone map from heuristic scores to probabilities: points (raw, probability) joined linearly."""

    raw: tuple[float, ...]
    probability: tuple[float, ...]
    key: str

    def apply(self, score: float) -> float:
        """Return the calibrated probability of a heuristic score (clamped to the fitted range)."""
        return round(float(numpy.interp(score, self.raw, self.probability)), 2)


@lru_cache(maxsize=1)
def load_calibration() -> Calibration:
    """Return the shipped calibration table (read once per process)."""
    data = json.loads((files(__package__) / "dictionaries" / CALIBRATION_FILE).read_text(encoding="utf-8"))
    return Calibration(tuple(data["raw"]), tuple(data["probability"]), data["key"])


def score_brier(confidences: list[float], correct: list[bool]) -> float:
    """Return the Brier score (mean squared gap between confidence and outcome; lower is better)."""
    if not confidences:
        return 0.0
    return float(numpy.mean((numpy.asarray(confidences) - numpy.asarray(correct, dtype=float)) ** 2))


def score_ece(confidences: list[float], correct: list[bool], bins: int = 10) -> float:
    """Return the expected calibration error: the count-weighted gap between mean confidence and accuracy per bin."""
    if not confidences:
        return 0.0
    values, hits = numpy.asarray(confidences), numpy.asarray(correct, dtype=float)
    slots = numpy.minimum((values * bins).astype(int), bins - 1)
    gaps = [abs(values[slots == b].mean() - hits[slots == b].mean()) * (slots == b).sum()
            for b in range(bins) if (slots == b).any()]
    return float(sum(gaps) / len(values))
