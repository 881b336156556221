"""RSS 2.0 and Atom files: one Document per item with its metadata; teasers, bad and empty feeds."""

import socket
from pathlib import Path

from flashpoint.extract import extract_article
from flashpoint.records import Article, Document, Dropped
from flashpoint.settings import Settings
from flashpoint.sources import read_documents
from flashpoint.sources.feeds import parse_feed

SETTINGS = Settings()
STORY = (
    "<p>Turkish warplanes struck suspected militant positions in the Sinjar and Makhmour areas of northern Iraq "
    "overnight, the defence ministry in Ankara said on Monday, in an operation it called Claw-Eagle.</p>"
    "<p>Iraq's foreign ministry summoned the Turkish ambassador and condemned the strikes as a violation of its "
    "sovereignty, saying they had endangered civilians living near the border.</p>"
)
TEASER = "Turkey launches air strikes in northern Iraq; Baghdad protests."


def closed_port() -> int:
    """Return a local port with nothing listening on it (connections are refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss(items: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Frontier Wire</title>'
            f'<link>http://127.0.0.1/</link><description>News</description>{items}</channel></rss>')


def rss_item(title: str, link: str, *, content: str | None = None, summary: str = TEASER) -> str:
    encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (f"<item><title>{title}</title><link>{link}</link><dc:creator>Selin Kaya</dc:creator>"
            f"<pubDate>Mon, 15 Jun 2020 08:30:00 GMT</pubDate><category>Iraq</category><category>Turkey</category>"
            f"<description>{summary}</description>{encoded}</item>")


ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Border Monitor</title><id>urn:monitor</id>
<updated>2020-06-17T10:00:00Z</updated>
<entry><title>Claw-Tiger ground operation begins</title><id>urn:1</id><link href="http://127.0.0.1/claw-tiger"/>
<author><name>Rami Aziz</name></author><published>2020-06-17T06:00:00Z</published><updated>2020-06-17T07:00:00Z</updated>
<content type="html"><![CDATA[{STORY}]]></content></entry>
<entry><title>Plain text entry</title><id>urn:2</id><updated>2020-06-18T07:00:00Z</updated>
<content type="text">{'The Iraqi government said it would file a complaint with the United Nations Security Council over the incursion. ' * 8}</content></entry>
</feed>"""


def read(path: Path) -> list:
    return list(read_documents([str(path)], settings=SETTINGS))


def test_rss_items_become_html_documents_with_feed_metadata(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(rss(rss_item("Turkey strikes northern Iraq", "http://127.0.0.1/a", content=STORY * 3)
                        + rss_item("Second story", "http://127.0.0.1/b", content=STORY * 2)), encoding="utf-8")
    docs = read(path)
    assert [d.locator for d in docs] == [f"{path}#0", f"{path}#1"]
    assert {d.format for d in docs} == {"html"}
    assert docs[0].meta == {"title": "Turkey strikes northern Iraq", "author": "Selin Kaya", "date": "2020-06-15",
                            "url": "http://127.0.0.1/a", "source": "Frontier Wire", "tags": ("Iraq", "Turkey")}
    article = extract_article(docs[0], settings=SETTINGS)
    assert isinstance(article, Article) and article.text.startswith("Turkish warplanes struck")
    assert (article.title, article.published, article.url, article.author) == (
        "Turkey strikes northern Iraq", "2020-06-15", "http://127.0.0.1/a", "Selin Kaya")
    assert article.tags == ("Iraq", "Turkey") and article.site == "Frontier Wire"


def test_atom_entries_html_and_text(tmp_path: Path) -> None:
    path = tmp_path / "monitor.atom"
    path.write_text(ATOM, encoding="utf-8")
    first, second = read(path)
    assert (first.format, first.meta["date"], first.meta["author"], first.meta["source"]) == (
        "html", "2020-06-17", "Rami Aziz", "Border Monitor")
    assert second.format == "text" and second.meta["date"] == "2020-06-18" and "url" not in second.meta
    assert isinstance(extract_article(second, settings=SETTINGS), Article)


def test_teaser_item_keeps_its_summary_when_the_link_is_unreachable(tmp_path: Path) -> None:
    link = f"http://127.0.0.1:{closed_port()}/story"
    path = tmp_path / "teasers.xml"
    path.write_text(rss(rss_item("Teaser only", link)), encoding="utf-8")
    (doc,) = read(path)
    assert isinstance(doc, Document) and doc.format == "html" and TEASER in doc.text
    assert doc.meta["url"] == link


def test_teaser_item_uses_the_fetched_page_and_fetching_can_be_turned_off() -> None:
    page = Document(source="http://127.0.0.1/full", text=f"<html><body><article>{STORY}</article></body></html>",
                    format="html", meta={"url": "http://127.0.0.1/full"})
    fetched: list[str] = []

    def fetch(url: str) -> Document:
        fetched.append(url)
        return page

    data = rss(rss_item("Teaser", "http://127.0.0.1/full")).encode("utf-8")
    (doc,) = parse_feed(data, source="f.rss", fetch_page=fetch)
    assert fetched == ["http://127.0.0.1/full"] and doc.text == page.text
    assert (doc.locator, doc.meta["title"], doc.meta["source"]) == ("f.rss#0", "Teaser", "Frontier Wire")
    (offline,) = parse_feed(data, source="f.rss", fetch_page=None)
    assert TEASER in offline.text and fetched == ["http://127.0.0.1/full"]


def test_malformed_empty_and_truncated_feeds(tmp_path: Path) -> None:
    (tmp_path / "broken.rss").write_text("this is not <xml at all <<< >>", encoding="utf-8")
    (tmp_path / "empty.atom").write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>Nothing</title></feed>',
                                         encoding="utf-8")
    full = rss(rss_item("Kept", "http://127.0.0.1/k", content=STORY * 3) + rss_item("Lost", "http://127.0.0.1/l",
                                                                                     content=STORY))
    (tmp_path / "truncated.rss").write_text(full[: full.index("<title>Lost")], encoding="utf-8")
    items = list(read_documents([str(tmp_path)], settings=SETTINGS))
    by_name = {Path(i.source).name: i for i in items}
    assert isinstance(by_name["broken.rss"], Dropped) and by_name["broken.rss"].code == "D205"
    assert "broken.rss" in by_name["broken.rss"].detail and "\n" not in by_name["broken.rss"].detail
    assert isinstance(by_name["empty.atom"], Dropped) and by_name["empty.atom"].code == "D101"
    kept = [i for i in items if Path(i.source).name == "truncated.rss"]
    assert isinstance(kept[0], Document) and kept[0].meta["title"] == "Kept"
