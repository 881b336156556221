"""http(s) inputs against a real HTTP server on 127.0.0.1: pages, feeds, redirects, errors, timeouts, the size cap."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from flashpoint.extract import extract_article
from flashpoint.records import Article, Document, Dropped
from flashpoint.settings import Settings
from flashpoint.sources import read_documents
from flashpoint.sources.urls import MAX_REDIRECTS, is_url, read_url

SETTINGS = Settings(max_input_bytes=20_000)
SLOW_SECONDS = 1.5
SHORT_TIMEOUT = 0.3
STORY = (
    "<p>Thousands of supporters of the Shiite cleric gathered in central Baghdad on Friday to demand the "
    "withdrawal of American troops from Iraq, waving flags and chanting slogans against the United States.</p>"
    "<p>Organisers said the march was peaceful, and security forces closed the main bridges over the Tigris "
    "to keep the crowds away from the fortified zone that houses government buildings and embassies.</p>"
)
TEASER = "Supporters of the cleric march in Baghdad."


def page(title: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1>{STORY}</article><footer>© Example</footer></body></html>")


def feed(base: str) -> str:
    def item(title: str, link: str, content: str = "") -> str:
        encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
        return (f"<item><title>{title}</title><link>{base}{link}</link><pubDate>Fri, 24 Jan 2020 09:00:00 GMT"
                f"</pubDate><description>{TEASER}</description>{encoded}</item>")
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Local Wire</title><link>{base}/</link><description>d</description>"
            + item("Full item", "/unused", STORY * 3) + item("Teaser with page", "/march")
            + item("Teaser with dead link", "/missing") + "</channel></rss>")


class Handler(BaseHTTPRequestHandler):
    """Serves the test routes."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        base = f"http://127.0.0.1:{self.server.server_port}"
        routes = {
            "/article": (200, "text/html; charset=windows-1252", page("Cleric’s supporters march").encode("cp1252")),
            "/march": (200, "text/html", page("March in Baghdad").encode()),
            "/feed": (200, "application/rss+xml", feed(base).encode()),
            "/feed-as-xml": (200, "text/xml", feed(base).encode()),
            "/plain": (200, "text/plain; charset=utf-8", (" ".join([TEASER] * 10)).encode()),
            "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n" * 10),
        }
        if self.path in routes:
            self.reply(*routes[self.path])
        elif self.path == "/redirect":
            self.redirect("/article")
        elif self.path.startswith("/loop/"):
            self.redirect(f"/loop/{int(self.path.rsplit('/', 1)[1]) + 1}")
        elif self.path == "/slow":
            time.sleep(SLOW_SECONDS)
            self.reply(200, "text/html", page("Late").encode())
        elif self.path == "/big":
            self.stream_big()
        elif self.path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10 * SETTINGS.max_input_bytes))
            self.end_headers()
        else:
            self.reply(404, "text/html", b"<html><body>Not here</body></html>")

    def reply(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def stream_big(self) -> None:
        """Send a body with no Content-Length that grows past the cap (ends when the connection closes)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for _ in range(3 * SETTINGS.max_input_bytes // 1000):
                self.wfile.write(b"<p>" + b"x" * 993 + b"</p>\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def log_message(self, *args) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read(url: str, **kwargs) -> list:
    return list(read_url(url, settings=SETTINGS, **kwargs))


def assert_dropped(items: list, code: str, url: str, reason: str) -> Dropped:
    assert len(items) == 1 and isinstance(items[0], Dropped), items
    dropped = items[0]
    assert (dropped.code, dropped.source) == (code, url)
    assert dropped.detail.startswith(url) and reason in dropped.detail and "\n" not in dropped.detail
    return dropped


def test_is_url() -> None:
    assert is_url("https://example.org/a") and is_url(" HTTP://x") and not is_url("notes/http.md")


def test_html_page_uses_the_transport_charset_and_extracts(base: str) -> None:
    (doc,) = read(f"{base}/article")
    assert (doc.format, doc.source, doc.meta["url"]) == ("html", f"{base}/article", f"{base}/article")
    article = extract_article(doc, settings=SETTINGS)
    assert isinstance(article, Article) and article.title == "Cleric’s supporters march"
    assert article.text.startswith("Thousands of supporters") and "Home | World" not in article.text


def test_redirect_is_followed_and_a_loop_is_cut(base: str) -> None:
    (doc,) = read(f"{base}/redirect")
    assert doc.meta["url"] == f"{base}/article" and doc.source == f"{base}/redirect"
    assert_dropped(read(f"{base}/loop/0"), "D108", f"{base}/loop/0", f"more than {MAX_REDIRECTS} redirects")


def test_http_error_refused_and_timeout_are_unreachable(base: str) -> None:
    assert_dropped(read(f"{base}/missing"), "D108", f"{base}/missing", "HTTP 404")
    refused = f"http://127.0.0.1:{closed_port()}/story"
    assert_dropped(read(refused), "D108", refused, "cannot connect")
    started = time.monotonic()
    assert_dropped(read(f"{base}/slow", timeout=SHORT_TIMEOUT), "D108", f"{base}/slow", "timed out")
    assert time.monotonic() - started < SLOW_SECONDS


def test_size_cap_stops_reading(base: str) -> None:
    assert_dropped(read(f"{base}/big"), "D103", f"{base}/big", "stopped reading")
    assert_dropped(read(f"{base}/big-declared"), "D103", f"{base}/big-declared", "cap")


def test_content_type_dispatch_for_text_and_unsupported(base: str) -> None:
    (doc,) = read(f"{base}/plain")
    assert doc.format == "text" and doc.text.startswith(TEASER)
    assert_dropped(read(f"{base}/image"), "D107", f"{base}/image", "image/png")


@pytest.mark.parametrize("route", ["/feed", "/feed-as-xml"])
def test_feed_url_items_fetch_teaser_pages_and_keep_summaries_when_links_fail(base: str, route: str) -> None:
    full, fetched, dead = read(f"{base}{route}")
    assert all(isinstance(d, Document) for d in (full, fetched, dead))
    assert [d.locator for d in (full, fetched, dead)] == [f"{base}{route}#{i}" for i in range(3)]
    assert "March in Baghdad" in fetched.text and fetched.meta["title"] == "Teaser with page"
    assert TEASER in dead.text and "Not here" not in dead.text
    assert {d.meta["source"] for d in (full, fetched, dead)} == {"Local Wire"}
    (offline_teaser,) = [d for d in read(f"{base}{route}", fetch_links=False) if d.meta["title"] == "Teaser with page"]
    assert TEASER in offline_teaser.text and "March in Baghdad" not in offline_teaser.text


def test_read_documents_mixes_urls_and_files(base: str, tmp_path: Path) -> None:
    feed_file = tmp_path / "saved.rss"
    feed_file.write_text(feed(base), encoding="utf-8")
    items = list(read_documents([f"{base}/article", str(feed_file), f"{base}/missing"], settings=SETTINGS))
    assert [getattr(i, "locator", i.source) for i in items] == [
        f"{base}/article", f"{feed_file}#0", f"{feed_file}#1", f"{feed_file}#2", f"{base}/missing"]
    assert "March in Baghdad" in items[2].text and isinstance(items[-1], Dropped) and items[-1].code == "D108"
