"""Errors a user can act on, and the stable drop codes for inputs that yield no article."""

from __future__ import annotations

from dataclasses import dataclass


class FlashpointError(Exception):
    """Base class: a one-line message saying what was wrong, with which input, and what to do."""


class InputError(FlashpointError):
    """An input path or record cannot be read."""


class StoreError(FlashpointError):
    """The event store cannot be opened, migrated or written."""


class ModelError(FlashpointError):
    """The spaCy model cannot be loaded."""


@dataclass(frozen=True)
class DropReason:
    """A stable drop code ("D101") with a short name and what it means."""

    code: str
    name: str
    meaning: str

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# Codes are stable: never renumber, only add. docs/drop_codes.md lists every one (a test checks).
DROP_REASONS: dict[str, DropReason] = {
    reason.code: reason
    for reason in (
        DropReason("D101", "empty", "the input holds no text, or nothing is left after removing page chrome"),
        DropReason("D102", "too short", "the cleaned body is shorter than the minimum article length"),
        DropReason("D103", "too large", "the file is larger than the input size cap (max_input_bytes)"),
        DropReason("D104", "binary", "the file looks binary (NUL bytes), not text"),
        DropReason("D105", "undecodable", "the bytes are not valid UTF-8 and no fallback decoding applied"),
        DropReason("D106", "unreadable", "the file could not be opened or read"),
        DropReason("D107", "unsupported format", "the file's extension is not a supported input format"),
        DropReason("D108", "unreachable", "a URL could not be fetched (offline, DNS failure, refused, timeout, HTTP error)"),
        DropReason("D109", "too long", "the cleaned text is longer than max_article_chars"),
        DropReason("D201", "bad json", "a JSON Lines record is not a valid JSON object"),
        DropReason("D202", "no text field", "a JSON Lines record has no non-empty 'text' field"),
        DropReason("D203", "bad date", "the record's date could not be parsed"),
        DropReason("D204", "not English", "the text is not in English"),
        DropReason("D205", "bad feed", "an RSS/Atom feed is malformed and no item could be read from it"),
        DropReason("D206", "not an article record", "a WARC response is not an HTML page fetched with HTTP 200"),
        DropReason("D207", "truncated archive", "a WARC file is truncated or corrupt; the records after the damage are lost"),
        DropReason("D401", "bad import row", "a row of an imported event file is malformed (columns, date, code, JSON)"),
        DropReason("D402", "unmapped import row", "a valid imported row has no CAMEO/PLOVER equivalent (skipped)"),
        DropReason("D301", "coding failed", "parsing or coding this article raised an error (a bug: please report it)"),
    )
}


def drop_reason(code: str) -> DropReason:
    """Return the DropReason for a code, raising KeyError for an unknown code."""
    return DROP_REASONS[code]
