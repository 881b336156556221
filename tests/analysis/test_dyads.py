"""Dyad time series: counts by type and quad class, Goldstein, fatalities, never double counting."""

import duckdb
import pandas

from dyad_frames import build_frame, dyad_row, weekly_stream
from flashpoint.analysis.dyads import build_series_sql, dyad_series, fill_periods, top_pairs


def test_weekly_counts_by_type_quad_goldstein_and_dead() -> None:
    frame = build_frame([
        dyad_row("r1", "2020-01-06", "IRQ", "USA", "ASSAULT", dead=3),
        dyad_row("r1", "2020-01-06", "IRQ", "USA", "ASSAULT", dead=3, source_sector="MIL"),  # same report
        dyad_row("r2", "2020-01-07", "IRQ", "USA", "CONSULT"),
        dyad_row("r3", "2020-01-08", "IRQ", "USA", None),
        dyad_row("r4", "2020-01-14", "IRQ", "USA", "THREATEN", dead=1),
    ])
    table = dyad_series(frame, period="week")
    first = table.iloc[0]
    assert list(table["n"]) == [3, 1]
    counts = (first["quad_1"], first["quad_4"], first["n_ASSAULT"], first["n_CONSULT"], first["n_NONE"])
    assert counts == (2, 1, 1, 1, 1)
    assert first["goldstein_sum"] == -8.0 and first["dead"] == 3
    assert table.iloc[1]["quad_3"] == 1 and table.iloc[1]["dead"] == 1


def test_no_pair_counts_one_event_twice_whatever_the_rows() -> None:
    rows = [dyad_row(f"r{i}", "2020-02-03", "IRN", "IRQ", source_sector=s, target_sector=t)
            for i in range(5) for s in ("GOV", "MIL") for t in ("GOV", None)]
    table = dyad_series(build_frame(rows), period="month")
    assert table["n"].sum() == 5
    assert table["quad_4"].sum() == 5


def test_fill_periods_adds_zero_weeks_between_first_and_last() -> None:
    table = fill_periods(dyad_series(weekly_stream([2, 0, 0, 1])), "week")
    assert list(table["n"]) == [2, 0, 0, 1]
    assert top_pairs(table, 1) == [("AAA", "BBB")]


def test_duckdb_aggregation_matches_pandas() -> None:
    frame = build_frame([dyad_row(f"r{i}", f"2020-01-{6 + i % 14:02d}", "IRQ" if i % 3 else "IRN", "USA",
                                  ("ASSAULT", "CONSULT", None)[i % 3], dead=i % 2) for i in range(30)])
    frame = pandas.concat([frame, frame.assign(source_sector="MIL")], ignore_index=True)
    conn = duckdb.connect()
    conn.register("dyad_frame", frame)
    via_sql = conn.execute(build_series_sql("SELECT * FROM dyad_frame", "week", ["asserted"])).df()
    via_pandas = dyad_series(frame, period="week")
    for column in ("n", "quad_1", "quad_4", "n_ASSAULT", "n_NONE", "goldstein_sum", "dead"):
        assert list(via_sql[column].astype(float)) == list(via_pandas[column].astype(float)), column
