"""ACLED CSV exports (the user's own download: ACLED data is not redistributable) into the event record.

ACLED: Armed Conflict Location & Event Data, https://acleddata.com/ (Raleigh et al. 2010). The mapping
tables below are flashpoint's own reading of ACLED's event types; docs/import.md prints them.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path
from typing import Iterator, NamedTuple

from flashpoint.errors import InputError
from flashpoint.records import Actor, Dropped, Event, Place
from flashpoint.reference.acled import find_sub_event_type
from flashpoint.importers.rows import (
    HUMAN_CONFIDENCE, bad_row, build_cameo_event, country_code_for_name, imported_id, open_text, parse_float,
    parse_int, take, unmapped_row,
)

DATASET = "acled"
CODER = "import.acled.v1"
REQUIRED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "actor1")
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")


class AcledCoding(NamedTuple):
    """The CAMEO code, PLOVER type and mode flashpoint gives an ACLED (sub-)event type."""

    cameo: str
    event: str
    mode: str | None


# ACLED sub_event_type -> coding. Sub-types not listed (most strategic developments: change to group/activity,
# disrupted weapons use, headquarters or base established, non-violent transfer of territory, other) have no
# CAMEO/PLOVER equivalent and are skipped with drop code D402.
SUB_EVENT_CODINGS: dict[str, AcledCoding] = {
    "armed clash": AcledCoding("190", "ASSAULT", None),
    "government regains territory": AcledCoding("192", "ASSAULT", None),
    "non-state actor overtakes territory": AcledCoding("192", "ASSAULT", None),
    "chemical weapon": AcledCoding("204", "ASSAULT", "unconventional"),
    "air/drone strike": AcledCoding("195", "ASSAULT", "aerial"),
    "suicide bomb": AcledCoding("1831", "ASSAULT", "suicide-attack"),
    "shelling/artillery/missile attack": AcledCoding("194", "ASSAULT", "heavy-weapons"),
    "remote explosive/landmine/ied": AcledCoding("1833", "ASSAULT", "explosives"),
    "grenade": AcledCoding("183", "ASSAULT", "explosives"),
    "sexual violence": AcledCoding("1821", "ASSAULT", "sexual"),
    "attack": AcledCoding("180", "ASSAULT", None),
    "abduction/forced disappearance": AcledCoding("181", "ASSAULT", "abduct"),
    "peaceful protest": AcledCoding("141", "PROTEST", "demo"),
    "protest with intervention": AcledCoding("141", "PROTEST", "demo"),
    "excessive force against protesters": AcledCoding("141", "PROTEST", "demo"),
    "violent demonstration": AcledCoding("145", "PROTEST", "riot"),
    "mob violence": AcledCoding("145", "PROTEST", "riot"),
    "agreement": AcledCoding("057", "SUPPORT", None),
    "arrests": AcledCoding("173", "COERCE", "arrest"),
    "looting/property destruction": AcledCoding("171", "COERCE", "seize"),
}
# event_type -> coding, used when a row's sub_event_type is missing or unknown.
EVENT_TYPE_CODINGS: dict[str, AcledCoding] = {
    "battles": AcledCoding("190", "ASSAULT", None),
    "explosions/remote violence": AcledCoding("180", "ASSAULT", None),
    "violence against civilians": AcledCoding("180", "ASSAULT", None),
    "protests": AcledCoding("141", "PROTEST", "demo"),
    "riots": AcledCoding("145", "PROTEST", "riot"),
}
# Battles are two-sided: PLOVER puts every participant of two-sided violence in actor (an unordered pair).
TWO_SIDED_TYPES = frozenset({"battles"})
# ACLED interaction codes (numbers in older exports, words in newer ones) -> PLOVER sector.
INTER_SECTORS: dict[str, str | None] = {
    "1": "MIL", "state forces": "MIL", "2": "REB", "rebel group": "REB", "rebel groups": "REB",
    "3": "PRM", "political militia": "PRM", "political militias": "PRM",
    "4": "PRM", "identity militia": "PRM", "identity militias": "PRM",
    "5": "CVL", "rioters": "CVL", "6": "CVL", "protesters": "CVL", "7": "CVL", "civilians": "CVL",
    "8": None, "external/other forces": None,
}
FOREIGN_INTER = frozenset({"8", "external/other forces"})
# Place precision (1 place, 2 region, 3 country) for ACLED geo_precision 1 town, 2 near a town, 3 region.
GEO_PRECISION: dict[str, int] = {"1": 1, "2": 2, "3": 2}
COUNTRY_IN_NAME = re.compile(r"\(([^()]+)\)|\bof (?:the )?([A-Z][\w'.-]*(?: [A-Z][\w'.-]*)*)")


def read_acled(path: str | Path, *, limit: int | None = None) -> Iterator[Event | Dropped]:
    """Stream an ACLED CSV export (gz or plain) as Events; bad and unmappable rows become Dropped records."""
    return take(iter_acled(path), limit)


def iter_acled(path: str | Path) -> Iterator[Event | Dropped]:
    """Yield one Event or Dropped per data row of an ACLED CSV export."""
    with open_text(path) as handle:
        rows = csv.DictReader(handle)
        missing = [name for name in REQUIRED_COLUMNS if name not in (rows.fieldnames or ())]
        if missing:
            raise InputError(f"{path}: not an ACLED CSV export, no column {', '.join(missing)}; "
                             "export it from ACLED with the standard column names")
        for line, row in enumerate(rows, start=2):
            yield convert_row(path, line, {key: (value or "").strip() for key, value in row.items() if key})


def convert_row(path: str | Path, line: int, row: dict[str, str]) -> Event | Dropped:
    """Return the Event for one ACLED row, or a Dropped record saying why there is none."""
    coding = find_coding(row)
    if coding is None:
        return unmapped_row(path, line, f"{row['event_id_cnty']}: ACLED {row.get('event_type')!r} / "
                                        f"{row.get('sub_event_type')!r} has no CAMEO/PLOVER mapping")
    try:
        return build_acled_event(row, coding)
    except (ValueError, KeyError) as exc:
        return bad_row(path, line, f"{row.get('event_id_cnty') or 'no event_id_cnty'}: {exc}")


def find_coding(row: dict[str, str]) -> AcledCoding | None:
    """Return the coding of a row's sub_event_type, else of its event_type, else None."""
    sub_type, event_type = row.get("sub_event_type", "").lower(), row.get("event_type", "").lower()
    return SUB_EVENT_CODINGS.get(sub_type) or EVENT_TYPE_CODINGS.get(event_type)


def build_acled_event(row: dict[str, str], coding: AcledCoding) -> Event:
    """Return the Event for one ACLED row and its coding."""
    source_id = row["event_id_cnty"]
    if not source_id:
        raise ValueError("no event_id_cnty")
    country = country_code_for_name(row.get("country", ""))
    first, second = build_actor(row, 1, country), build_actor(row, 2, country)
    if row["event_type"].lower() in TWO_SIDED_TYPES:
        actor, recipient = tuple(a for a in (first, second) if a), ()
    else:
        actor, recipient = (first,) if first else (), (second,) if second else ()
    return build_cameo_event(
        id=imported_id(DATASET, source_id), cameo=coding.cameo, event=coding.event, mode=coding.mode,
        actor=actor, recipient=recipient, date=parse_acled_date(row["event_date"]), date_precision="day",
        location=build_place(row, country), dead=parse_int(row.get("fatalities")), sentence=row.get("notes", ""),
        confidence=HUMAN_CONFIDENCE, source_dataset=DATASET, source_id=source_id, coder=CODER,
        acled=find_sub_event_type(row.get("sub_event_type", "")),
    )


def parse_acled_date(text: str) -> str:
    """Return an ISO date from ACLED's event_date ("2020-01-03" or "03 January 2020")."""
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"event_date {text!r} is not a date such as 2020-01-03 or 03 January 2020")


def build_actor(row: dict[str, str], n: int, event_country: str | None) -> Actor | None:
    """Return ACLED actor n (1 or 2) with a country and sector, or None when the cell is empty."""
    name = row.get(f"actor{n}", "")
    if not name:
        return None
    inter = row.get(f"inter{n}", "").lower()
    inter = inter[:-2] if inter.endswith(".0") else inter
    country = country_in_name(name)
    if country is None and inter not in FOREIGN_INTER:
        country = event_country  # a domestic actor without a country in its name acts in the event's country
    return Actor(text=name, name=name, country=country, sector=actor_sector(name, inter))


def actor_sector(name: str, inter: str) -> str | None:
    """Return the PLOVER sector of an ACLED actor from its interaction code and name."""
    lowered = name.lower()
    if lowered.startswith("police forces"):
        return "COP"
    if lowered.startswith("government of"):
        return "GOV"
    if lowered.startswith("unidentified armed group"):
        return "UAF"
    return INTER_SECTORS.get(inter)


def country_in_name(name: str) -> str | None:
    """Return the country an ACLED actor name carries: "Protesters (Nigeria)", "Military Forces of Iraq (2014-)"."""
    for bracketed, after_of in COUNTRY_IN_NAME.findall(name):
        code = country_code_for_name(bracketed or after_of)
        if code:
            return code
    return None


def build_place(row: dict[str, str], country: str | None) -> Place | None:
    """Return the event's Place from location, admin1, country, latitude, longitude and geo_precision."""
    parts = [row.get(name, "") for name in ("location", "admin1", "country")]
    lat, lon = parse_float(row.get("latitude")), parse_float(row.get("longitude"))
    if not any(parts) and lat is None:
        return None
    return Place(text=", ".join(part for part in parts if part), name=parts[0] or None, country=country,
                 admin1=parts[1] or None, lat=lat, lon=lon, precision=GEO_PRECISION.get(row.get("geo_precision", "")))
