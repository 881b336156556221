"""What every importer shares: opening gz or plain files, drop records, value parsing and the imported Event."""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from flashpoint.errors import InputError
from flashpoint.records import Dropped, Event, Evidence, hash_text
from flashpoint.reference.cameo import CameoCode, cameo_code, quad_class_for
from flashpoint.reference.countries import country_by_iso3, load_non_state_codes, match_country
from flashpoint.reference.plover import plover_for_cameo

# Drop codes for imported rows. They belong in errors.DROP_REASONS (and docs/drop_codes.md); until they are
# added there the importers own them here.
BAD_ROW = "D401"  # malformed row: wrong column count, bad date, unknown CAMEO code, bad JSON
UNMAPPED_ROW = "D402"  # a valid row with no CAMEO/PLOVER mapping (e.g. most ACLED strategic developments)
IMPORT_DROP_CODES: dict[str, str] = {
    BAD_ROW: "bad import row: a row of an imported event file is malformed and was skipped",
    UNMAPPED_ROW: "unmapped import row: a valid row whose type has no CAMEO/PLOVER mapping, skipped",
}

# Machine-coded datasets give no per-event certainty; 0.5 says "coded by a machine, not checked" and keeps
# imported events below flashpoint's own evidence-backed codings in any confidence-ranked view.
MACHINE_CONFIDENCE = 0.5
# ACLED is coded by trained researchers from several sources, so it ranks above machine coding.
HUMAN_CONFIDENCE = 0.9

NO_TRIGGER = Evidence("", (0, 0))


def open_text(path: str | Path) -> IO[str]:
    """Open a gz or plain text file for reading as UTF-8, raising InputError when it cannot be opened."""
    path = Path(path)
    try:
        with path.open("rb") as probe:
            is_gzip = probe.read(2) == b"\x1f\x8b"
        if is_gzip:
            return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="")
        return path.open("r", encoding="utf-8", errors="replace", newline="")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}; check the path") from exc


def bad_row(path: str | Path, line: int, detail: str) -> Dropped:
    """Return the Dropped record for a malformed row, located as file:line."""
    return Dropped(source=f"{path}:{line}", code=BAD_ROW, detail=" ".join(detail.split()))


def unmapped_row(path: str | Path, line: int, detail: str) -> Dropped:
    """Return the Dropped record for a valid row that has no CAMEO/PLOVER mapping."""
    return Dropped(source=f"{path}:{line}", code=UNMAPPED_ROW, detail=" ".join(detail.split()))


def is_unmapped(item: Any) -> bool:
    """True for a Dropped record of a valid but unmappable row (counted as skipped, not as an error)."""
    return isinstance(item, Dropped) and item.code == UNMAPPED_ROW


def take(items: Iterable[Any], limit: int | None) -> Iterator[Any]:
    """Yield at most ``limit`` items (all of them when limit is None)."""
    for count, item in enumerate(items):
        if limit is not None and count >= limit:
            return
        yield item


def imported_id(dataset: str, *parts: str) -> str:
    """Return the stable report id of an imported row: a hash of the dataset name and the row's own id."""
    return hash_text(dataset, *parts)


def parse_float(text: str | None) -> float | None:
    """Return a float from a cell, None for an empty cell; raise ValueError for anything else."""
    text = (text or "").strip()
    return float(text) if text else None


def parse_int(text: str | None) -> int | None:
    """Return an int from a cell ("12" or "12.0"), None for an empty cell; raise ValueError otherwise."""
    value = parse_float(text)
    if value is None:
        return None
    if value != int(value):
        raise ValueError(f"{text!r} is not a whole number")
    return int(value)


def find_cameo(code: str) -> CameoCode | None:
    """Return GDELT's entry for a CAMEO code, else for its nearest listed parent ("1213" -> "121"), else None."""
    for length in range(len(code), 1, -1):
        entry = cameo_code(code[:length])
        if entry is not None:
            return entry
    return None


def check_cameo(code: str) -> str:
    """Return a CAMEO code that GDELT's table lists (or a child of a listed code), raising ValueError otherwise."""
    code = (code or "").strip()
    if not code.isdigit() or len(code) < 2 or find_cameo(code) is None:
        raise ValueError(f"unknown CAMEO code {code!r}")
    return code


def build_cameo_event(*, cameo: str, goldstein: float | None = None, quad_class: int | None = None,
                      **fields: Any) -> Event:
    """Return an imported Event for a CAMEO code: PLOVER type, mode, context and quad class filled in."""
    mapping = plover_for_cameo(cameo)
    if goldstein is None:
        goldstein = find_cameo(cameo).goldstein
    values: dict[str, Any] = dict(
        event=mapping.event if mapping else None, mode=mapping.mode if mapping else None,
        context=mapping.context if mapping else (), cameo=cameo, cameo_root=cameo[:2], goldstein=goldstein,
        quad_class=quad_class or quad_class_for(cameo, "gdelt"), quad_rule="gdelt",
    )
    values.update(fields)
    return build_imported_event(**values)


def build_imported_event(**fields: Any) -> Event:
    """Return an Event with the defaults every imported row shares (no article, no text evidence)."""
    values: dict[str, Any] = dict(
        article_id=None, status="asserted", trigger=NO_TRIGGER, sentence="", sentence_index=0,
        confidence=MACHINE_CONFIDENCE, model=None,
    )
    values.update(fields)
    return Event(**values)


@lru_cache(maxsize=4096)
def country_code_for_name(name: str) -> str | None:
    """Return the ISO3 code of a country name ("Iraq", "Moldova, Republic of"), or None."""
    name = (name or "").strip()
    if not name:
        return None
    match = match_country(name) or match_country(name.split(",")[0])
    return match.country.iso3 if match else None


def is_known_code(code: str) -> bool:
    """True for an ISO3 country code or a PLOVER non-state code (IGO, UNO, EUR, NGO, ...)."""
    return bool(code) and (country_by_iso3(code) is not None or code in load_non_state_codes())
