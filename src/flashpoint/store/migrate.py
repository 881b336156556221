"""Apply the ordered schema migrations in store/sql/NNN_name.sql, each in its own transaction.

Works with any DB-API-like connection whose ``execute(sql, params)`` returns something with ``fetchone()``
and that accepts qmark (``?``) parameters and several statements in one call (DuckDB does both).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from typing import Any, Callable, Mapping

from flashpoint.errors import StoreError

MIGRATION_FILE = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    """One schema step: its version number, file name and SQL text."""

    version: int
    name: str
    sql: str


@functools.lru_cache(maxsize=1)
def load_migrations() -> tuple[Migration, ...]:
    """Return the packaged migrations in version order (read once per process)."""
    folder = resources.files("flashpoint.store") / "sql"
    found = []
    for entry in folder.iterdir():
        match = MIGRATION_FILE.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"store migrations must be numbered 001, 002, ... without gaps; found {versions}")
    return tuple(found)


def latest_version() -> int:
    """Return the schema version this code writes (the highest migration number)."""
    return load_migrations()[-1].version


def now_utc() -> datetime:
    """Return the current UTC time without tzinfo, as stored in TIMESTAMP columns."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def read_version(conn: Any) -> int:
    """Return the schema version recorded in the database (0 for an empty database)."""
    exists = conn.execute(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])


def check_version(version: int, path: str) -> None:
    """Raise StoreError when the database was written by a newer flashpoint than this one."""
    if version > latest_version():
        raise StoreError(
            f"database {path} is at schema version {version}, newer than this flashpoint knows "
            f"({latest_version()}); upgrade flashpoint to open it"
        )


def apply_migration(conn: Any, migration: Migration, path: str, fill: Callable[[Any], None] | None = None) -> None:
    """Run one migration (and ``fill``, which back-fills derived rows) and record it, all in one transaction."""
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute(migration.sql)
        if fill is not None:
            fill(conn)
        conn.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", [migration.version, now_utc()]
        )
        conn.execute("COMMIT")
    except Exception as exc:  # any driver error: undo the step and report it as a store error
        conn.execute("ROLLBACK")
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError(f"cannot migrate {path} to schema version {migration.version}: {first_line}") from exc


def apply_migrations(conn: Any, path: str, fills: Mapping[int, Callable[[Any], None]] | None = None) -> int:
    """Bring the database up to the latest schema version and return that version.

    ``fills`` maps a version to a function run inside that migration's transaction, to back-fill a derived table
    from rows stored before it existed (so an interrupted upgrade never leaves it half-filled).
    """
    version = read_version(conn)
    check_version(version, path)
    for migration in load_migrations():
        if migration.version > version:
            apply_migration(conn, migration, path, (fills or {}).get(migration.version))
    return latest_version()
