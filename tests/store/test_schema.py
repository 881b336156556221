"""Schema version, migrations and the errors for files the store cannot open."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flashpoint.errors import StoreError
from flashpoint.store import latest_version, open_store
from flashpoint.store.migrate import Migration, apply_migration, load_migrations, read_version
from flashpoint.store.rows import ARTICLE_COLUMNS, EVENT_COLUMNS, PARTICIPANT_COLUMNS
from store_builders import build_article


def table_columns(conn, table: str) -> tuple[str, ...]:
    """Return a table's column names in order."""
    rows = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]
    ).fetchall()
    return tuple(name for (name,) in rows)


def test_new_file_is_migrated_to_latest(db_path):
    with open_store(db_path) as store:
        assert store.schema_version() == latest_version() == load_migrations()[-1].version
        applied = store.conn.execute("SELECT version, applied_at FROM schema_version ORDER BY version").fetchall()
        assert [v for v, _ in applied] == list(range(1, latest_version() + 1))
        assert all(at is not None for _, at in applied)


def test_empty_duckdb_file_is_migrated(db_path):
    duckdb.connect(db_path).close()  # an existing, empty database file
    with open_store(db_path) as store:
        assert store.schema_version() == latest_version()


def test_reopening_applies_nothing_twice(db_path):
    open_store(db_path).close()
    with open_store(db_path) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == latest_version()


def test_row_builders_match_the_tables(store):
    assert table_columns(store.conn, "articles") == ARTICLE_COLUMNS
    assert table_columns(store.conn, "events") == EVENT_COLUMNS
    assert table_columns(store.conn, "event_participants") == PARTICIPANT_COLUMNS


def test_migrations_are_numbered_files():
    names = [m.name for m in load_migrations()]
    assert names[0] == "001_init.sql"
    assert names == sorted(names)


def test_newer_schema_is_refused_with_one_line(db_path):
    open_store(db_path).close()
    conn = duckdb.connect(db_path)
    conn.execute("INSERT INTO schema_version VALUES (?, now()::TIMESTAMP)", [latest_version() + 1])
    conn.close()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="newer than this flashpoint knows") as caught:
            open_store(db_path, read_only=read_only)
        assert "\n" not in str(caught.value)


def test_failed_migration_rolls_back(db_path):
    conn = duckdb.connect(db_path)
    broken = Migration(1, "001_broken.sql", "CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP);"
                       " CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;")
    with pytest.raises(StoreError, match="cannot migrate"):
        apply_migration(conn, broken, db_path)
    assert read_version(conn) == 0
    assert conn.execute("SELECT COUNT(*) FROM information_schema.tables").fetchone()[0] == 0
    conn.close()


def test_read_only_needs_an_existing_migrated_database(tmp_path):
    missing = str(tmp_path / "missing.duckdb")
    with pytest.raises(StoreError, match="no database at"):
        open_store(missing, read_only=True)
    empty = str(tmp_path / "empty.duckdb")
    duckdb.connect(empty).close()
    with pytest.raises(StoreError, match="open it once for writing"):
        open_store(empty, read_only=True)


def test_read_only_open_reads(db_path):
    article = build_article("Readable article.")
    with open_store(db_path) as store:
        store.write_article(article, [])
    with open_store(db_path, read_only=True) as reader:
        assert reader.has_article(article.id) and reader.schema_version() == latest_version()


def test_not_a_database_file(tmp_path):
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("these are notes, not a database\n" * 200)
    with pytest.raises(StoreError, match="not a DuckDB database file"):
        open_store(str(bogus))


def test_parent_folder_is_created(tmp_path):
    path = tmp_path / "new" / "dir" / "events.duckdb"
    open_store(str(path)).close()
    assert Path(path).exists()


def test_postgres_url_says_not_built_and_hides_credentials():
    with pytest.raises(StoreError, match="PostgreSQL support is not built yet") as caught:
        open_store("postgresql://user:secret@db.example/flashpoint")
    assert "secret" not in str(caught.value)


def test_schema_7_drops_the_unused_story_index_from_an_older_store(db_path):
    def story_indexes(conn) -> list[str]:
        rows = conn.execute("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'story_members'").fetchall()
        return [name for (name,) in rows]

    open_store(db_path).close()
    conn = duckdb.connect(db_path)  # make it a schema-6 store, as written before this release
    conn.execute("CREATE INDEX story_members_story ON story_members (story_id)")
    conn.execute("DELETE FROM schema_version WHERE version = 7")
    assert story_indexes(conn) == ["story_members_story"]
    conn.close()
    store = open_store(db_path)
    try:
        assert story_indexes(store.conn) == [] and store.schema_version() == latest_version()
    finally:
        store.close()
