"""The packaged gazetteer: loads once, links countries to the shared table, indexes alternate names.

Its load time and memory are measured by benchmarks/geocoding_speed.py (docs/benchmarks.md), not asserted here.
"""

from __future__ import annotations

from flashpoint.reference.countries import country_by_iso3
from flashpoint.reference.gazetteer import load_gazetteer, name_key

def test_loads_once():
    load_gazetteer.cache_clear()
    gazetteer = load_gazetteer()
    assert load_gazetteer() is gazetteer
    assert len(gazetteer) > 200_000


def test_name_key_folds_accents_hyphens_and_apostrophes():
    assert name_key("Karbalā’") == "karbala"
    assert name_key("Al-Kut") == "al kut"
    assert name_key("The Hague") == "hague"


def test_alternate_names_find_the_place():
    erbil = [e for e in load_gazetteer().lookup("Arbil") if e.kind == "city"]
    assert any(e.iso3 == "IRQ" and e.geonameid == 95446 for e in erbil)


def test_countries_come_from_the_shared_table():
    iraq = load_gazetteer().country("IRQ")
    shared = country_by_iso3("IRQ")
    assert (iraq.name, iraq.lat, iraq.lon) == (shared.name, shared.lat, shared.lon)
    assert iraq.precision == 3


def test_us_states_and_landmarks_are_present():
    georgia = {(e.kind, e.iso3) for e in load_gazetteer().lookup("Georgia")}
    assert {("country", "GEO"), ("admin1", "USA")} <= georgia
    base = load_gazetteer().lookup("Ain al-Asad")
    assert base and base[0].kind == "landmark" and base[0].precision == 1


def test_every_geonames_region_code_of_iraq_is_named():
    regions = {e.admin1_code for key in ("anbar", "nineveh", "basra", "kirkuk", "dahuk") for e in
               load_gazetteer().lookup(key) if e.kind == "admin1" and e.iso3 == "IRQ"}
    assert len(regions) == 5
    anbar = [e for e in load_gazetteer().lookup("Al Anbar") if e.kind == "admin1"]
    assert [(e.iso3, e.precision) for e in anbar] == [("IRQ", 2)]
    assert abs(anbar[0].lat - 33.4) < 1.5 and abs(anbar[0].lon - 42.0) < 1.5


def test_second_level_regions_have_names_and_centroids():
    laurel = [e for e in load_gazetteer().lookup("Laurel County") if e.kind == "admin2"]
    assert any(e.iso3 == "USA" and e.admin1 == "Kentucky" and abs(e.lat - 37.1) < 0.5 for e in laurel)
    assert all(e.precision == 2 for e in laurel)


def test_news_style_region_abbreviations():
    assert {(e.kind, e.iso3, e.admin1) for e in load_gazetteer().lookup("W.Va.")} == {
        ("admin1", "USA", "West Virginia")}
    assert ("admin1", "CAN") in {(e.kind, e.iso3) for e in load_gazetteer().lookup("B.C.")}
