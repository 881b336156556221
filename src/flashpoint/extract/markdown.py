"""Split a markdown or plain-text export into typed lines, and strip inline markdown from text.

Plain text is read as markdown too: it has no markup to lose, and setext underlines ("=====")
are common in text exports.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

import yaml

from flashpoint.extract import patterns as P

EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
INLINE_CODE = re.compile(r"`([^`]*)`")
BACKSLASH_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
SPACES = re.compile(r"[ \t\u00a0]+")
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*\n", re.DOTALL)
# "Title: / URL Source: / Published Time: / Markdown Content:" headers written by reader-mode exporters.
READER_HEADER = re.compile(r"\A((?:[A-Z][A-Za-z ]{1,30}: .*\n\s*\n?)+?)Markdown Content:\s*\n")
READER_KEYS = {"title": "title", "url source": "url", "published time": "date", "author": "author"}


@dataclass(frozen=True)
class Line:
    """One source line: its kind (blank, rule, heading, list, quote, text), heading level and plain text."""

    index: int
    raw: str
    kind: str
    plain: str
    level: int = 0


def strip_inline(text: str) -> str:
    """Return text with images, links, emphasis, code marks, HTML tags and escapes removed, words kept."""
    text = P.MD_IMAGE.sub("", text)
    text = P.AUTOLINK.sub("", text)
    text = P.MD_LINK.sub(r"\1", text)
    text = P.MD_REF_LINK.sub(r"\1", text)
    text = P.HTML_TAG.sub("", text)
    text = INLINE_CODE.sub(r"\1", text)
    for _ in range(3):  # nested emphasis such as ***bold italic***
        text = EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", text)
    text = BACKSLASH_ESCAPE.sub(r"\1", text)
    return SPACES.sub(" ", html.unescape(text)).strip()


def split_header(text: str) -> tuple[dict[str, Any], str]:
    """Return (metadata, rest) after removing a YAML front matter or reader-mode header block."""
    match = FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict):
            return {str(k).lower(): v for k, v in loaded.items()}, text[match.end():]
    match = READER_HEADER.match(text)
    if match:
        meta = {}
        for line in match.group(1).splitlines():
            key, _, value = line.partition(": ")
            if key.lower() in READER_KEYS and value.strip():
                meta[READER_KEYS[key.lower()]] = value.strip()
        return meta, text[match.end():]
    return {}, text


def parse_lines(text: str) -> list[Line]:
    """Return the typed lines of a document, with setext headings folded into their text line."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[Line] = []
    for index, raw in enumerate(raw_lines):
        previous = lines[-1] if lines else None
        if previous and previous.kind == "text" and _is_setext_underline(raw, previous):
            level = 1 if P.SETEXT_H1.match(raw) else 2
            lines[-1] = Line(previous.index, previous.raw, "heading", previous.plain, level)
            lines.append(Line(index, raw, "blank", ""))
            continue
        lines.append(classify_structure(index, raw))
    return lines


def _is_setext_underline(raw: str, previous: Line) -> bool:
    """Return True when raw underlines the previous short text line as a heading."""
    if not (P.SETEXT_H1.match(raw) or P.SETEXT_H2.match(raw)):
        return False
    return len(previous.plain) <= 200


def classify_structure(index: int, raw: str) -> Line:
    """Return a Line with its markdown block kind decided from the raw text."""
    if not raw.strip():
        return Line(index, raw, "blank", "")
    if P.HORIZONTAL_RULE.match(raw):
        return Line(index, raw, "rule", "")
    heading = P.ATX_HEADING.match(raw)
    if heading:
        return Line(index, raw, "heading", strip_inline(heading.group(2)), len(heading.group(1)))
    quote = P.BLOCKQUOTE.match(raw)
    if quote:
        return Line(index, raw, "quote", strip_inline(quote.group(1)))
    item = P.LIST_ITEM.match(raw)
    if item:
        return Line(index, raw, "list", strip_inline(item.group(1)))
    return Line(index, raw, "text", strip_inline(raw))


def is_link_only(line: Line) -> bool:
    """Return True when a line holds only links, images and separators (navigation, share bars)."""
    body = P.LIST_ITEM.sub(r"\1", line.raw)
    if not (P.MD_LINK.search(body) or P.MD_IMAGE.search(body) or P.AUTOLINK.search(body)):
        return False
    body = P.MD_IMAGE.sub(" ", body)
    body = P.AUTOLINK.sub(" ", body)
    body = P.MD_LINK.sub(" ", body)
    leftover = P.NAV_SEPARATORS.sub(" ", strip_inline(body)).strip()
    return not leftover or bool(P.RELATED_LABEL.match(leftover))
