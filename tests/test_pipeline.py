"""End to end through the real stages: files -> extract -> spaCy -> coder -> DuckDB (integration)."""

import json
from pathlib import Path

import pytest

import flashpoint
import flashpoint.errors
from flashpoint.pipeline import ingest
from flashpoint.settings import Settings
from flashpoint.store import open_store

pytestmark = pytest.mark.integration

ARTICLE_MD = """# Rockets strike near US embassy in Baghdad

By Layla Hassan

Published: 22 September 2020

Share this article on Facebook | Twitter | Email

Unidentified gunmen fired rockets at the US embassy in Baghdad on Monday, the Iraqi military said.
Iraqi Prime Minister Mustafa al-Kadhimi met Iranian President Hassan Rouhani in Tehran in July.
Analysts warn that attacks on US forces will escalate before the election.

Subscribe to our newsletter for daily updates.

© 2020 Example Media. All rights reserved.
"""
WIRE = {"text": "Iran did not attack Turkey, the foreign ministry in Tehran said on Tuesday, rejecting reports of "
                "shelling across the border. Turkish warplanes bombed suspected PKK positions in northern Iraq.",
        "title": "Iran denies shelling", "date": "2020-06-17", "url": "https://example.org/wire/1",
        "source": "Example Wire"}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    (folder / "nested" / "embassy.md").write_text(ARTICLE_MD, encoding="utf-8")
    (folder / "wire.jsonl").write_text(json.dumps(WIRE) + "\n{broken\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def run(corpus: Path, db: Path):
    store = open_store(str(db))
    try:
        return ingest([str(corpus)], store=store, settings=Settings(db=str(db))), store.summary()
    finally:
        store.close()


def test_ingest_codes_stores_and_reports(corpus: Path, tmp_path: Path) -> None:
    report, summary = run(corpus, tmp_path / "fp.duckdb")
    assert report.inputs == 4 and report.articles_new == 2 and report.dropped == 2
    assert dict(report.drops) == {"D101": 1, "D201": 1}
    assert report.events == summary["events"] > 0
    assert report.model.startswith("en_core_web_sm") and set(report.timings) == {"read", "extract", "parse", "code", "store"}
    with flashpoint.open(str(tmp_path / "fp.duckdb")) as view:
        frame = view.events(type="ASSAULT")
        records = view.records()
        articles = view.articles()
    assert {"IRQ", "TUR"} <= set(frame["actor_country"])
    assert all(r["model"] == report.model for r in records)
    assert not any("newsletter" in r["sentence"] or "rights reserved" in r["sentence"] for r in records)
    prediction = [r for r in records if "escalate" in r["sentence"]]
    assert prediction and all(r["status"] != "asserted" for r in prediction)
    assert set(articles["drop_code"].dropna()) == {"D101", "D201"}
    embassy = articles[articles["title"] == "Rockets strike near US embassy in Baghdad"].iloc[0]
    assert str(embassy["published"])[:10] == "2020-09-22"


def test_reingest_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "fp.duckdb"
    first, _ = run(corpus, db)
    second, summary = run(corpus, db)
    assert second.articles_new == 0 and second.articles_existing == 2 and second.events == 0
    assert summary["events"] == first.events and summary["articles"] == 2


def test_an_undated_article_is_counted_and_its_reports_take_the_ingest_day(tmp_path: Path) -> None:
    folder = tmp_path / "undated"
    folder.mkdir()
    (folder / "note.txt").write_text(
        "Turkish warplanes bombed suspected PKK positions in northern Iraq, the defence ministry in Ankara said.\n\n"
        "The ministry said the aircraft returned safely to their bases after the operation in the mountains.\n\n"
        "Officials in the Kurdistan Region condemned the strikes and called on both sides to show restraint.\n",
        encoding="utf-8")
    report, _ = run(folder, tmp_path / "fp.duckdb")
    assert report.articles_new == 1 and report.articles_undated == 1 and report.to_dict()["articles_undated"] == 1
    with flashpoint.open(str(tmp_path / "fp.duckdb")) as view:
        records = view.records()
        ingested = str(view.articles()["ingested_at"].iloc[0])[:10]
    assert records and {(r["date"], r["date_precision"]) for r in records} == {(ingested, "unknown")}


def test_code_text_dates_against_publication() -> None:
    events = flashpoint.code_text("Iraq's parliament voted on Sunday to expel US troops from the country.",
                                  published="2020-01-06")
    vote = [e for e in events if e.event == "REQUEST"]
    assert vote and vote[0].actor[0].country == "IRQ" and vote[0].recipient[0].country == "USA"
    assert (vote[0].date, vote[0].date_precision) == ("2020-01-05", "day")  # the Sunday before publication


def test_code_text_rejects_a_publication_date_that_is_not_iso() -> None:
    with pytest.raises(flashpoint.errors.InputError, match="yesterday"):
        flashpoint.code_text("Iran fired missiles at Iraq.", published="yesterday")


def test_an_overlong_text_is_dropped_and_the_rest_of_the_run_is_stored(corpus: Path, tmp_path: Path) -> None:
    sentence = "Iraqi officials said the talks with Turkey would resume after the holiday. "
    (corpus / "huge.txt").write_text("A long report\n\n" + sentence * 30_000, encoding="utf-8")  # ~2.2 MB
    store = open_store(str(tmp_path / "fp.duckdb"))
    try:
        report = ingest([str(corpus)], store=store, settings=Settings(db=store.path))
    finally:
        store.close()
    assert report.drops["D109"] == 1 and report.articles_new == 2
    assert any("huge.txt" in d and "D109" in d for d in report.drop_details)


def test_a_text_the_parser_rejects_is_dropped_without_losing_its_batch(corpus: Path, tmp_path: Path) -> None:
    # With the length guard raised past spaCy's own limit (1,000,000 characters), the parser itself raises (E088):
    # that article becomes D301 and the articles parsed in the same batch are still stored.
    sentence = "Iraqi officials said the talks with Turkey would resume after the holiday. "
    (corpus / "huge.txt").write_text("A long report\n\n" + sentence * 15_000, encoding="utf-8")  # ~1.1 M chars
    store = open_store(str(tmp_path / "fp.duckdb"))
    try:
        report = ingest([str(corpus)], store=store,
                        settings=Settings(db=store.path, max_article_chars=5_000_000))
    finally:
        store.close()
    assert report.drops["D301"] == 1 and report.articles_new == 2
    assert any("huge.txt" in d and "could not parse" in d for d in report.drop_details)
