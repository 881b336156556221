"""ACLED-style alerts: change levels, surge and threat at exactly their thresholds, guards, units, report ids."""

import numpy
import pandas

from dyad_frames import build_frame, dyad_row, weekly_stream
from flashpoint.analysis.alerts import alerts, classify_change, flag_weeks, weekly_changes


def test_change_levels_at_exactly_ten_and_twenty_five_percent() -> None:
    assert classify_change(11 / 10 - 1, 10, 11) == "moderate increase"
    assert classify_change(10.9 / 10 - 1, 10, 10.9) == "limited change"
    assert classify_change(12.5 / 10 - 1, 10, 12.5) == "large increase"
    assert classify_change(9 / 10 - 1, 10, 9) == "moderate decrease"
    assert classify_change(7.5 / 10 - 1, 10, 7.5) == "large decrease"
    assert classify_change(5 / 2 - 1, 2, 5) == "limited change"  # ACLED's low-baseline rule


def test_surge_at_exactly_one_hundred_percent_over_the_four_week_mean() -> None:
    assert bool(flag_weeks(numpy.array([5, 5, 5, 5, 10]))["surge"].iloc[4])
    assert not bool(flag_weeks(numpy.array([5, 5, 5, 5, 9]))["surge"].iloc[4])


def test_threat_at_exactly_one_hundred_percent_over_the_yearly_mean() -> None:
    flags = flag_weeks(numpy.array([2] * 52 + [4, 4, 4, 4]))
    assert bool(flags["threat"].iloc[-1]) and not flags["threat"].iloc[:-1].any()
    assert not flag_weeks(numpy.array([2] * 52 + [4, 4, 4, 3]))["threat"].any()


def test_minimum_baseline_guard_silences_rises_from_almost_nothing() -> None:
    quiet = numpy.array([1, 0, 1, 0, 3])  # 4-week mean 0.5: a 500% rise on one event
    assert not flag_weeks(quiet)["surge"].any()
    assert bool(flag_weeks(quiet, min_baseline=0.5)["surge"].iloc[4])


def test_alerts_per_country_and_dyad_carry_the_reports_behind_them() -> None:
    frame = weekly_stream([3, 3, 3, 3, 6], "IRQ", "USA")
    found = alerts(frame, units=("country", "dyad"))
    assert set(zip(found["unit_kind"], found["unit"])) == {("country", "IRQ"), ("country", "USA"),
                                                           ("dyad", "IRQ->USA")}
    week = found.loc[found["unit"] == "IRQ->USA"].iloc[0]
    assert week["period"] == pandas.Timestamp("2020-02-03") and len(week["report_ids"]) == 6
    assert all(rid.startswith("IRQUSA4-") for rid in week["report_ids"])


def test_a_report_inside_one_country_counts_once_for_it() -> None:
    table = weekly_changes(weekly_stream([2], "IRQ", "IRQ"), units=("country",))
    assert list(table["n"]) == [2]


def test_admin1_is_skipped_without_locations_and_used_with_them() -> None:
    frame = weekly_stream([3, 3, 3, 3, 6], "IRQ", "USA")
    assert weekly_changes(frame, units=("admin1",)).attrs["skipped"]
    located = frame.assign(admin1="Baghdad", location_country="IRQ")
    found = alerts(located, units=("admin1",))
    assert list(found["unit"]) == ["IRQ/Baghdad"]


def place_frame(counts: list[int], country: str, admin1: str) -> pandas.DataFrame:
    """Return a place frame (Store.places() columns) with counts[w] located assaults in week w."""
    frame = weekly_stream(counts, country, country)
    frame["report_id"] = frame["report_id"] + admin1
    return frame.drop(columns=["source", "target", "source_sector", "target_sector", "directed"]).assign(
        location_country=country, admin1=admin1)


def test_admin1_counts_every_located_report_from_the_place_frame_even_without_a_dyad() -> None:
    no_dyads = build_frame([])
    places = pandas.concat([place_frame([3, 3, 3, 3, 6], "IRQ", "Anbar"),
                            place_frame([3, 3, 3, 3, 3], "SYR", "Anbar")], ignore_index=True)
    found = alerts(no_dyads, units=("admin1",), places=places)
    assert list(found["unit"]) == ["IRQ/Anbar"]  # same admin1 name in another country is another unit
    assert len(found.iloc[0]["report_ids"]) == 6
    table = weekly_changes(no_dyads, units=("admin1",), places=places)
    assert not table.attrs["skipped"] and set(table["unit"]) == {"IRQ/Anbar", "SYR/Anbar"}


def test_country_level_places_are_in_no_admin1_unit() -> None:
    places = place_frame([3, 3, 3, 3, 6], "GEO", "GG").assign(location_precision=3)
    assert weekly_changes(build_frame([]), units=("admin1",), places=places).empty


def test_since_filters_alerts_but_baselines_use_earlier_weeks() -> None:
    frame = weekly_stream([3, 3, 3, 3, 6], "IRQ", "USA")
    assert len(alerts(frame, units=("dyad",), since="2020-02-03")) == 1
    assert alerts(frame, units=("dyad",), since="2020-02-04").empty


def test_measure_violence_counts_assaults_only() -> None:
    rows = [dyad_row(f"c{i}", "2020-01-06", "IRQ", "USA", "CONSULT") for i in range(5)]
    rows += [dyad_row("a1", "2020-01-06", "IRQ", "USA", "ASSAULT")]
    table = weekly_changes(build_frame(rows), units=("dyad",))
    assert list(table["n"]) == [1]
    assert list(weekly_changes(build_frame(rows), units=("dyad",), measure="all")["n"]) == [6]
