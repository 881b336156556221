"""GDELT event exports (1.0: 57/58 columns, 2.0: 61 columns) into the event record.

Reads the official tab-separated exports (no header; the layout is chosen by column count) and
comma-separated copies with a header row, such as R's write.csv output where the bare token NA marks
a missing value. GDELT data: The GDELT Project, https://www.gdeltproject.org/ (docs/import.md).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

from flashpoint.records import Actor, Dropped, Event, Place
from flashpoint.importers.rows import (
    bad_row, build_cameo_event, check_cameo, country_code_for_name, imported_id, open_text,
    parse_float, parse_int, take,
)
from flashpoint.reference.countries import load_non_state_codes

DATASET = "gdelt"
CODER = "import.gdelt.v1"


def actor_columns(n: int) -> list[str]:
    """Return the ten actor columns of actor n (1 or 2)."""
    fields = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
              "Type1Code", "Type2Code", "Type3Code")
    return [f"Actor{n}{field}" for field in fields]


def geo_columns(prefix: str, with_adm2: bool) -> list[str]:
    """Return the geography columns of one block (Actor1Geo, Actor2Geo, ActionGeo)."""
    fields = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if with_adm2 else [])
    return [f"{prefix}_{field}" for field in fields + ["Lat", "Long", "FeatureID"]]


def build_columns(version: int) -> tuple[str, ...]:
    """Return the column names of a GDELT 1.0 (with SOURCEURL) or 2.0 event export."""
    event = ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
             "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    geo = [name for block in ("Actor1Geo", "Actor2Geo", "ActionGeo") for name in geo_columns(block, version == 2)]
    return tuple(["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"] + actor_columns(1)
                 + actor_columns(2) + event + geo + ["DATEADDED", "SOURCEURL"])


GDELT1_COLUMNS = build_columns(1)
GDELT2_COLUMNS = build_columns(2)
# Column count -> layout: 1.0 backfiles lack SOURCEURL (57), 1.0 daily files have it (58), 2.0 has 61.
LAYOUTS: dict[int, tuple[str, ...]] = {57: GDELT1_COLUMNS[:-1], 58: GDELT1_COLUMNS, 61: GDELT2_COLUMNS}
# GDELT's ActionGeo_Type -> Place.precision (1 place, 2 region, 3 country):
# 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
GEO_PRECISION: dict[str, int] = {"1": 3, "2": 2, "3": 1, "4": 1, "5": 2}
COUNTRY_PRECISION = 3  # Place.precision of a country-level geocode (GDELT geo type 1)
# CAMEO actor type codes with another name in PLOVER's sector list; every other type code is kept as is.
SECTOR_SYNONYMS: dict[str, str] = {"HLH": "MED", "INS": "REB"}
MISSING_TOKENS = frozenset({"", "NA"})  # NA: R's write.csv marks missing values with a bare NA


def read_gdelt(path: str | Path, *, limit: int | None = None) -> Iterator[Event | Dropped]:
    """Stream a GDELT event export (gz or plain) as Events, with a Dropped record for each bad row."""
    return take(iter_gdelt(path), limit)


def iter_gdelt(path: str | Path) -> Iterator[Event | Dropped]:
    """Yield one Event or Dropped per data row of a GDELT file."""
    with open_text(path) as handle:
        first = handle.readline()
        delimiter = "\t" if "\t" in first else ","
        quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
        header = next(csv.reader([first], delimiter=delimiter, quoting=quoting), [])
        names = tuple(header) if header[:1] == ["GLOBALEVENTID"] else None
        lines = enumerate(csv.reader(handle, delimiter=delimiter, quoting=quoting), start=2)
        if names is None:  # no header: the first line is data
            lines = iter_with_first(header, lines)
        for line, cells in lines:
            if cells:
                yield convert_row(path, line, cells, names)


def iter_with_first(first: list[str], rest: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    """Yield the first line's cells as line 1, then the rest."""
    yield 1, first
    yield from rest


def convert_row(path: str | Path, line: int, cells: Sequence[str], names: Sequence[str] | None) -> Event | Dropped:
    """Return the Event for one row, or a Dropped record saying what is wrong with it."""
    columns = names or LAYOUTS.get(len(cells))
    if columns is None or len(cells) != len(columns):
        expected = len(names) if names else "57, 58 or 61"
        return bad_row(path, line, f"{len(cells)} columns, expected {expected}; is this a GDELT event export?")
    row = {name: ("" if cell in MISSING_TOKENS else cell) for name, cell in zip(columns, cells)}
    try:
        return build_gdelt_event(row)
    except (ValueError, KeyError) as exc:
        return bad_row(path, line, f"GLOBALEVENTID {row.get('GLOBALEVENTID', '?')}: {exc}")


def build_gdelt_event(row: dict[str, str]) -> Event:
    """Return the Event for one GDELT row (a dict of column name -> cell, missing cells empty)."""
    source_id = row["GLOBALEVENTID"].strip()
    if not source_id:
        raise ValueError("no GLOBALEVENTID")
    cameo = check_cameo(row["EventCode"])
    actor = build_actor(row, 1)
    recipient = build_actor(row, 2)
    return build_cameo_event(
        id=imported_id(DATASET, source_id), cameo=cameo, goldstein=parse_float(row["GoldsteinScale"]),
        quad_class=parse_int(row["QuadClass"]), actor=(actor,) if actor else (),
        recipient=(recipient,) if recipient else (), date=parse_sqldate(row["SQLDATE"]), date_precision="day",
        location=build_place(row, "ActionGeo"), source_dataset=DATASET, source_id=source_id, coder=CODER,
    )


def parse_sqldate(text: str) -> str:
    """Return an ISO date from GDELT's YYYYMMDD SQLDATE."""
    text = text.strip()
    if len(text) != 8 or not text.isdigit():
        raise ValueError(f"SQLDATE {text!r} is not YYYYMMDD")
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def build_actor(row: dict[str, str], n: int) -> Actor | None:
    """Return Actor n (1 or 2) of a row, or None when GDELT coded no such actor."""
    code, name = row[f"Actor{n}Code"], row[f"Actor{n}Name"]
    if not code and not name:
        return None
    sector = row[f"Actor{n}Type1Code"] or None
    return Actor(text=name or code, name=name or None, country=actor_country(row, n),
                 sector=SECTOR_SYNONYMS.get(sector, sector) if sector else None)


def actor_country(row: dict[str, str], n: int) -> str | None:
    """Return the actor's CAMEO country code, else its non-state code (UNO, IGO, NGO, ...), else None."""
    country = row[f"Actor{n}CountryCode"]
    if country:
        return country  # CAMEO country codes are ISO3 except regions (WST, AFR, ...), kept as GDELT gives them
    for column in (f"Actor{n}KnownGroupCode", f"Actor{n}Type1Code"):
        if row[column] in load_non_state_codes():
            return row[column]
    return None


def build_place(row: dict[str, str], prefix: str) -> Place | None:
    """Return the Place of a geography block, or None when GDELT did not geocode it."""
    full_name = row[f"{prefix}_FullName"]
    lat, lon = parse_float(row[f"{prefix}_Lat"]), parse_float(row[f"{prefix}_Long"])
    if not full_name and lat is None:
        return None
    precision = GEO_PRECISION.get(row[f"{prefix}_Type"])
    # A country-level geocode repeats the country's FIPS code as its ADM1Code ("GG"): that is no admin1.
    admin1 = row[f"{prefix}_ADM1Code"] or None if precision != COUNTRY_PRECISION else None
    return Place(text=full_name, name=full_name.split(", ")[0] or None, country=place_country(full_name),
                 admin1=admin1, lat=lat, lon=lon, precision=precision)


@lru_cache(maxsize=4096)
def place_country(full_name: str) -> str | None:
    """Return the ISO3 code of the country a GDELT FullName ends with ("Tbilisi, ..., Georgia" -> GEO)."""
    # GDELT's CountryCode columns are FIPS 10-4, which clash with ISO alpha-2 (GG is Georgia in FIPS,
    # Guernsey in ISO), so the country name that ends FullName is the safe key.
    last = full_name.rsplit(", ", 1)[-1]
    return country_code_for_name(last) if last else None
