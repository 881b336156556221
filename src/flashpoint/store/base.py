"""The Store protocol every backend implements, and the EventFilter the queries take."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Protocol, Sequence

import pandas

from flashpoint.records import Article, Dropped, Event

# Shortest id prefix accepted for event/article lookups: 6 hex digits make accidental matches rare.
MIN_ID_PREFIX = 6


@dataclass(frozen=True)
class EventFilter:
    """Which events to return; every field is optional and they combine with AND."""

    actor: str | None = None  # ISO3/IGO code of any actor's country, or an actor's exact name (any case)
    recipient: str | None = None  # same, for recipients
    type: str | None = None  # PLOVER event type, e.g. "ASSAULT" (any case)
    status: str | None = None  # asserted | negated | future | hypothetical
    since: str | None = None  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive; event date, else published
    until: str | None = None  # inclusive, same forms
    article: str | None = None  # article id or a prefix of at least MIN_ID_PREFIX characters
    cameo_root: str | None = None  # two-digit CAMEO root, e.g. "19"
    articles: tuple[str, ...] = ()  # exact article ids (one query for a batch of articles, as recode reads them)
    limit: int | None = None


class Store(Protocol):
    """An event store: articles, dropped inputs and coded events, written one article per transaction."""

    path: str

    def has_article(self, article_id: str) -> bool:
        """Return True if an article with this id is stored."""
        ...

    def write_article(self, article: Article, events: Sequence[Event]) -> bool:
        """Store an article and its events in one transaction; False (nothing written) if already stored."""
        ...

    def write_imported(self, events: Sequence[Event]) -> int:
        """Store imported events (no article) and their participants in one transaction; return how many were new."""
        ...

    def write_articles(self, pairs: Sequence[tuple[Article, Sequence[Event]]]) -> list[bool]:
        """Store a batch of articles with their events in one transaction; per article, False if already stored."""
        ...

    def link_stories(self, pairs: Sequence[tuple[Article, Any]], *, min_similarity: float) -> list[Any]:
        """Link articles to stories by their fingerprints in one transaction; already linked ones are skipped."""
        ...

    def unlinked_articles(self) -> list[Article]:
        """Return the stored articles that have no fingerprint yet, oldest first."""
        ...

    def stories(self, *, min_copies: int = 2, limit: int | None = None) -> list[dict[str, Any]]:
        """Return stories with at least min_copies articles, most copies first, each with its members."""
        ...

    def unclustered_report_ids(self, article_ids: Sequence[str] | None = None) -> list[str]:
        """Return ids of coded reports with no event mention yet (of these articles if given)."""
        ...

    def report_records(self, ids: Sequence[str], *, by: str = "id") -> list[dict[str, Any]]:
        """Return full report records by report id (or all reports of events with by="event_id")."""
        ...

    def candidate_records(self, block_keys: Sequence[str]) -> list[dict[str, Any]]:
        """Return the stored reports filed under any of these clustering block keys."""
        ...

    def write_event_links(self, links: Sequence[Mapping[str, Any]], merges: Mapping[str, str]) -> None:
        """Record which event each report joined (and why) and apply event merges, in one transaction."""
        ...

    def event_report_records(self, flt: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """Return every report of each event that has a report matching the filter."""
        ...

    def event_reports(self, event_id: str) -> list[dict[str, Any]]:
        """Return the reports of one event (by event id, a report id of it, or a prefix), with why each joined."""
        ...

    def write_dropped(self, dropped: Dropped) -> None:
        """Record (or replace) a dropped input by its id; stored articles are never touched."""
        ...

    def events(self, flt: EventFilter = EventFilter()) -> pandas.DataFrame:
        """Return matching events as a flat frame for tables, CSV and Parquet."""
        ...

    def dyads(self, flt: EventFilter = EventFilter()) -> pandas.DataFrame:
        """Return one row per (event report, dyad) of the matching events, as design.md forms dyads."""
        ...

    def pair_series(self, *, period: str = "week", statuses: Sequence[str] = ("asserted",), directed: bool = True,
                    include_historical: bool = False, since: str | None = None,
                    until: str | None = None) -> pandas.DataFrame:
        """Return country-level dyad series per period (the columns of analysis.dyads.dyad_series), in the database."""
        ...

    def country_pairs(self, country: str, *, since: str | None = None, until: str | None = None) -> pandas.DataFrame:
        """Return the country-level dyad-frame rows with ``country`` as source or target."""
        ...

    def places(self, flt: EventFilter = EventFilter()) -> pandas.DataFrame:
        """Return one row per located report: date, type, status, location country, admin1 and place name."""
        ...

    def site_regions(self) -> dict[str, dict[tuple[str, str], int]]:
        """Return, per site, how many of its stored articles have an event located in each (ISO3, region name)."""
        ...

    def event_records(self, flt: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """Return matching events as full records, equal to Event.to_dict() of what was written."""
        ...

    def event(self, event_id: str) -> dict[str, Any] | None:
        """Return one full event record by id or unambiguous prefix, or None."""
        ...

    def articles(self, *, include_dropped: bool = True) -> pandas.DataFrame:
        """Return one row per article (and per dropped input unless include_dropped is False)."""
        ...

    def article(self, article_id: str) -> dict[str, Any] | None:
        """Return one article with its text by id or unambiguous prefix, or None."""
        ...

    def summary(self) -> dict[str, Any]:
        """Return counts of articles, drops, events by type and status, and the top country pairs."""
        ...

    def schema_version(self) -> int:
        """Return the schema version the database is at."""
        ...

    def close(self) -> None:
        """Release the database (and its file lock)."""
        ...
