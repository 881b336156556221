"""PLOVER v2: the 16 event types, their modes, contexts and sector codes, and the CAMEO -> PLOVER map.

Data (CC BY-SA 4.0, kept with its licence in data/plover/): plover_ontology.json, a transcription of
the PLOVER manual v2.0, and cameo2plover.tsv, converted from CAMEO2PLOVER-2021.txt with legacy modes
mapped to v2 (data/plover/README.md lists every change). CAMEO roots 01 and 02 (statements and
appeals) have no PLOVER type.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# Most specific first: a 4-digit code falls back to its 3-digit parent, then its root.
CAMEO_PREFIX_LENGTHS = (4, 3, 2)


@dataclass(frozen=True)
class PloverMapping:
    """The PLOVER coding of one CAMEO code: event type, mode (or None) and contexts."""

    event: str
    mode: str | None
    context: tuple[str, ...]


def open_plover_file(name: str):
    """Open a file of data/plover/ for reading."""
    return (resources.files("flashpoint.reference") / "data" / "plover" / name).open(encoding="utf-8")


@lru_cache(maxsize=1)
def load_ontology() -> dict:
    """Return the PLOVER v2 ontology JSON (loaded once per process)."""
    with open_plover_file("plover_ontology.json") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def load_cameo_mappings() -> dict[str, PloverMapping]:
    """Return CAMEO code -> PloverMapping from cameo2plover.tsv."""
    with open_plover_file("cameo2plover.tsv") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {
            row["cameo"]: PloverMapping(row["event"], row["mode"] or None,
                                        tuple(c for c in row["context"].split(";") if c))
            for row in rows
        }


def plover_for_cameo(code: str) -> PloverMapping | None:
    """Return the PLOVER coding of a CAMEO code (most specific row wins), or None for roots 01/02."""
    code = str(code).strip()
    mappings = load_cameo_mappings()
    for length in CAMEO_PREFIX_LENGTHS:
        if len(code) >= length and code[:length] in mappings:
            return mappings[code[:length]]
    return None


# PLOVER v2: "future-tense CONSULT/SUPPORT/COOPERATE/AID are coded AGREE" ("AGREE vs SUPPORT+future: always
# return the single category"). AGREE has no modes, so a future visit loses the CONSULT mode `visit`.
FUTURE_AGREE_TYPES = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})


def plover_for_status(mapping: PloverMapping | None, status: str) -> PloverMapping | None:
    """Return the PLOVER coding of a report with this status: future cooperation is AGREE (no mode, same contexts)."""
    if mapping is None or status != "future" or mapping.event not in FUTURE_AGREE_TYPES:
        return mapping
    return PloverMapping("AGREE", None, mapping.context)


@lru_cache(maxsize=1)
def event_types_by_name() -> dict[str, dict]:
    """Return the ontology's event-type entries keyed by name."""
    return {entry["name"]: entry for entry in load_ontology()["event_types"]}


def event_type_info(name: str) -> dict:
    """Return definition, quad, quad_code, requires_recipient, score, modes and mode_scores of an event type."""
    entry = event_types_by_name().get(str(name).upper())
    if entry is None:
        raise ValueError(f"unknown PLOVER event type {name!r}; use one of {', '.join(EVENT_TYPES)}")
    return {
        "name": entry["name"],
        "definition": entry["definition"],
        "quad": entry["quad"],
        "quad_code": entry["quad_code"],
        "requires_recipient": entry["requires_recipient"],
        "score": entry["score"],
        "modes": tuple(mode["name"] for mode in entry["modes"]),
        "mode_definitions": {mode["name"]: mode["definition"] for mode in entry["modes"]},
        "mode_scores": dict(entry.get("mode_scores", {})),
    }


def is_valid_mode(event: str, mode: str | None) -> bool:
    """True when mode is one of the event type's v2 modes; a missing mode is valid for any known type."""
    entry = event_types_by_name().get(str(event).upper())
    if entry is None:
        return False
    return not mode or mode in {m["name"] for m in entry["modes"]}


@lru_cache(maxsize=1)
def context_names() -> tuple[str, ...]:
    """Return the 37 PLOVER contexts in manual order."""
    return tuple(context["name"] for context in load_ontology()["contexts"])


def is_valid_context(name: str) -> bool:
    """True when name is a PLOVER v2 context."""
    return name in context_names()


@lru_cache(maxsize=1)
def sector_codes() -> dict[str, str]:
    """Return PLOVER sector code -> definition (GOV, MIL, REB, CVL, ...)."""
    sectors = load_ontology()["sector_codes"]
    return {item["name"]: item["definition"] for group in ("frequent", "less_frequent") for item in sectors[group]}
