"""Metadata from export lines: bylines, date lines, tag lines, titles and wire datelines."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from flashpoint.extract import patterns as P
from flashpoint.extract.markdown import Line

# A title is a short line; "first short line without final punctuation" for text exports.
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 25
TITLE_FINAL_PUNCTUATION = ".!?,;:"
# Metadata lines are short; longer lines are body sentences even when they hold a date.
META_LINE_MAX_CHARS = 160
BYLINE_MAX_WORDS = 12
MONTH_FIXES = (("sept.", "sep"), ("sept ", "sep "))
NUMERIC_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class MetaLine:
    """What a metadata line told: author, date (ISO), tags; any may be empty."""

    author: str | None = None
    date: str | None = None
    tags: tuple[str, ...] = ()
    is_byline: bool = False


@lru_cache(maxsize=1)
def load_dateparser() -> Any:
    """Import dateparser once, on first use (its import takes most of a second)."""
    import dateparser

    return dateparser


def parse_date(text: str, *, default_year: int | None = None) -> str | None:
    """Return an ISO yyyy-mm-dd date for a date string, or None when it is not a full date."""
    text = str(text).strip().strip(",.")
    iso = ISO_DATE.match(text)
    if iso:
        return _valid_iso(*map(int, iso.groups()))
    numeric = NUMERIC_DMY.match(text)
    if numeric:  # day first: exports that use dotted numeric dates are European
        day, month, year = map(int, numeric.groups())
        return _valid_iso(year, month, day)
    cleaned = text.lower()
    for old, new in MONTH_FIXES:
        cleaned = cleaned.replace(old, new)
    required = ["day", "month"] if default_year else ["day", "month", "year"]
    parsed = load_dateparser().parse(cleaned, languages=["en"], settings={"REQUIRE_PARTS": required})
    if parsed is None:
        return None
    if default_year and not P.YEAR.search(text):
        return _valid_iso(default_year, parsed.month, parsed.day)
    return parsed.date().isoformat()


def _valid_iso(year: int, month: int, day: int) -> str | None:
    """Return the ISO string for a real calendar date, else None."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def read_date_segment(segment: str) -> str | None:
    """Return the ISO date when a segment is only a (labelled, timed) date, else None."""
    text = P.DATE_LABEL.sub("", segment.strip(" *_()")).strip()
    match = P.FULL_DATE.search(text)
    if not match:
        return None
    rest = (text[: match.start()] + " " + text[match.end():]).strip()
    rest = P.TIME_OF_DAY.sub(" ", rest)
    rest = re.sub(r"^\s*at\b|\b(a\.m|p\.m|am|pm)\b\.?", " ", rest.strip(), flags=re.IGNORECASE)
    rest = re.sub(rf"^{P.WEEKDAY}", "", rest.strip(), flags=re.IGNORECASE)
    if rest.strip(" ,.-()"):
        return None
    return parse_date(match.group(0))


def clean_author(name: str) -> str | None:
    """Return a byline's person names without roles, places and trailing punctuation."""
    if P.NON_PERSON_BYLINE.search(name):
        return None
    name = name.split(",")[0].strip(" .*_")
    name = re.sub(r"\s+in\s+[A-Z][\w'’-]*(\s+[A-Z][\w'’-]*)?", "", name)
    words = name.split()
    while words and words[-1].lower() in P.BYLINE_ROLE_WORDS:
        words.pop()
    return " ".join(words) or None


def is_name(text: str) -> bool:
    """Return True when text looks like one or more person names ("Jane Doe and Omar Haddad")."""
    words = text.split()
    if not words or len(words) > BYLINE_MAX_WORDS:
        return False
    return all(w.lower() in P.NAME_CONNECTORS or P.NAME_TOKEN.match(w) for w in words)


def read_byline(segment: str) -> tuple[bool, str | None]:
    """Return (is_byline, author) for a segment such as "By Jane Doe, correspondent"."""
    segment = segment.strip(" *_")
    if P.NON_PERSON_BYLINE_LINE.match(segment):
        return True, None
    match = P.BYLINE.match(segment)
    if match and segment.lower().startswith(P.BYLINE_LABELS_NEEDING_COLON) and ":" not in segment.split()[0]:
        return False, None
    if not match or segment.rstrip(" *_").endswith((".", "?", "!")) and not segment.rstrip().endswith(" Jr."):
        return False, None
    body = match.group(1).strip()
    if P.NON_PERSON_BYLINE.search(body):
        return True, None
    author = clean_author(body)
    return (True, author) if author and is_name(author) else (False, None)


def read_meta_line(line: Line) -> MetaLine | None:
    """Return what a byline/date line says, or None when the line is not purely metadata."""
    if line.kind not in ("text", "heading", "list") or len(line.plain) > META_LINE_MAX_CHARS:
        return None
    segments = [s for s in P.META_SEPARATORS.split(line.plain) if s.strip()]
    author, date, names, has_byline = None, None, [], False
    for segment in segments:
        found = read_meta_segment(segment)
        if found is None:
            return None
        kind, value = found
        if kind == "dated_byline":
            (segment_date, value), kind = value, "byline"
            date = date or segment_date
        if kind == "date" and date is None:
            date = value
        elif kind == "byline":
            has_byline, author = True, author or value
        elif kind == "name":
            names.append(value)
    people = [name for name in names if name and len(name.split()) >= 2]
    if not author and people and date:
        author = people[0]
    if date is None and not has_byline:
        return None
    return MetaLine(author=author, date=date, is_byline=has_byline or bool(author))


def read_meta_segment(segment: str) -> tuple[str, Any] | None:
    """Classify one separator-delimited piece of a metadata line as date, byline, role or name."""
    segment = segment.strip(" *_")
    date = read_date_segment(segment)
    if date:
        return "date", date
    head, sep, tail = segment.partition(" by ")
    if sep and read_date_segment(head) and is_name(tail.strip()):
        return "dated_byline", (read_date_segment(head), clean_author(tail))
    is_byline, author = read_byline(segment)
    if is_byline:
        return "byline", author
    words = segment.lower().replace(",", " ").split()
    if words and all(w in P.BYLINE_ROLE_WORDS or w in ("in", "of", "and", "the") for w in words):
        return "role", None
    if P.KICKER_LABEL.match(segment) or P.READ_TIME.match(segment) or is_time_only(segment):
        return "label", None
    if is_name(segment) and len(segment.split()) <= 4:
        return "name", clean_author(segment)
    return None


def is_time_only(segment: str) -> bool:
    """Return True for a bare time of day ("5:18 PM", "14:05 GMT")."""
    match = P.TIME_OF_DAY.fullmatch(segment.strip())
    return bool(match) and any(c.isdigit() for c in segment)


def find_loose_date(text: str) -> str | None:
    """Return the first full date anywhere in a line (for mastheads such as "BRIEFING — Issue 9 — 15 March 2020")."""
    match = P.FULL_DATE.search(text)
    return parse_date(match.group(0)) if match else None


# A bare "| value" after a tag label is another tag only if it is tag-sized and has no digits ("| 3 Comments").
TAG_MAX_WORDS = 4


def read_tags(line: Line) -> tuple[str, ...] | None:
    """Return the tags of a "Tags: a, b" / "Posted in a | Tagged b" line, or None if not a tag line."""
    if len(line.plain) > META_LINE_MAX_CHARS:
        return None
    tags: list[str] = []
    for position, segment in enumerate(s.strip(" *_") for s in line.plain.split("|")):
        match = P.TAG_LINE.match(segment)
        if match and not (match["label"].lower() in P.TAG_LABELS_NEEDING_COLON and ":" not in match["sep"]):
            tags.extend(t.strip(" .*_") for t in re.split(r"[,;]|\s/\s", match["value"]) if t.strip(" .*_"))
        elif position == 0:
            return None
        elif segment and len(segment.split()) <= TAG_MAX_WORDS and not any(c.isdigit() for c in segment):  # "Tags: a | b | c": b and c continue the list
            tags.append(segment.strip(" .*_"))
    return tuple(tags) if tags else None


def find_title_line(lines: list[Line], meta_title: str | None) -> int | None:
    """Return the index of the title line: meta title's heading, first H1, first heading, first short line."""
    headings = [i for i, line in enumerate(lines) if line.kind == "heading" and line.plain]
    if meta_title:
        wanted = meta_title.strip().lower()
        return next((i for i, line in enumerate(lines) if line.plain.lower() == wanted), None)
    for i in headings:
        if lines[i].level == 1:
            return i
    return headings[0] if headings else None


def is_title_like(line: Line) -> bool:
    """Return True for a short line without final punctuation (a text export's title)."""
    text = line.plain
    return (
        line.kind in ("text", "heading")
        and 0 < len(text) <= TITLE_MAX_CHARS
        and len(text.split()) <= TITLE_MAX_WORDS
        and not text.rstrip("\"'”’").endswith(tuple(TITLE_FINAL_PUNCTUATION))
    )


def split_dateline(paragraph: str) -> tuple[str, str | None, str]:
    """Return (prefix, month-day text or None, rest) for a wire dateline "BAGHDAD, Jan 5 (Wire) — ..."."""
    match = P.DATELINE.match(paragraph)
    if not match:
        return "", None, paragraph
    place = match.group("place").strip()
    is_caps = place.upper() == place
    if not is_caps and match.group("dash") not in ("—", "--") and not match.group("date"):
        return "", None, paragraph
    if len(place.split()) > 3 or (not is_caps and not all(w[0].isupper() for w in place.split())):
        return "", None, paragraph
    return paragraph[: match.end()], match.group("date"), paragraph[match.end():]


def find_year(texts: list[str]) -> int | None:
    """Return the most frequent year in texts (later year on ties), for a dateline without one."""
    counts: dict[int, int] = {}
    for text in texts:
        for year in P.YEAR.findall(text):
            counts[int(year)] = counts.get(int(year), 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))
