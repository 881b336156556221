"""`flashpoint recode`: stored articles coded again with changed dictionaries, replaced whole, ids kept (integration)."""

import subprocess
import sys
from pathlib import Path

import pytest

from flashpoint.pipeline import ingest, recode
from flashpoint.settings import Settings
from flashpoint.store import open_store

pytestmark = pytest.mark.integration

ARTICLE = """# Kadhimi meets Rouhani in Tehran

Published: 22 July 2020

Iraqi Prime Minister Mustafa al-Kadhimi met Iranian President Hassan Rouhani in Tehran on Tuesday.
Kadhimi also held talks with Iran's foreign minister about the attacks on US forces in Iraq.
Unidentified gunmen fired rockets at the US embassy in Baghdad on Monday, killing one guard.
"""
# A user correction: the prime minister coded as if he were Turkish, so every report naming him must change.
OVERRIDE = "- {name: Mustafa al-Kadhimi, phrases: [kadhimi, al-kadhimi, mustafa al-kadhimi], country: TUR, sector: GOV}\n"


@pytest.fixture()
def stored(tmp_path: Path) -> str:
    """Return a store holding the article, coded with the bundled dictionaries."""
    (tmp_path / "article.md").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "events.duckdb")
    store = open_store(db)
    try:
        ingest([str(tmp_path / "article.md")], store=store, settings=Settings(db=db))
    finally:
        store.close()
    return db


def kadhimi_countries(db: str) -> set[str]:
    """Return the countries given to actors named Kadhimi in the store."""
    store = open_store(db, read_only=True)
    try:
        return {a["country"] for r in store.event_records() for a in r["actor"] if "adhimi" in a["text"]}
    finally:
        store.close()


def test_recode_without_changes_keeps_every_report_and_event(stored: str) -> None:
    store = open_store(stored)
    try:
        before = {r["id"]: r for r in store.event_records()}
        report = recode(store=store, settings=Settings(db=stored))
        after = {r["id"]: r for r in store.event_records()}
    finally:
        store.close()
    assert before and after == before
    assert report.kept == len(before) and report.changed == report.added == report.removed == 0


def test_recode_with_an_actor_correction_replaces_changed_reports_and_keeps_ids(stored: str, tmp_path: Path) -> None:
    assert kadhimi_countries(stored) == {"IRQ"}
    override = tmp_path / "actors.yaml"
    override.write_text(OVERRIDE, encoding="utf-8")
    store = open_store(stored)
    try:
        ids_before = {r["id"] for r in store.event_records()}
        report = recode(store=store, settings=Settings(db=stored, actors_override=str(override)))
        records = store.event_records()
        pairs = store.pair_series(period="month", statuses=("asserted", "future", "hypothetical", "negated"))
        again = recode(store=store, settings=Settings(db=stored, actors_override=str(override)))
    finally:
        store.close()
    assert report.changed >= 2 and report.articles == 1 and not report.failures
    assert {r["id"] for r in records} == ids_before  # same triggers, same report ids
    assert kadhimi_countries(stored) == {"TUR"}
    assert "TUR" in set(pairs["source"]) | set(pairs["target"])  # the pair table follows the replaced reports
    assert again.changed == again.added == again.removed == 0


def test_recode_cli_prints_what_changed_and_fails_cleanly_without_a_store(stored: str, tmp_path: Path) -> None:
    command = [str(Path(sys.executable).parent / "flashpoint"), "recode", "--db"]  # the installed console script
    done = subprocess.run([*command, stored], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Recoded 1 articles" in done.stdout and "changed" in done.stdout
    missing = subprocess.run([*command, str(tmp_path / "none.duckdb")], capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "no such database" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1  # one line, even in a narrow terminal
