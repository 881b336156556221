"""Summary counts, dyad (top pair) counting rules and dropped-input rows."""

from __future__ import annotations

from flashpoint.records import Actor, Dropped
from store_builders import build_actor, build_article, build_event

IRQ, USA, IRN, ISR = (build_actor(c) for c in ("IRQ", "USA", "IRN", "ISR"))


def write_events(store, *participant_sets):
    """Write one article with one event per (actors, recipients) pair."""
    article = build_article("Dyad article " + repr(participant_sets))
    events = [
        build_event(article, n, actors=actors, recipients=recipients)
        for n, (actors, recipients) in enumerate(participant_sets)
    ]
    store.write_article(article, events)


def test_directed_pairs_for_every_actor_and_recipient(store):
    write_events(store, ((IRQ, IRN), (USA,)), ((USA,), (IRQ,)))
    assert store.summary()["top_pairs"] == [("IRN", "USA", 1), ("IRQ", "USA", 1), ("USA", "IRQ", 1)]


def test_a_pair_counts_once_per_event(store):
    irq_army = build_actor("IRQ", "Iraqi army", "MIL")
    write_events(store, ((IRQ, irq_army), (USA, build_actor("USA", "US embassy", "GOV"))))
    assert store.summary()["top_pairs"] == [("IRQ", "USA", 1)]


def test_no_recipient_gives_each_unordered_actor_pair_once(store):
    # A meeting of Iran, Iraq and Iraq's army: pairs {IRN, IRQ} (once, though two Iraqi actors) and {IRQ, IRQ}.
    write_events(store, ((IRQ, IRN, build_actor("IRQ", "Iraqi army", "MIL")), ()), ((ISR, USA), ()))
    assert store.summary()["top_pairs"] == [("IRN", "IRQ", 1), ("IRQ", "IRQ", 1), ("ISR", "USA", 1)]


def test_single_actor_and_unknown_countries_give_no_pair(store):
    write_events(store, ((IRQ,), ()), ((Actor("gunmen"),), (USA,)), ((IRQ,), (Actor("a convoy"),)))
    assert store.summary()["top_pairs"] == []


def test_recipients_with_unknown_country_do_not_turn_actors_into_pairs(store):
    write_events(store, ((IRQ, IRN), (Actor("someone"),)))
    assert store.summary()["top_pairs"] == []


def test_pairs_ranked_by_count_then_name(store):
    write_events(store, ((USA,), (IRQ,)), ((USA,), (IRQ,)), ((IRN,), (ISR,)), ((IRQ,), (USA,)))
    assert store.summary()["top_pairs"] == [("USA", "IRQ", 2), ("IRN", "ISR", 1), ("IRQ", "USA", 1)]


def test_top_pairs_keeps_ten(store):
    countries = [build_actor(f"C{n:02d}") for n in range(12)]
    write_events(store, *(((c,), (USA,)) for c in countries))
    assert len(store.summary()["top_pairs"]) == 10


def test_summary_counts(store):
    article = build_article("Counting article.")
    store.write_article(article, [
        build_event(article, 0),
        build_event(article, 1, event="CONSULT", status="future"),
        build_event(article, 2, event=None, cameo="010", cameo_root="01"),
    ])
    store.write_dropped(Dropped("a.md", "D101", "empty"))
    store.write_dropped(Dropped("b.md", "D102", "too short"))
    store.write_dropped(Dropped("c.md", "D102", "too short"))
    summary = store.summary()
    assert summary["articles"] == 1 and summary["dropped"] == 3 and summary["events"] == 3
    assert summary["drops_by_code"] == {"D101": 1, "D102": 2}
    assert summary["events_by_type"] == {"ASSAULT": 1, "CONSULT": 1, "(none)": 1}
    assert summary["events_by_status"] == {"asserted": 2, "future": 1}


def test_dropped_upsert_keeps_one_row_per_input(store):
    store.write_dropped(Dropped("feed.jsonl#3", "D201", "bad json"))
    store.write_dropped(Dropped("feed.jsonl#3", "D202", "no text field"))
    frame = store.articles()
    assert len(frame) == 1
    assert (frame.iloc[0]["drop_code"], frame.iloc[0]["drop_detail"]) == ("D202", "no text field")


def test_dropped_never_touches_articles(store):
    article = build_article("A stored article from a file that is later emptied.")
    store.write_article(article, [build_event(article, 0)])
    store.write_dropped(Dropped(article.source, "D101", "empty"))
    summary = store.summary()
    assert (summary["articles"], summary["events"], summary["dropped"]) == (1, 1, 1)


def test_later_ingest_of_a_dropped_source_clears_its_drop(store):
    article = build_article("The file was fixed and now has text.", source="inputs/fixed.md")
    store.write_dropped(Dropped("inputs/fixed.md", "D101", "empty"))
    store.write_dropped(Dropped("inputs/other.md", "D101", "empty"))
    store.write_article(article, [])
    assert list(store.articles()["drop_code"].dropna()) == ["D101"]
    assert store.summary()["dropped"] == 1


def test_denials_forecasts_and_background_mentions_do_not_count_as_pairs(store):
    article = build_article("Pairs by status")
    events = [
        build_event(article, 0, actors=(IRN,), recipients=(USA,), status="negated"),
        build_event(article, 1, actors=(IRN,), recipients=(USA,), status="future"),
        build_event(article, 2, actors=(USA,), recipients=(IRQ,), historical=True),
        build_event(article, 3, actors=(IRQ,), recipients=(USA,)),
    ]
    store.write_article(article, events)
    assert store.summary()["top_pairs"] == [("IRQ", "USA", 1)]
    assert store.summary()["events"] == 4


def test_dyad_frame_follows_the_design_rules(store):
    from flashpoint.store import EventFilter

    irq_army = build_actor("IRQ", "Iraqi army", "MIL")
    write_events(store, ((IRQ, irq_army), (USA,)), ((IRN, IRQ), ()), ((USA,), ()))
    frame = store.dyads(EventFilter())
    rows = sorted(zip(frame["source"], frame["source_sector"].fillna(""), frame["target"], frame["directed"]))
    # Directed IRQ->USA once per distinct sector pair; the meeting gives {IRN, IRQ} once, undirected; a lone actor none.
    assert rows == [("IRN", "GOV", "IRQ", False), ("IRQ", "GOV", "USA", True), ("IRQ", "MIL", "USA", True)]
    assert set(frame.columns) >= {"report_id", "date", "event", "quad_class", "goldstein", "status", "historical"}
