"""RSS and Atom feeds (feedparser): every item becomes a Document; teaser items can pull their linked page.

The feed parser never touches the network itself: a caller that allows fetching passes ``fetch_page``
(sources.urls.fetch_page), and a caller that does not (offline runs, tests) passes None. When a fetch
fails the item keeps its summary; nothing about a failed fetch is fatal.
"""

from __future__ import annotations

import html
import io
import re
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterator

import feedparser

from ..records import Document, Dropped
from ..settings import Settings
from .decoding import read_capped_bytes

FetchPage = Callable[[str], "Document | Dropped"]
# An item with less text than this is a teaser (headline + a sentence or two); its link holds the article.
TEASER_MAX_CHARS = 600
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Only used to measure how much text an item carries, never to produce article text.
TAG = re.compile(r"<[^>]+>")


def read_feed_file(path: Path, *, settings: Settings,
                   fetch_page: FetchPage | None = None) -> Iterator[Document | Dropped]:
    """Yield a Document per item of an RSS/Atom file, or a Dropped for an unusable file."""
    data = read_capped_bytes(path, settings=settings)
    if isinstance(data, Dropped):
        yield data
        return
    yield from parse_feed(data, source=str(path), fetch_page=fetch_page)


def parse_feed(data: bytes, *, source: str, fetch_page: FetchPage | None = None) -> Iterator[Document | Dropped]:
    """Yield a Document (or Dropped) per feed item; a feed that cannot be parsed gives one D205."""
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.bozo:
            reason = str(parsed.get("bozo_exception", "not RSS or Atom")).splitlines()[0][:120]
            yield Dropped(source, "D205", f"{source}: not a readable RSS/Atom feed ({reason})")
        else:
            yield Dropped(source, "D101", f"{source}: feed has no items")
        return
    feed_title = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries):
        yield make_item_document(entry, source=source, index=index, feed_title=feed_title, fetch_page=fetch_page)


def make_item_document(entry: Any, *, source: str, index: int, feed_title: str | None,
                       fetch_page: FetchPage | None) -> Document | Dropped:
    """Return the Document for one feed item: its own content, or its linked page when it is a teaser."""
    meta = read_item_meta(entry, feed_title)
    body, is_html = read_item_body(entry)
    link = meta.get("url")
    if fetch_page is not None and link and len(plain_text(body, is_html)) < TEASER_MAX_CHARS:
        page = fetch_page(link)
        if isinstance(page, Document):
            return replace(page, source=source, record=index, meta={**page.meta, **meta})
    if not body.strip():
        return Dropped(f"{source}#{index}", "D101", f"{source}#{index}: feed item has no text and no reachable link")
    if is_html:
        text = wrap_item_html(meta.get("title"), body)
        return Document(source=source, text=text, format="html", meta=meta, record=index)
    return Document(source=source, text=body, format="text", meta=meta, record=index)


def read_item_meta(entry: Any, feed_title: str | None) -> dict[str, Any]:
    """Return title, author, ISO date, url, source (the feed's title) and category tags for one item."""
    parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
    meta = {
        "title": entry.get("title"),
        "author": entry.get("author"),
        "date": time.strftime("%Y-%m-%d", parsed_time) if parsed_time else None,
        "url": entry.get("link") if is_web_link(entry.get("link")) else None,
        "source": feed_title,
    }
    found: dict[str, Any] = {k: v.strip() for k, v in meta.items() if isinstance(v, str) and v.strip()}
    tags = tuple(t.get("term").strip() for t in entry.get("tags") or [] if (t.get("term") or "").strip())
    if tags:
        found["tags"] = tags
    return found


def is_web_link(link: Any) -> bool:
    """Return True for an http(s) link (feedparser also offers ids such as "urn:..." as links)."""
    return isinstance(link, str) and link.strip().lower().startswith(("http://", "https://"))


def read_item_body(entry: Any) -> tuple[str, bool]:
    """Return the item's fullest text (content, else summary) and whether it is HTML."""
    candidates = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    detail = entry.get("summary_detail") or {}
    candidates.append((entry.get("summary") or "", detail.get("type") or "text/html"))
    value, kind = max(candidates, key=lambda candidate: len(candidate[0]))
    return value, kind in HTML_TYPES


def plain_text(body: str, is_html: bool) -> str:
    """Return the item's text without markup, to judge whether it is only a teaser."""
    text = html.unescape(TAG.sub(" ", body)) if is_html else body
    return " ".join(text.split())


def wrap_item_html(title: str | None, body: str) -> str:
    """Return an item's HTML fragment as a small page, so the HTML extractor sees its title and body."""
    head = f"<title>{html.escape(title)}</title>" if title else ""
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"
