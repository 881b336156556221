"""Event filters, the flat events table, article listings and id-prefix lookups."""

from __future__ import annotations

import pandas
import pytest

from flashpoint.errors import StoreError
from flashpoint.records import Actor, Dropped
from flashpoint.store import EventFilter
from store_builders import build_actor, build_article, build_event


@pytest.fixture()
def filled(store):
    """Return a store holding three articles with events chosen to separate every filter."""
    a1 = build_article("Article one about Iraq and the United States.", published="2020-01-05")
    a2 = build_article("Article two about Iran and Israel.", published="2020-02-10")
    a3 = build_article("Article three with an undated event and no published date.", published=None)
    irq, usa = build_actor("IRQ", "Iraq"), build_actor("USA", "United States")
    irn, isr = build_actor("IRN", "Iran"), build_actor("ISR", "Israel")
    store.write_article(a1, [
        build_event(a1, 0, actors=(irq,), recipients=(usa,), date="2020-01-03"),
        build_event(a1, 1, actors=(usa,), recipients=(irq,), event="CONSULT", cameo="040", cameo_root="04",
                    goldstein=1.0, quad_class=1, status="future"),
    ])
    store.write_article(a2, [
        build_event(a2, 0, actors=(irn,), recipients=(isr,), event="THREATEN", cameo="138", cameo_root="13",
                    status="negated", date="2020-02-28"),
    ])
    store.write_article(a3, [build_event(a3, 0, actors=(Actor("gunmen", sector="UAF"),))])
    return store, (a1, a2, a3)


def ids_for(store, **options) -> list[tuple[str, int]]:
    """Return (article id, sentence index) of the events a filter selects, in store order."""
    return [(r["article_id"], r["sentence_index"]) for r in store.event_records(EventFilter(**options))]


def test_no_filter_returns_all_in_date_order(filled):
    store, (a1, a2, a3) = filled
    # a1#0 dated 2020-01-03, a1#1 falls back to published 2020-01-05, a2 2020-02-28, a3 has no date at all.
    assert ids_for(store) == [(a1.id, 0), (a1.id, 1), (a2.id, 0), (a3.id, 0)]


def test_actor_and_recipient_filters(filled):
    store, (a1, a2, _) = filled
    assert ids_for(store, actor="irq") == [(a1.id, 0)]
    assert ids_for(store, actor="United States") == [(a1.id, 1)]
    assert ids_for(store, recipient="IRQ") == [(a1.id, 1)]
    assert ids_for(store, actor="IRN", recipient="ISR") == [(a2.id, 0)]
    assert ids_for(store, actor="IRN", recipient="USA") == []


def test_type_status_and_cameo_root_filters(filled):
    store, (a1, a2, a3) = filled
    assert ids_for(store, type="consult") == [(a1.id, 1)]
    assert ids_for(store, status="NEGATED") == [(a2.id, 0)]
    assert ids_for(store, cameo_root="4") == [(a1.id, 1)]
    assert ids_for(store, cameo_root="19") == [(a1.id, 0), (a3.id, 0)]


def test_date_filters_use_event_date_then_published(filled):
    store, (a1, a2, _) = filled
    assert ids_for(store, since="2020-01-04") == [(a1.id, 1), (a2.id, 0)]
    assert ids_for(store, until="2020-01-04") == [(a1.id, 0)]
    assert ids_for(store, since="2020-01-05", until="2020-01-05") == [(a1.id, 1)]
    assert ids_for(store, until="2020-01") == [(a1.id, 0), (a1.id, 1)]
    assert ids_for(store, since="2020-02") == [(a2.id, 0)]


def test_bad_date_is_a_store_error(filled):
    store, _ = filled
    with pytest.raises(StoreError, match="not an ISO date"):
        store.events(EventFilter(since="yesterday"))


def test_article_prefix_and_limit(filled):
    store, (a1, a2, _) = filled
    assert ids_for(store, article=a2.id[:6]) == [(a2.id, 0)]
    assert ids_for(store, article=a1.id) == [(a1.id, 0), (a1.id, 1)]
    assert ids_for(store, limit=1) == [(a1.id, 0)]
    with pytest.raises(StoreError, match="at least 6"):
        store.events(EventFilter(article=a1.id[:3]))


def test_flat_frame_joins_labels_and_matches_records(filled):
    store, (a1, _, a3) = filled
    frame = store.events()
    assert list(frame.columns) == [
        "id", "event_id", "article_id", "date", "event", "mode", "cameo", "cameo_root", "goldstein", "quad_class",
        "status", "historical", "actor", "actor_country", "recipient", "recipient_country", "trigger", "sentence",
        "confidence",
    ]
    assert list(frame["id"]) == [r["id"] for r in store.event_records()]
    first = frame.iloc[0]
    assert (first["actor"], first["actor_country"]) == ("Iraq (IRQ GOV)", "IRQ")
    assert (first["recipient"], first["recipient_country"]) == ("United States (USA GOV)", "USA")
    last = frame.iloc[-1]
    assert last["actor"] == "gunmen (UAF)" and last["article_id"] == a3.id
    assert pandas.isna(last["recipient"]) and pandas.isna(last["actor_country"])


def test_flat_frame_lists_several_actors_and_first_known_country(store):
    article = build_article("Several actors in one event.")
    actors = (Actor("protesters"), build_actor("IRQ", "Iraq", "GOV"), build_actor("IRN", "Iran", None))
    store.write_article(article, [build_event(article, 0, actors=actors)])
    row = store.events(EventFilter(limit=5)).iloc[0]
    assert row["actor"] == "protesters; Iraq (IRQ GOV); Iran (IRN)"
    assert row["actor_country"] == "IRQ"


def test_event_prefix_lookup(filled):
    store, _ = filled
    records = store.event_records()
    target = records[2]["id"]
    assert store.event(target[:8])["id"] == target
    assert store.event("ffffffffffffffffffff") is None
    with pytest.raises(StoreError, match="at least 6"):
        store.event(target[:4])


def test_ambiguous_prefix_is_a_store_error(store):
    article = build_article("Events with ids that share a prefix.")
    events = [build_event(article, n, id=f"abcdef{n:010d}") for n in range(2)]
    store.write_article(article, events)
    with pytest.raises(StoreError, match="ambiguous"):
        store.event("abcdef")
    assert store.event("abcdef0000000001")["sentence_index"] == 1


def test_article_lookup_by_prefix(filled):
    store, (a1, _, _) = filled
    assert store.article(a1.id[:7])["text"] == a1.text
    assert store.article("0000000000") is None


def test_articles_listing_with_and_without_drops(filled):
    store, (a1, a2, a3) = filled
    store.write_dropped(Dropped("inputs/empty.md", "D101", "no text left after removing chrome"))
    frame = store.articles()
    assert list(frame.columns) == [
        "id", "title", "author", "published", "url", "site", "source", "format", "tags", "n_events", "drop_code",
        "drop_detail", "ingested_at",
    ]
    assert len(frame) == 4
    by_id = frame.set_index("id")
    assert by_id.loc[a1.id, "n_events"] == 2 and by_id.loc[a1.id, "published"] == "2020-01-05"
    assert by_id.loc[Dropped("inputs/empty.md", "", "").id, "drop_code"] == "D101"
    assert len(store.articles(include_dropped=False)) == 3


def test_articles_listing_joins_tags(store):
    article = build_article("Tagged article body.", tags=("iraq", "usa"))
    store.write_article(article, [])
    assert store.articles().iloc[0]["tags"] == "iraq, usa"


def test_actor_filter_accepts_country_names_and_demonyms(filled):
    store, (a1, _, _) = filled
    assert ids_for(store, actor="IRQ") == ids_for(store, actor="iraq") == ids_for(store, actor="Iraqi")
    assert ids_for(store, recipient="United States") == ids_for(store, recipient="USA") == [(a1.id, 0)]


@pytest.mark.parametrize("option, value", [("type", "FOO"), ("status", "bogus"), ("until", "2020-13-45"),
                                           ("since", "2020-02-30")])
def test_unknown_choices_and_impossible_dates_are_one_line_errors(filled, option, value):
    store, _ = filled
    with pytest.raises(StoreError) as error:
        store.events(EventFilter(**{option: value}))
    assert value in str(error.value) and "\n" not in str(error.value)


def test_type_and_status_are_case_insensitive(filled):
    store, _ = filled
    assert ids_for(store, type="threaten") == ids_for(store, type="THREATEN") != []
    assert ids_for(store, status="FUTURE") == ids_for(store, status="future") != []


def test_site_regions_count_articles_per_region_by_site_name_else_url_host(store):
    from flashpoint.records import Place

    def placed(country, admin1):
        return Place(text=admin1, name=admin1, country=country, admin1=admin1, precision=2)

    named = [build_article(f"Local story {i} from the Town Talk.", site="The Town Talk") for i in range(3)]
    for n, article in enumerate(named):
        events = [build_event(article, 0, location=placed("USA", "Louisiana"))]
        if n == 0:   # two reports in one region count the article once; a second region counts too
            events += [build_event(article, 1, event="PROTEST", cameo="140", cameo_root="14",
                                   location=placed("USA", "Louisiana")),
                       build_event(article, 2, event="COERCE", cameo="173", cameo_root="17",
                                   location=placed("USA", "Texas"))]
        store.write_article(article, events)
    by_url = build_article("A story with only a URL.", url="HTTPS://News.Example.org:8080/a/1?x=2")
    store.write_article(by_url, [build_event(by_url, 0, location=placed("IRQ", "Baghdad"))])
    unplaced = build_article("A story with a site but no located event.", site="Nowhere Weekly")
    store.write_article(unplaced, [build_event(unplaced, 0)])

    found = store.site_regions()
    assert found == {"The Town Talk": {("USA", "Louisiana"): 3, ("USA", "Texas"): 1},
                     "news.example.org": {("IRQ", "Baghdad"): 1}}
    assert by_url.site_key == "news.example.org" and named[0].site_key == "The Town Talk"
    assert unplaced.site_key == "Nowhere Weekly" and build_article("No site, no URL.").site_key is None
