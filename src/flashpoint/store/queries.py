"""Portable SQL (qmark parameters) for event filters, flat event tables, article lists and the summary.

Every statement here runs on DuckDB and is written to run on PostgreSQL too (STRING_AGG/ARRAY_AGG with
ORDER BY, FILTER, LEAST/GREATEST, NULLS LAST); only the parameter marker would need translating.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Sequence

from flashpoint.errors import StoreError
from flashpoint.records import STATUSES
from flashpoint.reference.countries import match_country
from flashpoint.reference.plover import EVENT_TYPES
from flashpoint.store.base import MIN_ID_PREFIX, EventFilter

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TOP_PAIRS = 10
NO_TYPE = "(none)"  # events_by_type key for CAMEO-only events, which have no PLOVER type

# The event's own date, else its article's published date, as ISO text so partial dates compare too.
EVENT_DATE_SQL = "COALESCE(e.event_date, CAST(a.published AS VARCHAR))"
# Date filters skip reports of undated articles: their date is the ingest day, which says nothing about "since".
FILTER_DATE_SQL = f"CASE WHEN e.date_precision = 'unknown' THEN NULL ELSE {EVENT_DATE_SQL} END"

PARTICIPANT_MATCH_SQL = (
    "EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND p.role = ? "
    "AND (UPPER(p.country) = UPPER(?) OR LOWER(p.name) = LOWER(?) OR LOWER(p.text) = LOWER(?)))"
)

PARTICIPANT_LABEL_SQL = (
    "COALESCE(p.name, p.text) || CASE WHEN p.country IS NULL AND p.sector IS NULL THEN '' "
    "ELSE ' (' || CONCAT_WS(' ', p.country, p.sector) || ')' END"
)

FLAT_COLUMNS_SQL = """
    sel.id, sel.event_id, sel.article_id, sel.event_date AS date, sel.event, sel.mode, sel.cameo,
    sel.cameo_root, sel.goldstein, sel.quad_class, sel.status, sel.historical,
    la.names AS actor, la.country AS actor_country, lr.names AS recipient, lr.country AS recipient_country,
    sel.trigger_text AS trigger, sel.sentence, sel.confidence
"""


def build_order_by(table: str) -> str:
    """Return the stable event order (date, article, sentence, trigger, id) over a table alias."""
    return (
        f"sort_date NULLS LAST, {table}.article_id NULLS LAST, {table}.sentence_index, "
        f"{table}.trigger_start, {table}.id"
    )


def check_id_prefix(prefix: str, what: str) -> str:
    """Return a stripped id prefix, raising StoreError when it is too short to be specific."""
    prefix = prefix.strip()
    if len(prefix) < MIN_ID_PREFIX:
        raise StoreError(f"{what} id {prefix!r} is too short; give at least {MIN_ID_PREFIX} characters")
    return prefix


def check_iso_date(value: str, option: str) -> str:
    """Return an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), raising StoreError for anything else."""
    value = value.strip()
    if not ISO_DATE.match(value) or not is_real_date(value):
        raise StoreError(f"{option} {value!r} is not an ISO date; use YYYY-MM-DD (or YYYY-MM, YYYY)")
    return value


def is_real_date(value: str) -> bool:
    """Return True when an ISO date prefix names a real calendar day, month or year (not 2020-13-45)."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def check_choice(value: str, choices: tuple[str, ...], option: str) -> str:
    """Return the value normalised to one of ``choices`` (any case), raising StoreError naming the valid ones."""
    found = next((c for c in choices if c.lower() == value.strip().lower()), None)
    if found is None:
        raise StoreError(f"{option} {value!r} is not one of: {', '.join(choices)}")
    return found


def participant_code(value: str) -> str:
    """Return the ISO3 a country name, demonym or capital stands for ("Iraq" -> "IRQ"), else the value itself."""
    match = match_country(value.strip())
    return match.country.iso3 if match else value.strip()


def normalize_cameo_root(value: str) -> str:
    """Return a CAMEO root as stored: two digits ("4" -> "04")."""
    value = value.strip()
    return value.zfill(2) if value.isdigit() and len(value) < 2 else value


def build_where(flt: EventFilter) -> tuple[str, list[Any]]:
    """Return the WHERE clause (over events e LEFT JOIN articles a) and its parameters for a filter."""
    clauses: list[str] = []
    params: list[Any] = []
    for role, value in (("actor", flt.actor), ("recipient", flt.recipient)):
        if value:
            clauses.append(PARTICIPANT_MATCH_SQL)
            params += [role, participant_code(value), value.strip(), value.strip()]
    if flt.type:
        clauses.append("e.event = ?")
        params.append(check_choice(flt.type, EVENT_TYPES, "--type"))
    if flt.status:
        clauses.append("e.status = ?")
        params.append(check_choice(flt.status, STATUSES, "--status"))
    if flt.since:
        clauses.append(f"{FILTER_DATE_SQL} >= ?")
        params.append(check_iso_date(flt.since, "--since"))
    if flt.until:
        # Compare only as many characters as given, so --until 2020-01 keeps every January date.
        until = check_iso_date(flt.until, "--until")
        clauses.append(f"SUBSTR({FILTER_DATE_SQL}, 1, ?) <= ?")
        params += [len(until), until]
    if flt.article:
        prefix = check_id_prefix(flt.article, "article")
        clauses.append("SUBSTR(e.article_id, 1, ?) = ?")
        params += [len(prefix), prefix]
    if flt.articles:
        clauses.append(f"e.article_id IN ({', '.join('?' for _ in flt.articles)})")
        params += list(flt.articles)
    if flt.cameo_root:
        clauses.append("e.cameo_root = ?")
        params.append(normalize_cameo_root(flt.cameo_root))
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def build_selection_cte(flt: EventFilter) -> tuple[str, list[Any]]:
    """Return a ``sel`` CTE holding the filtered, ordered, limited events rows, and its parameters."""
    where, params = build_where(flt)
    limit = ""
    if flt.limit is not None:
        if flt.limit < 0:
            raise StoreError(f"--limit must be 0 or more, got {flt.limit}")
        limit = "LIMIT ?"
        params.append(int(flt.limit))
    cte = (
        f"WITH sel AS (SELECT e.*, {EVENT_DATE_SQL} AS sort_date FROM events e "
        f"LEFT JOIN articles a ON a.id = e.article_id {where} ORDER BY {build_order_by('e')} {limit})"
    )
    return cte, params


def build_flat_events_sql(flt: EventFilter) -> tuple[str, list[Any]]:
    """Return SQL for the flat events table (actor/recipient labels joined per event) and its parameters."""
    cte, params = build_selection_cte(flt)
    sql = f"""{cte},
    labels AS (
        SELECT p.event_id, p.role,
               STRING_AGG({PARTICIPANT_LABEL_SQL}, '; ' ORDER BY p.idx) AS names,
               (ARRAY_AGG(p.country ORDER BY p.idx) FILTER (WHERE p.country IS NOT NULL))[1] AS country
        FROM event_participants p JOIN sel ON sel.id = p.event_id
        GROUP BY p.event_id, p.role)
    SELECT {FLAT_COLUMNS_SQL}
    FROM sel
    LEFT JOIN labels la ON la.event_id = sel.id AND la.role = 'actor'
    LEFT JOIN labels lr ON lr.event_id = sel.id AND lr.role = 'recipient'
    ORDER BY {build_order_by('sel')}"""
    return sql, params


def build_record_sql(flt: EventFilter) -> tuple[str, str, list[Any]]:
    """Return SQL for the filtered events rows, SQL for their participants, and the shared parameters."""
    cte, params = build_selection_cte(flt)
    events_sql = f"{cte} SELECT * FROM sel ORDER BY {build_order_by('sel')}"
    participants_sql = f"{cte} SELECT p.* FROM event_participants p JOIN sel ON sel.id = p.event_id"
    return events_sql, participants_sql, params


ARTICLES_SQL = """
SELECT a.id, a.title, a.author, CAST(a.published AS VARCHAR) AS published, a.url, a.site, a.source,
       a.format, CAST(a.tags AS VARCHAR) AS tags, COALESCE(n.n_events, 0) AS n_events,
       CAST(NULL AS VARCHAR) AS drop_code, CAST(NULL AS VARCHAR) AS drop_detail, a.ingested_at
FROM articles a
LEFT JOIN (SELECT article_id, COUNT(*) AS n_events FROM events GROUP BY article_id) n ON n.article_id = a.id
"""

# A stored article's site: its site name, else its URL's host (records.Article.site_key is the same rule).
# regexp_extract is DuckDB's; PostgreSQL spells it SUBSTRING(a.url FROM pattern).
SITE_KEY_SQL = ("COALESCE(NULLIF(a.site, ''), "
                "NULLIF(LOWER(regexp_extract(a.url, '^[hH][tT][tT][pP][sS]?://([^/:?#]+)', 1)), ''))")

# For each site, how many of its articles have an event located in each first-level region (pipeline.site_homes).
SITE_REGIONS_SQL = f"""
SELECT site, country, admin1, COUNT(DISTINCT article_id) AS articles
FROM (SELECT {SITE_KEY_SQL} AS site, e.article_id, e.location ->> 'country' AS country,
             e.location ->> 'admin1' AS admin1
      FROM events e JOIN articles a ON a.id = e.article_id WHERE e.location IS NOT NULL) located
WHERE site IS NOT NULL AND country IS NOT NULL AND admin1 IS NOT NULL
GROUP BY site, country, admin1
"""

DROPPED_ROWS_SQL = """
UNION ALL
SELECT d.id, NULL, NULL, NULL, NULL, NULL, d.source, NULL, NULL, 0, d.code, d.detail, d.seen_at
FROM dropped_inputs d
"""


def build_articles_sql(include_dropped: bool) -> str:
    """Return SQL listing articles (and dropped inputs when asked), oldest ingest first."""
    union = DROPPED_ROWS_SQL if include_dropped else ""
    return f"{ARTICLES_SQL}{union} ORDER BY ingested_at, id"


ARTICLE_SQL = """
SELECT a.*, (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS n_events
FROM articles a WHERE a.id = ?
"""

# Dyads as in design.md: directed (actor, recipient) country pairs; an event with no recipient gives each
# unordered pair of its actors once (as (least, greatest)); DISTINCT per event so no pair counts twice.
# Only asserted, non-historical reports count: a denial, a forecast or a background mention is not new activity.
TOP_PAIRS_SQL = f"""
WITH current_events AS (SELECT id FROM events WHERE status = 'asserted' AND NOT historical),
directed AS (
    SELECT DISTINCT a.event_id, a.country AS source, r.country AS target
    FROM event_participants a JOIN event_participants r ON r.event_id = a.event_id
    WHERE a.role = 'actor' AND r.role = 'recipient' AND a.country IS NOT NULL AND r.country IS NOT NULL),
undirected AS (
    SELECT DISTINCT a1.event_id, LEAST(a1.country, a2.country) AS source,
           GREATEST(a1.country, a2.country) AS target
    FROM event_participants a1 JOIN event_participants a2 ON a2.event_id = a1.event_id AND a1.idx < a2.idx
    WHERE a1.role = 'actor' AND a2.role = 'actor' AND a1.country IS NOT NULL AND a2.country IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM event_participants r WHERE r.event_id = a1.event_id AND r.role = 'recipient')),
pairs AS (SELECT * FROM directed UNION SELECT * FROM undirected)
SELECT source, target, COUNT(*) AS n FROM pairs WHERE event_id IN (SELECT id FROM current_events)
GROUP BY source, target
ORDER BY n DESC, source, target LIMIT {TOP_PAIRS}
"""

COUNT_SQL: dict[str, str] = {
    "articles": "SELECT COUNT(*) FROM articles",
    "dropped": "SELECT COUNT(*) FROM dropped_inputs",
    "events": "SELECT COUNT(*) FROM events",
    "real_events": "SELECT COUNT(DISTINCT event_id) FROM events",  # reports clustered into real-world events
}

GROUP_SQL: dict[str, str] = {
    "drops_by_code": "SELECT code, COUNT(*) AS n FROM dropped_inputs GROUP BY code ORDER BY code",
    "events_by_type": "SELECT event, COUNT(*) AS n FROM events GROUP BY event ORDER BY n DESC, event",
    "events_by_status": "SELECT status, COUNT(*) AS n FROM events GROUP BY status ORDER BY n DESC, status",
}


# One row per (event report, dyad) for analysis, as design.md forms dyads: directed (actor, recipient) pairs, and
# for an event with no recipient each unordered pair of its actors once (source < target, directed false).
# Rows are distinct at the country+sector level; analyses at country level de-duplicate (report, source, target).
DYAD_COLUMNS = """sel.id AS report_id, sel.event_id, sel.sort_date AS date, sel.date_precision, sel.event,
    sel.cameo, sel.cameo_root, sel.quad_class, sel.goldstein, sel.status, sel.historical, sel.dead, sel.injured,
    sel.source_dataset, sel.article_id"""


def build_dyad_sql(flt: EventFilter) -> tuple[str, list[Any]]:
    """Return SQL for the analysis dyad frame of the filtered events, and its parameters."""
    cte, params = build_selection_cte(flt)
    sql = f"""{cte},
directed AS (
    SELECT DISTINCT {DYAD_COLUMNS}, a.country AS source, a.sector AS source_sector,
           r.country AS target, r.sector AS target_sector, TRUE AS directed
    FROM sel JOIN event_participants a ON a.event_id = sel.id AND a.role = 'actor'
             JOIN event_participants r ON r.event_id = sel.id AND r.role = 'recipient'
    WHERE a.country IS NOT NULL AND r.country IS NOT NULL),
undirected AS (
    SELECT DISTINCT {DYAD_COLUMNS},
           CASE WHEN a1.country <= a2.country THEN a1.country ELSE a2.country END AS source,
           CASE WHEN a1.country <= a2.country THEN a1.sector ELSE a2.sector END AS source_sector,
           CASE WHEN a1.country <= a2.country THEN a2.country ELSE a1.country END AS target,
           CASE WHEN a1.country <= a2.country THEN a2.sector ELSE a1.sector END AS target_sector,
           FALSE AS directed
    FROM sel JOIN event_participants a1 ON a1.event_id = sel.id AND a1.role = 'actor'
             JOIN event_participants a2 ON a2.event_id = sel.id AND a2.role = 'actor' AND a1.idx < a2.idx
    WHERE a1.country IS NOT NULL AND a2.country IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM event_participants r WHERE r.event_id = sel.id AND r.role = 'recipient'))
SELECT * FROM directed UNION ALL SELECT * FROM undirected ORDER BY date NULLS LAST, report_id, source, target"""
    return sql, params


# One row per located report for place-based analyses (admin1 alerts): where the event happened, whether or not the
# report has a dyad. ->> reads a JSON field as text on both DuckDB and PostgreSQL.
PLACE_COLUMNS = """sel.id AS report_id, sel.event_id, sel.sort_date AS date, sel.date_precision, sel.event,
    sel.cameo_root, sel.quad_class, sel.goldstein, sel.status, sel.historical, sel.dead, sel.injured,
    sel.source_dataset, sel.location ->> 'country' AS location_country, sel.location ->> 'admin1' AS admin1,
    sel.location ->> 'name' AS place, CAST(sel.location ->> 'precision' AS INTEGER) AS location_precision"""


def build_places_sql(flt: EventFilter) -> tuple[str, list[Any]]:
    """Return SQL for the place frame (one row per located report) of the filtered events, and its parameters."""
    cte, params = build_selection_cte(flt)
    sql = f"""{cte}
SELECT {PLACE_COLUMNS} FROM sel WHERE sel.location IS NOT NULL ORDER BY date NULLS LAST, report_id"""
    return sql, params


# event_pairs rows (schema 004) for the events selected by {where} (over events e LEFT JOIN articles a), used to
# back-fill a store upgraded to schema 4 (new reports get theirs from rows.build_pair_rows, the same rule, without
# reading the events table): the dyad rule of build_dyad_sql at country level, with participants first reduced to
# one row per (event, role, country), which is cheaper than de-duplicating joined rows (benchmarks/analysis_scale.py).
# Two actors of one country with no recipient give that country's pair with itself, as in the dyad frame.
INSERT_PAIRS_SQL = f"""
INSERT INTO event_pairs
WITH scoped AS (SELECT e.id, {EVENT_DATE_SQL} AS sort_date, e.date_precision, e.event, e.cameo_root, e.quad_class,
                       e.goldstein, e.status, e.historical, e.dead, e.injured
                FROM events e LEFT JOIN articles a ON a.id = e.article_id {{where}}),
p AS (SELECT event_id, role, country, COUNT(*) AS n FROM event_participants
      WHERE country IS NOT NULL AND event_id IN (SELECT id FROM scoped) GROUP BY event_id, role, country),
pairs AS (
    SELECT a.event_id AS report_id, a.country AS source, r.country AS target, TRUE AS directed
    FROM p a JOIN p r ON r.event_id = a.event_id AND a.role = 'actor' AND r.role = 'recipient'
    UNION ALL
    SELECT a1.event_id, a1.country, a2.country, FALSE
    FROM p a1 JOIN p a2 ON a2.event_id = a1.event_id AND a1.role = 'actor' AND a2.role = 'actor'
         AND (a1.country < a2.country OR (a1.country = a2.country AND a1.n > 1))
    WHERE NOT EXISTS (SELECT 1 FROM event_participants r WHERE r.event_id = a1.event_id AND r.role = 'recipient'))
SELECT pairs.report_id, pairs.source, pairs.target, pairs.directed,
       CAST(SUBSTR(s.sort_date || '-01-01', 1, 10) AS DATE), s.date_precision, s.event, s.cameo_root, s.quad_class,
       s.goldstein, s.status, s.historical, s.dead, s.injured
FROM pairs JOIN scoped s ON s.id = pairs.report_id"""

# A period's date_trunc unit, and the date precisions that may sit in it (as analysis/frames.py: a month-precision
# date belongs to its month only; year-precision and undated reports sit in no period).
SQL_TRUNC = {"day": "day", "week": "week", "month": "month"}
SQL_PRECISION_OK = {"day": "('day', 'publication')", "week": "('day', 'publication')",
                    "month": "('day', 'publication', 'month')"}
QUAD_CLASSES: tuple[int, ...] = (1, 2, 3, 4)
NO_TYPE_COLUMN = "NONE"  # n_NONE counts CAMEO-only reports (01/02 statements and appeals have no PLOVER type)


def build_series_sql(relation_sql: str, period: str, statuses: Sequence[str], *, deduplicated: bool = False,
                     with_types: bool = True, typed_dates: bool = False) -> str:
    """Return SQL aggregating a dyad relation (dyad-frame columns) to country-level pair series per period.

    ``deduplicated=True`` skips the per (report, pair) de-duplication for relations that already hold one row per
    report and country pair (event_pairs does). ``with_types=False`` leaves out the 17 per-type counts.
    ``typed_dates=True`` says the relation's ``date`` is a DATE (event_pairs.day), not ISO text that may be partial.
    """
    day = "date" if typed_dates else "CAST(SUBSTR(CAST(date AS VARCHAR) || '-01-01', 1, 10) AS DATE)"
    status_list = ", ".join(f"'{s}'" for s in statuses if s.isalpha())
    quads = ", ".join(f"COUNT(*) FILTER (WHERE quad_class = {q}) AS quad_{q}" for q in QUAD_CLASSES)
    types = ", ".join(f"COUNT(*) FILTER (WHERE event = '{t}') AS n_{t}" for t in EVENT_TYPES) + (
        f", COUNT(*) FILTER (WHERE event IS NULL) AS n_{NO_TYPE_COLUMN}, ")
    source = "r" if deduplicated else "d"  # DuckDB drops the unused CTE
    return f"""
WITH r AS (SELECT * FROM ({relation_sql}) r
           WHERE status IN ({status_list}) AND NOT historical AND date IS NOT NULL
             AND COALESCE(date_precision, 'day') IN {SQL_PRECISION_OK[period]}),
d AS (SELECT report_id, source, target, directed, ANY_VALUE(date) AS date, ANY_VALUE(event) AS event,
             ANY_VALUE(quad_class) AS quad_class, ANY_VALUE(goldstein) AS goldstein, ANY_VALUE(dead) AS dead,
             ANY_VALUE(injured) AS injured
      FROM r GROUP BY report_id, source, target, directed)  -- one row per report and country pair
SELECT source, target, directed,
       CAST(date_trunc('{SQL_TRUNC[period]}', {day}) AS TIMESTAMP) AS period,
       COUNT(*) AS n, {quads}, {types if with_types else ""}
       SUM(goldstein) AS goldstein_sum, AVG(goldstein) AS goldstein_mean,
       COALESCE(SUM(dead), 0) AS dead, COALESCE(SUM(injured), 0) AS injured
FROM {source} GROUP BY ALL ORDER BY source, target, directed, period"""


def build_pair_relation_sql(*, directed: bool, include_historical: bool, since: str | None,
                            until: str | None) -> tuple[str, list[Any]]:
    """Return SQL over event_pairs with the dyad-frame column names (one row per report and pair), and parameters."""
    clauses, params = [], []
    if since:
        clauses.append("day >= CAST(? AS DATE)")
        params.append(pad_date(check_iso_date(since, "--since")))
    if until:
        clauses.append("day < CAST(? AS DATE)")
        params.append(day_after(check_iso_date(until, "--until")))
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    # The series query leaves historical reports out; asked to keep them, the relation reports none as historical.
    historical = "FALSE AS historical" if include_historical else "historical"
    columns = f"""report_id, day AS date, date_precision, event, quad_class, goldstein, status,
        {historical}, dead, injured"""
    if directed:
        return f"SELECT {columns}, source, target, directed FROM event_pairs {where}", params
    # Undirected: fold A->B and B->A into one unordered pair, once per report.
    return (f"SELECT DISTINCT {columns}, LEAST(source, target) AS source, GREATEST(source, target) AS target, "
            f"FALSE AS directed FROM event_pairs {where}"), params


def pad_date(value: str) -> str:
    """Return the first day of an ISO year, month or day ("2020-02" -> "2020-02-01")."""
    return (value + "-01-01")[:10]


def day_after(value: str) -> str:
    """Return the day after the last day an ISO year, month or day covers ("2020-02" -> "2020-03-01")."""
    first = date.fromisoformat(pad_date(value))
    if len(value) == 4:
        return first.replace(year=first.year + 1).isoformat()
    if len(value) == 7:
        return (first.replace(day=28) + timedelta(days=4)).replace(day=1).isoformat()
    return (first + timedelta(days=1)).isoformat()


def build_country_pairs_sql(country: str, *, since: str | None, until: str | None) -> tuple[str, list[Any]]:
    """Return SQL for the dyad-frame rows (country level, from event_pairs) with ``country`` on either side."""
    relation, params = build_pair_relation_sql(directed=True, include_historical=True, since=since, until=until)
    relation = relation.replace("FALSE AS historical", "historical")
    sql = f"""SELECT * REPLACE (CAST(date AS VARCHAR) AS date), CAST(NULL AS VARCHAR) AS source_sector,
       CAST(NULL AS VARCHAR) AS target_sector
FROM ({relation}) r WHERE source = ? OR target = ? ORDER BY date NULLS LAST, report_id, source, target"""
    code = participant_code(country).upper()
    return sql, [*params, code, code]
