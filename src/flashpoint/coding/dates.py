"""Resolve an event's date from DATE entities near its trigger, against the publication date."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

# A report dated more than three weeks before publication is a background mention, not news: the convention of
# the demo gold (tests/golden/demo_events.jsonl, "historical"); "Where and when" revisits it on its dates gold set.
HISTORICAL_DAYS = 22
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_PATTERN = re.compile(r"\b(\d{1,2}(st|nd|rd|th)?\b|yesterday|today|tonight|monday|tuesday|wednesday|thursday|"
                         r"friday|saturday|sunday)", re.IGNORECASE)
MONTH_PATTERN = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE)
YEAR_PATTERN = re.compile(r"\b(19|20)\d{2}\b")
VAGUE_DATES = frozenset({"recent", "recently", "now", "currently", "the past", "years", "decades", "weeks", "days"})


def clause_verb(token):
    """Return the nearest verb (or auxiliary) above a token: the clause it belongs to."""
    tok = token.head
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def find_date_entities(verb) -> list:
    """Return DATE entities of the verb's own clause, nearest first; a "when" clause takes the date it modifies.

    Dates inside nested clauses ("the scientist who led research two decades ago") belong to those clauses.
    """
    dates = [e for e in verb.sent.ents if e.label_ == "DATE"]
    own = [e for e in dates if clause_verb(e.root).i == verb.i]
    if not own and verb.dep_ in ("relcl", "advcl"):
        own = [e for e in dates if e.start <= verb.head.i < e.end]  # "in January, when Iran hit ..."
    return sorted(own, key=lambda e: abs(e.root.i - verb.i))


def find_precision(text: str) -> str:
    """Return day, month or year: the finest unit the date expression states."""
    if DAY_PATTERN.search(text):
        return "day"
    # A week has no precision level of its own; month is the finest level that contains it.
    if MONTH_PATTERN.search(text) or "month" in text.lower() or "week" in text.lower():
        return "month"
    return "year"


@lru_cache(maxsize=4096)
def parse_date(text: str, base: str, prefer: str) -> date | None:
    """Return the date dateparser reads in ``text`` relative to ``base`` (ISO), or None."""
    import dateparser

    if text.lower() in VAGUE_DATES:
        return None
    settings = {"RELATIVE_BASE": datetime.fromisoformat(base), "PREFER_DATES_FROM": prefer,
                "REQUIRE_PARTS": [], "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def resolve_weekday(text: str, published: str, future: bool) -> date | None:
    """Return the date of "on Sunday" / "last Sunday": the nearest such day on or before publication (or after)."""
    words = text.lower().replace(",", " ").split()
    day = next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)
    if day is None or len(words) > 2 or (len(words) == 2 and words[0] not in ("last", "next", "this")):
        return None
    base = date.fromisoformat(published)
    if future or words[0] == "next":
        return base + timedelta(days=(day - base.weekday()) % 7 or 7)
    return base - timedelta(days=(base.weekday() - day) % 7 or (7 if words[0] == "last" else 0))


def truncate_to(precision: str, value: date) -> date:
    """Return the first day of the stated month or year, so a date never claims more precision than it has."""
    if precision == "year":
        return value.replace(month=1, day=1)
    if precision == "month":
        return value.replace(day=1)
    return value


def resolve_event_date(verb, *, published: str | None, future: bool) -> tuple[str | None, str]:
    """Return (ISO date, precision) for the event: a stated date, else the publication date."""
    if published is None:
        return None, "unknown"
    for ent in find_date_entities(verb):
        parsed = resolve_weekday(ent.text, published, future) or parse_date(
            ent.text, published, "future" if future else "past")
        if parsed is not None:
            precision = find_precision(ent.text)
            return truncate_to(precision, parsed).isoformat(), precision
    return published, "publication"


def is_historical(event_date: str | None, published: str | None, precision: str) -> bool:
    """Return True when the stated date is well before publication (a background mention)."""
    if event_date is None or published is None or precision in ("publication", "unknown"):
        return False
    gap = date.fromisoformat(published) - date.fromisoformat(event_date)
    return gap.days >= HISTORICAL_DAYS
