"""Convert records to table rows and rows back to the design's JSON event record (backend-neutral)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from typing import Any, Mapping, Sequence

from flashpoint.errors import StoreError
from flashpoint.records import EVENT_FIELDS, Actor, Article, Event

ARTICLE_COLUMNS: tuple[str, ...] = (
    "id", "source", "format", "title", "author", "published", "url", "site", "tags", "language", "text",
    "ingested_at",
)

EVENT_COLUMNS: tuple[str, ...] = (
    "id", "event_id", "article_id", "source_dataset", "source_id", "event", "mode", "context", "cameo",
    "cameo_root", "goldstein", "quad_class", "quad_rule", "status", "historical", "attribution", "event_date",
    "end_date", "date_precision", "location", "dead", "injured", "arrested", "weapon", "trigger_text",
    "trigger_start", "trigger_end", "sentence", "sentence_index", "confidence", "coder", "model", "pattern", "acled",
)

PARTICIPANT_COLUMNS: tuple[str, ...] = (
    "event_id", "role", "idx", "text", "name", "country", "sector", "wikidata", "span_start", "span_end",
)

# Record keys stored as JSON text, and record keys whose column has another name.
JSON_FIELDS: frozenset[str] = frozenset({"context", "attribution", "location", "weapon"})
RENAMED_FIELDS: dict[str, str] = {"date": "event_date"}
ROLES: tuple[str, ...] = ("actor", "recipient")


def dump_json(value: Any) -> str | None:
    """Return compact JSON text for a value, keeping None as SQL NULL."""
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def load_json(text: str | None) -> Any:
    """Return the value parsed from JSON text, or None for SQL NULL."""
    return None if text is None else json.loads(text)


def to_published_date(published: str | None, article_id: str) -> date | None:
    """Return the DATE to store for an article's published value (a full ISO timestamp keeps its day)."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        raise StoreError(
            f"article {article_id}: published date {published!r} is not an ISO date (YYYY-MM-DD); "
            "fix the extractor's date parsing"
        ) from None


def build_article_row(article: Article, ingested_at: Any) -> tuple:
    """Return the articles-table values for an article, in ARTICLE_COLUMNS order."""
    return (
        article.id, article.source, article.format, article.title, article.author,
        to_published_date(article.published, article.id), article.url, article.site,
        dump_json(list(article.tags)), article.language, article.text, ingested_at,
    )


def date_by_ingest(events: Sequence[Event], article: Article, ingested_at: datetime | date | None) -> list[Event]:
    """Return an undated article's reports dated by the day it was ingested (precision stays "unknown").

    The ingest day is only an upper bound on when the event happened: analysis series and event clustering treat
    "unknown" reports as undated, but a user can still sort and filter them by when they arrived.
    """
    if article.published or ingested_at is None:
        return list(events)
    day = (ingested_at.date() if isinstance(ingested_at, datetime) else ingested_at).isoformat()
    return [replace(e, date=day) if e.date is None and e.date_precision == "unknown" else e for e in events]


def build_event_row(event: Event) -> tuple:
    """Return the events-table values for an event, in EVENT_COLUMNS order."""
    record = event.to_dict()
    values = {RENAMED_FIELDS.get(key, key): value for key, value in record.items() if key not in ROLES}
    for key in JSON_FIELDS:
        values[key] = dump_json(values[key])
    trigger = values.pop("trigger")
    values["trigger_text"] = trigger["text"]
    values["trigger_start"], values["trigger_end"] = trigger["span"]
    return tuple(values[column] for column in EVENT_COLUMNS)


def build_participant_rows(event: Event) -> list[tuple]:
    """Return the event_participants values for an event's actors then recipients."""
    rows = []
    for role, actors in (("actor", event.actor), ("recipient", event.recipient)):
        for idx, actor in enumerate(actors):
            start, end = actor.span if actor.span else (None, None)
            rows.append(
                (event.id, role, idx, actor.text, actor.name, actor.country, actor.sector, actor.wikidata, start, end)
            )
    return rows


PAIR_COLUMNS: tuple[str, ...] = (
    "report_id", "source", "target", "directed", "day", "date_precision", "event", "cameo_root", "quad_class",
    "goldstein", "status", "historical", "dead", "injured",
)


def find_country_pairs(event: Event) -> list[tuple[str, str, bool]]:
    """Return the report's country dyads as design.md forms them (queries.INSERT_PAIRS_SQL is the same rule).

    Directed (actor, recipient) pairs; with no recipient at all, each unordered pair of actor countries once, and a
    country's pair with itself when two of its actors meet. Participants without a country form no pair.
    """
    actors = Counter(a.country for a in event.actor if a.country)
    if event.recipient:
        recipients = {r.country for r in event.recipient if r.country}
        return [(a, r, True) for a in sorted(actors) for r in sorted(recipients)]
    names = sorted(actors)
    pairs = [(a, b, False) for i, a in enumerate(names) for b in names[i + 1:]]
    return pairs + [(a, a, False) for a in names if actors[a] > 1]


def build_pair_rows(event: Event, published: str | None) -> list[tuple]:
    """Return the event_pairs values of one report (its date, else the article's publication date, as a day)."""
    when = event.date or published
    day = (str(when) + "-01-01")[:10] if when else None
    return [(event.id, source, target, directed, day, event.date_precision, event.event, event.cameo_root,
             event.quad_class, event.goldstein, event.status, event.historical, event.dead, event.injured)
            for source, target, directed in find_country_pairs(event)]


def check_event_articles(article: Article, events: Sequence[Event]) -> None:
    """Raise StoreError when an event claims to come from a different article than the one written with it."""
    for event in events:
        if event.article_id != article.id:
            raise StoreError(
                f"event {event.id} has article_id {event.article_id!r} but is being stored with article "
                f"{article.id}; events must be written with their own article"
            )


def build_actor_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return Actor.to_dict() for one event_participants row."""
    start, end = row["span_start"], row["span_end"]
    span = (start, end) if start is not None else None
    actor = Actor(row["text"], row["name"], row["country"], row["sector"], row["wikidata"], span)
    return actor.to_dict()


def build_event_record(row: Mapping[str, Any], participants: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Return Event.to_dict() rebuilt from an events row and its participant rows (any order)."""
    ordered = sorted(participants, key=lambda p: (p["role"], p["idx"]))
    record: dict[str, Any] = {}
    for key in EVENT_FIELDS:
        if key in ROLES:
            record[key] = [build_actor_dict(p) for p in ordered if p["role"] == key]
        elif key == "trigger":
            record[key] = {"text": row["trigger_text"], "span": [row["trigger_start"], row["trigger_end"]]}
        elif key in JSON_FIELDS:
            record[key] = load_json(row[key])
        else:
            record[key] = row[RENAMED_FIELDS.get(key, key)]
    record["historical"] = bool(record["historical"])
    return record


def build_article_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return Article.to_dict() plus ingested_at and n_events from an articles row."""
    record = {key: row[key] for key in ARTICLE_COLUMNS if key not in ("published", "tags", "ingested_at")}
    published = row["published"]
    record["published"] = published.isoformat() if published is not None else None
    record["tags"] = load_json(row["tags"]) or []
    record["ingested_at"] = row["ingested_at"].isoformat() if row["ingested_at"] is not None else None
    record["n_events"] = row.get("n_events", 0)
    return record
