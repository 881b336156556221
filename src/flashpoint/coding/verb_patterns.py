"""PETRARCH-2 verb patterns as flashpoint reads them: slots of word runs before and after the verb, how well a
clause matches one, and a per-verb index that skips patterns naming a first word the clause lacks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

Slots = tuple[tuple[tuple[str, ...], ...], ...]


@dataclass(frozen=True)
class VerbPattern:
    """A simplified pattern: slots of alternative token sequences required before and after the verb."""

    before: tuple[tuple[tuple[str, ...], ...], ...]
    after: tuple[tuple[tuple[str, ...], ...], ...]
    code: str
    paired_code: str | None
    is_reversed: bool
    text: str
    verb: str | None


def build_pattern(raw: dict[str, Any]) -> VerbPattern:
    """Return a VerbPattern from its JSON record."""

    def slots(items: list[list[str]]) -> tuple[tuple[tuple[str, ...], ...], ...]:
        return tuple(tuple(tuple(alt.split()) for alt in slot) for slot in items)

    return VerbPattern(slots(raw["before"]), slots(raw["after"]), raw["code"], raw["paired_code"],
                       raw["is_reversed"], raw["text"], raw["verb"])


def find_run(words: Sequence[str], run: tuple[str, ...], start: int) -> int:
    """Return the first index >= start where run occurs contiguously in words, or -1."""
    width = len(run)
    for index in range(start, len(words) - width + 1):
        if tuple(words[index : index + width]) == run:
            return index
    return -1


def has_slot_starts(slots: tuple[tuple[tuple[str, ...], ...], ...], words: Sequence[str]) -> bool:
    """Return True when every slot has an alternative whose first word occurs in words (score_slots needs it)."""
    return all(any(alt[0] in words for alt in slot) for slot in slots)


def score_slots(slots: tuple[tuple[tuple[str, ...], ...], ...], words: Sequence[str]) -> int | None:
    """Return how many words the slots match in order (gaps allowed), or None when one slot is missing."""
    cursor, matched = 0, 0
    for slot in slots:
        hits = [(find_run(words, alt, cursor), -len(alt)) for alt in slot]
        hits = [hit for hit in hits if hit[0] >= 0]
        if not hits:
            return None
        index, negative_width = min(hits)
        cursor, matched = index - negative_width, matched - negative_width
    return matched



@dataclass(frozen=True)
class PatternIndex:
    """The patterns of one lexicon key, each with its file order, keyed by the first words of one slot.

    A pattern can match only when one alternative of each of its slots starts with a word of the clause, so it is
    filed under the first words of its first slot (after the verb if it has one, else before); patterns with no
    slot always apply. Ranking then sees only the patterns whose anchor word the clause has."""

    always: tuple[tuple[int, VerbPattern], ...]
    by_after: dict[str, tuple[tuple[int, VerbPattern], ...]]
    by_before: dict[str, tuple[tuple[int, VerbPattern], ...]]

    @classmethod
    def build(cls, patterns: Sequence[VerbPattern]) -> "PatternIndex":
        """Return the index of patterns given in file order (order -1 for the first, -2 for the next...)."""
        always: list[tuple[int, VerbPattern]] = []
        by_after: dict[str, list[tuple[int, VerbPattern]]] = {}
        by_before: dict[str, list[tuple[int, VerbPattern]]] = {}
        for position, pattern in enumerate(patterns, start=1):
            item = (-position, pattern)
            slot, table = (pattern.after[0], by_after) if pattern.after else (
                (pattern.before[0], by_before) if pattern.before else (None, None))
            if slot is None:
                always.append(item)
                continue
            for first in {alt[0] for alt in slot}:
                table.setdefault(first, []).append(item)
        return cls(tuple(always), {k: tuple(v) for k, v in by_after.items()},
                   {k: tuple(v) for k, v in by_before.items()})

    def candidates(self, words: Sequence[str], before: Sequence[str]) -> list[tuple[int, VerbPattern]]:
        """Return the (order, pattern) pairs whose anchor word occurs in the clause, each once."""
        found = {order: pattern for order, pattern in self.always}
        for table, clause in ((self.by_after, words), (self.by_before, before)):
            for word in set(clause).intersection(table):
                found.update(table[word])
        return list(found.items())
