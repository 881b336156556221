"""The commands a user types, run as the installed `flashpoint` program on the bundled demo corpus."""

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas
import pytest

from flashpoint.records import EVENT_FIELDS

pytestmark = pytest.mark.integration
FLASHPOINT = shutil.which("flashpoint") or str(Path(sys.executable).with_name("flashpoint"))


def run(*args: str, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([FLASHPOINT, *args], cwd=cwd, capture_output=True, text=True, timeout=600,
                            env={"COLUMNS": "200", "PATH": str(Path(sys.executable).parent)})
    if ok:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    cwd = tmp_path_factory.mktemp("demo")
    result = run("demo", cwd=cwd)
    assert "ingest" in result.stdout and (cwd / "flashpoint-demo.duckdb").exists()
    assert "flashpoint-demo.duckdb" in result.stdout and "Top actor" in result.stdout
    assert "PLOVER type" in result.stdout and "by status" in result.stdout
    return cwd


def test_demo_twice_adds_nothing(demo_dir: Path) -> None:
    again = run("demo", cwd=demo_dir)
    assert " 0 new articles" in again.stdout and "Coded 0 event reports" in again.stdout


def test_events_jsonl_is_the_design_record_and_filters_apply(demo_dir: Path) -> None:
    out = run("events", "--db", "flashpoint-demo.duckdb", "--unit", "reports", "--format", "jsonl",
              "--type", "ASSAULT", "--status", "asserted", cwd=demo_dir).stdout
    records = [json.loads(line) for line in out.splitlines()]
    assert records and all(tuple(r) == EVENT_FIELDS for r in records)
    assert {r["event"] for r in records} == {"ASSAULT"} and {r["status"] for r in records} == {"asserted"}
    by_actor = run("events", "--db", "flashpoint-demo.duckdb", "--unit", "reports", "--format", "jsonl",
                   "--actor", "TUR", cwd=demo_dir).stdout
    turkish = [json.loads(line) for line in by_actor.splitlines()]
    assert turkish and all(any(a["country"] == "TUR" for a in r["actor"]) for r in turkish)


def test_events_csv_parquet_and_date_window(demo_dir: Path) -> None:
    out = run("events", "--db", "flashpoint-demo.duckdb", "--unit", "reports", "--format", "csv",
              "--since", "2020-01-01", "--until", "2020-01-31", cwd=demo_dir).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all("2020-01-01" <= r["date"][:10] <= "2020-01-31" for r in rows)
    run("events", "--db", "flashpoint-demo.duckdb", "--unit", "reports", "--format", "parquet",
        "--output", "ev.parquet", cwd=demo_dir)
    frame = pandas.read_parquet(demo_dir / "ev.parquet")
    assert len(frame) > 50 and {"id", "event", "cameo", "actor_country", "recipient_country"} <= set(frame.columns)


def test_show_prints_evidence_and_articles_lists_metadata(demo_dir: Path) -> None:
    out = run("events", "--db", "flashpoint-demo.duckdb", "--unit", "reports", "--format", "jsonl", "--limit", "1",
              cwd=demo_dir).stdout
    record = json.loads(out)
    shown = run("show", record["id"][:8], "--db", "flashpoint-demo.duckdb", cwd=demo_dir).stdout
    assert record["trigger"]["text"] in shown and record["cameo"] in shown and "article" in shown
    articles = run("articles", "--db", "flashpoint-demo.duckdb", "--format", "jsonl", cwd=demo_dir).stdout
    rows = [json.loads(line) for line in articles.splitlines()]
    assert len(rows) >= 25 and all(r["title"] for r in rows if not r.get("drop_code"))
    assert all(isinstance(r["tags"], list) for r in rows) and any(r["tags"] for r in rows)


def test_errors_are_one_line_with_nonzero_exit(demo_dir: Path) -> None:
    missing = run("events", "--db", "nope.duckdb", cwd=demo_dir, ok=False)
    assert missing.returncode == 2 and "nope.duckdb" in missing.stderr and "Traceback" not in missing.stderr
    unknown = run("show", "ffffffffff", "--db", "flashpoint-demo.duckdb", cwd=demo_dir, ok=False)
    assert unknown.returncode == 2 and "ffffffffff" in unknown.stderr
    bad_format = run("events", "--db", "flashpoint-demo.duckdb", "--format", "xml", cwd=demo_dir, ok=False)
    assert bad_format.returncode == 2 and "xml" in bad_format.stderr


def test_events_geojson_places_events_at_place_or_region_precision(demo_dir: Path) -> None:
    out = run("events", "--db", "flashpoint-demo.duckdb", "--format", "geojson", cwd=demo_dir).stdout
    collection = json.loads(out)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["location"]["precision"] in (1, 2)
    reports = json.loads(run("events", "--db", "flashpoint-demo.duckdb", "--unit", "reports", "--format", "geojson",
                             cwd=demo_dir).stdout)
    assert len(reports["features"]) >= len(collection["features"])  # events merge reports, never add points
