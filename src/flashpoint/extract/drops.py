"""The one way extraction turns a Document into a Dropped: a known code and a one-line reason naming the input."""

from __future__ import annotations

from flashpoint.errors import DROP_REASONS
from flashpoint.records import Document, Dropped


def drop_document(doc: Document, code: str, detail: str) -> Dropped:
    """Return the Dropped for ``doc`` with a known drop code; the detail starts with the input's locator."""
    if code not in DROP_REASONS:
        raise KeyError(f"unknown drop code {code!r}")
    return Dropped(source=doc.locator, code=code, detail=f"{doc.locator}: {detail}")
