"""WARC and WARC.gz written with warcio: HTML 200 responses become Documents; other records, damage and junk."""

from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flashpoint.extract import extract_article
from flashpoint.records import Article, Document, Dropped
from flashpoint.settings import Settings
from flashpoint.sources import read_documents

SETTINGS = Settings(max_input_bytes=50_000)
CAPTURE_DATE = "2020-06-20T12:00:00Z"
STORY = (
    "<p>Two Iraqi border guard officers were killed when a Turkish drone struck their vehicle in the Sidakan "
    "district of the Kurdistan region on Tuesday, the Iraqi defence ministry said in a statement.</p>"
    "<p>Baghdad cancelled a planned visit by the Turkish defence minister in protest and summoned the Turkish "
    "ambassador for the second time this summer, demanding an end to cross-border operations.</p>"
)


def html_page(title: str, *, charset: str = "utf-8") -> bytes:
    return (f'<html><head><meta charset="{charset}"><title>{title}</title></head><body><nav>Home | World</nav>'
            f"<article><h1>{title}</h1>{STORY}</article><footer>Contact us</footer></body></html>").encode(charset)


def write_record(writer: WARCWriter, url: str, body: bytes, *, status: str = "200 OK",
                 content_type: str = "text/html; charset=utf-8", rec_type: str = "response") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, rec_type, payload=BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": CAPTURE_DATE})
    writer.write_record(record)


def write_warc(path: Path, *, gzip: bool) -> Path:
    """Write an archive: warcinfo, request + page, image, 404, redirect, a windows-1252 page (records 0-6)."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "flashpoint tests"}))
        request = StatusAndHeaders("GET /sidakan HTTP/1.1", [("Host", "127.0.0.1")], is_http_request=True)
        writer.write_record(writer.create_warc_record("http://127.0.0.1/sidakan", "request", http_headers=request))
        write_record(writer, "http://127.0.0.1/sidakan", html_page("Drone strike kills border guards"))
        write_record(writer, "http://127.0.0.1/logo.png", b"\x89PNG\r\n\x1a\n" * 20, content_type="image/png")
        write_record(writer, "http://127.0.0.1/gone", html_page("Not found"), status="404 Not Found")
        write_record(writer, "http://127.0.0.1/old", b"", status="301 Moved Permanently")
        write_record(writer, "http://127.0.0.1/visit", html_page("Visit cancelled after strike", charset="windows-1252"),
                     content_type="text/html; charset=windows-1252")
    return path


def read(path: Path) -> list:
    return list(read_documents([str(path)], settings=SETTINGS))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_become_documents_and_other_responses_are_dropped(tmp_path: Path, name: str) -> None:
    path = write_warc(tmp_path / name, gzip=name.endswith(".gz"))
    items = read(path)
    docs = [i for i in items if isinstance(i, Document)]
    drops = [i for i in items if isinstance(i, Dropped)]
    assert [(d.locator, d.format, d.meta["url"]) for d in docs] == [
        (f"{path}#2", "html", "http://127.0.0.1/sidakan"), (f"{path}#6", "html", "http://127.0.0.1/visit")]
    assert [(d.source, d.code) for d in drops] == [(f"{path}#3", "D206"), (f"{path}#4", "D206"), (f"{path}#5", "D206")]
    assert "http://127.0.0.1/logo.png" in drops[0].detail and "image/png" in drops[0].detail
    assert "HTTP 404" in drops[1].detail


def test_warc_pages_extract_with_target_url_and_capture_date(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", gzip=True)
    articles = [extract_article(d, settings=SETTINGS) for d in read(path) if isinstance(d, Document)]
    assert all(isinstance(a, Article) for a in articles)
    assert [(a.title, a.url, a.published) for a in articles] == [
        ("Drone strike kills border guards", "http://127.0.0.1/sidakan", "2020-06-20"),
        ("Visit cancelled after strike", "http://127.0.0.1/visit", "2020-06-20")]
    assert articles[0].text.startswith("Two Iraqi border guard officers") and "Contact us" not in articles[0].text


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_truncated_archive_keeps_records_read_so_far_and_drops_the_rest(tmp_path: Path, name: str) -> None:
    whole = write_warc(tmp_path / f"whole{name[3:]}", gzip=name.endswith(".gz")).read_bytes()
    path = tmp_path / name
    path.write_bytes(whole[: len(whole) * 3 // 4])
    items = read(path)
    assert isinstance(items[0], Document) and items[0].locator == f"{path}#2"
    assert [type(i) for i in items[1:-1]] == [Dropped] * (len(items) - 2)
    last = items[-1]
    assert isinstance(last, Dropped) and last.code == "D207" and str(path) in last.detail and "\n" not in last.detail
    assert sum(1 for i in items if isinstance(i, Dropped) and i.code == "D207") == 1


def test_corrupt_empty_and_oversize_archives(tmp_path: Path) -> None:
    (tmp_path / "junk.warc").write_bytes(b"GET / HTTP/1.1\r\nthis is not an archive\r\n" * 10)
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    small = Settings(max_input_bytes=500)
    items = list(read_documents([str(tmp_path)], settings=small))
    assert {(Path(i.source.split("#")[0]).name, i.code) for i in items} == {("junk.warc", "D207"),
                                                                          ("empty.warc.gz", "D101")}
    big = write_warc(tmp_path / "big.warc", gzip=False)
    codes = [i.code for i in read_documents([str(big)], settings=small)]
    assert codes == ["D103", "D206", "D206", "D206", "D103"]
