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


def migrated_to(db_path: str, version: int) -> duckdb.DuckDBPyConnection:
    """Return a connection to a new store brought up to an older schema version only (as older releases wrote)."""
    conn = duckdb.connect(db_path)
    for migration in load_migrations():
        if migration.version <= version:
            apply_migration(conn, migration, db_path)
    return conn


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


def test_a_pathlib_path_opens_the_same_store_as_its_string(tmp_path):
    path = tmp_path / "events.duckdb"
    open_store(path).close()
    reopened = open_store(str(path), read_only=True)
    try:
        assert reopened.schema_version() == latest_version() and reopened.articles().empty
    finally:
        reopened.close()


def test_postgres_url_says_not_built_and_hides_credentials():
    with pytest.raises(StoreError, match="PostgreSQL support is not built yet") as caught:
        open_store("postgresql://user:secret@db.example/flashpoint")
    assert "secret" not in str(caught.value)


def test_schema_7_drops_the_unused_story_index_from_an_older_store(db_path):
    def story_indexes(conn) -> list[str]:
        rows = conn.execute("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'story_members'").fetchall()
        return [name for (name,) in rows]

    conn = migrated_to(db_path, 6)  # a schema-6 store, as written before schema 7
    assert story_indexes(conn) == ["story_members_story"]
    conn.close()
    store = open_store(db_path)
    try:
        assert story_indexes(store.conn) == [] and store.schema_version() == latest_version()
    finally:
        store.close()


def test_schema_8_keys_the_story_tables_of_an_older_store_and_copies_still_link(db_path):
    from flashpoint.extract.fingerprints import COPY_SIMILARITY, fingerprint_article
    from flashpoint.store.stories import article_key
    from test_stories import COPY, EDITED, ORIGINAL

    original, copy = build_article(ORIGINAL, site="Wire"), build_article(COPY, site="Repost")
    conn = migrated_to(db_path, 7)  # a schema-7 store with a two-article story, in the VARCHAR-keyed layout
    for article, story_id, similarity in ((original, original.id, 1.0), (copy, original.id, 0.8)):
        fp = fingerprint_article(article)
        conn.execute("INSERT INTO article_fingerprints VALUES (?, ?, ?)", [fp.article_id, fp.scheme, fp.signature])
        conn.executemany("INSERT INTO fingerprint_bands VALUES (?, ?)", [[key, fp.article_id] for key in fp.bands])
        matched = None if story_id == article.id else story_id
        conn.execute("INSERT INTO story_members VALUES (?, ?, ?, ?, ?, NULL, NULL, now()::TIMESTAMP)",
                     [article.id, story_id, similarity, matched, article.site])
    conn.close()
    store = open_store(db_path)
    try:
        assert store.schema_version() == latest_version() == 8
        keys = dict(store.conn.execute("SELECT article_id, article_key FROM article_fingerprints").fetchall())
        assert keys == {original.id: article_key(original.id), copy.id: article_key(copy.id)}
        stories_of = dict(store.conn.execute("SELECT article_id, story_id FROM article_fingerprints").fetchall())
        assert stories_of == {original.id: original.id, copy.id: original.id}
        members = store.conn.execute("SELECT article_key, story_key FROM story_members ORDER BY article_key").fetchall()
        assert sorted(members) == sorted([(keys[original.id], keys[original.id]), (keys[copy.id], keys[original.id])])
        bands = store.conn.execute("SELECT COUNT(DISTINCT article_key), COUNT(*) FROM fingerprint_bands").fetchone()
        assert bands[0] == 2 and bands[1] == 2 * len(fingerprint_article(original).bands)
        [story] = store.stories()
        assert [m["article_id"] for m in story["members"]] == [original.id, copy.id]
        assert store.link_stories([(original, fingerprint_article(original))], min_similarity=COPY_SIMILARITY) == []
        edited = build_article(EDITED)
        [link] = store.link_stories([(edited, fingerprint_article(edited))], min_similarity=COPY_SIMILARITY)
        assert link.story_id == original.id and link.is_copy
    finally:
        store.close()
