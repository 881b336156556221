"""Cluster quality against a gold grouping: purity and pairwise precision, recall and F1.

Pairwise scores count report pairs: a pair is predicted together when both reports got the same event id and
gold together when the gold set says they report the same real-world event. Purity is the share of reports
whose predicted event's most common gold event is their own. Both run in time linear in the reports (pairs are
counted from cluster-by-gold contingency counts, never enumerated).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Mapping


@dataclass(frozen=True)
class ClusterScore:
    """Purity and pairwise precision/recall/F1 of predicted clusters against gold clusters."""

    reports: int
    gold_events: int
    predicted_events: int
    purity: float
    precision: float
    recall: float
    f1: float

    def to_dict(self) -> dict[str, float | int]:
        """Return the scores as a JSON-ready dict (rounded to 4 places)."""
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}


def count_pairs(sizes: Mapping[object, int]) -> int:
    """Return the number of unordered pairs within groups of the given sizes."""
    return sum(n * (n - 1) // 2 for n in sizes.values())


def score_clusters(gold: Mapping[str, str], predicted: Mapping[str, str]) -> ClusterScore:
    """Score predicted event ids against gold event labels over the reports both mappings hold."""
    reports = [r for r in gold if r in predicted]
    cells = Counter((predicted[r], gold[r]) for r in reports)
    by_predicted: dict[str, Counter] = defaultdict(Counter)
    for (event, label), n in cells.items():
        by_predicted[event][label] += n
    together = count_pairs(cells)
    predicted_pairs = count_pairs(Counter(predicted[r] for r in reports))
    gold_pairs = count_pairs(Counter(gold[r] for r in reports))
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    purity = sum(max(c.values()) for c in by_predicted.values()) / len(reports) if reports else 0.0
    return ClusterScore(len(reports), len(set(gold[r] for r in reports)), len(by_predicted), purity,
                        precision, recall, f1)
