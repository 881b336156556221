"""Read files and folders (recursively) and URLs into Documents: text formats here, the rest by READER_BY_FORMAT."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..records import Document, Dropped
from ..settings import Settings
from .decoding import decode_document
from .html import read_html_file
from .urls import is_url, read_feed_file_with_links, read_url
from .warc import read_warc_file

FORMAT_BY_SUFFIX: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}
# Formats whose files hold bytes to decode or several items: each reader yields Documents and Dropped.
READER_BY_FORMAT = {
    "html": read_html_file,
    "feed": read_feed_file_with_links,
    "warc": read_warc_file,
}
JSONL_META_KEYS = ("title", "author", "date", "url", "source", "site", "id")


def store_files(db: str) -> frozenset[Path]:
    """Return the event store's own files (the DuckDB file and its WAL), which are never inputs."""
    path = Path(db).resolve()
    return frozenset({path, path.with_name(path.name + ".wal")})


def iter_input_files(paths: list[str], *, exclude: frozenset[Path] = frozenset()) -> Iterator[Path | Dropped]:
    """Yield every file under the given paths (folders recursively, sorted), or a Dropped for a missing path."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*")
                              if p.is_file() and not p.name.startswith(".") and p.resolve() not in exclude)
        elif path.is_file():
            yield path
        else:
            yield Dropped(str(path), "D106", f"{path}: no such file or folder")


def read_documents(paths: list[str], *, settings: Settings) -> Iterator[Document | Dropped]:
    """Yield a Document per file, record, feed item or page (paths may be URLs), or a Dropped naming the problem."""
    for raw in paths:
        if is_url(raw):
            yield from read_url(raw.strip(), settings=settings)
        else:
            yield from read_path_documents(raw, settings=settings, exclude=store_files(settings.db))


def read_path_documents(raw: str, *, settings: Settings,
                        exclude: frozenset[Path] = frozenset()) -> Iterator[Document | Dropped]:
    """Yield the Documents (or Dropped) of one file or folder argument, skipping the ``exclude`` files."""
    for item in iter_input_files([raw], exclude=exclude):
        if isinstance(item, Dropped):
            yield item
            continue
        fmt = FORMAT_BY_SUFFIX.get("".join(item.suffixes[-2:]).lower()) or FORMAT_BY_SUFFIX.get(item.suffix.lower())
        if fmt is None:
            yield Dropped(str(item), "D107", f"{item}: unsupported file type {item.suffix or '(none)'!r}")
            continue
        if fmt in READER_BY_FORMAT:
            yield from READER_BY_FORMAT[fmt](item, settings=settings)
            continue
        if fmt == "jsonl":
            yield from read_jsonl_file(item, settings=settings)
            continue
        text = read_text_file(item, settings=settings)
        yield text if isinstance(text, Dropped) else Document(source=str(item), text=text, format=fmt)


def read_text_file(path: Path, *, settings: Settings) -> str | Dropped:
    """Return the file's text (BOM, UTF-8, mixed or legacy encodings), or a Dropped saying why it cannot be used."""
    try:
        size = path.stat().st_size
        if size > settings.max_input_bytes:
            return Dropped(str(path), "D103", f"{path}: {size} bytes is over the {settings.max_input_bytes}-byte cap; "
                                              "split the file or raise --max-input-bytes")
        data = path.read_bytes()
    except OSError as exc:
        return Dropped(str(path), "D106", f"{path}: cannot read ({exc.strerror or exc})")
    if not data.strip():
        return Dropped(str(path), "D101", f"{path}: file is empty")
    return decode_document(data, source=str(path))


def read_jsonl_file(path: Path, *, settings: Settings) -> Iterator[Document | Dropped]:
    """Yield the records of a JSON Lines file, streamed line by line: the size cap applies to each record."""
    try:
        with path.open("rb") as handle:
            for index, raw in enumerate(handle):
                yield from parse_jsonl_line(str(path), index, raw, settings=settings)
    except OSError as exc:
        yield Dropped(str(path), "D106", f"{path}: cannot read ({exc.strerror or exc})")


def parse_jsonl_line(source: str, index: int, raw: bytes, *, settings: Settings) -> Iterator[Document | Dropped]:
    """Yield the Document of one JSON Lines record, or a Dropped naming the line and the problem."""
    locator = f"{source}#{index}"
    if len(raw) > settings.max_input_bytes:
        yield Dropped(locator, "D103", f"{locator}: {len(raw)} bytes is over the {settings.max_input_bytes}-byte "
                                       "cap for one record; raise --max-input-bytes")
        return
    text = decode_document(raw, source=locator)
    if isinstance(text, Dropped):
        yield text
    elif text.strip():
        yield parse_record(source, index, text)


def parse_record(source: str, index: int, line: str) -> Document | Dropped:
    """Return the Document of one JSON Lines record, or a Dropped naming the line and what is wrong with it."""
    locator = f"{source}#{index}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Dropped(locator, "D201", f"{locator}: not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return Dropped(locator, "D201", f"{locator}: a record must be a JSON object, got {type(record).__name__}")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return Dropped(locator, "D202", f"{locator}: no non-empty 'text' field")
    meta = {k: record[k] for k in JSONL_META_KEYS if isinstance(record.get(k), str)}
    return Document(source=source, text=body, format="jsonl", meta=meta, record=index)
