"""The demo corpus's markdown and text exports extract cleanly: title, date, and no chrome left."""

from pathlib import Path

import pytest

import flashpoint
from flashpoint.extract import extract_article
from flashpoint.extract.lines import classify_line
from flashpoint.extract.markdown import classify_structure
from flashpoint.records import Article, Document
from flashpoint.settings import Settings

DEMO = Path(flashpoint.__file__).parent / "demo_corpus"
# The corpus README describes the corpus; it is not an article.
FILES = sorted(p for p in DEMO.rglob("*") if p.suffix in (".md", ".txt") and p.name != "README.md") if DEMO.exists() else []


@pytest.mark.skipif(not FILES, reason="demo corpus not present")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_demo_file_extracts_without_chrome(path):
    fmt = "markdown" if path.suffix == ".md" else "text"
    article = extract_article(Document(source=str(path), text=path.read_text("utf-8"), format=fmt), settings=Settings())
    assert isinstance(article, Article)
    assert article.title and article.published
    leftovers = [p for p in article.text.split("\n\n") if classify_line(classify_structure(0, p))]
    assert not leftovers
