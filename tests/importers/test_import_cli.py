"""`flashpoint import DATASET FILE`: counts, idempotent re-import, exit codes, on small hand-written files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from flashpoint.cli.imports import import_app, run_import
from flashpoint.store import EventFilter, open_store

RECORD = {"id": "r1", "date": "2020-01-05", "event": "ASSAULT", "actor": [{"code": "USA", "sector": "MIL"}],
          "recipient": [{"code": "IRQ"}]}


def write_plover(path: Path, n: int, *, bad: bool = False) -> Path:
    """Write n PLOVER records (plus one bad line when asked) and return the path."""
    lines = [json.dumps({**RECORD, "id": f"r{i}"}) for i in range(n)] + (["{broken"] if bad else [])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str):
    """Invoke the import app and return the result."""
    return CliRunner().invoke(import_app, list(args))


def test_reimport_adds_nothing_and_json_counts_say_so(tmp_path: Path) -> None:
    path, db = write_plover(tmp_path / "e.jsonl", 7), str(tmp_path / "x.duckdb")
    first = run("plover", str(path), "--db", db, "--format", "json")
    second = run("plover", str(path), "--db", db, "--format", "json")
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    counts = [json.loads(result.output) for result in (first, second)]
    assert [(c["read"], c["imported"], c["already_present"], c["dropped"]) for c in counts] == [(7, 7, 0, 0),
                                                                                               (7, 0, 7, 0)]
    with open_store(db, read_only=True) as store:
        frame = store.dyads(EventFilter())
    assert len(frame) == 7 and set(frame["source_dataset"]) == {"plover"}
    assert set(zip(frame["source"], frame["target"])) == {("USA", "IRQ")}


def test_malformed_rows_exit_1_after_storing_the_good_ones(tmp_path: Path) -> None:
    path, db = write_plover(tmp_path / "e.jsonl", 3, bad=True), str(tmp_path / "x.duckdb")
    result = run("plover", str(path), "--db", db, "--limit", "10")
    assert result.exit_code == 1
    assert f"{path}:4" in result.output and "imported" in result.output


def test_limit_and_batches(tmp_path: Path) -> None:
    path = write_plover(tmp_path / "e.jsonl", 12)
    with open_store(str(tmp_path / "x.duckdb")) as store:
        report = run_import("plover", str(path), store, limit=10, batch_size=3)
        assert (report.read, report.imported, report.already_present) == (10, 10, 0)
        assert len(store.events()) == 10


def test_a_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    result = run("gdelt", str(tmp_path / "absent.tsv"), "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code == 2 and "cannot read" in result.output
