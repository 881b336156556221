"""The embedded DuckDB event store: one file, one writer process at a time, one transaction per article."""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

import duckdb
import pandas

from flashpoint.errors import StoreError
from flashpoint.records import Article, Dropped, Event
from flashpoint.store import queries
from flashpoint.store.base import EventFilter
from flashpoint.store.migrate import apply_migrations, check_version, latest_version, now_utc, read_version
from flashpoint.store.rows import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    PAIR_COLUMNS,
    PARTICIPANT_COLUMNS,
    build_article_dict,
    build_article_row,
    build_event_record,
    build_event_row,
    build_pair_rows,
    build_participant_rows,
    check_event_articles,
    date_by_ingest,
    load_json,
)
from flashpoint.store.clusters import EventClusterMethods
from flashpoint.store.staging import registered
from flashpoint.store.stories import StoryMethods, build_article, move_story_tables, select_in

LOCK_MARKERS = ("could not set lock", "conflicting lock")
PAIRS_VERSION = 4  # sql/004_event_pairs.sql creates event_pairs; upgrading to it back-fills stored reports
STORY_KEYS_VERSION = 8  # sql/008_story_keys.sql: the story tables keyed by integers; the fill moves their rows

# Rows per multi-row INSERT. Multi-row VALUES beat executemany ~3.5x on DuckDB 2.0 (500 articles x 10 full
# events: 27.6 -> 7.9 ms/article, end to end) and 200 rows stay far below PostgreSQL's 65535-parameter cap.
ROWS_PER_INSERT = 200


def insert_sql(table: str, columns: Sequence[str], n_rows: int = 1) -> str:
    """Return a qmark INSERT statement for the given table and columns, with n_rows value tuples."""
    row = f"({', '.join('?' for _ in columns)})"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([row] * n_rows)}"


def insert_rows(conn: Any, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert rows with multi-row INSERT statements of at most ROWS_PER_INSERT rows each."""
    for start in range(0, len(rows), ROWS_PER_INSERT):
        chunk = rows[start : start + ROWS_PER_INSERT]
        conn.execute(insert_sql(table, columns, len(chunk)), [value for row in chunk for value in row])


def insert_frame(conn: Any, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert many rows through a registered pandas frame (35x faster than multi-row VALUES for 10k events)."""
    if not rows:
        return
    # dtype=object keeps None as SQL NULL and ints as ints; DuckDB casts each column to the table's type.
    frame = pandas.DataFrame(list(rows), columns=list(columns), dtype=object)
    with registered(conn, f"staged_{table}", frame) as staged:
        conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM {staged}")


def select_new_events(conn: Any, events: Sequence[Event]) -> list[Event]:
    """Return the events whose id is not stored yet, first copy only when a batch repeats an id."""
    ids = list(dict.fromkeys(event.id for event in events))
    stored: set[str] = set()
    for start in range(0, len(ids), ROWS_PER_INSERT):
        chunk = ids[start : start + ROWS_PER_INSERT]
        sql = f"SELECT id FROM events WHERE id IN ({', '.join('?' for _ in chunk)})"
        stored.update(row[0] for row in conn.execute(sql, chunk).fetchall())
    new: dict[str, Event] = {}
    for event in events:
        if event.id not in stored and event.id not in new:
            new[event.id] = event
    return list(new.values())


def select_stored_articles(conn: Any, ids: Sequence[str]) -> set[str]:
    """Return which of the given article ids are already stored."""
    if not ids:
        return set()
    sql = f"SELECT id FROM articles WHERE id IN ({', '.join('?' for _ in ids)})"
    return {row[0] for row in conn.execute(sql, list(ids)).fetchall()}


def select_new_articles(conn: Any, pairs: Sequence[tuple[Article, Sequence[Event]]]) -> tuple[list, list[bool]]:
    """Return the batch's articles not stored yet (first copy of a repeated id) and a written-flag per pair."""
    seen = select_stored_articles(conn, [article.id for article, _ in pairs])
    new, flags = [], []
    for article, events in pairs:
        flags.append(article.id not in seen)
        if article.id not in seen:
            seen.add(article.id)
            new.append((article, events))
    return new, flags


def check_imported(events: Sequence[Event]) -> None:
    """Raise StoreError when an event given as imported belongs to an article or names no source dataset."""
    for event in events:
        if event.article_id is not None or not event.source_dataset:
            raise StoreError(
                f"event {event.id} is not an imported event (article_id {event.article_id!r}, source_dataset "
                f"{event.source_dataset!r}); store coded events with write_article"
            )


INSERT_ARTICLE = insert_sql("articles", ARTICLE_COLUMNS)
UPSERT_DROPPED = (
    insert_sql("dropped_inputs", ("id", "source", "code", "detail", "seen_at"))
    + " ON CONFLICT (id) DO UPDATE SET source = excluded.source, code = excluded.code,"
    " detail = excluded.detail, seen_at = excluded.seen_at"
)


def first_line(exc: BaseException) -> str:
    """Return the first line of an exception's message (driver messages can span many lines)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def explain_open_error(exc: duckdb.Error, path: str, read_only: bool) -> StoreError:
    """Return a one-line StoreError saying why DuckDB could not open the file and what to do."""
    message = first_line(exc)
    lowered = message.lower()
    if any(marker in lowered for marker in LOCK_MARKERS):
        return StoreError(
            f"database is locked by another process: {path} ({message}); wait for it to finish or use another --db"
        )
    if "different configuration" in lowered:
        return StoreError(f"database {path} is already open in this process in another mode; close it first")
    if "not a valid duckdb database" in lowered:
        return StoreError(f"{path} is not a DuckDB database file; give a new or existing .duckdb path")
    if read_only and "does not exist" in lowered:
        return StoreError(f"no database at {path}; ingest something first to create it")
    return StoreError(f"cannot open database {path}: {message}")


def connect_duckdb(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB connection, creating the parent folder for a new writable file."""
    if not read_only and path != ":memory:":
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(Path(path).expanduser()) if path != ":memory:" else path, read_only=read_only)
    except duckdb.Error as exc:
        raise explain_open_error(exc, path, read_only) from exc


def pair_rows(events: Sequence[Event], published: str | None) -> list[tuple]:
    """Return the event_pairs rows of reports written with one article (or imported, published None)."""
    return [row for event in events for row in build_pair_rows(event, published)]


def insert_pairs(conn: Any, where: str = "", params: Sequence[Any] = ()) -> None:
    """Back-fill the event_pairs rows of stored events matching ``where`` (over events e LEFT JOIN articles a)."""
    conn.execute(queries.INSERT_PAIRS_SQL.format(where=where), list(params))


def is_same_report(stored: dict[str, Any], event: Event) -> bool:
    """Return True when a stored record and a newly coded event say the same (event_id aside: clustering sets it)."""
    return {**stored, "event_id": None} == {**event.to_dict(), "event_id": None}


# Tables keyed by report id, children first (event_participants references events).
REPORT_TABLES = (("event_participants", "event_id"), ("event_pairs", "report_id"), ("event_mentions", "report_id"),
                 ("event_blocks", "report_id"), ("events", "id"))


def delete_reports(conn: Any, ids: Sequence[str]) -> None:
    """Delete reports and every row that hangs off them."""
    for start in range(0, len(ids), ROWS_PER_INSERT):
        chunk = list(ids[start : start + ROWS_PER_INSERT])
        marks = ", ".join("?" for _ in chunk)
        for table, column in REPORT_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)


def prepare_schema(conn: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
    """Migrate a writable database to the latest schema; check a read-only one is already there."""
    if not read_only:
        apply_migrations(conn, path, fills={PAIRS_VERSION: insert_pairs, STORY_KEYS_VERSION: move_story_tables})
        return
    version = read_version(conn)
    check_version(version, path)
    if version < latest_version():
        raise StoreError(
            f"database {path} is at schema version {version}, this flashpoint needs {latest_version()}; "
            "open it once for writing (e.g. run an ingest) to upgrade it"
        )


class DuckDBStore(StoryMethods, EventClusterMethods):
    """A Store backed by one DuckDB file (DuckDB lets one process hold a file for writing)."""

    def __init__(self, path: str, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._conn: duckdb.DuckDBPyConnection | None = connect_duckdb(path, read_only)
        try:
            prepare_schema(self._conn, path, read_only)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> "DuckDBStore":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"DuckDBStore({self.path!r}, read_only={self.read_only})"

    @property
    def conn(self) -> duckdb.DuckDBPyConnection:
        """Return the open connection, raising StoreError once the store is closed."""
        if self._conn is None:
            raise StoreError(f"store {self.path} is closed")
        return self._conn

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query and return its rows as dicts."""
        try:
            cursor = self.conn.execute(sql, list(params))
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]
        except duckdb.Error as exc:
            raise StoreError(f"query on {self.path} failed: {first_line(exc)}") from exc

    def _frame(self, sql: str, params: Sequence[Any] = ()) -> pandas.DataFrame:
        """Run a query and return its result as a pandas DataFrame."""
        try:
            return self.conn.execute(sql, list(params)).df()
        except duckdb.Error as exc:
            raise StoreError(f"query on {self.path} failed: {first_line(exc)}") from exc

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run a query and return the first column of its first row."""
        rows = self._rows(sql, params)
        return next(iter(rows[0].values())) if rows else None

    def _require_writable(self) -> None:
        """Raise StoreError when the store was opened read-only."""
        if self.read_only:
            raise StoreError(f"store {self.path} was opened read-only; open it without read_only to write")

    def _rollback(self) -> None:
        """Roll back the open transaction, ignoring 'no transaction' errors."""
        try:
            self.conn.execute("ROLLBACK")
        except duckdb.Error:
            pass

    def has_article(self, article_id: str) -> bool:
        """Return True if an article with this id is stored."""
        return self._scalar("SELECT COUNT(*) FROM articles WHERE id = ?", [article_id]) > 0

    def write_article(self, article: Article, events: Sequence[Event]) -> bool:
        """Store an article and its events in one transaction; False (nothing written) if already stored."""
        self._require_writable()
        check_event_articles(article, events)
        stamp = now_utc()
        article_row = build_article_row(article, stamp)
        events = date_by_ingest(events, article, stamp)
        event_rows = [build_event_row(event) for event in events]
        participant_rows = [row for event in events for row in build_participant_rows(event)]
        with self._transaction(f"cannot store article {article.id} ({article.source})") as conn:
            if conn.execute("SELECT COUNT(*) FROM articles WHERE id = ?", [article.id]).fetchone()[0]:
                return False  # already stored: the (read-only) transaction just commits
            conn.execute(INSERT_ARTICLE, list(article_row))
            insert_rows(conn, "events", EVENT_COLUMNS, event_rows)
            insert_rows(conn, "event_participants", PARTICIPANT_COLUMNS, participant_rows)
            insert_frame(conn, "event_pairs", PAIR_COLUMNS, pair_rows(events, article.published))
            # The input now yields an article, so it is no longer a dropped input.
            conn.execute("DELETE FROM dropped_inputs WHERE source = ?", [article.source])
        return True

    def write_articles(self, pairs: Sequence[tuple[Article, Sequence[Event]]]) -> list[bool]:
        """Store a batch of articles with their events in ONE transaction; per article, False if already stored.

        A batch commits whole or not at all, so an interrupted ingest still leaves only whole articles. If the
        batch fails, each article is written alone so one bad article cannot cost the others.
        """
        self._require_writable()
        for article, events in pairs:
            check_event_articles(article, events)
        try:
            return self._write_article_batch(pairs)
        except StoreError:
            return [self.write_article(article, events) for article, events in pairs]

    def _write_article_batch(self, pairs: Sequence[tuple[Article, Sequence[Event]]]) -> list[bool]:
        """Write the not-yet-stored articles of a batch and their events in one transaction."""
        stamp = now_utc()
        with self._transaction(f"cannot store a batch of {len(pairs)} articles") as conn:
            new, flags = select_new_articles(conn, pairs)
            new = [(article, date_by_ingest(written, article, stamp)) for article, written in new]
            insert_rows(conn, "articles", ARTICLE_COLUMNS, [list(build_article_row(a, stamp)) for a, _ in new])
            events = [event for _, article_events in new for event in article_events]
            insert_frame(conn, "events", EVENT_COLUMNS, [build_event_row(event) for event in events])
            insert_frame(conn, "event_participants", PARTICIPANT_COLUMNS,
                         [row for event in events for row in build_participant_rows(event)])
            pairs_rows = [row for article, written in new for row in pair_rows(written, article.published)]
            insert_frame(conn, "event_pairs", PAIR_COLUMNS, pairs_rows)
            for article, _ in new:  # the input now yields an article, so it is no longer a dropped input
                conn.execute("DELETE FROM dropped_inputs WHERE source = ?", [article.source])
        return flags

    @contextmanager
    def _transaction(self, failure: str) -> Iterator[Any]:
        """Run the block in one transaction; roll back on any error (Ctrl-C inside DuckDB becomes KeyboardInterrupt)."""
        conn = self.conn
        conn.execute("BEGIN TRANSACTION")
        try:
            yield conn
            conn.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"{failure}: {first_line(exc)}; nothing of it was written") from exc
        except RuntimeError as exc:
            self._rollback()
            if "interrupted" in str(exc).lower():  # DuckDB turns Ctrl-C during a query into this error
                raise KeyboardInterrupt from exc
            raise
        except BaseException:
            self._rollback()
            raise

    def write_imported(self, events: Sequence[Event]) -> int:
        """Store imported events (no article) and their participants in one transaction; return how many were new."""
        self._require_writable()
        check_imported(events)
        with self._transaction(f"cannot store {len(events)} imported events") as conn:
            new = select_new_events(conn, events)
            insert_frame(conn, "events", EVENT_COLUMNS, [build_event_row(event) for event in new])
            participant_rows = [row for event in new for row in build_participant_rows(event)]
            insert_frame(conn, "event_participants", PARTICIPANT_COLUMNS, participant_rows)
            insert_frame(conn, "event_pairs", PAIR_COLUMNS, pair_rows(new, None))
        return len(new)

    def stored_articles(self, *, after: str | None = None, limit: int = 100) -> list[Article]:
        """Return up to ``limit`` stored articles in id order, after the id ``after`` (pages through the store)."""
        sql = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id > ? ORDER BY id LIMIT ?"
        return [build_article(row) for row in self._rows(sql, [after or "", limit])]

    def replace_events(self, pairs: Sequence[tuple[Article, Sequence[Event]]]) -> dict[str, int]:
        """Replace stored articles' reports with newly coded ones, in one transaction; return what changed.

        A report whose id and content are unchanged is kept as it is (with its event and mention); a removed or
        changed report is deleted with its participants, pairs, mention and blocking keys; new and changed reports
        are inserted (unclustered, so the next clustering pass places them).
        """
        self._require_writable()
        counts = {"kept": 0, "added": 0, "removed": 0, "changed": 0}
        by_article: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        with self._transaction(f"cannot recode {len(pairs)} articles") as conn:
            # One read for the batch: a per-article filter would scan the events table once per article.
            ids = tuple(article.id for article, _ in pairs)
            for record in self.event_records(EventFilter(articles=ids)):
                by_article[record["article_id"]][record["id"]] = record
            # When each article was ingested: recode dates undated articles by it, as ingest did.
            ingested = dict(select_in(conn, "SELECT id, ingested_at FROM articles WHERE id IN ({marks})", ids))
            for article, events in pairs:
                check_event_articles(article, events)
                events = date_by_ingest(events, article, ingested.get(article.id))
                stored = by_article[article.id]
                fresh = {event.id: event for event in events}
                changed = [i for i in stored.keys() & fresh.keys() if not is_same_report(stored[i], fresh[i])]
                gone = [i for i in stored if i not in fresh] + changed
                new = [fresh[i] for i in fresh if i not in stored or i in changed]
                delete_reports(conn, gone)
                insert_frame(conn, "events", EVENT_COLUMNS, [build_event_row(event) for event in new])
                insert_frame(conn, "event_participants", PARTICIPANT_COLUMNS,
                             [row for event in new for row in build_participant_rows(event)])
                insert_frame(conn, "event_pairs", PAIR_COLUMNS, pair_rows(new, article.published))
                counts["kept"] += len(stored) - len(gone)
                counts["changed"] += len(changed)
                counts["removed"] += len(gone) - len(changed)
                counts["added"] += len(new) - len(changed)
        return counts

    def write_dropped(self, dropped: Dropped) -> None:
        """Record (or replace) a dropped input by its id; stored articles are never touched."""
        self._require_writable()
        try:
            self.conn.execute(UPSERT_DROPPED, [dropped.id, dropped.source, dropped.code, dropped.detail, now_utc()])
        except duckdb.Error as exc:
            raise StoreError(f"cannot record dropped input {dropped.source}: {first_line(exc)}") from exc

    def events(self, flt: EventFilter = EventFilter()) -> pandas.DataFrame:
        """Return matching events as a flat frame for tables, CSV and Parquet."""
        sql, params = queries.build_flat_events_sql(flt)
        return self._frame(sql, params)

    def dyads(self, flt: EventFilter = EventFilter()) -> pandas.DataFrame:
        """Return one row per (event report, dyad) of the matching events, for analysis (see queries.build_dyad_sql)."""
        sql, params = queries.build_dyad_sql(flt)
        return self._frame(sql, params)

    def pair_series(self, *, period: str = "week", statuses: Sequence[str] = ("asserted",), directed: bool = True,
                    include_historical: bool = False, since: str | None = None,
                    until: str | None = None) -> pandas.DataFrame:
        """Return country-level dyad series per period, aggregated in the database from event_pairs."""
        if period not in queries.SQL_TRUNC:
            raise StoreError(f"--period {period!r} is not one of: {', '.join(queries.SQL_TRUNC)}")
        relation, params = queries.build_pair_relation_sql(directed=directed, include_historical=include_historical,
                                                           since=since, until=until)
        sql = queries.build_series_sql(relation, period, statuses, deduplicated=True, typed_dates=True)
        return self._frame(sql, params)

    def country_pairs(self, country: str, *, since: str | None = None, until: str | None = None) -> pandas.DataFrame:
        """Return the country-level dyad-frame rows with ``country`` as source or target (fast: from event_pairs)."""
        sql, params = queries.build_country_pairs_sql(country, since=since, until=until)
        return self._frame(sql, params)

    def places(self, flt: EventFilter = EventFilter()) -> pandas.DataFrame:
        """Return one row per located report of the matching events (country, admin1, place), for analysis."""
        sql, params = queries.build_places_sql(flt)
        return self._frame(sql, params)

    def site_regions(self) -> dict[str, dict[tuple[str, str], int]]:
        """Return, per site, how many of its stored articles have an event located in each (ISO3, region name)."""
        found: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
        for row in self._rows(queries.SITE_REGIONS_SQL):
            found[row["site"]][(row["country"], row["admin1"])] = row["articles"]
        return dict(found)

    def event_records(self, flt: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """Return matching events as full records, equal to Event.to_dict() of what was written."""
        events_sql, participants_sql, params = queries.build_record_sql(flt)
        rows = self._rows(events_sql, params)
        by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for participant in self._rows(participants_sql, params):
            by_event[participant["event_id"]].append(participant)
        return [build_event_record(row, by_event[row["id"]]) for row in rows]

    def _resolve_id(self, table: str, given: str, what: str) -> str | None:
        """Return the full id for an exact id or unambiguous prefix in a table, or None if none match."""
        given = given.strip()
        if self._scalar(f"SELECT COUNT(*) FROM {table} WHERE id = ?", [given]):
            return given
        prefix = queries.check_id_prefix(given, what)
        found = self._rows(
            f"SELECT id FROM {table} WHERE SUBSTR(id, 1, ?) = ? ORDER BY id LIMIT 2", [len(prefix), prefix]
        )
        if len(found) > 1:
            sample = ", ".join(row["id"] for row in found[:2])
            raise StoreError(f"{what} id prefix {prefix!r} is ambiguous ({sample}, ...); give more characters")
        return found[0]["id"] if found else None

    def event(self, event_id: str) -> dict[str, Any] | None:
        """Return one full event record by id or unambiguous prefix, or None."""
        full_id = self._resolve_id("events", event_id, "event")
        if full_id is None:
            return None
        row = self._rows("SELECT * FROM events WHERE id = ?", [full_id])[0]
        participants = self._rows("SELECT * FROM event_participants WHERE event_id = ?", [full_id])
        return build_event_record(row, participants)

    def articles(self, *, include_dropped: bool = True) -> pandas.DataFrame:
        """Return one row per article (and per dropped input unless include_dropped is False)."""
        frame = self._frame(queries.build_articles_sql(include_dropped))
        # Flat output: tags as one comma-separated cell; article() keeps them as a list.
        frame["tags"] = [", ".join(load_json(text)) if isinstance(text, str) else None for text in frame["tags"]]
        return frame

    def article(self, article_id: str) -> dict[str, Any] | None:
        """Return one article with its text by id or unambiguous prefix, or None."""
        full_id = self._resolve_id("articles", article_id, "article")
        if full_id is None:
            return None
        return build_article_dict(self._rows(queries.ARTICLE_SQL, [full_id])[0])

    def summary(self) -> dict[str, Any]:
        """Return counts of articles, drops, events by type and status, and the top country pairs."""
        result: dict[str, Any] = {name: int(self._scalar(sql)) for name, sql in queries.COUNT_SQL.items()}
        for name, sql in queries.GROUP_SQL.items():
            pairs = [tuple(row.values()) for row in self._rows(sql)]
            result[name] = {(key or queries.NO_TYPE): int(count) for key, count in pairs}
        pair_rows = self._rows(queries.TOP_PAIRS_SQL)
        result["top_pairs"] = [(row["source"], row["target"], int(row["n"])) for row in pair_rows]
        return result

    def schema_version(self) -> int:
        """Return the schema version the database is at."""
        return read_version(self.conn)

    def close(self) -> None:
        """Release the database and its file lock (safe to call twice)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
