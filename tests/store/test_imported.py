"""write_imported: imported events (no article) go in whole per call, once per id, and read back exactly."""

from __future__ import annotations

import dataclasses

import pytest

from flashpoint.errors import StoreError
from flashpoint.records import Actor, Event, Evidence, Place, hash_text
from flashpoint.store import EventFilter


def build_imported(n: int, **fields) -> Event:
    """Return an imported GDELT-style event with an actor, a recipient and a place."""
    values = dict(
        id=hash_text("gdelt", str(n)), article_id=None, event="ASSAULT", cameo="193", cameo_root="19",
        goldstein=-10.0, quad_class=4, status="asserted",
        actor=(Actor("RUSSIA", "RUSSIA", "RUS", "MIL"),), recipient=(Actor("GEORGIA", "GEORGIA", "GEO", "GOV"),),
        trigger=Evidence("", (0, 0)), sentence="", sentence_index=0, confidence=0.5, coder="import.gdelt.v1",
        model=None, date="2011-06-01", date_precision="day", source_dataset="gdelt", source_id=str(n),
        location=Place("Tskhinvali, Georgia", "Tskhinvali", "GEO", "GG13", 42.2, 43.9, None, 1), mode="firearms",
        context=("military",),
    )
    values.update(fields)
    return Event(**values)


def test_events_and_participants_round_trip(store) -> None:
    events = [build_imported(n) for n in range(3)] + [build_imported(9, actor=(), dead=None, location=None)]
    assert store.write_imported(events) == 4
    records = {record["id"]: record for record in store.event_records()}
    assert records == {event.id: event.to_dict() for event in events}
    assert store.summary()["articles"] == 0
    dyads = store.dyads(EventFilter(actor="RUS"))
    assert len(dyads) == 3 and set(dyads["source_dataset"]) == {"gdelt"} and dyads["article_id"].isna().all()


def test_rewriting_adds_nothing_and_counts_only_new_ids(store) -> None:
    assert store.write_imported([build_imported(n) for n in range(5)]) == 5
    assert store.write_imported([build_imported(n) for n in range(3, 8)]) == 3
    assert store.write_imported([build_imported(n) for n in range(8)]) == 0
    assert len(store.events()) == 8
    count = store.conn.execute("SELECT COUNT(*) FROM event_participants").fetchone()[0]
    assert count == 16


def test_a_batch_that_repeats_an_id_keeps_the_first_copy(store) -> None:
    first, again = build_imported(1, date="2011-06-01"), build_imported(1, date="2012-01-01")
    assert store.write_imported([first, again]) == 1
    assert store.event(first.id)["date"] == "2011-06-01"


def test_a_failing_batch_writes_nothing(store) -> None:
    good, bad = build_imported(1), build_imported(2, status="rumoured")  # violates the status CHECK
    with pytest.raises(StoreError, match="nothing of it was written"):
        store.write_imported([good, bad])
    assert len(store.events()) == 0
    assert store.write_imported([good]) == 1  # the store is usable afterwards


def test_coded_events_are_refused(store) -> None:
    coded = dataclasses.replace(build_imported(1), article_id="abc123")
    with pytest.raises(StoreError, match="write_article"):
        store.write_imported([coded])


def test_an_empty_batch_writes_nothing(store) -> None:
    assert store.write_imported([]) == 0
