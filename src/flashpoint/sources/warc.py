"""Web archives (.warc, .warc.gz) through warcio: one html Document per HTML page fetched with HTTP 200.

Only `response` records hold fetched pages; request, warcinfo, metadata and revisit records are
bookkeeping and are passed over silently. A response that is not an HTML 200 (an image, a redirect,
a 404) is dropped with D206. A truncated or corrupt archive keeps the records read so far and ends
with one D207 for the rest. Records are numbered in archive order, so a locator is ``file.warc#N``.
The size cap (max_input_bytes) applies to each page, not to the archive, which is streamed.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..records import Dropped, Document
from ..settings import Settings
from .html import make_html_document

ARTICLE_RECORD = "response"
HTML_TYPES = ("text/html", "application/xhtml+xml")
OK_STATUS = "200"
DRAIN_BYTES = 65536
TAIL_SNIFF_BYTES = 4096
GZIP_MAGIC = b"\x1f\x8b"
GZIP_WBITS = zlib.MAX_WBITS | 16
RECORD_TERMINATOR = b"\r\n\r\n"
# A damaged archive makes warcio raise many kinds of error (ArchiveLoadFailed on bad headers, zlib.error on a
# cut gzip member, AttributeError on a header line cut in half): any of them ends the file with D207.
DAMAGE_ERRORS = (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError, AttributeError, KeyError,
                 IndexError, TypeError)


def read_warc_file(path: Path, *, settings: Settings) -> Iterator[Document | Dropped]:
    """Yield a Document per HTML 200 response in a WARC file, a Dropped per other response, D207 on damage."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield Dropped(str(path), "D106", f"{path}: cannot read ({exc.strerror or exc})")
        return
    with stream:
        yield from iterate_warc(stream, path=path, settings=settings)


def iterate_warc(stream: BinaryIO, *, path: Path, settings: Settings) -> Iterator[Document | Dropped]:
    """Yield the items of an open WARC stream, ending with D207 when the archive stops inside a record."""
    index, record = -1, None
    iterator = ArchiveIterator(stream)
    try:
        for index, record in enumerate(iterator):
            if record.rec_type is None or record.length is None:
                # A record header cut short parses as a record with no WARC-Type or no Content-Length.
                yield damaged(path, index, "a record header is incomplete")
                return
            if record.rec_type != ARTICLE_RECORD:
                continue
            item = read_response_record(record, source=str(path), index=index, settings=settings)
            # Only a page read in full can be judged here; drained records are checked after the loop.
            if isinstance(item, Document) and is_cut_short(record):
                yield damaged(path, index, "the record ends before its declared length")
                return
            yield item
    except DAMAGE_ERRORS as exc:
        yield damaged(path, index + 1, " ".join(str(exc).split())[:160] or type(exc).__name__)
        return
    if record is None and not has_unread_bytes(stream, iterator):
        yield Dropped(str(path), "D101", f"{path}: archive holds no WARC records")
    elif record is None or not is_cleanly_ended(stream, iterator, record):
        yield damaged(path, index + 1, "the archive ends inside a record")


def is_cleanly_ended(stream: BinaryIO, iterator: ArchiveIterator, record: Any) -> bool:
    """Return True when the last record is whole and nothing but blank lines follows it."""
    if is_cut_short(record) or has_unread_bytes(stream, iterator):
        return False
    stream.seek(0)
    if stream.read(len(GZIP_MAGIC)) == GZIP_MAGIC:
        offset = (getattr(iterator, "member_info", None) or (0, 0))[0]
        return is_gzip_member_complete(stream, offset)
    return has_record_terminator(stream)


def is_gzip_member_complete(stream: BinaryIO, offset: int) -> bool:
    """Return True when the gzip member starting at offset decompresses to its end (warcio ignores a cut one)."""
    stream.seek(offset)
    decompressor = zlib.decompressobj(GZIP_WBITS)
    while not decompressor.eof:
        chunk = stream.read(DRAIN_BYTES)
        if not chunk:
            return False
        decompressor.decompress(chunk, DRAIN_BYTES)
        while decompressor.unconsumed_tail and not decompressor.eof:
            decompressor.decompress(decompressor.unconsumed_tail, DRAIN_BYTES)
    return True


def has_record_terminator(stream: BinaryIO) -> bool:
    """Return True when an uncompressed archive ends with the blank lines that close every record."""
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(max(0, size - len(RECORD_TERMINATOR)))
    return stream.read().replace(b"\r", b"").endswith(b"\n\n")


def has_unread_bytes(stream: BinaryIO, iterator: ArchiveIterator) -> bool:
    """Return True when non-blank bytes follow the last complete record (warcio stops quietly at a cut record)."""
    offset, length = getattr(iterator, "member_info", None) or (0, 0)
    stream.seek(offset + length)
    return bool(stream.read(TAIL_SNIFF_BYTES).strip())


def is_cut_short(record: Any) -> bool:
    """Return True when a record, read to its end, delivered fewer bytes than its Content-Length."""
    while record.raw_stream.read(DRAIN_BYTES):
        pass
    return getattr(record.raw_stream, "limit", 0) > 0


def read_response_record(record: Any, *, source: str, index: int, settings: Settings) -> Document | Dropped:
    """Return the html Document for one response record, or a Dropped saying why it is not an article."""
    locator = f"{source}#{index}"
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    status, content_type, charset = read_http_headers(record)
    if status != OK_STATUS or content_type not in HTML_TYPES:
        reason = f"HTTP {status or '?'} {content_type or '(no content type)'}"
        return Dropped(locator, "D206", f"{locator} ({url}): {reason}, not an HTML page")
    data = record.content_stream().read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        return Dropped(locator, "D103", f"{locator} ({url}): page is over the {settings.max_input_bytes}-byte cap")
    if not data.strip():
        return Dropped(locator, "D101", f"{locator} ({url}): empty page")
    meta = {"url": url, "fallback_date": (record.rec_headers.get_header("WARC-Date") or "")[:10]}
    return make_html_document(data, source=source, declared=charset, record=index,
                              meta={k: v for k, v in meta.items() if v})


def read_http_headers(record: Any) -> tuple[str | None, str | None, str | None]:
    """Return a response record's HTTP status code, media type and declared charset (None when absent)."""
    headers = record.http_headers
    if headers is None:
        return None, None, None
    value = headers.get_header("Content-Type") or ""
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, found = param.partition("=")
        if key.strip().lower() == "charset":
            charset = found.strip().strip("\"'") or None
    return headers.get_statuscode(), media_type.strip().lower() or None, charset


def damaged(path: Path, next_index: int, reason: str) -> Dropped:
    """Return the D207 Dropped for the unread rest of a truncated or corrupt archive."""
    return Dropped(f"{path}#{next_index}", "D207",
                   f"{path}: archive is truncated or corrupt from record {next_index} on ({reason})")
