"""Event clusters in the store: which reports describe the same real-world event (issue #6).

Tables of sql/003_event_clusters.sql: ``event_mentions`` says which event each report joined and why, and
``event_blocks`` indexes reports by blocking key so a new report finds its candidates by indexed equality
lookups. ``events.event_id`` stays the authority for a report's event; this module rewrites it when reports
join and when a bridging report merges two events. The clustering rules live in flashpoint.clustering; the
store only reads and writes plain dicts, so it does not depend on that stage.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any, Iterable, Mapping, Sequence

import pandas

from flashpoint.store import queries
from flashpoint.store.base import EventFilter
from flashpoint.store.migrate import now_utc
from flashpoint.store.rows import build_event_record, dump_json, load_json
from flashpoint.store.staging import registered

# Ids or keys per IN (...) lookup: small enough that DuckDB answers from the ART index, not a table scan.
LOOKUP_CHUNK = 500

# Reads by primary key, one table at a time: IN lists on a key are index lookups, whereas joining articles and
# mentions in one statement made DuckDB scan both tables (95 ms vs 27 ms per batch on a 49,000-report store).
ARTICLE_DATA_SQL = ("SELECT id, CAST(published AS VARCHAR) AS published, site, source, "
                    "CAST(ingested_at AS VARCHAR) AS ingested_at FROM articles WHERE id IN ({marks})")
MENTION_DATA_SQL = ("SELECT report_id, matched_id, CAST(matched_fields AS VARCHAR) AS matched_fields, merged_from "
                    "FROM event_mentions WHERE report_id IN ({marks})")
# events.event_id cannot carry an index (DuckDB refuses updates of an indexed column of a table that foreign
# keys reference), so the reports of whole events are found by one hash join with the wanted ids.
EVENT_MEMBERS_SQL = "SELECT e.id FROM events e JOIN wanted_events w ON w.event_id = e.event_id"
ARTICLE_FIELDS = ("published", "site", "source", "ingested_at")
MENTION_FIELDS = ("matched_id", "matched_fields", "merged_from")


def chunked(values: Sequence[Any], size: int = LOOKUP_CHUNK) -> Iterable[Sequence[Any]]:
    """Yield consecutive slices of at most ``size`` values."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def marks(values: Sequence[Any]) -> str:
    """Return one qmark per value, comma-separated."""
    return ", ".join("?" for _ in values)


def build_participant(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return Actor.to_dict() of an event_participants row, built directly (asdict costs 60% of a batch)."""
    span = [row["span_start"], row["span_end"]] if row["span_start"] is not None else None
    return {"text": row["text"], "name": row["name"], "country": row["country"], "sector": row["sector"],
            "wikidata": row["wikidata"], "span": span}


class EventClusterMethods:
    """Store methods that read candidate reports and write event-cluster assignments (mixed into DuckDBStore)."""

    def unclustered_report_ids(self, article_ids: Sequence[str] | None = None) -> list[str]:
        """Return ids of coded reports (not imported ones) with no event mention yet, of these articles if given."""
        sql = ("SELECT e.id FROM events e LEFT JOIN event_mentions m ON m.report_id = e.id "
               "WHERE m.report_id IS NULL AND e.article_id IS NOT NULL")
        if article_ids is None:
            return [row["id"] for row in self._rows(sql)]
        found: list[str] = []
        for chunk in chunked(list(article_ids)):
            found += [row["id"] for row in self._rows(f"{sql} AND e.article_id IN ({marks(chunk)})", chunk)]
        return found

    def report_records(self, ids: Sequence[str], *, by: str = "id") -> list[dict[str, Any]]:
        """Return full records of reports by id (or of whole events by event id with by="event_id"), plus their
        article's published/site/source/ingested_at and their mention's matched_id/matched_fields/merged_from."""
        if by == "event_id":
            ids = self._event_member_ids(ids)
        rows: list[dict[str, Any]] = []
        participants: dict[str, list] = defaultdict(list)
        mentions: dict[str, dict] = {}
        for chunk in chunked(list(dict.fromkeys(ids))):
            rows += self._rows(f"SELECT * FROM events WHERE id IN ({marks(chunk)})", chunk)
            for participant in self._rows(f"SELECT * FROM event_participants WHERE event_id IN ({marks(chunk)})",
                                          chunk):
                participants[participant["event_id"]].append(participant)
            mentions.update((m["report_id"], m) for m in self._rows(MENTION_DATA_SQL.format(marks=marks(chunk)),
                                                                    chunk))
        articles = self._article_data({row["article_id"] for row in rows if row["article_id"]})
        return [self._build_report_record(row, participants[row["id"]], articles.get(row["article_id"], {}),
                                          mentions.get(row["id"], {})) for row in rows]

    def _article_data(self, article_ids: set[str]) -> dict[str, dict[str, Any]]:
        """Return published/site/source/ingested_at of the given articles, by id."""
        found: dict[str, dict[str, Any]] = {}
        for chunk in chunked(sorted(article_ids)):
            found.update((row["id"], row) for row in self._rows(ARTICLE_DATA_SQL.format(marks=marks(chunk)), chunk))
        return found

    def _event_member_ids(self, event_ids: Sequence[str]) -> list[str]:
        """Return the ids of every report of the given events (one joined query, whatever their number)."""
        wanted = pandas.DataFrame({"event_id": list(dict.fromkeys(event_ids))}, dtype=object)
        with registered(self.conn, "wanted_events", wanted):
            return [row["id"] for row in self._rows(EVENT_MEMBERS_SQL)]

    @staticmethod
    def _build_report_record(row: Mapping[str, Any], participants: Sequence[Mapping[str, Any]],
                             article: Mapping[str, Any], mention: Mapping[str, Any]) -> dict[str, Any]:
        """Return the design record of a report row plus its article's and its mention's columns."""
        record = build_event_record(row, ())
        for participant in sorted(participants, key=lambda p: p["idx"]):
            record[participant["role"]].append(build_participant(participant))
        record.update({name: article.get(name) for name in ARTICLE_FIELDS})
        record.update({name: mention.get(name) for name in MENTION_FIELDS})
        record["matched_fields"] = load_json(mention.get("matched_fields"))
        return record

    def candidate_records(self, block_keys: Sequence[str]) -> list[dict[str, Any]]:
        """Return every report of every stored event that has a report under one of these blocking keys."""
        report_ids: set[str] = set()
        for chunk in chunked(sorted(set(block_keys))):
            # event_mentions.event_id is indexed (unlike events.event_id), so both steps are index lookups.
            sql = (f"SELECT m2.report_id FROM event_mentions m2 WHERE m2.event_id IN (SELECT DISTINCT m.event_id "
                   f"FROM event_blocks b JOIN event_mentions m ON m.report_id = b.report_id "
                   f"WHERE b.block_key IN ({marks(chunk)}))")
            report_ids.update(row["report_id"] for row in self._rows(sql, chunk))
        return self.report_records(sorted(report_ids))

    def write_event_links(self, links: Sequence[Mapping[str, Any]], merges: Mapping[str, str]) -> None:
        """Store new reports' events, mentions and blocking keys and apply event merges, in one transaction.

        Each link has report_id, event_id, matched_id, matched_fields (dict) and block_keys; merges maps an
        event id to the older event it was merged into. Reports already linked are left as they are.
        """
        self._require_writable()
        stamp = now_utc()
        with self._transaction(f"cannot store event clusters for {len(links)} reports") as conn:
            for old, new in merges.items():  # by the indexed mentions, never a scan of events.event_id
                conn.execute("UPDATE events SET event_id = ? WHERE id IN "
                             "(SELECT report_id FROM event_mentions WHERE event_id = ?)", [new, old])
                conn.execute("UPDATE event_mentions SET merged_from = COALESCE(merged_from, event_id), "
                             "event_id = ? WHERE event_id = ?", [new, old])
            mentions = [(link["report_id"], link["event_id"], link["matched_id"], dump_json(link["matched_fields"]),
                         None, stamp) for link in links]
            self._stage(conn, "staged_mentions", mentions, ("report_id", "event_id", "matched_id",
                                                            "matched_fields", "merged_from", "linked_at"))
            conn.execute("INSERT INTO event_mentions SELECT s.* FROM staged_mentions s WHERE NOT EXISTS "
                         "(SELECT 1 FROM event_mentions m WHERE m.report_id = s.report_id)")
            conn.unregister("staged_mentions")
            # Reports are stored with event_id = id; only those that joined another event change, by primary key.
            for link in links:
                if link["event_id"] != link["report_id"]:
                    conn.execute("UPDATE events SET event_id = ? WHERE id = ?", [link["event_id"], link["report_id"]])
            blocks = [(key, link["report_id"]) for link in links for key in link["block_keys"]]
            self._stage(conn, "staged_blocks", blocks, ("block_key", "report_id"))
            conn.execute("INSERT INTO event_blocks SELECT block_key, report_id FROM staged_blocks")
            conn.unregister("staged_blocks")

    @staticmethod
    def _stage(conn: Any, name: str, rows: Sequence[Sequence[Any]], columns: Sequence[str]) -> None:
        """Register rows as a named frame the next statements can read (dtype object keeps None as NULL)."""
        conn.register(name, pandas.DataFrame(list(rows), columns=list(columns), dtype=object))

    def event_report_records(self, flt: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """Return every report of each event that has a report matching the filter (limit counts events)."""
        cte, params = queries.build_selection_cte(dataclasses.replace(flt, limit=None))
        sql = f"{cte} SELECT event_id, MIN(sort_date) AS first_date FROM sel GROUP BY event_id"
        rows = sorted(self._rows(sql, params), key=lambda r: (r["first_date"] is None, r["first_date"] or "",
                                                              r["event_id"]))
        if flt.limit is not None:
            rows = rows[: max(0, int(flt.limit))]
        order = {row["event_id"]: index for index, row in enumerate(rows)}
        records = self.report_records(list(order), by="event_id")
        return sorted(records, key=lambda r: (order[r["event_id"]], r.get("ingested_at") or "",
                                              r.get("published") or "", r["id"]))

    def event_reports(self, event_id: str) -> list[dict[str, Any]]:
        """Return the reports of one event, given its id, a report id of it, or an unambiguous prefix of either."""
        full_id = self._resolve_id("events", event_id, "event")
        if full_id is None:
            return []
        owner = self._scalar("SELECT event_id FROM events WHERE id = ?", [full_id])
        records = self.report_records([owner], by="event_id")
        return sorted(records, key=lambda r: (r.get("ingested_at") or "", r.get("published") or "",
                                              r.get("article_id") or "", r["sentence_index"], r["id"]))
