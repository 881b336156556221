"""When two reports describe the same real-world event: pure predicates over ClusterReport pairs.

Two reports match when every field is compatible: the same PLOVER type (or CAMEO code), the same kind of
status (asserted/negated vs future/hypothetical), overlapping participants, a compatible place and dates within
a window that respects each date's precision. ``match_reports`` returns what matched, field by field, so the
store can say why a report joined its event.
"""

from __future__ import annotations

import math

from flashpoint.clustering.reports import ClusterReport, Participant, PlaceKey, Side

# Day-precision dates of one event may differ by this many days: reports resolve "yesterday" or "on Monday"
# against their own publication day and time zones shift a night raid by a day. Gold set (event_clusters,
# publication lag 1): tolerance 0 gives pairwise F1 0.912, 1 gives 0.946, 2 gives 0.931.
DAY_TOLERANCE = 1
# Two precise places (precision 1) are the same place within this radius: a base and the town beside it.
PLACE_RADIUS_KM = 30.0
# Two places whose coarser precision is a region (2) are compatible within this radius, or in the same admin1.
REGION_RADIUS_KM = 250.0
EARTH_RADIUS_KM = 6371.0
# Sector codes that say nothing about who the actor is, so they are compatible with any sector.
OPEN_SECTORS = frozenset({None, "", "UNK"})
# Sectors the coder confuses for one kind of actor ("militia supporters" UAF vs "protesters" OPP, "Hamas
# militants" UAF vs "Hamas" REB, seen on the gold set with an earlier coder): within a family sectors are
# compatible, across families they conflict. On the current gold set families, exact sectors and ignoring
# sectors all score pairwise F1 0.946; families keep state vs non-state apart at no measured cost.
SECTOR_FAMILIES: dict[str, str] = {
    **dict.fromkeys(("GOV", "MIL", "LEG", "JUD", "COP", "SPY", "ELI"), "state"),
    **dict.fromkeys(("UAF", "REB", "INS", "OPP", "PTY", "SEP", "CRM"), "armed or opposition"),
    **dict.fromkeys(("CVL", "PPL", "JRN", "EDU", "HLH", "REL", "BUS", "LAB", "MED", "NGO", "REF", "AGR"), "civilian"),
}
# Types where actor and recipient are interchangeable ("X met Y" = "Y met X"): participants are pooled.
SYMMETRIC_KINDS = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def is_same_kind(one: ClusterReport, other: ClusterReport) -> bool:
    """Return True when both reports have the same type and the same kind of status (real vs prospective)."""
    return one.kind == other.kind and one.is_real == other.is_real


def shift_end(report: ClusterReport) -> tuple[int, int] | None:
    """Return the report's date range with DAY_TOLERANCE added to its end, or None when undated."""
    if report.start is None or report.end is None:
        return None
    return report.start, report.end + DAY_TOLERANCE


def intersect_ranges(one: tuple[int, int] | None, other: tuple[int, int] | None) -> tuple[int, int] | None:
    """Return the overlap of two day ranges (None stands for 'any day'); an empty overlap gives (1, 0)."""
    if one is None or other is None:
        return one or other
    return max(one[0], other[0]), min(one[1], other[1])


def compare_dates(one: ClusterReport, other: ClusterReport) -> str | None:
    """Return how the dates match ("overlap", "undated"), or None when they cannot be the same event."""
    both = intersect_ranges(shift_end(one), shift_end(other))
    if both is None:
        return "undated"
    if both[0] > both[1]:
        return None
    return "overlap" if one.start is not None and other.start is not None else "undated"


def measure_km(one: PlaceKey, other: PlaceKey) -> float | None:
    """Return the great-circle distance between two places in km, or None when a coordinate is missing."""
    if None in (one.lat, one.lon, other.lat, other.lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (one.lat, one.lon, other.lat, other.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def compare_places(one: PlaceKey | None, other: PlaceKey | None) -> str | None:
    """Return how two places match at the coarser precision ("same place", ...), or None when they conflict."""
    if one is None or other is None:
        return "missing"
    if one.country and other.country and one.country != other.country:
        return None
    coarser = max(one.precision, other.precision)
    if coarser >= 3:
        return "same country"
    if one.name and one.name == other.name:
        return "same place"
    distance = measure_km(one, other)
    if coarser == 1:
        return f"within {PLACE_RADIUS_KM:g} km" if distance is not None and distance <= PLACE_RADIUS_KM else None
    if one.admin1 and one.admin1 == other.admin1:
        return "same region"
    return f"within {REGION_RADIUS_KM:g} km" if distance is not None and distance <= REGION_RADIUS_KM else None


def is_same_sector(one: str | None, other: str | None) -> bool:
    """Return True when two sector codes can describe the same actor (equal, open, or of one family)."""
    if one in OPEN_SECTORS or other in OPEN_SECTORS or one == other:
        return True
    family = SECTOR_FAMILIES.get(one or "")
    return family is not None and family == SECTOR_FAMILIES.get(other or "")


def is_same_actor(one: Participant, other: Participant) -> bool:
    """Return True when two actors can be the same: the same resolved name, or same country and sector family."""
    if one[2] and one[2] == other[2]:
        return True
    return one[0] is not None and one[0] == other[0] and is_same_sector(one[1], other[1])


def label_match(first: Participant, second: Participant) -> str:
    """Return how two matched actors are described in the mention ("IRN MIL", or the shared name)."""
    if first[0] and first[0] == second[0]:
        return " ".join(code for code in (first[0], first[1] or second[1]) if code)
    return first[2] or ""


def compare_side(one: Side, other: Side, places: tuple[str | None, str | None] = (None, None)) -> str | None:
    """Return the matched actor label, "unknown" when a side names nobody known, or None on conflict.

    ``places`` are the two reports' place countries: the coder often takes the country where an event happened
    for its target ("the Ain al-Asad air base" for the US troops there), so a side naming only that country
    does not conflict with the other report's side.
    """
    known_one = [p for p in one if p[0] or p[2]]
    known_other = [p for p in other if p[0] or p[2]]
    if not known_one or not known_other:
        return "unknown"
    for first in known_one:
        for second in known_other:
            if is_same_actor(first, second):
                return label_match(first, second)
    if all(p[0] in places for p in known_one) or all(p[0] in places for p in known_other):
        return "place country"
    return None


def compare_participants(one: ClusterReport, other: ClusterReport) -> dict[str, str] | None:
    """Return the matched actor and recipient labels, or None when the participants cannot be the same."""
    places = (one.place.country if one.place else None, other.place.country if other.place else None)
    if one.kind in SYMMETRIC_KINDS:
        pooled = compare_side(one.actors + one.recipients, other.actors + other.recipients, places)
        sides = {"actor": pooled, "recipient": pooled}
    else:
        sides = {"actor": compare_side(one.actors, other.actors, places),
                 "recipient": compare_side(one.recipients, other.recipients, places)}
    if None in sides.values():
        return None
    if all(label == "unknown" for label in sides.values()) and not one.countries & other.countries:
        return None  # unknown actors are compatible only with reports in the same country
    return sides  # type: ignore[return-value]


def match_reports(one: ClusterReport, other: ClusterReport) -> dict[str, str] | None:
    """Return {field: how it matched} when two reports can be the same event, else None."""
    if not is_same_kind(one, other):
        return None
    if one.sentence is not None and one.sentence == other.sentence:
        return {"event": one.kind, "sentence": "same sentence"}  # two triggers of one sentence, one event
    dates = compare_dates(one, other)
    if dates is None:
        return None
    place = compare_places(one.place, other.place)
    if place is None:
        return None
    participants = compare_participants(one, other)
    if participants is None:
        return None
    return {"event": one.kind, **participants, "place": place, "date": dates}
