"""flashpoint: news in, political event data (PLOVER v2 + CAMEO) out, stored and queryable.

Notebook API::

    import flashpoint
    events = flashpoint.code_text("Iran fired missiles at Ain al-Asad.", published="2020-01-08")
    frame = flashpoint.open("flashpoint.duckdb").events(actor="IRN", type="ASSAULT")
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

    def events(self, **filters):
        """Return events matching keyword filters (actor, recipient, type, status, since, until, article, limit)."""
        from .store import EventFilter

        return self.store.events(EventFilter(**filters))

    def records(self, **filters) -> list[dict]:
        """Return matching events as full design records (dicts)."""
        from .store import EventFilter

        return self.store.event_records(EventFilter(**filters))

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
