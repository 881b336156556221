"""Hand-built report records (the stored record's shape) for clustering tests."""

from __future__ import annotations

from typing import Any

from flashpoint.clustering import ClusterReport, build_report

BAGHDAD = {"text": "Baghdad", "name": "Baghdad", "country": "IRQ", "admin1": "Baghdad", "lat": 33.34, "lon": 44.40,
           "precision": 1}
BASRA = {"text": "Basra", "name": "Basra", "country": "IRQ", "admin1": "Basra", "lat": 30.51, "lon": 47.78,
         "precision": 1}
IRAQ = {"text": "Iraq", "name": "Iraq", "country": "IRQ", "lat": 33.0, "lon": 44.0, "precision": 3}


def party(country: str | None, sector: str | None = None, name: str | None = None) -> dict[str, Any]:
    """Return one actor entry of a record."""
    return {"text": name or country or "someone", "name": name, "country": country, "sector": sector}


def build_record(rid: str, *, event: str = "ASSAULT", actor=("IRN",), recipient=("USA",), date="2020-01-08",
                 precision="day", location=None, status="asserted", historical=False, article: str | None = None,
                 seen: str = "2020-01-08 10:00:00", published: str = "2020-01-08", sentence: int = 0,
                 **extra: Any) -> dict[str, Any]:
    """Return a report record with the given fields (actors given as country codes or party dicts)."""
    def side(values):
        return [v if isinstance(v, dict) else party(v) for v in values]
    return {"id": rid, "event_id": rid, "article_id": article or f"art-{rid}", "event": event, "cameo": "190",
            "status": status, "historical": historical, "actor": side(actor), "recipient": side(recipient),
            "date": date, "date_precision": precision, "location": location, "confidence": 0.8,
            "published": published, "ingested_at": seen, "sentence_index": sentence,
            "trigger": {"text": "hit", "span": [0, 3]}, "site": f"site-{rid}", **extra}


def build(rid: str, **fields: Any) -> ClusterReport:
    """Return the ClusterReport of a hand-built record."""
    return build_report(build_record(rid, **fields))
