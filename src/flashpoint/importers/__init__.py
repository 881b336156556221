"""Importers: event files from other datasets (GDELT, ICEWS, ACLED, PLOVER/POLECAT) into the event record.

Each importer is ``read_<dataset>(path, *, limit=None) -> Iterator[Event | Dropped]``: it streams a gz or
plain file, turns every row into an Event with ``source_dataset``/``source_id`` and a stable id, and turns a
malformed row into a Dropped record (file:line and a one-line reason) so the import goes on.
"""

from __future__ import annotations

from typing import Callable, Iterator

from flashpoint.importers.acled import read_acled
from flashpoint.importers.gdelt import read_gdelt
from flashpoint.importers.icews import read_icews
from flashpoint.importers.plover import read_plover
from flashpoint.importers.rows import BAD_ROW, IMPORT_DROP_CODES, UNMAPPED_ROW, is_unmapped
from flashpoint.records import Dropped, Event

Importer = Callable[..., Iterator[Event | Dropped]]

IMPORTERS: dict[str, Importer] = {
    "gdelt": read_gdelt,
    "icews": read_icews,
    "acled": read_acled,
    "plover": read_plover,
}

__all__ = ["BAD_ROW", "IMPORTERS", "IMPORT_DROP_CODES", "UNMAPPED_ROW", "Importer", "is_unmapped", "read_acled",
           "read_gdelt", "read_icews", "read_plover"]
