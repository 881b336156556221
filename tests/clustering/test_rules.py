"""Clustering rules on hand-built reports: what merges, what stays apart, and why."""

from __future__ import annotations

from dataclasses import replace

from builders import BAGHDAD, BASRA, IRAQ, build, party

from flashpoint.clustering import assign_events, build_block_keys, match_reports
from flashpoint.clustering.reports import build_date_range


def event_of(links) -> dict[str, str]:
    return {link.report_id: link.event_id for link in links}


def test_reports_of_one_event_merge_and_say_which_fields_matched() -> None:
    one = build("a", location=BAGHDAD)
    two = build("b", location=IRAQ, recipient=[party("USA", "MIL")], seen="2020-01-08 11:00:00")
    fields = match_reports(one, two)
    assert fields == {"event": "ASSAULT", "actor": "IRN", "recipient": "USA MIL", "place": "same country",
                      "date": "overlap"}
    links, merges = assign_events([], [two, one])
    assert event_of(links) == {"a": "a", "b": "a"} and merges == {}
    assert links[1].matched_id == "a"


def test_different_day_place_type_or_actor_stays_apart() -> None:
    base = build("a", location=BAGHDAD)
    assert match_reports(base, build("b", date="2020-01-12", location=BAGHDAD)) is None
    assert match_reports(base, build("c", location=BASRA)) is None
    assert match_reports(base, build("d", event="PROTEST", location=BAGHDAD)) is None
    assert match_reports(base, build("e", actor=("TUR",), location=BAGHDAD)) is None
    assert match_reports(base, build("f", status="future")) is None


def test_date_windows_respect_precision() -> None:
    day = build("a", date="2020-01-08")
    assert match_reports(day, build("b", date="2020-01-09")) is not None  # one day apart: reporting lag
    assert match_reports(day, build("c", date="2020-01-11")) is None
    assert match_reports(day, build("d", date="2020-01", precision="month")) is not None
    assert match_reports(day, build("e", date="2020-02", precision="month")) is None
    assert match_reports(day, build("f", date="2020", precision="year")) is not None
    # publication precision: on or a few days before publication, never after it
    assert match_reports(day, build("g", date="2020-01-10", precision="publication")) is not None
    assert match_reports(day, build("h", date="2020-01-06", precision="publication")) is None
    assert build_date_range("2020-02", "month")[1] - build_date_range("2020-02", "month")[0] == 28
    # an undated article's ingest day bounds the event from above only: undated, compatible, never "overlap"
    assert build_date_range("2020-01-09", "unknown") is None
    assert match_reports(day, build("i", date="2021-06-01", precision="unknown", published=None))["date"] == "undated"


def test_unknown_actor_matches_only_in_the_same_country() -> None:
    known = build("a", actor=(), recipient=(party(None, "MIL"),), location=BAGHDAD)
    assert match_reports(known, build("b", location=BAGHDAD)) is not None
    unknown_elsewhere = build("c", actor=(party(None, "UAF"),), recipient=(), location=None)
    assert match_reports(known, unknown_elsewhere) is None


def test_historical_mention_joins_the_event_it_recalls() -> None:
    original = build("a", location=BAGHDAD)
    recall = build("b", date="2020-01", precision="month", historical=True, published="2021-03-01",
                   seen="2021-03-01 09:00:00")
    links, _ = assign_events([], [original, recall])
    assert event_of(links) == {"a": "a", "b": "a"}


def test_bridge_merges_two_events_under_the_oldest_id() -> None:
    # Stored: "Iran attacked" (no target, no place) and "US troops were attacked in Iraq" (no attacker): they share
    # no country, so they are two events. A later "Iran attacked US troops in Iraq" matches both.
    old = replace(build("old", recipient=(), seen="2020-01-08 08:00:00"), event_id="old")
    young = replace(build("young", actor=(), location=IRAQ, seen="2020-01-08 09:00:00"), event_id="young")
    assert match_reports(old, young) is None
    bridge = build("bridge", location=IRAQ, seen="2020-01-09 08:00:00")
    links, merges = assign_events([young, old], [bridge])
    assert links[0].event_id == "old" and merges == {"young": "old"}


def test_oldest_id_survives_whatever_the_arrival_order() -> None:
    reports = [build(r, seen=f"2020-01-08 0{i}:00:00") for i, r in enumerate(("x1", "x2", "x3"))]
    for order in (reports, reports[::-1], [reports[1], reports[2], reports[0]]):
        assert set(event_of(assign_events([], order)[0]).values()) == {"x1"}


def test_two_triggers_of_one_sentence_are_one_event_even_without_countries() -> None:
    main = build("a", article="art", sentence=2)
    bare = build("b", article="art", sentence=2, actor=(), recipient=(party(None, "MIL"),), seen="2020-01-08 10:00:01")
    assert build_block_keys(bare) == ()
    links, _ = assign_events([], [main, bare])
    assert event_of(links) == {"a": "a", "b": "a"} and links[1].matched_fields["sentence"] == "same sentence"


def test_daily_reports_cannot_chain_into_one_long_event() -> None:
    days = [build(f"d{n}", date=f"2020-01-0{n}", seen=f"2020-01-0{n} 10:00:00") for n in range(1, 8)]
    events = set(event_of(assign_events([], days)[0]).values())
    assert len(events) >= 3


def test_blocking_keys_cover_every_country_and_week() -> None:
    keys = build_block_keys(build("a", location=BAGHDAD))
    assert {k.split("|")[1] for k in keys} == {"IRN", "USA", "IRQ"}
    assert all(k.startswith("ASSAULT|") for k in keys)
