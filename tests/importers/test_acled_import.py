"""ACLED CSV rows into the event record, on a tiny hand-written export with ACLED's documented column names."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from flashpoint.errors import InputError
from flashpoint.importers import BAD_ROW, UNMAPPED_ROW, read_acled
from flashpoint.records import Dropped, Event, hash_text
from flashpoint.reference.plover import is_valid_mode
from flashpoint.importers.acled import EVENT_TYPE_CODINGS, SUB_EVENT_CODINGS

COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2",
           "country", "iso", "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities", "notes")
ROWS = (
    ("IRQ1", "2020-01-03", "Battles", "Armed clash", "Military Forces of Iraq (2014-)", "1",
     "Islamic State (Iraq)", "2", "Iraq", "368", "Kirkuk", "Hawija", "35.32", "43.76", "1", "4",
     "Clashes between Iraqi forces and IS near Hawija."),
    ("IRQ2", "05 January 2020", "Explosions/Remote violence", "Air/drone strike", "Military Forces of the United "
     "States", "8", "Kataib Hezbollah", "3", "Iraq", "368", "Baghdad", "Baghdad", "33.3", "44.4", "2", "2", ""),
    ("IRQ3", "2020-01-06", "Protests", "Peaceful protest", "Protesters (Iraq)", "6", "", "", "Iraq", "368",
     "Basra", "Basra", "30.5", "47.8", "3", "0", ""),
    ("IRQ4", "2020-01-07", "Strategic developments", "Headquarters or base established", "Islamic State (Iraq)",
     "2", "", "", "Iraq", "368", "Anbar", "Ramadi", "33.4", "43.3", "2", "0", ""),
    ("IRQ5", "2020-01-08", "Strategic developments", "Agreement", "Government of Iraq (2018-2020)", "1",
     "Government of Turkey (2016-)", "8", "Iraq", "368", "Baghdad", "Baghdad", "33.3", "44.4", "1", "0", ""),
    ("IRQ6", "not a date", "Riots", "Mob violence", "Rioters (Iraq)", "5", "", "", "Iraq", "368", "Basra",
     "Basra", "30.5", "47.8", "1", "0", ""),
)


def write_acled(path: Path, rows=ROWS, columns=COLUMNS) -> Path:
    """Write an ACLED-style CSV export and return its path."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


def test_event_types_map_to_cameo_and_plover(tmp_path: Path) -> None:
    path = write_acled(tmp_path / "acled.csv")
    clash, strike, protest, base, agreement, riot = list(read_acled(path))
    assert clash.id == hash_text("acled", "IRQ1") and clash.source_dataset == "acled"
    assert (clash.event, clash.cameo, clash.quad_class, clash.dead, clash.confidence) == ("ASSAULT", "190", 4, 4, 0.9)
    # Battles are two-sided: both sides are actors, no recipient (an unordered pair in the dyads).
    assert [(a.country, a.sector) for a in clash.actor] == [("IRQ", "MIL"), ("IRQ", "REB")] and clash.recipient == ()
    assert clash.sentence.startswith("Clashes between") and clash.date == "2020-01-03"
    assert (strike.event, strike.mode, strike.cameo, strike.date) == ("ASSAULT", "aerial", "195", "2020-01-05")
    assert [(a.country, a.sector) for a in strike.actor] == [("USA", None)]  # external forces keep their own country
    assert [(a.country, a.sector) for a in strike.recipient] == [("IRQ", "PRM")]
    assert (protest.event, protest.cameo, protest.recipient, protest.location.precision) == ("PROTEST", "141", (), 2)
    assert isinstance(base, Dropped) and base.code == UNMAPPED_ROW and base.source == f"{path}:5"
    assert (agreement.event, agreement.cameo, agreement.recipient[0].country) == ("SUPPORT", "057", "TUR")
    place = agreement.location
    assert (agreement.actor[0].sector, place.name, place.admin1) == ("GOV", "Baghdad", "Baghdad")
    assert isinstance(riot, Dropped) and riot.code == BAD_ROW and "not a date" in riot.detail


def test_imported_rows_keep_acleds_own_sub_event_type(tmp_path: Path) -> None:
    clash, strike, protest, _, agreement, _ = list(read_acled(write_acled(tmp_path / "acled.csv")))
    assert [e.acled for e in (clash, strike, protest, agreement)] == [
        "Armed clash", "Air/drone strike", "Peaceful protest", "Agreement"]


def test_every_mapping_names_a_listed_cameo_code_and_a_valid_mode() -> None:
    for coding in [*SUB_EVENT_CODINGS.values(), *EVENT_TYPE_CODINGS.values()]:
        assert is_valid_mode(coding.event, coding.mode), coding


def test_a_file_without_acled_columns_is_one_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="event_id_cnty"):
        list(read_acled(write_acled(tmp_path / "x.csv", rows=[("1", "2")], columns=("id", "date"))))


def test_limit_counts_rows(tmp_path: Path) -> None:
    items = list(read_acled(write_acled(tmp_path / "acled.csv"), limit=2))
    assert len(items) == 2 and all(isinstance(item, Event) for item in items)
