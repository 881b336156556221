"""Saved web pages read from disk: suffix dispatch, decoding, bad files dropped, and through extraction."""

from pathlib import Path

from flashpoint.extract import extract_article
from flashpoint.records import Article, Document, Dropped
from flashpoint.settings import Settings
from flashpoint.sources import read_documents

SETTINGS = Settings(max_input_bytes=20_000)
BODY = (
    "<p>Iraq’s parliament voted on Sunday to ask the government to end the presence of foreign troops in the "
    "country, two days after a United States drone strike killed an Iranian general at Baghdad airport.</p>"
    "<p>The resolution, backed by Shiite blocs and boycotted by most Kurdish and Sunni members, is not binding, "
    "but the caretaker prime minister said he would work with parliament on the measures it demands.</p>"
)


def write_page(path: Path, *, charset: str = "utf-8", body: str = BODY) -> Path:
    html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}"><title>Parliament votes | Wire</title>'
            f'<meta name="author" content="Omar Haddad"><meta property="article:published_time" content="2020-01-05">'
            f'</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Parliament votes'
            f'</h1>{body}</article><footer>© 2020 Wire</footer></body></html>')
    path.write_bytes(html.encode(charset))
    return path


def read(paths: list[Path]) -> list:
    return list(read_documents([str(p) for p in paths], settings=SETTINGS))


def test_html_and_htm_files_become_html_documents(tmp_path: Path) -> None:
    write_page(tmp_path / "a.html")
    write_page(tmp_path / "b.HTM", charset="windows-1252")
    docs = read([tmp_path])
    assert [(Path(d.source).name, d.format) for d in docs] == [("a.html", "html"), ("b.HTM", "html")]
    assert all(isinstance(d, Document) and "Iraq’s parliament" in d.text for d in docs)


def test_saved_page_is_extracted_end_to_end(tmp_path: Path) -> None:
    (doc,) = read([write_page(tmp_path / "vote.html", charset="windows-1252")])
    article = extract_article(doc, settings=SETTINGS)
    assert isinstance(article, Article)
    assert article.text.startswith("Iraq’s parliament voted on Sunday") and article.text.count("\n\n") == 1
    assert (article.title, article.author, article.published) == ("Parliament votes", "Omar Haddad", "2020-01-05")


def test_bad_html_files_are_dropped_with_codes(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"\n\n")
    (tmp_path / "image.htm").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "huge.html").write_bytes(b"<p>" + b"x" * 30_000 + b"</p>")
    (tmp_path / "noise.html").write_bytes(bytes(range(128, 256)) * 40)
    items = read([tmp_path])
    codes = {Path(d.source).name: d.code for d in items if isinstance(d, Dropped)}
    assert {k: v for k, v in codes.items() if k != "noise.html"} == {"empty.html": "D101", "image.htm": "D104",
                                                                      "huge.html": "D103"}
    # High bytes alone may still fit a legacy code page; either way the run goes on with a value, not a crash.
    assert all(isinstance(i, (Document, Dropped)) for i in items) and len(items) == 4


def test_truncated_page_file_still_extracts(tmp_path: Path) -> None:
    path = write_page(tmp_path / "cut.html")
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b"The resolution") + 40])
    (doc,) = read([path])
    article = extract_article(doc, settings=SETTINGS)
    assert isinstance(article, Article) and article.text.startswith("Iraq’s parliament voted")
