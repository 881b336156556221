"""Event clusters in a real DuckDB store: mentions, merges under the oldest id, conflicts, both query units."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.pipeline import cluster_events, query_events
from flashpoint.records import Actor, Article, Event, Evidence, Place, hash_text
from flashpoint.store import EventFilter, open_store

IRAQ = Place("Iraq", "Iraq", "IRQ", None, 33.0, 44.0, 99237, 3)
BAGHDAD = Place("Baghdad", "Baghdad", "IRQ", "Baghdad", 33.34, 44.40, 98182, 1)


def make_article(text: str, published: str, site: str) -> Article:
    return Article(id=hash_text(text), text=text, source=f"in/{hash_text(text, length=6)}.txt", format="text",
                   published=published, site=site)


def make_event(article: Article, *, actor: str | None = "IRN", recipient: str | None = "USA", n: int = 0,
               **fields) -> Event:
    values = dict(
        id=hash_text(article.id, str(n)), article_id=article.id, event="ASSAULT", cameo="190", cameo_root="19",
        goldstein=-10.0, quad_class=4, status="asserted",
        actor=(Actor(actor, actor, actor, None),) if actor else (),
        recipient=(Actor(recipient, recipient, recipient, "MIL"),) if recipient else (),
        trigger=Evidence("attacked", (0, 8)), sentence=article.text, sentence_index=n, confidence=0.8,
        coder="test", model=None, date="2020-01-08", date_precision="day", location=IRAQ)
    values.update(fields)
    return Event(**values)


def write(store, text: str, published: str = "2020-01-08", site: str = "a.example", **fields) -> Event:
    article = make_article(text, published, site)
    event = make_event(article, **fields)
    store.write_articles([(article, [event])])
    cluster_events([article.id], store=store)
    return event


@pytest.fixture()
def store(tmp_path: Path):
    opened = open_store(str(tmp_path / "clusters.duckdb"))
    yield opened
    opened.close()


def test_reports_of_one_event_share_the_first_id_and_keep_why(store) -> None:
    first = write(store, "Iran attacked US troops in Iraq.", site="a.example")
    second = write(store, "Iranian missiles hit American soldiers.", site="b.example", published="2020-01-09")
    other = write(store, "Iran attacked US troops in Iraq again.", date="2020-01-20", published="2020-01-20")
    records = {r["id"]: r for r in store.event_records()}
    assert records[second.id]["event_id"] == first.id and records[other.id]["event_id"] == other.id
    reports = store.event_reports(second.id[:8])
    assert [r["id"] for r in reports] == [first.id, second.id]
    assert reports[1]["matched_id"] == first.id and reports[1]["matched_fields"]["actor"] == "IRN"
    events = query_events(store, unit="events")
    assert [(e["event_id"], e["num_reports"], e["num_sources"]) for e in events] == [(first.id, 2, 2),
                                                                                  (other.id, 1, 1)]


def test_a_bridge_merges_stored_events_under_the_oldest_id(store) -> None:
    old = write(store, "Iran attacked on Wednesday.", recipient=None, location=None)
    young = write(store, "Troops were attacked in Iraq.", actor=None, site="b.example")
    assert store.event(young.id)["event_id"] == young.id  # no shared country: two events for now
    bridge = write(store, "Iran attacked US troops in Iraq on Wednesday.", site="c.example")
    assert {r["event_id"] for r in store.event_records()} == {old.id}
    moved = {r["id"]: r for r in store.event_reports(old.id)}
    assert moved[young.id]["merged_from"] == young.id and moved[bridge.id]["matched_id"] in (old.id, young.id)


def test_assert_and_deny_stay_visible_as_a_status_conflict(store) -> None:
    write(store, "Iran attacked US troops in Iraq.", dead=3)
    write(store, "Iran denied attacking US troops in Iraq.", status="negated", site="b.example", dead=5)
    write(store, "Iran killed three US soldiers in Iraq.", site="c.example", dead=3)
    [event] = query_events(store, unit="events")
    assert event["status_conflict"] and event["statuses"] == ["asserted", "negated"]
    assert event["status"] == "asserted" and (event["dead"], event["dead_low"], event["dead_high"]) == (3, 3, 5)


def test_filters_and_limit_work_for_both_units(store) -> None:
    write(store, "Iran attacked US troops in Iraq.")
    write(store, "Iran struck US forces in Iraq.", site="b.example")
    write(store, "Turkey struck the PKK in Iraq.", actor="TUR", recipient="TUR", date="2020-06-15",
          published="2020-06-15")
    flt = EventFilter(actor="IRN")
    assert len(query_events(store, flt, unit="reports")) == 2
    assert [e["num_reports"] for e in query_events(store, flt, unit="events")] == [2]
    assert len(query_events(store, EventFilter(limit=1), unit="events")) == 1
    assert len(query_events(store, EventFilter(since="2020-06-01"), unit="events")) == 1


def test_clustering_again_changes_nothing(store) -> None:
    write(store, "Iran attacked US troops in Iraq.")
    write(store, "Iran struck US forces in Iraq.", site="b.example")
    before = sorted((r["id"], r["event_id"]) for r in store.event_records())
    cluster_events(store=store)  # nothing is unclustered: a no-op
    assert sorted((r["id"], r["event_id"]) for r in store.event_records()) == before
    assert store.unclustered_report_ids() == []


def test_imported_events_stay_their_own_events(store) -> None:
    imported = Event(id="imp-1", article_id=None, event="ASSAULT", cameo="190", cameo_root="19", goldstein=-10.0,
                     quad_class=4, status="asserted", actor=(Actor("IRN", "IRN", "IRN"),),
                     recipient=(Actor("USA", "USA", "USA"),), trigger=Evidence("", (0, 0)), sentence="",
                     sentence_index=0, confidence=1.0, coder="import", model=None, date="2020-01-08",
                     date_precision="day", source_dataset="acled", source_id="1")
    store.write_imported([imported])
    write(store, "Iran attacked US troops in Iraq.")
    events = query_events(store, unit="events")
    assert sorted(e["num_reports"] for e in events) == [1, 1]


def test_reports_stored_before_clustering_are_caught_up(store) -> None:
    articles = [make_article(text, "2020-01-08", site) for text, site in
                (("Iran attacked US troops.", "a.example"), ("Iran hit US forces.", "b.example"))]
    store.write_articles([(a, [make_event(a)]) for a in articles])
    assert len(store.unclustered_report_ids()) == 2
    cluster_events(store=store)  # what ingest runs first: a database from before clustering, or a cut-short run
    assert store.unclustered_report_ids() == [] and len({r["event_id"] for r in store.event_records()}) == 1
