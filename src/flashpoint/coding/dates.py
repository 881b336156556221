"""Resolve an event's date from DATE entities near its trigger, against the publication date.

``resolve_expression`` reads one date expression ("3 January 2020", "Jan. 3", "yesterday", "on Wednesday", "last
June", "earlier this year", "from January 2001 to April 2002") into a start date, an optional end date and the
finest unit the text states (day | month | year). Expressions without a year or with a weekday are placed on the
nearest such date before publication, or after it when the event is in the future. A month or year is stored as
its first day (``truncate_to``); a range's end date is truncated the same way. dateparser is only the fallback for
absolute forms the rules below do not read.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from .entities import sentence_entities

# A report dated more than three weeks before publication is a background mention, not news: the convention of
# the demo gold (tests/golden/demo_events.jsonl, "historical"); kept after checking it on tests/golden/dates.jsonl.
HISTORICAL_DAYS = 22
# A day named without a year ("march 15") up to a month after publication is the coming one even when the clause
# has no future marker: an event cannot be reported before it happens (tests/golden/dates.jsonl, IPE items).
LOOKAHEAD_DAYS = 31
# Seasons (northern hemisphere) are read as the month they start in, then stated at year precision.
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_PATTERN = re.compile(r"\b(\d{1,2}(st|nd|rd|th)?\b|yesterday|today|tonight|monday|tuesday|wednesday|thursday|"
                         r"friday|saturday|sunday)", re.IGNORECASE)
MONTH_PATTERN = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE)
YEAR_PATTERN = re.compile(r"\b(19|20)\d{2}\b")
VAGUE_DATES = frozenset({"recent", "recently", "now", "currently", "the past", "years", "decades", "weeks", "days"})
MONTHS = {name: i for i, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), 1) for name in names}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# Words that say when within a day or period but not which one ("Sunday evening", "early June", "mid-2019").
SOFT_WORDS = frozenset({"morning", "afternoon", "evening", "night", "noon", "midnight", "early", "late", "mid",
                        "earlier", "later", "the", "on", "in", "at", "during", "of", "by", "around", "about",
                        "beginning", "end", "start", "middle", "first", "half", "second", "hours", "overnight",
                        "as", "until", "till", "since", "this", "same", "day"})
SPAN_WORDS = ("week", "month", "year", "weekend")
VAGUE_WORDS = frozenset({"few", "several", "recent", "past", "coming", "couple", "decades", "decade", "centuries",
                         "ages", "some", "many", "old", "consecutive", "straight", "another", "extra", "every",
                         "weeks", "months", "days", "years",
                         "winter", "season", "quarter", "ramadan", "christmas", "easter", "time", "times"})
_TOKEN = re.compile(r"[a-z]+|\d+")
_NUMERIC = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_RANGE = re.compile(
    r"^(?:from\s+|between\s+)?(?P<a>\d{1,2})" + _ORDINAL + r"\s*(?:-|–|to|and)\s*(?P<b>\d{1,2})" + _ORDINAL
    + r"\s+(?P<rest>[a-z].*)$"                                  # "1-3 march", "between 1 and 4 july"
    + r"|^(?:from\s+|between\s+)?(?P<m>[a-z]+\.?)\s+(?P<c>\d{1,2})" + _ORDINAL + r"\s*(?:-|–|to|and)\s*"
    + r"(?P<d>\d{1,2})" + _ORDINAL + r"\b(?P<tail>.*)$")          # "march 1-3 2019"
_RANGE = re.compile(r"^(?:from|between)?\s*(?P<a>.+?)\s+(?:to|until|till|through|and|-|–)\s+(?P<b>.+)$")
_DECADE = re.compile(r"\b\d{3}0'?s\b")
_YEAR_RANGE = re.compile(r"^(?:from\s+)?(\d{4})\s*(?:-|–|to)\s*(\d{4})$")
_BRACKET = re.compile(r"[\[(]([^\])]+)[\])]")


class DateSpan(NamedTuple):
    """A resolved date expression: ISO start date, ISO end date of a range (or None) and precision."""

    date: str | None
    end_date: str | None
    precision: str


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
    dates = [e for e in sentence_entities(verb.sent) if e.label_ == "DATE"]
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
    return shift_weekday(day, date.fromisoformat(published), future or words[0] == "next", words[0] == "last",
                         following=words[0] == "next" or future)


def shift_weekday(day: int, base: date, future: bool, last: bool, *, following: bool = False) -> date:
    """Return the nearest given weekday on or before ``base`` (strictly before for "last"), or on or after it.

    A future "on Thursday" in a Thursday paper is that day (the wire writes the day's schedule); "next" skips it.
    """
    if future:
        return base + timedelta(days=(day - base.weekday()) % 7 or (7 if following else 0))
    return base - timedelta(days=(base.weekday() - day) % 7 or (7 if last else 0))


def truncate_to(precision: str, value: date) -> date:
    """Return the first day of the stated month or year, so a date never claims more precision than it has."""
    if precision == "year":
        return value.replace(month=1, day=1)
    if precision == "month":
        return value.replace(day=1)
    return value


# --- reading one expression --------------------------------------------------------------------------------------

def normalise_expression(text: str) -> str:
    """Return the expression lower-cased with quotes, commas and possessives flattened ("Jan. 3," -> "jan 3")."""
    text = text.lower().replace("\u2019", "'").replace("'s", "").replace(",", " ").replace(".", " ")
    return re.sub(r"\s+", " ", text).strip()


def read_month(word: str) -> int | None:
    """Return the month number of a month name or abbreviation ("sept", "jan"), else None."""
    return MONTHS.get(word.rstrip("."))


def read_number(word: str) -> int | None:
    """Return the value of a small number in digits or words ("two", "3"), else None."""
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def read_day(word: str) -> int | None:
    """Return a day of the month from "3", "3rd" or "13th", else None."""
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", word)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 31 else None


def shift_months(value: date, months: int) -> date:
    """Return the first day of the month ``months`` away from ``value``'s month."""
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def resolve_named_day(words: list[str], base: date) -> DateSpan | None:
    """Resolve today / tonight / yesterday / tomorrow / last night / the day before yesterday."""
    text = " ".join(words)
    offsets = (("day before yesterday", -2), ("day after tomorrow", 2), ("yesterday", -1), ("last night", -1),
               ("tomorrow", 1), ("today", 0), ("tonight", 0), ("this morning", 0), ("this afternoon", 0),
               ("this evening", 0), ("overnight", 0))
    for phrase, offset in offsets:
        if re.search(r"\b%s\b" % phrase, text):
            return DateSpan((base + timedelta(days=offset)).isoformat(), None, "day")
    return None


def resolve_ago(words: list[str], base: date) -> DateSpan | None:
    """Resolve "three days ago", "two weeks ago", "a month ago", "five years ago"."""
    if "ago" not in words or words.index("ago") < 2:
        return None
    at = words.index("ago")
    count, unit = read_number(words[at - 2]), words[at - 1].rstrip("s")
    if count is None:
        return None
    if unit == "day":
        return DateSpan((base - timedelta(days=count)).isoformat(), None, "day")
    if unit == "week":  # a week has no level of its own: the month that contains it
        return DateSpan(truncate_to("month", base - timedelta(days=7 * count)).isoformat(), None, "month")
    if unit == "month":
        return DateSpan(shift_months(base, -count).isoformat(), None, "month")
    if unit == "year":
        return DateSpan(date(base.year - count, 1, 1).isoformat(), None, "year")
    return None


def find_direction(words: list[str]) -> int:
    """Return -1 for "last"/"past"/"previous", +1 for "next"/"following", 0 for "this"/"earlier this"/bare."""
    if {"last", "previous", "past"} & set(words):
        return -1
    if "next" in words or "following" in words:
        return 1
    return 0


def resolve_span_word(words: list[str], base: date, future: bool) -> DateSpan | None:
    """Resolve "last week", "earlier this month", "next year", "late last year", "over the weekend"."""
    unit = next((w for w in SPAN_WORDS if w in words), None)
    if unit is None or any(read_month(w) or read_day(w) or w in WEEKDAYS for w in words):
        return None
    step = find_direction(words)
    if unit == "weekend":
        saturday = shift_weekday(5, base, step > 0 or (future and step == 0), False)
        if step < 0 and base.weekday() >= 5:
            saturday -= timedelta(days=7)  # "last weekend" in a weekend paper is the one before
        return DateSpan(saturday.isoformat(), (saturday + timedelta(days=1)).isoformat(), "day")
    if unit == "week":
        return DateSpan(truncate_to("month", base + timedelta(days=7 * step)).isoformat(), None, "month")
    if unit == "month":
        return DateSpan(shift_months(base, step).isoformat(), None, "month")
    return DateSpan(date(base.year + step, 1, 1).isoformat(), None, "year")


def place_month(month: int, day: int | None, words: list[str], base: date, future: bool) -> date:
    """Return the year-complete date of a month (and day) named without a year, nearest before or after publication.

    "last June" is the latest June before the publication month; "next June" the first after it; "this June" is in
    the publication year; a bare month or day is the nearest on or before publication, or after it for the future.
    """
    step = find_direction(words)
    if "this" in words and step == 0:
        year = base.year
    elif step > 0:
        year = base.year if month > base.month else base.year + 1
    elif step < 0:
        year = base.year if month < base.month else base.year - 1
    else:
        reference = (base.month, base.day) if day else (base.month, 1)
        stated = (month, day or 1)
        year = base.year + (stated < reference if future else -(stated > reference))
        if day and not future and is_just_ahead(date(year + 1, month, min(day, 28)), base):
            year += 1
    return date(year, month, min(day or 1, monthrange(year, month)[1]))


def is_just_ahead(value: date, base: date) -> bool:
    """Return True for a day within LOOKAHEAD_DAYS after publication: a scheduled date, not one 11 months ago."""
    return 0 < (value - base).days <= LOOKAHEAD_DAYS


def find_year(words: list[str]) -> int | None:
    """Return a four-digit year (1800-2199) stated in the words, else None."""
    return next((int(w) for w in words if len(w) == 4 and w.isdigit() and 1800 <= int(w) < 2200), None)


def resolve_calendar(words: list[str], base: date, future: bool) -> DateSpan | None:
    """Resolve month names with or without day and year ("3 january 2020", "jan 3", "last june", "march 2019")."""
    months = [(i, read_month(w)) for i, w in enumerate(words) if read_month(w)]
    if not months:
        return None
    at, month = months[0]
    near = (words[j] for j in (at - 1, at + 1, at - 2) if 0 <= j < len(words))  # "3 jan", "jan 3", "3rd of jan"
    day = next((read_day(w) for w in near if read_day(w)), None)
    year = find_year(words)
    if year is not None:
        value = date(year, month, min(day or 1, monthrange(year, month)[1]))
    else:
        value = place_month(month, day, words, base, future)
    precision = "day" if day else "month"
    return DateSpan(value.isoformat(), None, precision)


def resolve_weekday_words(words: list[str], base: date, future: bool) -> DateSpan | None:
    """Resolve "on Wednesday", "last Sunday", "next Friday", "Thursday night"."""
    day = next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)
    if day is None or any(w not in SOFT_WORDS and w not in WEEKDAYS and w not in ("last", "next", "past")
                          for w in words):
        return None
    step = find_direction(words)
    ahead = step > 0 or (future and step == 0)   # "last Tuesday" is past even in a future clause
    value = shift_weekday(day, base, ahead, step < 0, following=step > 0)
    return DateSpan(value.isoformat(), None, "day")


def resolve_season(words: list[str], base: date, future: bool) -> DateSpan | None:
    """Resolve "last autumn", "this summer", "in the spring of 2015" to the year the season falls in."""
    month = next((SEASONS[w] for w in words if w in SEASONS), None)
    if month is None:
        return None
    year = find_year(words) or place_month(month, None, words, base, future).year
    return DateSpan(date(year, 1, 1).isoformat(), None, "year")


def resolve_year(words: list[str]) -> DateSpan | None:
    """Resolve a bare year ("2019", "in 1991", "mid-2019")."""
    year = find_year(words)
    rest = [w for w in words if w not in SOFT_WORDS and not (w.isdigit() and len(w) == 4)]
    if year is None or rest:
        return None
    return DateSpan(date(year, 1, 1).isoformat(), None, "year")


def resolve_numeric(text: str) -> DateSpan | None:
    """Resolve ISO (2003-02-22) and US numeric (02/22/2003) dates."""
    match = _NUMERIC.search(text)
    if not match:
        return None
    try:
        if match.group(1):
            value = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        else:
            value = date(int(match.group(6)), int(match.group(4)), int(match.group(5)))
    except ValueError:
        return None
    return DateSpan(value.isoformat(), None, "day")


def is_vague(words: list[str]) -> bool:
    """Return True for an expression that names no resolvable time ("recent days", "a month", "the 1990s")."""
    if not words or " ".join(words) in VAGUE_DATES:
        return True
    if words[0] in ("a", "an", "one") and "ago" not in words:
        return True  # a duration ("spending over a month", "on a weekend"), not a date
    if all(w.isdigit() for w in words) and find_year(words) is None:
        return True  # a count the tagger read as a date ("fired 1649 rounds")
    return bool(VAGUE_WORDS & set(words)) and not any(read_month(w) or w in WEEKDAYS for w in words)


def resolve_single(text: str, base: date, future: bool) -> DateSpan | None:
    """Resolve one point or period (no range): the first reading that applies, dateparser last."""
    words = [w for w in _TOKEN.findall(text) if w != "the"]
    found = resolve_named_day(words, base) or resolve_ago(words, base) or resolve_numeric(text)
    if found or is_vague(words):
        return found
    found = (resolve_span_word(words, base, future) or resolve_weekday_words(words, base, future)
             or resolve_calendar(words, base, future) or resolve_season(words, base, future) or resolve_year(words))
    if found is None and any(w.isdigit() for w in words):
        parsed = parse_date(text, base.isoformat(), "future" if future else "past")
        if parsed is not None:
            precision = find_precision(text)
            found = DateSpan(truncate_to(precision, parsed).isoformat(), None, precision)
    return found


def split_range(text: str) -> tuple[str, str] | None:
    """Return the two ends of a range ("from january 2001 to april 2002", "1-3 march", "thursday and friday")."""
    match = _YEAR_RANGE.match(text)
    if match:
        return match.group(1), match.group(2)
    match = _DAY_RANGE.match(text)
    if match and match.group("a"):
        return f"{match.group('a')} {match.group('rest')}", f"{match.group('b')} {match.group('rest')}"
    if match and match.group("m") and read_month(match.group("m")):
        tail = match.group("tail")
        return f"{match.group('m')} {match.group('c')}{tail}", f"{match.group('m')} {match.group('d')}{tail}"
    match = _RANGE.match(text)
    if match is None:
        return None
    first, second = match.group("a"), match.group("b")
    year = find_year(_TOKEN.findall(second))
    if year and not find_year(_TOKEN.findall(first)):
        first = f"{first} {year}"  # "3 march to 5 april 2020": the year covers both ends
    return first, second


def resolve_range(text: str, base: date, future: bool) -> DateSpan | None:
    """Resolve a range into start, end and the coarser of the two precisions; None when it is not one."""
    ends = split_range(text)
    if ends is None:
        return None
    start, end = resolve_single(ends[0], base, future), resolve_single(ends[1], base, future)
    if start is None or end is None:
        return None
    order = ("day", "month", "year")
    precision = max(start.precision, end.precision, key=order.index)
    first = truncate_to(precision, date.fromisoformat(start.date))
    last = truncate_to(precision, date.fromisoformat(end.date))
    if last < first:
        return None
    return DateSpan(first.isoformat(), last.isoformat() if last != first else None, precision)


@lru_cache(maxsize=8192)
def resolve_expression(text: str, published: str, *, future: bool = False) -> DateSpan | None:
    """Return the DateSpan one date expression states, read against the ISO publication date, or None."""
    base = date.fromisoformat(published)
    bracket = _BRACKET.search(text)
    if bracket:  # "Tuesday [11 December 2007]": the editor's explicit date wins
        found = resolve_expression(bracket.group(1), published, future=future)
        if found is not None:
            return found
        text = _BRACKET.sub(" ", text)
    clean = normalise_expression(text)
    if _DECADE.search(clean):
        return None  # "the 1990s": no precision level holds a decade
    clean = re.sub(r"^(?:on|in|at|during|by|since|as of|of|for)\s+", "", clean)
    return resolve_range(clean, base, future) or resolve_single(clean, base, future)


def resolve_event_dates(verb, *, published: str | None, future: bool,
                        ingested: str | None = None) -> DateSpan:
    """Return the event's (date, end_date, precision): a stated date, else the publication date.

    An article without a publication date gets the ingest date (when given) with precision "unknown".
    """
    if published is None:
        return DateSpan(ingested, None, "unknown") if ingested else DateSpan(None, None, "unknown")
    for ent in find_date_entities(verb):
        found = resolve_expression(ent.text, published, future=future)
        if found is not None:
            return found
    return DateSpan(published, None, "publication")


def resolve_event_date(verb, *, published: str | None, future: bool) -> tuple[str | None, str]:
    """Return (ISO date, precision) for the event: a stated date, else the publication date."""
    found = resolve_event_dates(verb, published=published, future=future)
    return found.date, found.precision


def is_historical(event_date: str | None, published: str | None, precision: str) -> bool:
    """Return True when the stated date is well before publication (a background mention)."""
    if event_date is None or published is None or precision in ("publication", "unknown"):
        return False
    gap = date.fromisoformat(published) - date.fromisoformat(event_date)
    return gap.days >= HISTORICAL_DAYS
