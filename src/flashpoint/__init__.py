"""flashpoint: news in, political event data (PLOVER v2 + CAMEO) out, stored and queryable.

Notebook API::

    import flashpoint
    events = flashpoint.code_text("Iran fired missiles at Ain al-Asad.", published="2020-01-08")
    frame = flashpoint.open("flashpoint.duckdb").events(actor="IRN", type="ASSAULT")  # one row per event
    reports = flashpoint.open("flashpoint.duckdb").events(unit="reports", actor="IRN")  # one row per report
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .records import Event


def code_text(text: str, published: str | None = None, *, model: str | None = None) -> "list[Event]":
    """Return the events coded from one text, dated against ``published`` (ISO date); nothing is stored."""
    from .pipeline import code_text as run_code_text
    from .settings import Settings

    settings = Settings() if model is None else Settings(model=model)
    return run_code_text(text, published=published, settings=settings)


def open(db_path: str = "flashpoint.duckdb", *, read_only: bool = True) -> "EventStoreView":  # noqa: A001
    """Return a read view of an event store: ``.events(**filters)`` gives a pandas DataFrame."""
    return EventStoreView(db_path, read_only=read_only)


class EventStoreView:
    """A notebook-friendly handle on a store: events and articles as DataFrames."""

    def __init__(self, db_path: str, *, read_only: bool = True) -> None:
        from .store import open_store

        self.store = open_store(db_path, read_only=read_only)

    def events(self, unit: str = "events", **filters):
        """Return matching events as a DataFrame: one row per real-world event (unit "events", its reports merged)
        or per coded report (unit "reports"); keyword filters: actor, recipient, type, status, since, until,
        article, cameo_root, limit (a report filter; an event is listed when any of its reports matches)."""
        import pandas

        from .clustering.summary import FRAME_COLUMNS, flatten_event
        from .pipeline import query_events
        from .store import EventFilter

        if unit == "reports":
            return self.store.events(EventFilter(**filters))
        records = query_events(self.store, EventFilter(**filters), unit=unit)
        return pandas.DataFrame([flatten_event(r) for r in records], columns=list(FRAME_COLUMNS))

    def event(self, event_id: str) -> list[dict]:
        """Return the reports of one real-world event (by its id, a report id, or a prefix), with why each joined."""
        return self.store.event_reports(event_id)

    def records(self, unit: str = "reports", **filters) -> list[dict]:
        """Return matching events as full records (dicts): design records per report (unit "reports", the
        default), or event-level records with their report ids (unit "events")."""
        from .pipeline import query_events
        from .store import EventFilter

        return query_events(self.store, EventFilter(**filters), unit=unit)

    def articles(self, *, include_dropped: bool = True):
        """Return the stored articles (and dropped inputs) as a DataFrame."""
        return self.store.articles(include_dropped=include_dropped)

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> "EventStoreView":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
