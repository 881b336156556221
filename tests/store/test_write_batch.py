"""Writing a batch of articles in one transaction: repeats, already-stored articles and failures."""

from __future__ import annotations

import pytest

from flashpoint.errors import StoreError
from store_builders import build_actor, build_article, build_event


def test_a_batch_writes_new_articles_once_and_reports_which(store):
    a, b = build_article("First batch article."), build_article("Second batch article.")
    store.write_article(a, [build_event(a, 0, actors=(build_actor("IRQ"),))])
    flags = store.write_articles([(a, []), (b, [build_event(b, 0)]), (b, [build_event(b, 0)])])
    assert flags == [False, True, False]
    assert store.summary()["articles"] == 2 and store.summary()["events"] == 2


def test_a_failing_batch_falls_back_to_single_articles(store):
    good, bad = build_article("A good article."), build_article("A bad article.")
    broken = build_event(bad, 0, status="maybe")  # violates the status CHECK constraint
    with pytest.raises(StoreError):
        store.write_articles([(good, [build_event(good, 0)]), (bad, [broken])])
    # The good article was stored by the per-article fallback before the bad one raised; nothing of the bad one.
    assert store.has_article(good.id) and not store.has_article(bad.id)
    assert store.summary()["events"] == 1


def test_an_undated_articles_reports_take_the_ingest_day_and_keep_precision_unknown(store):
    undated, dated = build_article("An article with no date.", published=None), build_article("A dated one.")
    store.write_articles([(undated, [build_event(undated, 0, date=None, date_precision="unknown")]),
                          (dated, [build_event(dated, 0, date="2020-01-05", date_precision="publication")])])
    lone = build_article("Another article with no date.", published=None)
    store.write_article(lone, [build_event(lone, 0, date=None, date_precision="unknown")])
    days = {r["article_id"]: r["date"] for r in store.event_records()}
    ingested = {r[0]: str(r[1].date()) for r in store.conn.execute("SELECT id, ingested_at FROM articles").fetchall()}
    assert days == {undated.id: ingested[undated.id], dated.id: "2020-01-05", lone.id: ingested[lone.id]}
    assert {r["date_precision"] for r in store.event_records() if r["article_id"] != dated.id} == {"unknown"}
    # Recoding gives the same dates (from the stored ingest time): the reports are kept, not changed.
    counts = store.replace_events([(undated, [build_event(undated, 0, date=None, date_precision="unknown")])])
    assert counts == {"kept": 1, "added": 0, "removed": 0, "changed": 0}
