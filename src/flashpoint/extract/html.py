"""extract_html_article: an html Document in, its main text and metadata (trafilatura) out as an Article.

trafilatura finds the main text and drops page chrome; its metadata step gives title, author, site
name, categories/tags and the date (htmldate). Body blocks (paragraphs, headings, list items, quotes)
become paragraphs joined with blank lines, like the markdown path. Metadata a source already knows
(a feed item's title and date, a WARC record's URL) wins over what the page says, except the WARC
capture date, which is only a fallback when the page itself carries no date.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

import trafilatura
from lxml import etree

from flashpoint.extract.drops import drop_document
from flashpoint.extract.language import describe_language, is_english
from flashpoint.records import Article, Document, Dropped, hash_text
from flashpoint.settings import Settings

# trafilatura's defaults until the ScrapingHub measurement (docs/accuracy.md) picks other settings.
# Chosen by measurement (benchmarks/extraction_options.py, docs/accuracy.md): favor_precision gave the best
# ScrapingHub F1 and the best precision on both sets; tables off cost 0.005-0.010 F1 on trafilatura-eval.
FAVOR_PRECISION = True
FAVOR_RECALL = False
INCLUDE_COMMENTS = False
INCLUDE_TABLES = True
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
YEAR_ONLY_SUFFIX = "-01-01"
# Pages list keywords as one comma-separated string.
TAG_SEPARATOR = ","
LIST_TAG = "list"
ITEM_TAG = "item"
LINE_BREAK_TAG = "lb"


def extract_html_article(doc: Document, *, settings: Settings) -> Article | Dropped:
    """Return the Article for an html Document (main text + metadata), or a Dropped with its reason."""
    result = run_trafilatura(doc.text, url=doc.meta.get("url"))
    if isinstance(result, str):
        return drop_document(doc, "D101", result)
    paragraphs = read_paragraphs(result.body, title=result.title)
    body = "\n\n".join(paragraphs)
    checked = check_html_body(doc, body, settings)
    if checked is not None:
        return checked
    meta = doc.meta
    return Article(
        id=hash_text(body), text=body, source=doc.locator, format=doc.format,
        title=pick(meta.get("title"), result.title), author=pick(meta.get("author"), result.author),
        published=pick_date(meta, result.date), url=pick(meta.get("url"), result.url),
        site=pick(meta.get("source"), result.sitename), tags=read_tags(meta.get("tags"), result), language="en",
    )


def extract_main_text(html: str, *, url: str | None = None) -> str | None:
    """Return a page's main text as the html stage builds it, without length or language checks (for scoring)."""
    result = run_trafilatura(html, url=url)
    if isinstance(result, str):
        return None
    return "\n\n".join(read_paragraphs(result.body, title=result.title)) or None


def run_trafilatura(html: str, *, url: str | None) -> Any:
    """Return trafilatura's extraction (body tree + metadata), or a one-line reason when it finds nothing."""
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=INCLUDE_COMMENTS, include_tables=INCLUDE_TABLES,
            favor_precision=FAVOR_PRECISION, favor_recall=FAVOR_RECALL,
        )
    except Exception as exc:  # noqa: BLE001 - one malformed page must never stop a run
        return f"page could not be parsed ({type(exc).__name__})"
    if result is None or result.body is None:
        return "no main text found in the page"
    return result


def read_paragraphs(body: etree._Element, *, title: str | None) -> list[str]:
    """Return the text of each body block (list items one by one), without a leading copy of the title."""
    blocks: list[str] = []
    for element in body:
        if element.tag == LIST_TAG:
            blocks.extend(block_text(item) for item in element.findall(ITEM_TAG))
        else:
            blocks.append(block_text(element))
    blocks = [block for block in blocks if block]
    if blocks and title and blocks[0].casefold() == " ".join(title.split()).casefold():
        blocks = blocks[1:]
    return blocks


def block_text(element: etree._Element) -> str:
    """Return one block's text with whitespace collapsed and line breaks read as spaces."""
    for line_break in element.iter(LINE_BREAK_TAG):
        line_break.tail = " " + (line_break.tail or "")
    return " ".join("".join(element.itertext()).split())


def check_html_body(doc: Document, body: str, settings: Settings) -> Dropped | None:
    """Return a Dropped when the extracted body is empty, too short or not English, else None."""
    if not body.strip():
        return drop_document(doc, "D101", "no main text found in the page")
    if len(body) < settings.min_article_chars:
        minimum = settings.min_article_chars
        return drop_document(doc, "D102", f"main text has {len(body)} chars, fewer than min_article_chars={minimum}")
    if not is_english(body):
        return drop_document(doc, "D204", f"text looks not English ({describe_language(body)})")
    return None


def pick(*values: Any) -> str | None:
    """Return the first non-empty string among values, stripped."""
    for value in values:
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def pick_date(meta: Mapping[str, Any], page_date: str | None) -> str | None:
    """Return the source's date, else the page's date (htmldate), else the capture date; ISO or None."""
    candidates = [meta.get("date"), page_date, meta.get("fallback_date")]
    if page_date and page_date.endswith(YEAR_ONLY_SUFFIX):
        # htmldate's last resort is the copyright year as yyyy-01-01; a capture date is a better guess.
        candidates = [meta.get("date"), meta.get("fallback_date"), page_date]
    for value in candidates:
        if isinstance(value, str) and ISO_DATE.match(value):
            return value[:10]
    return None


def read_tags(meta_tags: Any, result: Any) -> tuple[str, ...]:
    """Return the source's tags, then the page's categories and tags (comma lists split), de-duplicated in order."""
    if isinstance(meta_tags, str):
        meta_tags = [meta_tags]
    merged: dict[str, str] = {}
    for raw in list(meta_tags or []) + list(result.categories or []) + list(result.tags or []):
        for tag in str(raw).split(TAG_SEPARATOR):
            text = " ".join(tag.split())
            if text and text.casefold() not in merged:
                merged[text.casefold()] = text
    return tuple(merged.values())
