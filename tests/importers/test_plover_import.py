"""PLOVER JSON records (JSON Lines or an array) into the event record: hand-written records and the shared GSR."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.importers import read_plover
from flashpoint.records import Dropped, Event, hash_text

FULL = {
    "id": "PHOX-20160724-0042", "date": "2016-07-24", "event": ["ASSAULT"], "mode": ["aerial"],
    "context": ["military", "not-a-context"], "quad_code": 4, "event_scale": -9.5,
    "actor": [{"code": "USA", "sector": "MIL", "entity_text": "US jets", "identifier_id": "Q11211"}],
    "recipient": [{"code": "SYR", "entity_text": "Raqqa"}],
    "event_loc": {"extracted_place": "Raqqa", "resolved_place": "Ar Raqqah", "geonameid": 172955, "lat": 35.95,
                  "lon": 39.01, "province": "Raqqa", "country_code": "SYR", "resolution": 4},
    "event_text": ["struck"], "text": "US jets struck Raqqa on Sunday, killing 3.", "size": {"dead": 3},
}
MINIMAL = {"id": "PHOXv1-20160724-0043", "date": "2016-07", "actor": [{"code": "USA"}],
           "recipient": [{"code": "CAN"}], "event": ["CONSULT"]}


def write_lines(path: Path, lines: list[str]) -> Path:
    """Write text lines to a file and return its path."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_full_record_maps_every_field(tmp_path: Path) -> None:
    [event] = list(read_plover(write_lines(tmp_path / "e.jsonl", [json.dumps(FULL)])))
    assert isinstance(event, Event) and event.id == hash_text("plover", "PHOX-20160724-0042")
    assert (event.event, event.mode, event.context) == ("ASSAULT", "aerial", ("military",))
    assert (event.cameo, event.cameo_root, event.quad_class, event.quad_rule) == ("", "", 4, "plover")
    assert (event.goldstein, event.dead, event.date, event.date_precision) == (-9.5, 3, "2016-07-24", "day")
    assert [(a.text, a.country, a.sector, a.wikidata) for a in event.actor] == [("US jets", "USA", "MIL", "Q11211")]
    assert (event.trigger.text, event.trigger.span) == ("struck", (8, 14))
    assert event.sentence[8:14] == "struck"
    place = event.location
    assert (place.name, place.country, place.geonameid, place.precision) == ("Ar Raqqah", "SYR", 172955, 1)


def test_a_minimal_record_and_an_array_file(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_text(json.dumps([MINIMAL, {**MINIMAL, "id": "x2", "event": "ACCUSE"}]), encoding="utf-8")
    consult, accuse = list(read_plover(path))
    assert (consult.event, consult.quad_class, consult.goldstein) == ("CONSULT", 1, 2.5)  # PLOVER manual's quad/score
    assert (consult.date, consult.date_precision) == ("2016-07", "month")
    assert [a.country for a in consult.recipient] == ["CAN"] and accuse.event == "ACCUSE"


def test_bad_records_are_dropped_with_their_line(tmp_path: Path) -> None:
    lines = [json.dumps(MINIMAL), "{not json", json.dumps({**MINIMAL, "event": ["FIGHT"]}), "",
             json.dumps({**MINIMAL, "id": ""}), json.dumps({**MINIMAL, "id": "ok2"})]
    path = write_lines(tmp_path / "e.jsonl", lines)
    items = list(read_plover(path))
    assert [type(item).__name__ for item in items] == ["Event", "Dropped", "Dropped", "Dropped", "Event"]
    assert [item.source for item in items if isinstance(item, Dropped)] == [f"{path}:2", f"{path}:3", f"{path}:5"]
    assert "FIGHT" in items[2].detail


@pytest.mark.shared
def test_the_first_plover_gold_standard_records(tmp_path: Path, shared_path) -> None:
    source = shared_path("plover/derived/PLOVER_GSR_CAMEO_v2labels.jsonl")
    lines = source.read_text(encoding="utf-8").splitlines()[:50]
    items = list(read_plover(write_lines(tmp_path / "gsr.jsonl", lines)))
    assert len(items) == 50 and all(isinstance(item, Event) for item in items)
    expected = [json.loads(line)["event_v2"] for line in lines]
    assert [item.event for item in items] == expected
    assert items[0].actor[0].country == "HUN" and items[0].date is None
