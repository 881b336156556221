"""GDELT 1.0/2.0 rows into the event record: hand-built rows with known answers, plus the shared Georgia file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from flashpoint.importers import read_gdelt
from flashpoint.importers.gdelt import GDELT1_COLUMNS, GDELT2_COLUMNS
from flashpoint.records import Dropped, Event, hash_text

BASE_ROW = {
    "GLOBALEVENTID": "125490242", "SQLDATE": "20110601", "Actor1Code": "RUSMIL", "Actor1Name": "RUSSIA",
    "Actor1CountryCode": "RUS", "Actor1Type1Code": "MIL", "Actor2Code": "GEOGOV", "Actor2Name": "GEORGIA",
    "Actor2CountryCode": "GEO", "Actor2Type1Code": "GOV", "EventCode": "193", "EventBaseCode": "193",
    "EventRootCode": "19", "QuadClass": "4", "GoldsteinScale": "-10", "NumMentions": "4",
    "ActionGeo_Type": "4", "ActionGeo_FullName": "Tskhinvali, Shida Kartli, Georgia", "ActionGeo_CountryCode": "GG",
    "ActionGeo_ADM1Code": "GG13", "ActionGeo_Lat": "42.2276", "ActionGeo_Long": "43.9686",
}


def gdelt_line(columns: tuple[str, ...], **changes: str) -> str:
    """Return one tab-separated GDELT row with the base values and the given changes."""
    values = {**BASE_ROW, **changes}
    return "\t".join(values.get(name, "") for name in columns) + "\n"


def write_lines(path: Path, lines: list[str], *, gz: bool = False) -> Path:
    """Write lines to a plain or gzip file and return its path."""
    data = "".join(lines).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def test_a_gdelt1_row_maps_every_field(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "20110601.export.CSV", [gdelt_line(GDELT1_COLUMNS)])
    [event] = list(read_gdelt(path))
    assert isinstance(event, Event)
    assert event.id == hash_text("gdelt", "125490242")
    assert (event.source_dataset, event.source_id, event.article_id) == ("gdelt", "125490242", None)
    assert (event.event, event.mode, event.cameo, event.cameo_root) == ("ASSAULT", "firearms", "193", "19")
    assert (event.goldstein, event.quad_class, event.quad_rule, event.status) == (-10.0, 4, "gdelt", "asserted")
    assert (event.date, event.date_precision) == ("2011-06-01", "day")
    assert [(a.country, a.sector, a.name) for a in event.actor] == [("RUS", "MIL", "RUSSIA")]
    assert [(a.country, a.sector) for a in event.recipient] == [("GEO", "GOV")]
    place = event.location
    assert (place.name, place.country, place.admin1, place.precision) == ("Tskhinvali", "GEO", "GG13", 1)
    assert (place.lat, place.lon) == (42.2276, 43.9686)
    assert (event.trigger.text, event.trigger.span, event.sentence) == ("", (0, 0), "")
    assert (event.coder, event.model, event.confidence) == ("import.gdelt.v1", None, 0.5)


def test_gdelt2_and_backfile_layouts_are_chosen_by_column_count(tmp_path: Path) -> None:
    lines = [gdelt_line(GDELT2_COLUMNS, GLOBALEVENTID="1", ActionGeo_ADM2Code="X1"),
             gdelt_line(GDELT1_COLUMNS[:-1], GLOBALEVENTID="2")]
    events = list(read_gdelt(write_lines(tmp_path / "mixed.csv.gz", lines, gz=True)))
    assert [e.source_id for e in events] == ["1", "2"]
    assert all(e.location.name == "Tskhinvali" and e.cameo == "193" for e in events)
    assert len(GDELT1_COLUMNS) == 58 and len(GDELT2_COLUMNS) == 61


def test_statements_and_appeals_have_no_plover_type(tmp_path: Path) -> None:
    line = gdelt_line(GDELT1_COLUMNS, EventCode="020", EventRootCode="02", QuadClass="1", GoldsteinScale="3")
    [event] = list(read_gdelt(write_lines(tmp_path / "e.tsv", [line])))
    assert (event.event, event.cameo, event.cameo_root, event.quad_class) == (None, "020", "02", 1)


def test_geo_types_map_to_place_precision_and_us_states_to_usa(tmp_path: Path) -> None:
    lines = [gdelt_line(GDELT1_COLUMNS, GLOBALEVENTID="1", ActionGeo_Type="1", ActionGeo_FullName="Georgia"),
             gdelt_line(GDELT1_COLUMNS, GLOBALEVENTID="2", ActionGeo_Type="2",
                        ActionGeo_FullName="Georgia, United States", ActionGeo_CountryCode="US")]
    country, us_state = read_gdelt(write_lines(tmp_path / "e.tsv", lines))
    assert (country.location.country, country.location.precision) == ("GEO", 3)
    assert (us_state.location.country, us_state.location.precision) == ("USA", 2)


def test_malformed_rows_are_dropped_with_file_and_line_and_the_import_goes_on(tmp_path: Path) -> None:
    lines = [gdelt_line(GDELT1_COLUMNS, GLOBALEVENTID="1"), "only\tthree\tcells\n",
             gdelt_line(GDELT1_COLUMNS, GLOBALEVENTID="3", SQLDATE="2011-06"),
             gdelt_line(GDELT1_COLUMNS, GLOBALEVENTID="4", EventCode="999"),
             gdelt_line(GDELT1_COLUMNS, GLOBALEVENTID="5")]
    path = write_lines(tmp_path / "bad.tsv", lines)
    items = list(read_gdelt(path))
    assert [type(item).__name__ for item in items] == ["Event", "Dropped", "Dropped", "Dropped", "Event"]
    drops = [item for item in items if isinstance(item, Dropped)]
    assert [d.source for d in drops] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "3 columns" in drops[0].detail and "SQLDATE" in drops[1].detail and "999" in drops[2].detail
    assert all("\n" not in d.detail for d in drops)


def test_limit_stops_after_n_rows(tmp_path: Path) -> None:
    lines = [gdelt_line(GDELT1_COLUMNS, GLOBALEVENTID=str(n)) for n in range(10)]
    assert len(list(read_gdelt(write_lines(tmp_path / "e.tsv", lines), limit=3))) == 3


@pytest.mark.shared
def test_the_first_rows_of_the_shared_georgia_file(head_of) -> None:
    path = head_of("eventstreams/gdelt_georgia_2011_2013/events.csv.gz")
    items = list(read_gdelt(path))
    assert len(items) == 50 and all(isinstance(item, Event) for item in items)
    first = items[0]  # 125489286: no Actor1, Actor2 BUSINESS, CAMEO 042, Georgia (country-level geocode)
    assert (first.source_id, first.cameo, first.event, first.goldstein) == ("125489286", "042", "CONSULT", 1.9)
    assert first.actor == () and [(a.name, a.sector) for a in first.recipient] == [("BUSINESS", "BUS")]
    assert (first.location.country, first.location.precision) == ("GEO", 3)
    assert all(item.location.country == "GEO" and item.date.startswith("2011-06") for item in items)
