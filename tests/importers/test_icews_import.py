"""ICEWS Dataverse rows and TKG quadruples into the event record: hand-written files and the shared samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.errors import InputError
from flashpoint.importers import read_icews
from flashpoint.records import Dropped, Event, hash_text

HEADER = ("Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\t"
          "Target Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\t"
          "Province\tCountry\tLatitude\tLongitude\n")
RAW_ROWS = (
    "1001\t2018-06-01\tMilitary (Israel)\tGovernment,Military\tIsrael\tFight with artillery and tanks\t194\t-10.0\t"
    "Hamas\tRebel,Radicals / Extremists / Fundamentalists\tOccupied Palestinian Territory\t77\t3\tAFP\t"
    "Gaza\t\tGaza Strip\tOccupied Palestinian Territory\t31.5\t34.46\n",
    "1002\t2018-06-02\tCitizen (Iraq)\tGeneral Population / Civilian / Social,Social\tIraq\tDemonstrate\t141\t-6.5\t"
    "\t\t\t78\t1\tReuters\t\t\t\tIraq\t33.0\t44.0\n",
    "1003\t2018-06-02\tIran\t\tIran\tMake statement\t010\t0.0\tIraq\t\tIraq\t79\t2\tIRNA\t\t\t\t\t\t\n",
    "1004\t2018/06/02\tIran\t\tIran\tMake statement\t010\t0.0\tIraq\t\tIraq\t79\t2\tIRNA\t\t\t\t\t\t\n",
)


def write(path: Path, text: str) -> Path:
    """Write text to a file and return its path."""
    path.write_text(text, encoding="utf-8")
    return path


def test_dataverse_rows_map_countries_sectors_and_places(tmp_path: Path) -> None:
    path = write(tmp_path / "events.tsv", HEADER + "".join(RAW_ROWS))
    shelling, protest, statement, bad = list(read_icews(path))
    assert shelling.id == hash_text("icews", "1001") and shelling.source_id == "1001"
    assert (shelling.event, shelling.cameo, shelling.goldstein, shelling.quad_class) == ("ASSAULT", "194", -10.0, 4)
    assert [(a.country, a.sector) for a in shelling.actor] == [("ISR", "MIL")]
    assert [(a.name, a.country, a.sector) for a in shelling.recipient] == [("Hamas", "PSE", "REB")]
    place = shelling.location
    assert (place.name, place.country, place.admin1) == ("Gaza", "PSE", "Gaza Strip")
    assert (shelling.location.precision, shelling.sentence_index, shelling.date) == (1, 3, "2018-06-01")
    assert protest.recipient == () and protest.actor[0].sector == "CVL"
    assert (protest.location.name, protest.location.country, protest.location.precision) == ("Iraq", "IRQ", 3)
    assert (statement.event, statement.location) == (None, None)
    assert isinstance(bad, Dropped) and bad.source == f"{path}:5" and "2018/06/02" in bad.detail


def test_tkg_quadruples_take_country_and_sector_from_the_name(tmp_path: Path) -> None:
    text = ("date\tsource\tevent_text\tcameo_code\ttarget\tsplit\tsource_id\trelation_id\ttarget_id\tt_raw\n"
            "2014-01-01\tPolice (Australia)\tArrest\t173\tWomen (Australia)\ttrain\t19\t6\t151\t1\n"
            "2014-01-01\tRiek Machar\tThreaten\t130\tGovernment (United States)\ttrain\t182\t23\t112\t1\n"
            "2014-01-02\tIraq\tMake an appeal\t020\tIran\ttrain\t1\t2\t3\t2\n")
    arrest, threat, appeal = list(read_icews(write(tmp_path / "events_decoded.tsv", text)))
    assert [(a.country, a.sector) for a in arrest.actor] == [("AUS", "COP")]
    assert (arrest.event, arrest.mode, arrest.goldstein) == ("COERCE", "arrest", -5.0)  # Goldstein from GDELT's table
    assert arrest.id == hash_text("icews", "tkg", "2014-01-01", "Police (Australia)", "173", "Women (Australia)")
    assert [(a.country, a.sector) for a in threat.actor] == [(None, None)]
    assert [(a.country, a.sector) for a in threat.recipient] == [("USA", "GOV")]
    assert (appeal.event, appeal.actor[0].country, appeal.recipient[0].country) == (None, "IRQ", "IRN")


def test_an_unknown_header_is_one_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="neither an ICEWS event file"):
        list(read_icews(write(tmp_path / "x.tsv", "a\tb\n1\t2\n")))


@pytest.mark.shared
def test_the_first_rows_of_the_shared_raw_sample(head_of) -> None:
    items = list(read_icews(head_of("eventstreams/icews_raw_sample_2018/events.20180601-20180603.tsv.gz")))
    assert len(items) == 50 and all(isinstance(item, Event) for item in items)
    first = items[0]  # 32889836: Foreign Affairs (Bangladesh) consults Vietnamese military, in Hanoi
    assert (first.source_id, first.cameo, first.event, first.date) == ("32889836", "040", "CONSULT", "2018-06-01")
    assert [(a.country, a.sector) for a in first.actor + first.recipient] == [("BGD", "GOV"), ("VNM", "MIL")]
    assert (first.location.name, first.location.country) == ("Hanoi", "VNM")


@pytest.mark.shared
def test_the_first_rows_of_a_shared_tkg_file(head_of) -> None:
    items = list(read_icews(head_of("eventstreams/icews_tkg/icews14/events_decoded.tsv.gz")))
    assert len(items) == 50 and all(isinstance(item, Event) and item.date == "2014-01-01" for item in items)
