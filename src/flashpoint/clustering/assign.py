"""Incremental clustering: each new report joins the event of a compatible earlier report, or starts one.

Reports are taken in seen order (earliest first). A new report is compared with the reports sharing one of its
blocking keys (stored ones and new ones already placed). It joins the oldest matching event; when it matches
several events (it bridges them), the younger ones are merged into the oldest, so the earliest-seen report's id
survives as the event id. An event keeps a date core, the overlap of its reports' date ranges: a report whose
range misses the core does not join, so a run of daily reports of similar events cannot chain into one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from flashpoint.clustering.blocking import build_block_keys
from flashpoint.clustering.reports import ClusterReport
from flashpoint.clustering.rules import intersect_ranges, match_reports, shift_end

# Reports of one event indexed under one blocking key: enough to match any wording of the event, few enough that a
# big event (hundreds of reports in one week) costs a new report a handful of comparisons, not hundreds.
MAX_REPORTS_PER_KEY = 6


@dataclass(frozen=True)
class Link:
    """Where one new report went: its event, the report it matched (None if it started the event) and why."""

    report_id: str
    event_id: str
    matched_id: str | None
    matched_fields: dict[str, str]
    block_keys: tuple[str, ...]


@dataclass
class EventState:
    """What the index keeps per event: its id, when its first report was seen and its date core."""

    event_id: str
    root_seen: tuple
    core: tuple[int, int] | None
    size: int = 1


def is_empty(core: tuple[int, int] | None) -> bool:
    """Return True when a date core is an empty range."""
    return core is not None and core[0] > core[1]


@dataclass
class ClusterIndex:
    """Blocks of placed reports and the events they form; merged events point to their survivor."""

    blocks: dict[str, list[ClusterReport]] = field(default_factory=lambda: defaultdict(list))
    per_key: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    events: dict[str, EventState] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    sentences: dict[tuple, ClusterReport] = field(default_factory=dict)  # first report per (sentence, type)

    def find(self, event_id: str) -> str:
        """Return the surviving id of an event (following merges, with path halving)."""
        while self.parent.get(event_id, event_id) != event_id:
            grand = self.parent.get(self.parent[event_id], self.parent[event_id])
            self.parent[event_id] = grand
            event_id = grand
        return event_id

    def place(self, report: ClusterReport, event_id: str, keys: tuple[str, ...]) -> None:
        """Record a report as a member of an event and index it under its keys (up to the per-key cap)."""
        self.owner[report.id] = event_id
        if report.sentence is not None:
            self.sentences.setdefault((report.sentence, report.kind), report)
        state = self.events.get(event_id)
        if state is None:
            self.events[event_id] = EventState(event_id, report.seen, shift_end(report))
        else:
            core = intersect_ranges(state.core, shift_end(report))
            state.core = state.core if is_empty(core) else core  # a same-sentence join never empties the core
            state.root_seen = min(state.root_seen, report.seen)
            state.size += 1
        for key in keys:
            if self.per_key[(key, event_id)] < MAX_REPORTS_PER_KEY:
                self.per_key[(key, event_id)] += 1
                self.blocks[key].append(report)

    def find_matches(self, report: ClusterReport, keys: tuple[str, ...]) -> dict[str, tuple[str, dict]]:
        """Return {event id: (matched report id, matched fields)} for the events this report can join."""
        found: dict[str, tuple[str, dict]] = {}
        rejected: set[str] = set()
        sibling = self.sentences.get((report.sentence, report.kind)) if report.sentence is not None else None
        if sibling is not None:  # another trigger of the same sentence and type: that event, and only it
            return {self.find(self.owner[sibling.id]): (sibling.id, match_reports(report, sibling) or {})}
        window = shift_end(report)
        for key in keys:
            for candidate in self.blocks.get(key, ()):
                event_id = self.find(self.owner[candidate.id])
                if event_id in found or event_id in rejected:
                    continue
                if is_empty(intersect_ranges(self.events[event_id].core, window)):
                    rejected.add(event_id)
                    continue
                fields = match_reports(report, candidate)
                if fields is not None:
                    found[event_id] = (candidate.id, fields)
        return found

    def merge(self, target: str, others: Iterable[str], window: tuple[int, int] | None) -> None:
        """Merge the other events into target where their date cores still overlap; others stay apart."""
        state = self.events[target]
        for other in sorted(others, key=lambda e: self.events[e].root_seen):
            core = intersect_ranges(intersect_ranges(state.core, self.events[other].core), window)
            if is_empty(core):
                continue
            self.parent[other] = target
            merged = self.events.pop(other)
            state.core, state.size = core, state.size + merged.size
            state.root_seen = min(state.root_seen, merged.root_seen)

    def add(self, report: ClusterReport) -> tuple[str | None, dict[str, str], tuple[str, ...]]:
        """Place a new report; return the report it matched (or None), the matched fields and its keys."""
        keys = build_block_keys(report)
        matches = self.find_matches(report, keys)
        if not matches:
            self.place(report, report.id, keys)
            return None, {}, keys
        target = min(matches, key=lambda e: self.events[e].root_seen)
        self.merge(target, [e for e in matches if e != target], shift_end(report))
        self.place(report, target, keys)
        matched_id, fields = matches[target]
        return matched_id, fields, keys


def index_stored(reports: Iterable[ClusterReport]) -> ClusterIndex:
    """Return an index holding stored reports in their stored events (each must carry its event_id)."""
    index = ClusterIndex()
    for report in sorted(reports, key=lambda r: r.seen):
        index.place(report, report.event_id or report.id, build_block_keys(report))
    return index


def assign_events(stored: Sequence[ClusterReport], new: Sequence[ClusterReport]) -> tuple[list[Link], dict[str, str]]:
    """Cluster new reports against stored ones; return a Link per new report and {merged event: survivor}."""
    index = index_stored(stored)
    stored_events = {index.find(r.event_id or r.id) for r in stored}
    placed = []
    for report in sorted(new, key=lambda r: r.seen):
        placed.append((report, *index.add(report)))
    links = [Link(report.id, index.find(index.owner[report.id]), matched, fields, keys)
             for report, matched, fields, keys in placed]
    merges = {event: index.find(event) for event in stored_events if index.find(event) != event}
    return links, merges
