"""Event ids through the real pipeline (spaCy model, DuckDB): stable across re-ingest and incremental ingest,
and both units through the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flashpoint.cli.main import app
from flashpoint.pipeline import ingest
from flashpoint.records import EVENT_FIELDS
from flashpoint.settings import Settings
from flashpoint.store import open_store

pytestmark = pytest.mark.integration

WEEK_ONE = [
    {"text": "Iranian forces fired ballistic missiles at the Ain al-Asad air base in Iraq on Wednesday, targeting "
             "US troops.", "title": "Missiles hit base", "date": "2020-01-08", "url": "https://one.example/1"},
    {"text": "Iran launched missiles at the Ain al-Asad air base housing American forces on Wednesday, the "
             "Pentagon said.", "title": "Iran strikes", "date": "2020-01-08", "url": "https://two.example/1"},
]
WEEK_TWO = [
    {"text": "A week after Iranian missiles struck the Ain al-Asad base on January 8, US officials said dozens of "
             "soldiers had suffered brain injuries.", "title": "Injuries", "date": "2020-01-16",
     "url": "https://three.example/1"},
    {"text": "Turkish warplanes bombed suspected PKK positions in the Sinjar area of northern Iraq on Sunday, the "
             "defence ministry said.", "title": "Turkey strikes", "date": "2020-06-15",
     "url": "https://one.example/2"},
]


def write_jsonl(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def run_ingest(db: str, *paths: str) -> dict[str, str]:
    store = open_store(db)
    try:
        ingest(list(paths), store=store, settings=Settings(db=db))
        return {r["id"]: r["event_id"] for r in store.event_records()}
    finally:
        store.close()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("clusters")
    db = str(folder / "fp.duckdb")
    one = write_jsonl(folder / "week1.jsonl", WEEK_ONE)
    two = write_jsonl(folder / "week2.jsonl", WEEK_TWO)
    after_one = run_ingest(db, one)
    after_two = run_ingest(db, two)
    again = run_ingest(db, one, two)
    return {"db": db, "one": after_one, "two": after_two, "again": again, "paths": (one, two), "folder": folder}


def iran_event(ids: dict[str, str]) -> set[str]:
    return set(ids.values())


def test_week_one_reports_form_one_event(ingested) -> None:
    assert len(ingested["one"]) >= 2 and len(set(ingested["one"].values())) == 1


def test_next_weeks_report_links_to_this_weeks_event_and_ids_stay(ingested) -> None:
    one, two = ingested["one"], ingested["two"]
    week_one_event = next(iter(set(one.values())))
    assert all(two[report] == event for report, event in one.items())  # earlier ids unchanged
    new_reports = set(two) - set(one)
    assert any(two[r] == week_one_event for r in new_reports)  # the recall joined January's event
    assert len(set(two.values())) == 2  # the Turkish strike is an event of its own


def test_reingest_is_a_no_op(ingested) -> None:
    assert ingested["again"] == ingested["two"]


def test_same_inputs_in_a_new_store_give_the_same_ids(ingested, tmp_path: Path) -> None:
    one, two = ingested["paths"]
    fresh = run_ingest(str(tmp_path / "fresh.duckdb"), one)
    assert fresh == ingested["one"]


def test_cli_events_unit_events_and_reports(ingested) -> None:
    runner = CliRunner()
    db = ingested["db"]
    events = runner.invoke(app, ["events", "--db", db, "--format", "jsonl"])
    assert events.exit_code == 0, events.output
    rows = [json.loads(line) for line in events.stdout.splitlines()]
    assert len(rows) == 2 and sorted(r["num_reports"] for r in rows)[-1] >= 3
    assert {"event_id", "num_reports", "num_sources", "first_seen", "last_seen", "report_ids"} <= set(rows[0])
    reports = runner.invoke(app, ["events", "--db", db, "--format", "jsonl", "--unit", "reports"])
    records = [json.loads(line) for line in reports.stdout.splitlines()]
    assert len(records) == len(ingested["two"]) and all(tuple(r) == EVENT_FIELDS for r in records)
    table = runner.invoke(app, ["events", "--db", db, "--format", "csv", "--actor", "TUR"])
    assert [r["num_reports"] for r in csv.DictReader(io.StringIO(table.stdout))] == ["1"]
    bad = runner.invoke(app, ["events", "--db", db, "--unit", "stories"])
    assert bad.exit_code == 2


def test_cli_show_lists_the_merged_reports_and_why(ingested) -> None:
    big = max(ingested["two"].values(), key=list(ingested["two"].values()).count)
    shown = CliRunner().invoke(app, ["show", big[:8], "--db", ingested["db"]], env={"COLUMNS": "250"})
    assert shown.exit_code == 0, shown.output
    assert f"event {big}" in shown.stdout and "first report of the event" in shown.stdout
    assert "matched" in shown.stdout and "actor: IRN" in shown.stdout


def test_python_api_gives_both_units(ingested) -> None:
    import flashpoint

    with flashpoint.open(ingested["db"]) as view:
        events = view.events()
        reports = view.events(unit="reports", type="ASSAULT")
        one_event = view.event(events.iloc[0]["event_id"])
        records = view.records(unit="events", actor="IRN")
    assert len(events) == 2 and events["num_reports"].sum() == len(ingested["two"])
    assert len(reports) == len(ingested["two"]) and "id" in reports.columns
    assert [r["event_id"] for r in one_event] == [events.iloc[0]["event_id"]] * len(one_event)
    assert len(records) == 1 and records[0]["actor_country"] == "IRN"
