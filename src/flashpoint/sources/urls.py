"""http(s) URLs (httpx): the only network use. Timeouts, at most MAX_REDIRECTS redirects, a size cap.

A page is dispatched on its content type: HTML becomes one html Document, RSS/Atom becomes one
Document per item (teaser items fetch their linked pages here too), plain text a text Document.
Offline, DNS failure, refused connection, timeout and HTTP errors give one D108 naming the URL.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Iterator

import httpx

from ..records import Document, Dropped
from ..settings import Settings
from .feeds import parse_feed, read_feed_file
from .html import make_html_document

CONNECT_TIMEOUT_S = 5.0
# Per-read timeout, and a total budget so a server trickling bytes cannot hold a run forever.
READ_TIMEOUT_S = 15.0
TOTAL_TIMEOUT_S = 60.0
MAX_REDIRECTS = 5
USER_AGENT = "flashpoint (news event coder)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
# Types that say little (generic XML, downloads, none): look at the first bytes instead.
SNIFF_BYTES = 1024
FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
HTML_MARKERS = (b"<!doctype html", b"<html")


@dataclass(frozen=True)
class Fetched:
    """A fetched response body with its final URL (after redirects) and declared content type."""

    url: str
    content_type: str
    charset: str | None
    data: bytes


def is_url(text: str) -> bool:
    """Return True for an http:// or https:// address."""
    return text.strip().lower().startswith(("http://", "https://"))


def read_url(url: str, *, settings: Settings, fetch_links: bool | None = None,
             timeout: float | None = None) -> Iterator[Document | Dropped]:
    """Yield the Documents behind a URL (a page, or a feed's items), or one Dropped saying why not."""
    fetch_links = settings.fetch_links if fetch_links is None else fetch_links
    timeout = settings.http_timeout if timeout is None else timeout
    fetched = fetch_url(url, settings=settings, timeout=timeout)
    if isinstance(fetched, Dropped):
        yield fetched
        return
    kind = classify_content(fetched)
    if kind == "feed":
        fetcher = partial(fetch_page, settings=settings, timeout=timeout) if fetch_links else None
        yield from parse_feed(fetched.data, source=url, fetch_page=fetcher)
    else:
        yield make_url_document(url, fetched, kind)


def read_feed_file_with_links(path: Path, *, settings: Settings) -> Iterator[Document | Dropped]:
    """Yield a feed file's items, fetching the linked page of items that carry only a teaser (if settings allow)."""
    fetcher = partial(fetch_page, settings=settings, timeout=settings.http_timeout) if settings.fetch_links else None
    yield from read_feed_file(path, settings=settings, fetch_page=fetcher)


def fetch_page(url: str, *, settings: Settings, timeout: float = READ_TIMEOUT_S) -> Document | Dropped:
    """Return the html Document for a web page URL (a feed item's link), or a Dropped."""
    fetched = fetch_url(url, settings=settings, timeout=timeout)
    if isinstance(fetched, Dropped):
        return fetched
    return make_url_document(url, fetched, classify_content(fetched))


def make_url_document(url: str, fetched: Fetched, kind: str) -> Document | Dropped:
    """Return a Document for a fetched page of the given kind, or D107 for a content type we cannot read."""
    meta = {"url": fetched.url}
    if kind == "html":
        return make_html_document(fetched.data, source=url, declared=fetched.charset, meta=meta)
    if kind == "text":
        text = fetched.data.decode(fetched.charset or "utf-8", errors="replace")
        return Document(source=url, text=text, format="text", meta=meta)
    return Dropped(url, "D107", f"{url}: unsupported content type {fetched.content_type or '(none)'!r}")


def classify_content(fetched: Fetched) -> str:
    """Return "html", "feed", "text" or "other" from the content type, sniffing the body when it is vague."""
    if fetched.content_type in HTML_TYPES:
        return "html"
    if fetched.content_type in FEED_TYPES:
        return "feed"
    head = fetched.data[:SNIFF_BYTES].lower()
    if any(marker in head for marker in FEED_MARKERS):
        return "feed"
    if any(marker in head for marker in HTML_MARKERS):
        return "html"
    return "text" if fetched.content_type == "text/plain" else "other"


def fetch_url(url: str, *, settings: Settings, timeout: float = READ_TIMEOUT_S) -> Fetched | Dropped:
    """Return the body of a GET (redirects followed, size capped), or a Dropped naming the URL and reason."""
    limits = httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT_S, timeout))
    try:
        with httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=limits,
                          headers={"User-Agent": USER_AGENT}) as client:
            with client.stream("GET", url) as response:
                return read_response(url, response, settings=settings)
    except httpx.TooManyRedirects:
        return unreachable(url, f"more than {MAX_REDIRECTS} redirects")
    except httpx.TimeoutException:
        return unreachable(url, f"timed out after {timeout:g}s")
    except httpx.ConnectError as exc:
        return unreachable(url, f"cannot connect: {exc}")
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return unreachable(url, f"{type(exc).__name__}: {exc}")


def read_response(url: str, response: httpx.Response, *, settings: Settings) -> Fetched | Dropped:
    """Return a Fetched for a successful streamed response, or a Dropped for an HTTP error or oversize body."""
    if response.status_code >= 400:
        return unreachable(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
    cap = settings.max_input_bytes
    declared = int(response.headers.get("content-length") or 0)
    if declared > cap:
        return Dropped(url, "D103", f"{url}: {declared} bytes is over the {cap}-byte cap")
    data = read_capped_body(response, cap=cap)
    if data is None:
        return Dropped(url, "D103", f"{url}: body is over the {cap}-byte cap; stopped reading")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return Fetched(url=str(response.url), content_type=content_type, charset=response.charset_encoding, data=data)


def read_capped_body(response: httpx.Response, *, cap: int) -> bytes | None:
    """Return the streamed body, or None as soon as it grows past cap bytes or the total time budget."""
    chunks: list[bytes] = []
    size = 0
    started = time.monotonic()
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            return None
        if time.monotonic() - started > TOTAL_TIMEOUT_S:
            raise httpx.ReadTimeout("total time budget exceeded")
        chunks.append(chunk)
    return b"".join(chunks)


def unreachable(url: str, reason: str) -> Dropped:
    """Return the D108 Dropped for a URL that could not be fetched, with a one-line reason."""
    line = " ".join(reason.split())
    return Dropped(url, "D108", f"{url}: unreachable ({line}); check the address and the network")
