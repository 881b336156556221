"""Event clustering measured on the hand-built gold set (tests/golden/event_clusters) through the real pipeline.

Run the numbers alone with ``python tests/clustering/test_gold_clusters.py``. Each gold article reports one
real-world event; its coded reports of the gold PLOVER type carry that event's label, other reports are not
scored. Floors are pinned below the measured values (see the report in tests/golden/event_clusters/README.md).
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from pathlib import Path

import pytest

from flashpoint.clustering import score_clusters
from flashpoint.pipeline import ingest
from flashpoint.settings import Settings
from flashpoint.store import open_store

GOLD = Path(__file__).resolve().parents[1] / "golden" / "event_clusters"
F1_FLOOR = 0.85
PURITY_FLOOR = 0.90
COVERAGE_FLOOR = 0.70  # share of gold articles with a report of the gold type (the coder's recall, not clustering)

pytestmark = pytest.mark.integration


def load_gold() -> tuple[dict[str, str], dict[str, str]]:
    """Return {article url: gold event} and {gold event: PLOVER type}."""
    with (GOLD / "events.tsv").open(encoding="utf-8") as handle:
        types = {row["gold_event"]: row["type"] for row in csv.DictReader(handle, delimiter="\t")}
    lines = (GOLD / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    by_url = {record["url"]: record["gold_event"] for record in map(json.loads, lines)}
    return by_url, types


def evaluate_gold(db_path: str) -> dict:
    """Ingest the gold articles into a new store and return clustering scores and coverage."""
    by_url, types = load_gold()
    store = open_store(db_path)
    try:
        ingest([str(GOLD / "articles.jsonl")], store=store, settings=Settings(db=db_path))
        urls = {row.id: row.url for row in store.articles(include_dropped=False).itertuples()}
        records = store.event_records()
    finally:
        store.close()
    gold, predicted, covered = {}, {}, set()
    for record in records:
        label = by_url.get(urls.get(record["article_id"]))
        if label and record["event"] == types[label]:
            gold[record["id"]], predicted[record["id"]] = label, record["event_id"]
            covered.add(record["article_id"])
    score = score_clusters(gold, predicted).to_dict()
    score["coverage"] = round(len(covered) / len(by_url), 4)
    return score


def test_clustering_meets_the_gold_floors(tmp_path: Path) -> None:
    score = evaluate_gold(str(tmp_path / "gold.duckdb"))
    assert score["f1"] >= F1_FLOOR and score["purity"] >= PURITY_FLOOR, score
    assert score["coverage"] >= COVERAGE_FLOOR, score


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        json.dump(evaluate_gold(str(Path(folder) / "gold.duckdb")), sys.stdout, indent=2)
        print()
