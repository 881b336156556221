"""extract_article: a markdown or plain-text Document in, a cleaned Article (or a Dropped) out.

Steps: header (front matter / reader header / jsonl meta) -> typed lines -> title -> metadata and
chrome labels per line (lines.LINE_RULES) -> block rules (blocks.BLOCK_RULES) -> paragraphs joined
with blank lines -> dateline and author-bio trimming -> language and length checks.

Wire datelines ("BAGHDAD, Jan 5 (Wire) — ") are removed from the start of the body: the sentence
after the dash is complete on its own, and a leading all-capitals place name confuses actor
extraction. The dateline's month and day still give the published date (with a year found elsewhere).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flashpoint.extract import metadata as M
from flashpoint.extract import patterns as P
from flashpoint.extract.blocks import apply_block_rules
from flashpoint.extract.html import extract_html_article
from flashpoint.extract.drops import drop_document
from flashpoint.extract.language import describe_language, is_english
from flashpoint.extract.lines import classify_line
from flashpoint.extract.markdown import Line, parse_lines, split_header, strip_inline
from flashpoint.records import Article, Document, Dropped, hash_text
from flashpoint.settings import Settings

# Text exports put the title within the first few lines, after any kicker or breadcrumb.
TITLE_SEARCH_LINES = 6
# An author bio is a short paragraph near the end ("Jane Doe is a senior fellow at ...").
BIO_MAX_CHARS = 400
BODY_KINDS = ("text", "heading", "list", "quote")
META_KEYS = ("title", "author", "date", "url", "source", "site", "tags")


@dataclass
class Found:
    """Metadata gathered while labelling lines."""

    author: str | None = None
    dates: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    loose_dates: list[str] = field(default_factory=list)


def extract_article(doc: Document, *, settings: Settings) -> Article | Dropped:
    """Return the cleaned Article for a markdown/text/jsonl/html Document, or a Dropped with its reason."""
    if doc.format == "html":
        return extract_html_article(doc, settings=settings)
    header, text = split_header(doc.text)
    meta = {**header, **{k: v for k, v in dict(doc.meta).items() if k in META_KEYS and v not in (None, "")}}
    meta_date = None
    if meta.get("date") or meta.get("published"):
        raw_date = meta.get("date") or meta.get("published")
        meta_date = M.parse_date(str(raw_date))
        if meta_date is None:
            return drop_document(doc, "D203", f"date {str(raw_date)[:40]!r} could not be parsed; use ISO yyyy-mm-dd")
    lines = parse_lines(text)
    title_index = find_title(lines, as_text(meta.get("title")))
    labels, found = label_lines(lines, title_index)
    labels = apply_block_rules(lines, labels)
    paragraphs = assemble_paragraphs(lines, labels)
    paragraphs, dateline_date = trim_dateline(paragraphs)
    author = as_text(meta.get("author")) or found.author
    paragraphs = drop_author_bio(paragraphs, author)
    body = "\n\n".join(paragraphs)
    checked = check_body(doc, body, settings)
    if checked is not None:
        return checked
    published = meta_date or pick_published(found, dateline_date, lines)
    title = as_text(meta.get("title")) or (lines[title_index].plain if title_index is not None else None)
    return Article(
        id=hash_text(body), text=body, source=doc.locator, format=doc.format, title=title, author=author,
        published=published, url=as_text(meta.get("url")), site=as_text(meta.get("site") or meta.get("source")),
        tags=merge_tags(meta.get("tags"), found.tags), language="en",
    )


def as_text(value: Any) -> str | None:
    """Return value as a stripped string, or None when empty."""
    if value is None or isinstance(value, (list, dict)):
        return None
    return str(value).strip() or None


def check_body(doc: Document, body: str, settings: Settings) -> Dropped | None:
    """Return a Dropped when the cleaned body is empty, too short or not English, else None."""
    if not body.strip():
        return drop_document(doc, "D101", "nothing left after removing page chrome")
    if len(body) < settings.min_article_chars:
        return drop_document(doc, "D102", f"cleaned body has {len(body)} chars, fewer than min_article_chars={settings.min_article_chars}")
    if not is_english(body):
        return drop_document(doc, "D204", f"text looks not English ({describe_language(body)})")
    return None


def find_title(lines: list[Line], meta_title: str | None) -> int | None:
    """Return the title line's index: a heading, else the first short unpunctuated non-chrome line."""
    index = M.find_title_line(lines, meta_title)
    if index is not None or meta_title:
        return index
    seen = 0
    for i, line in enumerate(lines):
        if line.kind == "blank" or classify_line(line) or M.read_meta_line(line) or M.read_tags(line):
            continue
        seen += 1
        if M.is_title_like(line):
            return i
        if seen >= TITLE_SEARCH_LINES or len(line.plain) > M.TITLE_MAX_CHARS:
            return None
    return None


def label_lines(lines: list[Line], title_index: int | None) -> tuple[list[str | None], Found]:
    """Return a label per line (None = body) and the metadata read from byline, date and tag lines."""
    found = Found()
    labels: list[str | None] = []
    title = lines[title_index].plain if title_index is not None else None
    for i, line in enumerate(lines):
        label = label_line(line, found)
        if title_index is not None and (i == title_index or line.plain == title):
            label = "title"
        elif title_index is not None and i < title_index and label is None:
            label = "pretitle"
            found.loose_dates.extend(filter(None, [M.find_loose_date(line.plain)]))
        labels.append(label)
    return labels, found


def label_line(line: Line, found: Found) -> str | None:
    """Return "tags", "meta", a chrome rule name or None for one line, recording its metadata."""
    if line.kind in ("blank", "rule"):
        return line.kind
    tags = M.read_tags(line)
    if tags:
        found.tags.extend(tags)
        return "tags"
    meta = M.read_meta_line(line)
    if meta:
        if meta.date:
            found.dates.append(meta.date)
        found.author = found.author or meta.author
        return "meta"
    return classify_line(line)


def assemble_paragraphs(lines: list[Line], labels: list[str | None]) -> list[str]:
    """Return body paragraphs: runs of body text lines joined by spaces; headings and items stand alone."""
    paragraphs: list[str] = []
    current: list[str] = []
    current_kind = None
    for line, label in zip(lines, labels):
        is_body = label is None and line.kind in BODY_KINDS and line.plain
        if not is_body or line.kind in ("heading", "list") or (current and current_kind != line.kind):
            if current:
                paragraphs.append(" ".join(current))
            current = []
        if is_body:
            current.append(line.plain)
            current_kind = line.kind
            if line.kind in ("heading", "list"):
                paragraphs.append(" ".join(current))
                current = []
    if current:
        paragraphs.append(" ".join(current))
    return [p for p in paragraphs if p.strip()]


def trim_dateline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Return paragraphs with a wire dateline removed from the first one, and the dateline's date text."""
    if not paragraphs:
        return paragraphs, None
    prefix, date_text, rest = M.split_dateline(paragraphs[0])
    if not prefix:
        return paragraphs, None
    return [rest] + paragraphs[1:], date_text


def drop_author_bio(paragraphs: list[str], author: str | None) -> list[str]:
    """Return paragraphs without a closing author bio ("Jane Doe is a researcher ...")."""
    if not author:
        return paragraphs
    names = [n.strip() for n in author.replace("&", " and ").split(" and ") if n.strip()]
    keep = []
    for position, paragraph in enumerate(paragraphs):
        is_late = position >= len(paragraphs) // 2
        if is_late and len(paragraph) <= BIO_MAX_CHARS and is_bio(paragraph, names):
            continue
        keep.append(paragraph)
    return keep


def is_bio(paragraph: str, names: list[str]) -> bool:
    """Return True when a paragraph opens with an author's name and a bio verb."""
    for name in names:
        if paragraph.startswith(name) and P.BIO_VERBS.match(paragraph[len(name):]):
            return True
    return False


def pick_published(found: Found, dateline_date: str | None, lines: list[Line]) -> str | None:
    """Return the published date: date line, else masthead date, else dateline + year, else "published on"."""
    if found.dates or found.loose_dates:
        return (found.dates or found.loose_dates)[0]
    if dateline_date:
        year = M.find_year([line.raw for line in lines])
        parsed = M.parse_date(dateline_date, default_year=year) if year else None
        if parsed:
            return parsed
    for line in lines:
        if P.PUBLISHED_PHRASE.search(line.plain):
            match = P.FULL_DATE.search(line.plain)
            if match:
                return M.parse_date(match.group(0))
    return None


def merge_tags(meta_tags: Any, line_tags: list[str]) -> tuple[str, ...]:
    """Return meta tags then line tags, markdown-free and de-duplicated case-insensitively, in order."""
    if isinstance(meta_tags, str):
        meta_tags = [t for t in meta_tags.replace(";", ",").split(",")]
    merged: dict[str, str] = {}
    for tag in list(meta_tags or []) + line_tags:
        text = strip_inline(str(tag)).strip()
        if text and text.lower() not in merged:
            merged[text.lower()] = text
    return tuple(merged.values())
