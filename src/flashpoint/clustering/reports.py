"""The view of one report that clustering needs, built from a stored record (a plain dict), and its date range.

A report's date becomes a range of days (ordinal numbers) that respects its precision: a day-precision date
is that day, a month or a year the whole month or year, and a publication-precision date (the text gave no
date, so the coder used the publication day) the few days before publication. Clustering compares ranges.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

# A publication-precision date only says the event happened on or shortly before publication. On the gold set
# (tests/golden/event_clusters, DAY_TOLERANCE 1) a lag of 1 day gives pairwise F1 0.946 / purity 1.000; 2 or 3
# days let an undated report of a strike bridge to one three days earlier (F1 0.931), 5 days F1 0.883.
PUBLICATION_LAG_DAYS = 1
# Statuses that speak about something that happened (so one report may assert it and another deny it), and
# statuses that speak about something that may happen; a report never joins an event of the other kind.
REAL_STATUSES = frozenset({"asserted", "negated"})

Participant = tuple[str | None, str | None, str | None]  # (country, sector, lower-cased name)
Side = tuple[Participant, ...]


@dataclass(frozen=True, slots=True)
class PlaceKey:
    """The parts of a location that place compatibility compares."""

    country: str | None
    admin1: str | None
    name: str | None
    lat: float | None
    lon: float | None
    precision: int


@dataclass(frozen=True, slots=True)
class ClusterReport:
    """One coded report as clustering sees it: type, participants, place, date range and when it was seen."""

    id: str
    kind: str  # PLOVER type, or "CAMEO <code>" when only a CAMEO code applies
    is_real: bool  # asserted/negated (True) or future/hypothetical (False)
    historical: bool
    start: int | None  # first possible day of the event (date.toordinal), None when undated
    end: int | None
    actors: Side
    recipients: Side
    place: PlaceKey | None
    seen: tuple  # sort key: earlier-seen reports sort first
    sentence: tuple | None = None  # (article id, sentence index): reports of one sentence and type are one event
    event_id: str | None = None  # the stored event it belongs to; None for a report not clustered yet

    @property
    def countries(self) -> frozenset[str]:
        """Return every country the report names: its participants' and its place's."""
        found = {country for country, _, _ in self.actors + self.recipients if country}
        if self.place and self.place.country:
            found.add(self.place.country)
        return frozenset(found)


def parse_day(value: str) -> date | None:
    """Return the date of an ISO day, month or year prefix (its first day), or None if it is not one."""
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts[:3]] + [1, 1]
        return date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


def build_date_range(value: str | None, precision: str) -> tuple[int, int] | None:
    """Return the (first, last) ordinal days a date of this precision may stand for, or None if undated."""
    if not value or precision == "unknown":
        return None  # an undated article's ingest day bounds the event from above only: undated for clustering
    first = parse_day(value)
    if first is None:
        return None
    if precision == "year" or (precision != "day" and len(value) == 4):
        return first.toordinal(), date(first.year, 12, 31).toordinal()
    if precision == "month" or len(value) == 7:
        last = calendar.monthrange(first.year, first.month)[1]
        return first.toordinal(), date(first.year, first.month, last).toordinal()
    if precision == "day":
        return first.toordinal(), first.toordinal()
    # publication: the event happened on or shortly before that day
    return first.toordinal() - PUBLICATION_LAG_DAYS, first.toordinal()


def build_side(participants: Any) -> Side:
    """Return (country, sector, lower-cased name) of each entry of a record's actor or recipient list."""
    return tuple((p.get("country"), p.get("sector"), (p.get("name") or "").strip().lower() or None)
                 for p in participants or ())


def build_place(location: Mapping[str, Any] | None) -> PlaceKey | None:
    """Return the comparable parts of a record's location, or None when it has none."""
    if not location:
        return None
    name = (location.get("name") or location.get("text") or "").strip().lower() or None
    return PlaceKey(location.get("country"), location.get("admin1"), name, location.get("lat"),
                    location.get("lon"), int(location.get("precision") or 3))


def build_seen(record: Mapping[str, Any]) -> tuple:
    """Return the seen-order key: ingest time, publication date, article, sentence, trigger, report id."""
    trigger = record.get("trigger") or {}
    start = (trigger.get("span") or [0])[0]
    return (str(record.get("ingested_at") or ""), str(record.get("published") or ""),
            record.get("article_id") or "", int(record.get("sentence_index") or 0), int(start or 0), record["id"])


def build_kind(record: Mapping[str, Any]) -> str:
    """Return the report's type for clustering: its PLOVER type, else its CAMEO code."""
    return record.get("event") or f"CAMEO {record.get('cameo')}"


def build_report(record: Mapping[str, Any], *, event_id: str | None = None) -> ClusterReport:
    """Return the clustering view of a stored report record (design record plus published and ingested_at)."""
    span = build_date_range(record.get("date"), record.get("date_precision") or "unknown")
    if span is None and record.get("published"):
        span = build_date_range(str(record["published"])[:10], "publication")
    return ClusterReport(
        id=record["id"], kind=build_kind(record), is_real=record.get("status") in REAL_STATUSES,
        historical=bool(record.get("historical")), start=span[0] if span else None,
        end=span[1] if span else None, actors=build_side(record.get("actor")),
        recipients=build_side(record.get("recipient")), place=build_place(record.get("location")),
        seen=build_seen(record), event_id=event_id,
        sentence=(record["article_id"], record.get("sentence_index")) if record.get("article_id") else None,
    )
