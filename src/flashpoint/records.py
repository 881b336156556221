"""Frozen records that cross stage boundaries: Document -> Article -> Event.

The Event record is the contract every stage, export and test speaks (docs/event_schema.md).
Fields that later stages fill (event_id, location, historical, attribution, imported-event
provenance) exist from the start so the schema never needs a rewrite.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

Span = tuple[int, int]

STATUSES = ("asserted", "negated", "future", "hypothetical")
DATE_PRECISIONS = ("day", "month", "year", "publication", "unknown")


def record_dict(record: Any) -> dict[str, Any]:
    """Return a frozen record as a JSON-ready dict, with its span tuple as a list."""
    values = asdict(record)
    if "span" in values:
        values["span"] = list(values["span"]) if values["span"] else None
    return values


def hash_text(*parts: str, length: int = 16) -> str:
    """Return a short, stable sha256 hex digest of the joined parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True)
class Document:
    """One raw input item: a file, or one record of a JSON Lines file, before extraction."""

    source: str
    text: str
    format: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    record: int | None = None

    @property
    def locator(self) -> str:
        """Return the source path, with ``#N`` for the Nth record of a multi-record file."""
        return self.source if self.record is None else f"{self.source}#{self.record}"


# The host of an http(s) URL; store/queries.py's SITE_KEY_SQL applies the same pattern.
URL_HOST = re.compile(r"^https?://([^/:?#]+)", re.IGNORECASE)


def url_host(url: str | None) -> str | None:
    """Return the lower-cased host of an http(s) URL, or None."""
    match = URL_HOST.match((url or "").strip())
    return match.group(1).lower() if match else None


@dataclass(frozen=True)
class Article:
    """A cleaned article with metadata; ``id`` is the content hash of ``text``."""

    id: str
    text: str
    source: str
    format: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    site: str | None = None
    tags: tuple[str, ...] = ()
    language: str | None = "en"

    def to_dict(self) -> dict[str, Any]:
        """Return the article as a JSON-ready dict."""
        record = asdict(self)
        record["tags"] = list(self.tags)
        return record

    @property
    def site_key(self) -> str | None:
        """Return the site this article speaks for: its site name, else its URL's host (the store's
        SITE_KEY_SQL is the same rule), else None."""
        return self.site or url_host(self.url)


@dataclass(frozen=True)
class Dropped:
    """An input that produced no article, with a stable drop code and a one-line reason."""

    source: str
    code: str
    detail: str

    @property
    def id(self) -> str:
        """Return a stable id for the dropped input (hash of its locator)."""
        return "drop-" + hash_text(self.source)


@dataclass(frozen=True)
class Actor:
    """One actor or recipient: surface text plus its resolved codes."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the actor as a JSON-ready dict."""
        return record_dict(self)


@dataclass(frozen=True)
class Place:
    """Where an event happened, with precision 1 place, 2 region, 3 country."""

    text: str
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: int | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the place as a JSON-ready dict."""
        return record_dict(self)


@dataclass(frozen=True)
class Attribution:
    """Who says an event happened, and with which reporting cue."""

    source: str
    cue: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the attribution as a JSON-ready dict."""
        return record_dict(self)


@dataclass(frozen=True)
class Evidence:
    """A piece of text that a field was coded from: the words and their character span."""

    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        """Return the evidence as a JSON-ready dict."""
        return record_dict(self)


@dataclass(frozen=True)
class Event:
    """One coded report of an event (PLOVER v2 + CAMEO + flashpoint's extensions)."""

    id: str
    article_id: str | None
    event: str | None
    cameo: str
    cameo_root: str
    goldstein: float | None
    quad_class: int
    status: str
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    trigger: Evidence
    sentence: str
    sentence_index: int
    confidence: float
    coder: str
    model: str | None
    event_id: str | None = None
    mode: str | None = None
    context: tuple[str, ...] = ()
    quad_rule: str = "gdelt"
    historical: bool = False
    attribution: Attribution | None = None
    date: str | None = None
    end_date: str | None = None
    date_precision: str = "unknown"
    location: Place | None = None
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    weapon: Evidence | None = None
    source_dataset: str | None = None
    source_id: str | None = None
    pattern: str | None = None
    acled: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the design's JSON event record (one line of ``--format jsonl``)."""
        return {
            "id": self.id,
            "event_id": self.event_id or self.id,
            "article_id": self.article_id,
            "source_dataset": self.source_dataset,
            "source_id": self.source_id,
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "acled": self.acled,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "quad_rule": self.quad_rule,
            "status": self.status,
            "historical": self.historical,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [r.to_dict() for r in self.recipient],
            "date": self.date,
            "end_date": self.end_date,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "dead": self.dead,
            "injured": self.injured,
            "arrested": self.arrested,
            "weapon": self.weapon.to_dict() if self.weapon else None,
            "trigger": self.trigger.to_dict(),
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "confidence": self.confidence,
            "coder": self.coder,
            "model": self.model,
            "pattern": self.pattern,
        }


EVENT_FIELDS: tuple[str, ...] = tuple(
    Event(
        id="", article_id=None, event=None, cameo="", cameo_root="", goldstein=None, quad_class=0,
        status="asserted", actor=(), recipient=(), trigger=Evidence("", (0, 0)), sentence="",
        sentence_index=0, confidence=0.0, coder="", model=None,
    ).to_dict()
)
