"""The event-level record's conflict rules and the cluster scorer, on hand-built inputs."""

from __future__ import annotations

import pytest
from builders import BAGHDAD, IRAQ, build_record

from flashpoint.clustering import score_clusters, summarize_event
from flashpoint.clustering.summary import flatten_event


def test_most_reported_value_wins_and_ties_go_to_confidence() -> None:
    reports = [build_record("a", dead=2, location=IRAQ, confidence=0.5),
               build_record("b", dead=4, location=BAGHDAD, confidence=0.9, site="x"),
               build_record("c", dead=4, date="2020-01", precision="month", confidence=0.4, site="x")]
    event = summarize_event("a", reports)
    assert (event["dead"], event["dead_low"], event["dead_high"]) == (4, 2, 4)
    assert event["location"]["name"] == "Baghdad"  # the most precise place wins over the country
    assert (event["date"], event["date_precision"]) == ("2020-01-08", "day")
    assert (event["num_reports"], event["num_sources"], event["num_articles"]) == (3, 2, 3)
    tie = summarize_event("a", [build_record("a", dead=1, confidence=0.3), build_record("b", dead=7, confidence=0.9)])
    assert tie["dead"] == 7


def test_the_events_acled_type_is_the_most_reported_one() -> None:
    reports = [build_record("a", acled="Shelling/artillery/missile attack"), build_record("b", acled=None),
               build_record("c", acled="Shelling/artillery/missile attack"), build_record("d", acled="Armed clash")]
    event = summarize_event("a", reports)
    assert event["acled"] == "Shelling/artillery/missile attack"
    assert flatten_event(event)["acled"] == "Shelling/artillery/missile attack"
    assert summarize_event("a", [build_record("a")])["acled"] is None


def test_status_conflict_is_kept_not_averaged() -> None:
    event = summarize_event("a", [build_record("a"), build_record("b", status="negated")])
    assert event["status_conflict"] and event["statuses"] == ["asserted", "negated"]
    calm = summarize_event("a", [build_record("a"), build_record("b", status="asserted")])
    assert not calm["status_conflict"]
    assert flatten_event(event)["statuses"] == "asserted; negated"


def test_pairwise_scores_and_purity() -> None:
    gold = {"a": "E1", "b": "E1", "c": "E1", "d": "E2", "e": "E2"}
    perfect = score_clusters(gold, {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"})
    assert perfect.f1 == perfect.purity == 1.0
    split = score_clusters(gold, {"a": "1", "b": "1", "c": "3", "d": "2", "e": "2"})
    assert split.precision == 1.0 and split.recall == pytest.approx(2 / 4)
    lumped = score_clusters(gold, {r: "1" for r in gold})
    assert lumped.recall == 1.0 and lumped.precision == pytest.approx(4 / 10) and lumped.purity == 0.6
