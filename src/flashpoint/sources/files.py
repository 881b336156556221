"""Read files and folders (recursively) and URLs into Documents: text formats here, the rest by READER_BY_FORMAT."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..records import Document, Dropped
from ..settings import Settings
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
JSONL_META_KEYS = ("title", "author", "date", "url", "source", "id")
# Bytes sniffed for NUL to call a file binary; text files never contain NUL.
BINARY_SNIFF_BYTES = 8192


def iter_input_files(paths: list[str]) -> Iterator[Path | Dropped]:
    """Yield every file under the given paths (folders recursively, sorted), or a Dropped for a missing path."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
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
            yield from read_path_documents(raw, settings=settings)


def read_path_documents(raw: str, *, settings: Settings) -> Iterator[Document | Dropped]:
    """Yield the Documents (or Dropped) of one file or folder argument."""
    for item in iter_input_files([raw]):
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
        text = read_text_file(item, settings=settings)
        if isinstance(text, Dropped):
            yield text
        elif fmt == "jsonl":
            yield from parse_jsonl(str(item), text)
        else:
            yield Document(source=str(item), text=text, format=fmt)


def read_text_file(path: Path, *, settings: Settings) -> str | Dropped:
    """Return the file's text decoded as UTF-8, or a Dropped saying why it cannot be used."""
    try:
        size = path.stat().st_size
        if size > settings.max_input_bytes:
            return Dropped(str(path), "D103", f"{path}: {size} bytes is over the {settings.max_input_bytes}-byte cap")
        data = path.read_bytes()
    except OSError as exc:
        return Dropped(str(path), "D106", f"{path}: cannot read ({exc.strerror or exc})")
    if not data.strip():
        return Dropped(str(path), "D101", f"{path}: file is empty")
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return Dropped(str(path), "D104", f"{path}: looks binary (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Dropped(str(path), "D105", f"{path}: not valid UTF-8 at byte {exc.start}")


def parse_jsonl(source: str, text: str) -> Iterator[Document | Dropped]:
    """Yield one Document per JSON Lines record; a bad line becomes a Dropped and the rest go on."""
    for index, line in enumerate(text.splitlines()):
        if not line.strip():
            continue
        locator = f"{source}#{index}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Dropped(locator, "D201", f"{locator}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield Dropped(locator, "D201", f"{locator}: a record must be a JSON object, got {type(record).__name__}")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Dropped(locator, "D202", f"{locator}: no non-empty 'text' field")
            continue
        meta = {k: record[k] for k in JSONL_META_KEYS if isinstance(record.get(k), str)}
        yield Document(source=source, text=body, format="jsonl", meta=meta, record=index)
