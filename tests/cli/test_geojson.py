"""GeoJSON export: RFC 7946 points ([lon, lat]) for events placed at a town or region, nothing else."""

import json

from flashpoint.cli.geojson import render_geojson


def event(event_id: str, location: dict | None) -> dict:
    return {"id": event_id, "event": "ASSAULT", "date": "2020-01-08", "location": location}


BAGHDAD = {"text": "Baghdad", "name": "Baghdad", "country": "IRQ", "admin1": "Baghdad", "lat": 33.34,
           "lon": 44.40, "geonameid": 98182, "precision": 1, "span": [10, 17]}


def test_points_are_lon_lat_and_properties_drop_the_coordinates() -> None:
    collection = json.loads(render_geojson([event("a", BAGHDAD)]))
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [44.40, 33.34]}
    assert feature["id"] == "a" and feature["properties"]["event"] == "ASSAULT"
    location = feature["properties"]["location"]
    assert "lat" not in location and "lon" not in location and location["name"] == "Baghdad"


def test_country_centroids_and_unplaced_events_are_left_out() -> None:
    country = dict(BAGHDAD, name="Iraq", precision=3)
    region = dict(BAGHDAD, name="Anbar", precision=2, lat=33.0, lon=42.0)
    no_point = dict(BAGHDAD, lat=None, lon=None)
    collection = json.loads(render_geojson([event("c", country), event("r", region), event("n", no_point),
                                            event("x", None)]))
    assert [f["id"] for f in collection["features"]] == ["r"]


def test_input_records_are_not_changed() -> None:
    record = event("a", dict(BAGHDAD))
    render_geojson([record])
    assert record["location"]["lat"] == 33.34


def test_no_records_give_an_empty_collection() -> None:
    assert json.loads(render_geojson([])) == {"type": "FeatureCollection", "features": []}
