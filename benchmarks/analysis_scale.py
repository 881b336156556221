"""Scale check for the analyses: 10 million synthetic events in a DuckDB store, weekly series and one balance.

Run:  /tmp/venvtest/bin/python benchmarks/analysis_scale.py [--events 10000000] [--db /tmp/scale.duckdb] [--keep]

Builds the store with open_store (real schema) and fills events + event_participants with DuckDB SQL (range()
and hash-based pseudo-random columns), then times, in this process:
1. weekly series for every dyad: Store.pair_series (DuckDB aggregates the event_pairs table the store keeps
   beside the reports; nothing is pulled into pandas but the result) -- what `flashpoint dyads` runs;
   --full-query aggregates the general dyad query (build_dyad_sql) instead;
2. one focal actor's balance: Store.country_pairs(focal), then balance() in pandas with bootstrap intervals --
   what `flashpoint balance` runs; --full-query uses Store.dyads with actor= and recipient= filters.
Reports seconds (median of --repeats runs) and peak RSS (ru_maxrss) after each step.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

import pandas

from flashpoint.analysis.balance import balance
from flashpoint.analysis.dyads import dyad_series_sql
from flashpoint.store import EventFilter, open_store
from flashpoint.store.duckdb import insert_pairs
from flashpoint.store.queries import build_dyad_sql

N_COUNTRIES = 60
WEEKS = 520  # ten years of weekly periods
UNDIRECTED_SHARE = 10  # percent of events with two actors and no recipient
FOCAL = "C07"
AGAINST = ("C01", "C02", "C03")

# Pseudo-random but reproducible columns from hash(i, salt); CAMEO root -> PLOVER type as the importers map it.
EVENTS_SQL = """
INSERT INTO events (id, event_id, article_id, source_dataset, source_id, event, mode, context, cameo, cameo_root,
    goldstein, quad_class, quad_rule, status, historical, attribution, event_date, end_date, date_precision,
    location, dead, injured, arrested, weapon, trigger_text, trigger_start, trigger_end, sentence, sentence_index,
    confidence, coder, model, pattern)
SELECT 'e' || i, 'e' || i, NULL, 'synthetic', CAST(i AS VARCHAR),
    CASE root WHEN 1 THEN NULL WHEN 2 THEN NULL WHEN 3 THEN 'AGREE' WHEN 4 THEN 'CONSULT' WHEN 5 THEN 'COOPERATE'
      WHEN 6 THEN 'COOPERATE' WHEN 7 THEN 'AID' WHEN 8 THEN 'CONCEDE' WHEN 9 THEN 'CONSULT' WHEN 10 THEN 'REQUEST'
      WHEN 11 THEN 'ACCUSE' WHEN 12 THEN 'REJECT' WHEN 13 THEN 'THREATEN' WHEN 14 THEN 'PROTEST'
      WHEN 15 THEN 'MOBILIZE' WHEN 16 THEN 'SANCTION' WHEN 17 THEN 'COERCE' ELSE 'ASSAULT' END,
    NULL, '[]', LPAD(CAST(root AS VARCHAR), 2, '0') || '0', LPAD(CAST(root AS VARCHAR), 2, '0'),
    ((hash(i * 100 + 3) >> 16) % 201) / 10.0 - 10.0,
    CASE WHEN root <= 5 THEN 1 WHEN root <= 9 THEN 2 WHEN root <= 14 THEN 3 ELSE 4 END, 'gdelt',
    CASE WHEN (hash(i * 100 + 4) >> 16) % 20 = 0 THEN 'future' ELSE 'asserted' END, FALSE, NULL,
    CAST(DATE '2015-01-05' + CAST((hash(i * 100 + 5) >> 16) % (7 * {weeks}) AS INTEGER) AS VARCHAR), NULL, 'day', NULL,
    CASE WHEN root >= 18 THEN CAST((hash(i * 100 + 6) >> 16) % 3 AS INTEGER) END, NULL, NULL, NULL,
    '', 0, 0, '', 0, 1.0,
    'synthetic', NULL, NULL
FROM (SELECT i, CAST(1 + (hash(i * 100 + 2) >> 16) % 20 AS INTEGER) AS root FROM range({n}) t(i))
"""

PARTICIPANTS_SQL = """
INSERT INTO event_participants (event_id, role, idx, text, name, country, sector, wikidata, span_start, span_end)
SELECT 'e' || i, 'actor', 0, 'a', NULL, 'C' || LPAD(CAST((hash(i * 100 + 7) >> 16) % {c} AS VARCHAR), 2, '0'),
       CASE WHEN (hash(i * 100 + 9) >> 16) % 2 = 0 THEN 'GOV' ELSE 'MIL' END, NULL, NULL, NULL FROM range({n}) t(i)
UNION ALL
SELECT 'e' || i, CASE WHEN (hash(i * 100 + 10) >> 16) % 100 < {u} THEN 'actor' ELSE 'recipient' END,
       CASE WHEN (hash(i * 100 + 10) >> 16) % 100 < {u} THEN 1 ELSE 0 END, 'b', NULL,
       'C' || LPAD(CAST((hash(i * 100 + 8) >> 16) % {c} AS VARCHAR), 2, '0'), 'GOV', NULL, NULL, NULL
FROM range({n}) t(i)
"""


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB (Linux reports ru_maxrss in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_store(path: str, n: int) -> float:
    """Create a store at ``path`` and fill it with ``n`` synthetic events; return the seconds it took."""
    Path(path).unlink(missing_ok=True)
    start = time.perf_counter()
    store = open_store(path)
    try:
        store.conn.execute(EVENTS_SQL.format(n=n, weeks=WEEKS))
        store.conn.execute(PARTICIPANTS_SQL.format(n=n, c=N_COUNTRIES, u=UNDIRECTED_SHARE))
        insert_pairs(store.conn)  # what the store writes beside each report (here: all at once)
        store.conn.execute("CHECKPOINT")
    finally:
        store.close()
    return time.perf_counter() - start


def time_weekly_series(path: str, lean: bool = True) -> tuple[float, int]:
    """Return seconds for weekly series of every dyad (DuckDB aggregation) and the number of rows."""
    store = open_store(path, read_only=True)
    try:
        start = time.perf_counter()
        if lean:
            table = store.pair_series(period="week")
        else:
            table = dyad_series_sql(store.conn, build_dyad_sql(EventFilter())[0], period="week")
        return time.perf_counter() - start, len(table)
    finally:
        store.close()


def time_balance(path: str, lean: bool = True) -> tuple[float, int]:
    """Return seconds for the focal actor's monthly balance (query + pandas) and the frame's rows."""
    store = open_store(path, read_only=True)
    try:
        start = time.perf_counter()
        if lean:
            frame = store.country_pairs(FOCAL)
        else:
            frame = pandas.concat([store.dyads(EventFilter(actor=FOCAL)), store.dyads(EventFilter(recipient=FOCAL))])
            frame = frame.drop_duplicates(subset=["report_id", "source", "source_sector", "target", "target_sector"])
        table = balance(frame, FOCAL, AGAINST, period="month")
        assert len(table) > 0
        return time.perf_counter() - start, len(frame)
    finally:
        store.close()


def main() -> None:
    """Build the store (unless it exists and --reuse), time both analyses and print the numbers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--db", default="/tmp/flashpoint-analysis-scale.duckdb")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="reuse an existing store at --db")
    parser.add_argument("--full-query", action="store_true",
                        help="use the general dyad queries (build_dyad_sql, Store.dyads) instead of event_pairs")
    args = parser.parse_args()
    if not (args.reuse and Path(args.db).exists()):
        print(f"build: {args.events:,} events in {build_store(args.db, args.events):.1f} s "
              f"({Path(args.db).stat().st_size / 1e6:.0f} MB)")
    series = [time_weekly_series(args.db, lean=not args.full_query) for _ in range(args.repeats)]
    print(f"weekly series, every dyad: median {statistics.median(s for s, _ in series):.2f} s "
          f"(runs {', '.join(f'{s:.2f}' for s, _ in series)}), {series[0][1]:,} pair-weeks; "
          f"peak RSS {peak_rss_mb():.0f} MB")
    focal = [time_balance(args.db, lean=not args.full_query) for _ in range(args.repeats)]
    print(f"balance of {FOCAL} vs {','.join(AGAINST)}: median {statistics.median(s for s, _ in focal):.2f} s "
          f"(runs {', '.join(f'{s:.2f}' for s, _ in focal)}), {focal[0][1]:,} focal dyad rows; "
          f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
