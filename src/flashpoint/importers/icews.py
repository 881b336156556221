"""ICEWS event files (Dataverse layout, 20 columns) and ICEWS TKG quadruples into the event record.

ICEWS: Boschee et al. (2015), "ICEWS Coded Event Data", https://doi.org/10.7910/DVN/28075 (docs/import.md).
The format is chosen from the header: "Event ID ..." is the Dataverse layout; "date source event_text
cameo_code target ..." is the decoded temporal-knowledge-graph file (events_decoded.tsv.gz).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from flashpoint.errors import InputError
from flashpoint.records import Actor, Dropped, Event, Place
from flashpoint.importers.rows import (
    bad_row, build_cameo_event, check_cameo, country_code_for_name, imported_id, open_text, parse_float,
    parse_int, take,
)

DATASET = "icews"
CODER = "import.icews.v1"
TKG_CODER = "import.icews-tkg.v1"
RAW_KEY = "Event ID"
TKG_KEYS = ("date", "source", "cameo_code", "target")
# ICEWS country names the country table does not know under that spelling.
ICEWS_COUNTRY_NAMES: dict[str, str] = {
    "occupied palestinian territory": "PSE",
    "the former yugoslav republic of macedonia": "MKD",
}
# ICEWS sector names -> PLOVER sector codes, most specific first: an actor listed as "Military,Government"
# is MIL. Sectors not listed here (parties, religions, ethnic groups, ...) give no sector code.
ICEWS_SECTORS: tuple[tuple[str, str], ...] = (
    ("military", "MIL"), ("marines", "MIL"), ("army", "MIL"), ("navy", "MIL"), ("air force", "MIL"),
    ("police", "COP"), ("rebel", "REB"), ("insurgents", "REB"), ("militant", "REB"),
    ("legislative / parliamentary", "LEG"), ("parliament", "LEG"), ("judicial", "JUD"),
    ("criminals / gangs", "CRM"), ("media", "JRN"), ("government", "GOV"), ("executive", "GOV"),
    ("cabinet", "GOV"), ("cabinet / council of ministers / advisors", "GOV"),
    ("protestors / popular opposition / mobs", "CVL"),
    ("general population / civilian / social", "CVL"), ("citizen", "CVL"), ("business", "BUS"),
    ("unspecified actor", "UNK"), ("unspecified", "UNK"), ("unidentified forces", "UAF"),
)
SECTOR_RANK = {name: rank for rank, (name, _) in enumerate(ICEWS_SECTORS)}
SECTOR_CODES = dict(ICEWS_SECTORS)
BRACKETED = re.compile(r"^(?P<head>.*?)\s*\((?P<inner>[^()]*)\)$")


def read_icews(path: str | Path, *, limit: int | None = None) -> Iterator[Event | Dropped]:
    """Stream an ICEWS event file or TKG quadruple file (gz or plain) as Events and Dropped rows."""
    return take(iter_icews(path), limit)


def iter_icews(path: str | Path) -> Iterator[Event | Dropped]:
    """Yield one Event or Dropped per data row, choosing the layout from the header row."""
    with open_text(path) as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = [name.strip() for name in next(rows, [])]
        convert = convert_raw if RAW_KEY in header else convert_tkg if set(TKG_KEYS) <= set(header) else None
        if convert is None:
            raise InputError(f"{path}: header {header[:4]} is neither an ICEWS event file (Event ID, Event Date, "
                             "...) nor an ICEWS TKG file (date, source, cameo_code, target); check the file")
        for line, cells in enumerate(rows, start=2):
            if not cells:
                continue
            if len(cells) != len(header):
                yield bad_row(path, line, f"{len(cells)} columns, the header has {len(header)}")
                continue
            try:
                yield convert(dict(zip(header, cells)))
            except (ValueError, KeyError) as exc:
                yield bad_row(path, line, str(exc))


def icews_country(name: str) -> str | None:
    """Return the ISO3 code of an ICEWS country name, or None."""
    name = (name or "").strip()
    return ICEWS_COUNTRY_NAMES.get(name.lower()) or country_code_for_name(name)


@lru_cache(maxsize=4096)
def sector_code(sectors: str) -> str | None:
    """Return the PLOVER sector of an ICEWS comma-separated sector list ("Military,Government" -> MIL)."""
    names = [name.strip().lower() for name in sectors.split(",") if name.strip()]
    known = [name for name in names if name in SECTOR_CODES]
    return SECTOR_CODES[min(known, key=SECTOR_RANK.__getitem__)] if known else None


def convert_raw(row: dict[str, str]) -> Event:
    """Return the Event for one row of an ICEWS Dataverse event file."""
    source_id = row["Event ID"].strip()
    if not source_id:
        raise ValueError("no Event ID")
    actor = build_raw_actor(row, "Source")
    recipient = build_raw_actor(row, "Target")
    return build_cameo_event(
        id=imported_id(DATASET, source_id), cameo=check_cameo(row["CAMEO Code"]),
        goldstein=parse_float(row["Intensity"]), actor=(actor,) if actor else (),
        recipient=(recipient,) if recipient else (), date=check_date(row["Event Date"]), date_precision="day",
        location=build_raw_place(row), sentence_index=parse_int(row.get("Sentence Number")) or 0,
        source_dataset=DATASET, source_id=source_id, coder=CODER,
    )


def check_date(text: str) -> str:
    """Return an ISO YYYY-MM-DD date, raising ValueError for anything else."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"date {text!r} is not YYYY-MM-DD")
    return text


def build_raw_actor(row: dict[str, str], role: str) -> Actor | None:
    """Return the Source or Target actor of a Dataverse row, or None when the cell is empty."""
    name = row[f"{role} Name"].strip()
    if not name:
        return None
    return Actor(text=name, name=name, country=icews_country(row[f"{role} Country"]),
                 sector=sector_code(row[f"{role} Sectors"]) or sector_code(name))


def build_raw_place(row: dict[str, str]) -> Place | None:
    """Return the event's Place from the City/District/Province/Country/Latitude/Longitude columns."""
    parts = [row[name].strip() for name in ("City", "District", "Province", "Country")]
    lat, lon = parse_float(row["Latitude"]), parse_float(row["Longitude"])
    if not any(parts) and lat is None:
        return None
    city, district, province, country = parts
    precision = 1 if city else 2 if (district or province) else 3
    return Place(text=", ".join(part for part in parts if part), name=next((p for p in parts if p), None),
                 country=icews_country(country), admin1=province or None, lat=lat, lon=lon, precision=precision)


def convert_tkg(row: dict[str, str]) -> Event:
    """Return the Event for one (date, source, CAMEO, target) quadruple of a decoded TKG file."""
    date, source, target = check_date(row["date"]), row["source"].strip(), row["target"].strip()
    cameo = check_cameo(row["cameo_code"])
    if not source or not target:
        raise ValueError("a TKG quadruple needs both a source and a target")
    # Quadruples are unique per (day, source, relation, target), so these four are the row's identity; the
    # numeric ids differ between TKG subsets, the names do not.
    return build_cameo_event(
        id=imported_id(DATASET, "tkg", date, source, cameo, target), cameo=cameo,
        actor=(build_tkg_actor(source),), recipient=(build_tkg_actor(target),), date=date, date_precision="day",
        source_dataset=DATASET, source_id="|".join((date, source, cameo, target)), coder=TKG_CODER,
    )


@lru_cache(maxsize=65536)
def build_tkg_actor(name: str) -> Actor:
    """Return the Actor of a TKG entity name: "Police (Australia)" -> COP of AUS, "Iraq" -> IRQ."""
    match = BRACKETED.match(name)
    if match:
        country = icews_country(match["inner"])
        return Actor(text=name, name=name, country=country, sector=sector_code(match["head"]) if country else None)
    return Actor(text=name, name=name, country=icews_country(name), sector=sector_code(name))
