"""Blocking keys: reports are compared only when they share a key, so clustering cost stays linear.

A key is ``type|country|week``: the report's PLOVER type (or CAMEO code), one country it names (participant or
place) and one week its date range touches (widened by the day tolerance). Two reports that ``match_reports``
always share a key: matching participants or an unknown-actor match share a country, and compatible dates
share a week. Undated reports (no date and no publication date) share only the week "-".
"""

from __future__ import annotations

from flashpoint.clustering.reports import ClusterReport
from flashpoint.clustering.rules import DAY_TOLERANCE

DAYS_PER_WEEK = 7
UNDATED_WEEK = "-"


def list_weeks(report: ClusterReport) -> list[str]:
    """Return the week numbers (ordinal day // 7) the report's widened date range touches."""
    if report.start is None or report.end is None:
        return [UNDATED_WEEK]
    first = (report.start - DAY_TOLERANCE) // DAYS_PER_WEEK
    last = (report.end + DAY_TOLERANCE) // DAYS_PER_WEEK
    return [str(week) for week in range(first, last + 1)]


def build_block_keys(report: ClusterReport) -> tuple[str, ...]:
    """Return the report's blocking keys (none when it names no country: it can match nothing)."""
    weeks = list_weeks(report)
    return tuple(f"{report.kind}|{country}|{week}" for country in sorted(report.countries) for week in weeks)
