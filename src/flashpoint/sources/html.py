"""Saved web pages (.html/.htm): bytes decoded as a browser would, one "html" Document per file."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..records import Document, Dropped
from ..settings import Settings
from .decoding import decode_document, read_capped_bytes

HTML_FORMAT = "html"


def read_html_file(path: Path, *, settings: Settings) -> Iterator[Document | Dropped]:
    """Yield one html Document for a saved page, or a Dropped saying why it cannot be used."""
    data = read_capped_bytes(path, settings=settings)
    if isinstance(data, Dropped):
        yield data
        return
    yield make_html_document(data, source=str(path))


def make_html_document(data: bytes, *, source: str, declared: str | None = None,
                       meta: dict[str, str] | None = None, record: int | None = None) -> Document | Dropped:
    """Return an html Document for a page's bytes (with its declared charset, if any), or a Dropped."""
    text = decode_document(data, source=source if record is None else f"{source}#{record}", declared=declared)
    if isinstance(text, Dropped):
        return text
    return Document(source=source, text=text, format=HTML_FORMAT, meta=meta or {}, record=record)
