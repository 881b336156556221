"""Row selection, pair levels, de-duplication and period bucketing of the dyad frame."""

import pandas
import pytest

from dyad_frames import build_frame, dyad_row
from flashpoint.analysis.frames import AnalysisError, prepare_frame, select_rows, split_codes


def test_default_selection_keeps_asserted_current_reports_only() -> None:
    frame = build_frame([dyad_row("r1", "2020-01-06", "IRQ", "USA"),
                         dyad_row("r2", "2020-01-06", "IRQ", "USA", status="negated"),
                         dyad_row("r3", "2020-01-06", "IRQ", "USA", historical=True)])
    assert list(select_rows(frame)["report_id"]) == ["r1"]
    assert sorted(select_rows(frame, statuses=("asserted", "negated"))["report_id"]) == ["r1", "r2"]
    assert len(select_rows(frame, include_historical=True)) == 2


def test_until_with_a_month_keeps_the_whole_month() -> None:
    frame = build_frame([dyad_row("r1", "2020-01-31", "IRQ", "USA"), dyad_row("r2", "2020-02-01", "IRQ", "USA")])
    assert list(select_rows(frame, until="2020-01")["report_id"]) == ["r1"]
    assert list(select_rows(frame, since="2020-02-01")["report_id"]) == ["r2"]


def test_country_level_counts_a_report_once_when_it_names_two_sectors() -> None:
    frame = build_frame([dyad_row("r1", "2020-01-06", "IRQ", "USA", source_sector="GOV", target_sector="MIL"),
                         dyad_row("r1", "2020-01-06", "IRQ", "USA", source_sector="PRM", target_sector="MIL")])
    assert len(prepare_frame(frame, level="country")) == 1
    sector = prepare_frame(frame, level="sector")
    assert sorted(sector["source"]) == ["IRQ/GOV", "IRQ/PRM"]
    assert set(sector["target"]) == {"USA/MIL"}


def test_undirected_folds_both_directions_and_counts_one_report_once() -> None:
    frame = build_frame([dyad_row("r1", "2020-01-06", "IRQ", "USA"), dyad_row("r1", "2020-01-06", "USA", "IRQ"),
                         dyad_row("r2", "2020-01-07", "USA", "IRQ")])
    rows = prepare_frame(frame, directed=False)
    assert len(rows) == 2
    assert set(zip(rows["source"], rows["target"])) == {("IRQ", "USA")}
    assert len(prepare_frame(frame, directed=True)) == 3


def test_events_unit_counts_a_story_once() -> None:
    frame = build_frame([dyad_row("r1", "2020-01-06", "IRQ", "USA", event_id="story"),
                         dyad_row("r2", "2020-01-06", "IRQ", "USA", event_id="story")])
    assert len(prepare_frame(frame, unit="reports")) == 2
    assert len(prepare_frame(frame, unit="events")) == 1


def test_weeks_start_on_monday_and_months_on_the_first() -> None:
    frame = build_frame([dyad_row("r1", "2020-01-08", "IRQ", "USA"), dyad_row("r2", "2020-01-12", "IRQ", "USA")])
    weeks = prepare_frame(frame, period="week")["period"]
    assert set(weeks) == {pandas.Timestamp("2020-01-06")}
    assert set(prepare_frame(frame, period="month")["period"]) == {pandas.Timestamp("2020-01-01")}


def test_partial_dates_sit_only_in_periods_as_coarse_as_they_are() -> None:
    frame = build_frame([dyad_row("r1", "2020-03", "IRQ", "USA", date_precision="month"),
                         dyad_row("r2", "2020-01-01", "IRQ", "USA", date_precision="year"),
                         dyad_row("r3", None, "IRQ", "USA"),
                         dyad_row("r4", "2020-03-02", "IRQ", "USA", date_precision="publication"),
                         # an undated article's report carries its ingest day: not an event date
                         dyad_row("r5", "2020-03-03", "IRQ", "USA", date_precision="unknown")])
    weekly = prepare_frame(frame, period="week")
    assert list(weekly["report_id"]) == ["r4"]
    assert weekly.attrs["left_out"] == {"undated": 2, "coarser_than_week": 2}
    monthly = prepare_frame(frame, period="month")
    assert sorted(monthly["report_id"]) == ["r1", "r4"]
    assert set(monthly["period"]) == {pandas.Timestamp("2020-03-01")}


def test_bad_options_raise_one_line_errors() -> None:
    frame = build_frame([dyad_row("r1", "2020-01-06", "IRQ", "USA")])
    with pytest.raises(AnalysisError, match="--period 'year' is not one of"):
        prepare_frame(frame, period="year")
    assert split_codes(" usa, irn ,") == ["USA", "IRN"]
