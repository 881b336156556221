"""Fixtures for the store tests: a fresh DuckDB file per test under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.store import open_store


@pytest.fixture()
def db_path(tmp_path: Path) -> str:
    """Return a path for a fresh DuckDB file."""
    return str(tmp_path / "events.duckdb")


@pytest.fixture()
def store(db_path: str):
    """Yield an open, writable store on a fresh file, closed afterwards."""
    opened = open_store(db_path)
    yield opened
    opened.close()
