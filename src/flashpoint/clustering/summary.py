"""One record per real-world event from its reports: counts, first/last seen and the best-evidenced values.

Conflict rule (documented in docs/event_schema.md by the lead): a field's event-level value is its most-reported
value among the reports that state it; a tie goes to the value of the most confident report, then to the
earliest-seen report. Dates and places prefer the most precise value first (a day over a month, a town over a
country), then apply that rule. Fatalities give ``dead`` by the rule plus ``dead_low``/``dead_high`` across
reports. Statuses are never averaged: ``status`` follows the rule, ``statuses`` lists every status reported and
``status_conflict`` is true when one report asserts the event and another denies it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Hashable, Iterable, Mapping, Sequence

DATE_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "publication": 3, "unknown": 4}

Record = Mapping[str, Any]


def pick_best(pairs: Iterable[tuple[Hashable, float]]) -> Any:
    """Return the most frequent value of (value, confidence) pairs; ties go to the highest confidence, then first."""
    count: dict[Hashable, int] = defaultdict(int)
    best_conf: dict[Hashable, float] = {}
    for value, confidence in pairs:
        if value is None:
            continue
        count[value] += 1
        best_conf[value] = max(best_conf.get(value, 0.0), confidence or 0.0)
    if not count:
        return None
    return max(count, key=lambda v: (count[v], best_conf[v]))  # max keeps the first of equals


def pick_most_precise(reports: Sequence[Record], rank: Callable[[Record], int | None],
                      value: Callable[[Record], Hashable]) -> Record | None:
    """Return a report carrying the best-evidenced value among the most precise reports (lowest rank)."""
    ranked = [(rank(r), r) for r in reports if rank(r) is not None]
    if not ranked:
        return None
    top = min(level for level, _ in ranked)
    chosen = [r for level, r in ranked if level == top]
    best = pick_best((value(r), r.get("confidence", 0.0)) for r in chosen)
    return next(r for r in chosen if value(r) == best)


def label_actor(actor: Mapping[str, Any]) -> str:
    """Return "name (COUNTRY SECTOR)" for one participant, as the flat events table labels them."""
    codes = " ".join(c for c in (actor.get("country"), actor.get("sector")) if c)
    name = actor.get("name") or actor.get("text") or ""
    return f"{name} ({codes})" if codes else name


def pick_participants(reports: Sequence[Record], role: str) -> tuple[str | None, str | None]:
    """Return the best-evidenced participant label and country for a role (each report votes once per value)."""
    labels = [(label, r.get("confidence", 0.0)) for r in reports for label in {label_actor(a) for a in r[role]}]
    countries = [(c, r.get("confidence", 0.0)) for r in reports for c in {a.get("country") for a in r[role]} if c]
    return pick_best(labels), pick_best(countries)


def summarize_counts(reports: Sequence[Record]) -> dict[str, Any]:
    """Return num_reports/num_articles/num_sources, first_seen/last_seen and the report ids."""
    seen_days = sorted(str(r.get("published") or r.get("ingested_at") or "")[:10] for r in reports)
    seen_days = [day for day in seen_days if day]
    sources = {r.get("site") or r.get("source") or r.get("source_dataset") for r in reports}
    return {
        "num_reports": len(reports),
        "num_articles": len({r["article_id"] for r in reports if r.get("article_id")}),
        "num_sources": len(sources - {None, ""}),
        "first_seen": seen_days[0] if seen_days else None,
        "last_seen": seen_days[-1] if seen_days else None,
        "report_ids": [r["id"] for r in reports],
    }


def summarize_status(reports: Sequence[Record]) -> dict[str, Any]:
    """Return the best-evidenced status, every reported status and whether reports assert and deny it."""
    statuses = sorted({r["status"] for r in reports})
    return {"status": pick_best((r["status"], r.get("confidence", 0.0)) for r in reports),
            "statuses": statuses, "status_conflict": {"asserted", "negated"} <= set(statuses)}


def summarize_numbers(reports: Sequence[Record]) -> dict[str, Any]:
    """Return dead (best) with dead_low/dead_high, and injured and arrested (best), across reports."""
    dead = [r["dead"] for r in reports if r.get("dead") is not None]
    result = {"dead_low": min(dead) if dead else None, "dead_high": max(dead) if dead else None}
    for name in ("dead", "injured", "arrested"):
        result[name] = pick_best((r.get(name), r.get("confidence", 0.0)) for r in reports)
    return result


def summarize_when_where(reports: Sequence[Record]) -> dict[str, Any]:
    """Return the most precise, best-evidenced date and location of the event."""
    dated = pick_most_precise(reports, lambda r: DATE_PRECISION_RANK.get(r.get("date_precision")) if r.get("date")
                              else None, lambda r: r.get("date"))
    placed = pick_most_precise(reports, lambda r: (r.get("location") or {}).get("precision") or 3
                               if r.get("location") else None, lambda r: (r["location"] or {}).get("name"))
    return {"date": dated.get("date") if dated else None,
            "date_precision": dated.get("date_precision") if dated else "unknown",
            "location": placed.get("location") if placed else None}


def summarize_event(event_id: str, reports: Sequence[Record]) -> dict[str, Any]:
    """Return the event-level record for one event from its reports (given in seen order)."""
    kind = pick_best((r.get("event") or f"CAMEO {r.get('cameo')}", r.get("confidence", 0.0)) for r in reports)
    same_kind = [r for r in reports if (r.get("event") or f"CAMEO {r.get('cameo')}") == kind]
    actor, actor_country = pick_participants(reports, "actor")
    recipient, recipient_country = pick_participants(reports, "recipient")
    return {
        "event_id": event_id, "event": same_kind[0].get("event"),
        "cameo": pick_best((r.get("cameo"), r.get("confidence", 0.0)) for r in same_kind),
        "acled": pick_best((r.get("acled"), r.get("confidence", 0.0)) for r in same_kind),
        **summarize_when_where(reports), **summarize_status(reports),
        "historical": all(r.get("historical") for r in reports),
        "actor": actor, "actor_country": actor_country, "recipient": recipient,
        "recipient_country": recipient_country, **summarize_numbers(reports),
        "confidence": max(r.get("confidence", 0.0) for r in reports), **summarize_counts(reports),
    }


# Event-level columns for tables, CSV and Parquet, in this order; list values become "; "-joined text.
FRAME_COLUMNS = (
    "event_id", "date", "date_precision", "event", "cameo", "acled", "status", "status_conflict", "statuses",
    "historical", "actor", "actor_country", "recipient", "recipient_country", "location", "dead", "dead_low",
    "dead_high", "injured", "arrested", "confidence", "num_reports", "num_articles", "num_sources", "first_seen",
    "last_seen", "report_ids",
)


def flatten_event(record: Mapping[str, Any]) -> dict[str, Any]:
    """Return an event-level record with flat cells: location as its name, lists joined with "; "."""
    flat = {name: record.get(name) for name in FRAME_COLUMNS}
    flat["location"] = (record.get("location") or {}).get("name")
    for name in ("statuses", "report_ids"):
        flat[name] = "; ".join(record.get(name) or [])
    return flat
