"""Event clustering measured on the hand-built gold set (tests/golden/event_clusters) through the real pipeline.

Run the numbers alone with ``flashpoint evaluate clusters`` (or ``python tests/clustering/test_gold_clusters.py``). Each gold article reports one
real-world event; its coded reports of the gold PLOVER type carry that event's label, other reports are not
scored. Floors are pinned below the measured values (see the report in tests/golden/event_clusters/README.md).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import pytest

from flashpoint.cli.evaluate import score_cluster_gold

GOLD = Path(__file__).resolve().parents[1] / "golden" / "event_clusters"
F1_FLOOR = 0.85
PURITY_FLOOR = 0.90
COVERAGE_FLOOR = 0.70  # share of gold articles with a report of the gold type (the coder's recall, not clustering)

pytestmark = pytest.mark.integration


def test_clustering_meets_the_gold_floors(tmp_path: Path) -> None:
    score = score_cluster_gold(GOLD, str(tmp_path / "gold.duckdb"))
    assert score["f1"] >= F1_FLOOR and score["purity"] >= PURITY_FLOOR, score
    assert score["coverage"] >= COVERAGE_FLOOR, score


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        json.dump(score_cluster_gold(GOLD, str(Path(folder) / "gold.duckdb")), sys.stdout, indent=2)
        print()
