"""Render event records as a GeoJSON FeatureCollection (RFC 7946) for `flashpoint events --format geojson`.

Only events placed at a town or a region (location precision 1 or 2) with coordinates become points: a country
centroid (precision 3) would pile unrelated events on one spot, which is the failure analysts complain about.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

# Location precision levels: 1 place, 2 admin region, 3 country (records.py). Points stop at regions.
MAX_POINT_PRECISION = 2
COORDINATE_KEYS = ("lat", "lon")


def is_mappable(record: dict[str, Any]) -> bool:
    """Return True for a record whose location is a place or region with valid coordinates."""
    location = record.get("location") or {}
    precision, lat, lon = location.get("precision"), location.get("lat"), location.get("lon")
    if precision is None or precision > MAX_POINT_PRECISION or lat is None or lon is None:
        return False
    return -90.0 <= float(lat) <= 90.0 and -180.0 <= float(lon) <= 180.0


def build_feature(record: dict[str, Any]) -> dict[str, Any]:
    """Return the Point feature of one mappable record: [lon, lat] geometry, the record minus its coordinates."""
    location = record["location"]
    properties = dict(record)
    properties["location"] = {k: v for k, v in location.items() if k not in COORDINATE_KEYS}
    return {
        "type": "Feature",
        "id": record.get("id"),
        "geometry": {"type": "Point", "coordinates": [float(location["lon"]), float(location["lat"])]},
        "properties": properties,
    }


def build_collection(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Return the FeatureCollection of the mappable records, in input order."""
    return {"type": "FeatureCollection", "features": [build_feature(r) for r in records if is_mappable(r)]}


def render_geojson(records: list[dict]) -> str:
    """Return a GeoJSON FeatureCollection of Point features for events located at precision 1 or 2."""
    return json.dumps(build_collection(records), ensure_ascii=False, default=list)
