"""The event store: articles, dropped inputs and coded events, behind one Store protocol.

``open_store(path)`` picks the backend from the path: a file path (``*.duckdb``) opens the embedded DuckDB
store; a ``postgresql://`` URL is reserved for the PostgreSQL backend, which is not built yet.
"""

from __future__ import annotations

import os

from flashpoint.errors import StoreError
from flashpoint.store.base import MIN_ID_PREFIX, EventFilter, Store
from flashpoint.store.duckdb import DuckDBStore
from flashpoint.store.migrate import latest_version

__all__ = ["DuckDBStore", "EventFilter", "MIN_ID_PREFIX", "Store", "StoreError", "latest_version", "open_store"]

# URL schemes of database servers; every other path is a DuckDB file.
SERVER_SCHEMES: tuple[str, ...] = ("postgresql://", "postgres://")


def open_store(path: str | os.PathLike[str], *, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) the event store at a path (str or pathlib.Path) or database URL."""
    path = os.fspath(path)
    if path.lower().startswith(SERVER_SCHEMES):
        raise StoreError(
            f"PostgreSQL support is not built yet ({path.split('@')[-1]}); "
            "use a DuckDB file path such as flashpoint.duckdb"
        )
    return DuckDBStore(path, read_only=read_only)
