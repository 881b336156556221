"""PLOVER / POLECAT JSON events (one object per line, or one JSON array) into the event record.

Fields follow the PLOVER manual's JSON format (id, date, actor, recipient, event, mode, context,
event_loc, event_text, quad_code, event_scale, text, ...); the PLOVER gold-standard records' keys
(event_v2, entity "text") are read too. PLOVER has no CAMEO code, so cameo and cameo_root stay empty.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

from flashpoint.records import Actor, Dropped, Event, Evidence, Place
from flashpoint.importers.rows import (
    MACHINE_CONFIDENCE, bad_row, build_imported_event, imported_id, open_text, parse_float, parse_int, take,
)
from flashpoint.reference.plover import EVENT_TYPES, event_type_info, is_valid_context, is_valid_mode

DATASET = "plover"
CODER = "import.plover.v1"
QUAD_RULE = "plover"  # quad class from the record's quad_code, else the PLOVER manual's quad of the type
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
DATE_PRECISION = {4: "year", 7: "month", 10: "day"}
# PLOVER location "resolution" (5 sub-city, 4 city, 3 district, 2 province, 1 country) -> Place.precision.
RESOLUTION_PRECISION: dict[int, int] = {5: 1, 4: 1, 3: 2, 2: 2, 1: 3}
SIZE_FIELDS = ("dead", "injured", "arrested")


def read_plover(path: str | Path, *, limit: int | None = None) -> Iterator[Event | Dropped]:
    """Stream PLOVER JSON records (JSON Lines or one JSON array, gz or plain) as Events and Dropped rows."""
    return take(iter_plover(path), limit)


def iter_plover(path: str | Path) -> Iterator[Event | Dropped]:
    """Yield one Event or Dropped per record; line numbers are record numbers for a JSON array."""
    with open_text(path) as handle:
        head = handle.read(1024)
        handle.seek(0)
        if head.lstrip().startswith("["):
            records = iter_array(path, handle.read())
        else:
            records = iter_lines(path, handle)
        for line, record in records:
            yield record if isinstance(record, Dropped) else convert_record(path, line, record)


def iter_array(path: str | Path, text: str) -> Iterator[tuple[int, Any]]:
    """Yield (record number, record) from a JSON array, or one Dropped when the array is not valid JSON."""
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        yield exc.lineno, bad_row(path, exc.lineno, f"bad JSON array: {exc.msg}")
        return
    yield from enumerate(records, start=1)


def iter_lines(path: str | Path, handle) -> Iterator[tuple[int, Any]]:
    """Yield (line number, record) from JSON Lines, a Dropped record for a line that is not JSON."""
    for line, text in enumerate(handle, start=1):
        if not text.strip():
            continue
        try:
            yield line, json.loads(text)
        except json.JSONDecodeError as exc:
            yield line, bad_row(path, line, f"bad JSON: {exc.msg}")


def convert_record(path: str | Path, line: int, record: Any) -> Event | Dropped:
    """Return the Event for one PLOVER record, or a Dropped record saying what is wrong with it."""
    if not isinstance(record, dict):
        return bad_row(path, line, f"a PLOVER record is a JSON object, not {type(record).__name__}")
    try:
        return build_plover_event(record)
    except (ValueError, KeyError, TypeError) as exc:
        return bad_row(path, line, f"record {record.get('id', '?')}: {exc}")


def to_text(value: Any) -> str:
    """Return a JSON scalar as cell text: None becomes "", numbers keep their digits (0 stays "0")."""
    return "" if value is None else str(value)


def first_value(value: Any) -> Any:
    """Return the first item of a list value, the value itself otherwise (PLOVER allows lists)."""
    if isinstance(value, (list, tuple)):
        return value[0] if value else None
    return value


def build_plover_event(record: dict[str, Any]) -> Event:
    """Return the Event for one PLOVER JSON record."""
    source_id = str(record.get("id") or "").strip()
    if not source_id:
        raise ValueError("no id")
    event = str(first_value(record.get("event") or record.get("event_v2")) or "").strip().upper()
    if event not in EVENT_TYPES:
        raise ValueError(f"event {event!r} is not a PLOVER v2 type")
    date, precision = parse_plover_date(record.get("date"))
    end_date, _ = parse_plover_date(record.get("enddate"))
    sentence = str(record.get("text") or "")
    return build_imported_event(
        id=imported_id(DATASET, source_id), event=event, mode=read_mode(event, record.get("mode")),
        context=read_contexts(record.get("context")), cameo="", cameo_root="",
        goldstein=read_scale(event, record.get("event_scale")),
        quad_class=parse_int(to_text(record.get("quad_code"))) or event_type_info(event)["quad_code"],
        quad_rule=QUAD_RULE, actor=build_actors(record.get("actor")), recipient=build_actors(record.get("recipient")),
        date=date, end_date=end_date, date_precision=precision, location=build_place(record.get("event_loc")),
        trigger=find_trigger(record.get("event_text"), sentence), sentence=sentence,
        confidence=MACHINE_CONFIDENCE, source_dataset=DATASET, source_id=source_id, coder=CODER,
        **read_sizes(record),
    )


def read_scale(event: str, value: Any) -> float | None:
    """Return the record's event_scale, else the PLOVER manual's cooperation-conflict score of the type."""
    scale = parse_float(to_text(value))
    return scale if scale is not None else float(event_type_info(event)["score"])


def parse_plover_date(value: Any) -> tuple[str | None, str]:
    """Return (ISO date or None, date precision) for a PLOVER date ("2016-07-24", "2016-07", "2016")."""
    if value in (None, ""):
        return None, "unknown"
    text = str(value).strip()[:10]
    if not ISO_DATE.fullmatch(text):
        raise ValueError(f"date {value!r} is not YYYY-MM-DD")
    return text, DATE_PRECISION[len(text)]


def read_mode(event: str, value: Any) -> str | None:
    """Return the record's PLOVER mode when it is valid for the event type, else None."""
    mode = first_value(value)
    mode = str(mode).strip().lower() if mode else None
    return mode if mode and is_valid_mode(event, mode) else None


def read_contexts(value: Any) -> tuple[str, ...]:
    """Return the record's valid PLOVER contexts (a list, or one ';'/','-separated string)."""
    items = value if isinstance(value, (list, tuple)) else re.split(r"[;,]", str(value or ""))
    names = (str(item).strip().lower() for item in items)
    return tuple(dict.fromkeys(name for name in names if name and is_valid_context(name)))


def build_actors(value: Any) -> tuple[Actor, ...]:
    """Return the Actors of a PLOVER entity list (entity objects, or bare code strings)."""
    entities = value if isinstance(value, list) else [value] if value else []
    return tuple(build_actor(entity) for entity in entities if entity)


def build_actor(entity: Any) -> Actor:
    """Return one Actor from a PLOVER entity object (code, sector, entity_text, identifier_id, ...)."""
    if not isinstance(entity, dict):
        return Actor(text=str(entity), country=str(entity).strip().upper() or None)
    code = str(entity.get("code") or entity.get("country_code") or "").strip().upper() or None
    name = entity.get("identifier_text") or entity.get("entity_name")
    text = entity.get("entity_text") or entity.get("text") or entity.get("raw_text") or name or code or ""
    sector = first_value(entity.get("sector") or entity.get("sector_code"))
    return Actor(text=str(text), name=str(name) if name else None, country=code,
                 sector=str(sector).strip().upper()[:3] if sector else None,
                 wikidata=entity.get("identifier_id") or entity.get("wikidata_id") or None)


def build_place(loc: Any) -> Place | None:
    """Return the Place of a PLOVER event_loc object, or None."""
    if not isinstance(loc, dict) or not loc:
        return None
    resolution = parse_int(to_text(loc.get("resolution")))
    geonameid = parse_int(to_text(loc.get("geonameid")))
    text = loc.get("extracted_place") or loc.get("resolved_place") or ""
    return Place(text=str(text), name=loc.get("resolved_place") or loc.get("city") or None,
                 country=loc.get("country_code") or None, admin1=loc.get("province") or None,
                 lat=parse_float(to_text(loc.get("lat"))), lon=parse_float(to_text(loc.get("lon"))),
                 geonameid=geonameid, precision=RESOLUTION_PRECISION.get(resolution or 0))


def find_trigger(value: Any, sentence: str) -> Evidence:
    """Return the event text as evidence, with its span when it occurs in the record's text."""
    text = str(first_value(value) or "").strip()
    start = sentence.find(text) if text else -1
    return Evidence(text, (start, start + len(text)) if start >= 0 else (0, 0))


def read_sizes(record: dict[str, Any]) -> dict[str, int | None]:
    """Return dead, injured and arrested from the record's top level or its "size" object."""
    size = record.get("size") if isinstance(record.get("size"), dict) else {}
    return {name: parse_int(to_text(record.get(name, size.get(name)))) for name in SIZE_FIELDS}
