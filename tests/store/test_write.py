"""Writing articles and events: exact round trip, idempotent re-ingest, all-or-nothing transactions."""

from __future__ import annotations

import pytest

from store_builders import build_actor, build_article, build_event, build_full_event
from flashpoint.errors import StoreError


def test_full_event_round_trips_exactly(store):
    article = build_article("Rockets hit a base near Baghdad. ünïcode “quotes” stay.", title="T", tags=("iq", "us"))
    events = [build_full_event(article, 0), build_full_event(article, 1), build_event(article, 2)]
    assert store.write_article(article, events) is True
    assert store.event_records() == [e.to_dict() for e in events]
    for event in events:
        assert store.event(event.id) == event.to_dict()


def test_article_with_more_events_than_one_insert_holds(store):
    from flashpoint.store.duckdb import ROWS_PER_INSERT

    article = build_article("A very long article with very many events.")
    events = [build_full_event(article, n) for n in range(ROWS_PER_INSERT + 7)]
    assert store.write_article(article, events)
    assert store.event_records() == [e.to_dict() for e in events]


def test_minimal_event_keeps_nulls_and_defaults(store):
    article = build_article("A short article body about nothing much.", published=None)
    event = build_event(article, 0, event=None, cameo="010", cameo_root="01", goldstein=None, model=None, quad_class=1)
    store.write_article(article, [event])
    record = store.event_records()[0]
    ingested = store.conn.execute("SELECT ingested_at FROM articles").fetchall()[0][0].date().isoformat()
    assert record == {**event.to_dict(), "date": ingested}  # an undated article's report takes the ingest day
    assert record["date_precision"] == "unknown"
    assert record["event_id"] == event.id and record["actor"] == [] and record["location"] is None


def test_article_round_trips_with_text(store):
    article = build_article("Full text\nwith two lines.", title="Title", author="A. Writer", url="https://x.test/a",
                            site="x.test", tags=("a", "b"), language="en")
    store.write_article(article, [build_event(article, 0)])
    stored = store.article(article.id)
    assert {k: stored[k] for k in article.to_dict()} == article.to_dict()
    assert stored["n_events"] == 1 and stored["ingested_at"]


def test_published_timestamp_is_kept_as_its_day(store):
    article = build_article("Body text that has a timestamp.", published="2020-03-04T10:11:12Z")
    store.write_article(article, [])
    assert store.article(article.id)["published"] == "2020-03-04"


def test_writing_the_same_article_twice_adds_nothing(store):
    article = build_article("The same content ingested twice.")
    events = [build_event(article, 0, actors=(build_actor("IRQ"),))]
    assert store.write_article(article, events) is True
    assert store.has_article(article.id)
    assert store.write_article(article, events) is False
    summary = store.summary()
    assert (summary["articles"], summary["events"]) == (1, 1)
    assert len(store.conn.execute("SELECT * FROM event_participants").fetchall()) == 1


def test_constraint_violation_rolls_back_the_whole_article(store):
    first = build_article("An earlier article that must stay intact.")
    store.write_article(first, [build_event(first, 0, actors=(build_actor("IRQ"),))])
    bad = build_article("An article with one invalid event.")
    good_event = build_event(bad, 0, actors=(build_actor("USA"),))
    invalid_event = build_event(bad, 1, status="rumoured")  # violates the status CHECK constraint
    with pytest.raises(StoreError, match="nothing of it was written"):
        store.write_article(bad, [good_event, invalid_event])
    assert not store.has_article(bad.id)
    assert store.event(good_event.id) is None
    summary = store.summary()
    assert (summary["articles"], summary["events"]) == (1, 1)
    assert store.event_records()[0]["article_id"] == first.id
    # The connection is usable again after the rollback.
    assert store.write_article(bad, [good_event]) is True


def test_duplicate_event_id_rolls_back(store):
    article = build_article("Two reports with the same id.")
    event = build_event(article, 0)
    with pytest.raises(StoreError):
        store.write_article(article, [event, event])
    assert store.summary()["articles"] == 0


def test_event_of_another_article_is_refused(store):
    article = build_article("The article being written.")
    other = build_article("A different article.")
    with pytest.raises(StoreError, match="must be written with their own article"):
        store.write_article(article, [build_event(other, 0)])
    assert not store.has_article(article.id)


def test_bad_published_date_is_refused_before_writing(store):
    article = build_article("Article with a date the extractor failed to normalise.", published="last Tuesday")
    with pytest.raises(StoreError, match="not an ISO date"):
        store.write_article(article, [])
    assert store.summary()["articles"] == 0


def test_read_only_store_refuses_writes(db_path):
    from flashpoint.store import open_store

    open_store(db_path).close()
    with open_store(db_path, read_only=True) as reader:
        with pytest.raises(StoreError, match="read-only"):
            reader.write_article(build_article("text"), [])


def test_closed_store_says_so(store):
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.has_article("abc")
    store.close()

