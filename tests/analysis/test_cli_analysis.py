"""The dyads / balance / ladder / alerts commands on a small hand-built store: tables, CSV, JSON, figures, errors."""

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pandas
import pytest
import typer
from typer.testing import CliRunner

from flashpoint.cli.analysis import alerts, balance, dyads, ladder
from flashpoint.records import Actor, Article, Event, Evidence, Place, hash_text
from flashpoint.store import open_store
from flashpoint.store.migrate import load_migrations

app = typer.Typer()
for command in (dyads, balance, ladder, alerts):
    app.command()(command)
runner = CliRunner()
WEEKLY_ASSAULTS = [2, 2, 2, 2, 6]  # a surge in the fifth week
ANBAR = Place(text="Anbar", name="Al Anbar", country="IRQ", admin1="Anbar", lat=33.4, lon=42.0, precision=2)


def build_event(article: Article, n: int, day: str, source: str, target: str, event: str, cameo: str) -> Event:
    """Return a minimal stored event between two countries."""
    quad = 4 if cameo.startswith("19") else 1
    return Event(id=hash_text(article.id, str(n)), article_id=article.id, event=event, cameo=cameo,
                 cameo_root=cameo[:2], goldstein=-10.0 if quad == 4 else 1.0, quad_class=quad, status="asserted",
                 date=day, date_precision="day",
                 actor=(Actor(text=source.lower(), name=source, country=source, sector="GOV", span=(0, 3)),),
                 recipient=(Actor(text=target.lower(), name=target, country=target, sector="MIL", span=(4, 7)),),
                 trigger=Evidence("hit", (8, 11)), sentence=f"Sentence {n}.", sentence_index=n, confidence=0.9,
                 coder="test", model=None, location=ANBAR if event == "ASSAULT" else None)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """Return a store with weekly IRQ->USA assaults (a surge in week 5) and IRQ->IRN consultations."""
    path = str(tmp_path_factory.mktemp("analysis") / "events.duckdb")
    store = open_store(path)
    for week, n in enumerate(WEEKLY_ASSAULTS):
        day = (date(2020, 1, 6) + timedelta(weeks=week)).isoformat()
        article = Article(id=hash_text(f"week {week}"), text=f"week {week}", source=f"w{week}.md",
                          format="markdown", published=day)
        events = [build_event(article, i, day, "IRQ", "USA", "ASSAULT", "190") for i in range(n)]
        events += [build_event(article, 100 + i, day, "IRQ", "IRN", "CONSULT", "040") for i in range(2)]
        store.write_article(article, events)
    store.close()
    return path


def test_dyads_csv_counts_every_report_once(db: str) -> None:
    result = runner.invoke(app, ["dyads", "--db", db, "--format", "csv", "--period", "month"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("source,target,directed,period,n,")
    by_pair: dict[tuple, int] = {}
    for line in lines[1:]:  # January and February rows
        cells = line.split(",")
        by_pair[tuple(cells[:2])] = by_pair.get(tuple(cells[:2]), 0) + int(cells[4])
    assert by_pair == {("IRQ", "USA"): sum(WEEKLY_ASSAULTS), ("IRQ", "IRN"): 10}


def test_balance_json_and_plot(db: str, tmp_path: Path) -> None:
    figure = tmp_path / "balance.png"
    result = runner.invoke(app, ["balance", "IRQ", "--against", "USA,IRN", "--db", db, "--format", "json",
                                 "--plot", str(figure)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    scores = {(r["counterpart"], r["direction"]): r["score"] for r in rows}
    assert scores[("USA", "all")] == -1.0 and scores[("IRN", "all")] == 1.0
    assert figure.stat().st_size > 10_000


def test_dyads_plot_as_a_standalone_html_page(db: str, tmp_path: Path) -> None:
    from lxml import etree, html

    page = tmp_path / "dyads.html"
    result = runner.invoke(app, ["dyads", "--db", db, "--pair", "IRQ,USA", "--plot", str(page)])
    assert result.exit_code == 0, result.output
    tree = html.fromstring(page.read_bytes())
    svg = tree.xpath("//svg")[0]
    assert "IRQ" in tree.findtext(".//title") and len(etree.tostring(svg)) > 10_000


def test_ladder_and_alerts_tables_and_figures(db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ladder", "--db", db, "--plot", str(tmp_path / "ladder.png")])
    assert result.exit_code == 0, result.output
    assert "ASSAULT" in result.output
    result = runner.invoke(app, ["alerts", "--db", db, "--since", "2020-01-01", "--format", "json",
                                 "--plot", str(tmp_path / "alerts.png")])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output[result.output.index("["):])
    assert {(a["unit_kind"], a["unit"]) for a in found} >= {("dyad", "IRQ->USA"), ("country", "USA"),
                                                             ("admin1", "IRQ/Anbar")}
    assert "skipped" not in result.output
    assert all(len(a["report_ids"]) == 6 for a in found if a["unit"] == "IRQ->USA")
    assert (tmp_path / "alerts.png").exists()


def test_errors_are_one_line(db: str, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["dyads", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no such database" in missing.output
    bad = runner.invoke(app, ["dyads", "--db", db, "--period", "year"])
    assert bad.exit_code == 2 and "--period 'year' is not one of" in bad.output
    fmt = runner.invoke(app, ["ladder", "--db", db, "--format", "xml"])
    assert fmt.exit_code == 2 and "--format 'xml'" in fmt.output


@pytest.mark.parametrize("period", ["day", "week", "month"])
@pytest.mark.parametrize("directed", [True, False])
def test_store_pair_series_equals_the_pandas_dyad_series(db: str, period: str, directed: bool) -> None:
    from flashpoint.analysis.dyads import dyad_series

    store = open_store(db, read_only=True)
    try:
        fast = store.pair_series(period=period, directed=directed, since="2020-01-13", until="2020-02")
        slow = dyad_series(store.dyads(), period=period, directed=directed, since="2020-01-13", until="2020-02")
    finally:
        store.close()
    assert len(fast) > 0
    fast["period"] = fast["period"].astype("datetime64[ns]")
    pandas.testing.assert_frame_equal(fast[list(slow.columns)].reset_index(drop=True), slow.reset_index(drop=True),
                                      check_dtype=False)


def test_pair_series_back_fills_a_store_written_before_schema_4(tmp_path: Path) -> None:
    path = str(tmp_path / "old.duckdb")
    store = open_store(path)
    article = Article(id=hash_text("old"), text="old", source="old.md", format="markdown", published="2020-01-06")
    store.write_article(article, [build_event(article, i, "2020-01-06", "IRQ", "USA", "ASSAULT", "190")
                                  for i in range(3)])
    # Make it a schema-3 store: no pair table, no ACLED column, and the story tables as schema 2 created them
    # (later schema steps rebuild those tables, so they must be in their old form for the upgrade to run).
    store.conn.execute("DROP TABLE event_pairs; ALTER TABLE events DROP COLUMN acled; DROP TABLE story_members; "
                       "DROP TABLE fingerprint_bands; DROP TABLE article_fingerprints; "
                       "DELETE FROM schema_version WHERE version >= 4")
    store.conn.execute(next(m.sql for m in load_migrations() if m.version == 2))
    store.close()
    store = open_store(path)  # opened for writing: migrates to schema 4 and back-fills the pairs
    try:
        table = store.pair_series(period="week")
    finally:
        store.close()
    assert list(table[["source", "target", "n"]].itertuples(index=False, name=None)) == [("IRQ", "USA", 3)]


def test_balance_from_the_pair_table_equals_balance_over_the_dyad_frame(db: str) -> None:
    from flashpoint.analysis.balance import balance as compute_balance

    store = open_store(db, read_only=True)
    try:
        fast = compute_balance(store.country_pairs("IRQ"), "IRQ", ["USA", "IRN"], period="week")
        slow = compute_balance(store.dyads(), "IRQ", ["USA", "IRN"], period="week")
    finally:
        store.close()
    assert len(fast) > 0
    pandas.testing.assert_frame_equal(fast, slow)


def test_pairs_written_with_reports_equal_the_sql_back_fill(tmp_path: Path) -> None:
    """The pair rows computed at write time (rows.build_pair_rows) follow the same rule as the back-fill SQL."""
    from flashpoint.store.duckdb import insert_pairs

    store = open_store(str(tmp_path / "pairs.duckdb"))
    article = Article(id=hash_text("mixed"), text="mixed", source="m.md", format="markdown", published="2020-03-02")
    base = build_event(article, 0, "2020-03-02", "IRQ", "USA", "ASSAULT", "190")
    actor = base.actor[0]
    unknown = Actor(text="a militia", name=None, country=None, sector="UAF", span=(0, 3))
    events = [
        base,
        replace(base, id=hash_text("met"), recipient=(), date=None, date_precision="publication",
                actor=(actor, replace(actor, country="IRN"), replace(actor, country="TUR"))),
        replace(base, id=hash_text("same"), recipient=(), actor=(actor, replace(actor, sector="MIL"))),
        replace(base, id=hash_text("unknown recipient"), recipient=(unknown,),
                actor=(actor, replace(actor, country="IRN"))),
        replace(base, id=hash_text("month"), date="2020-02", date_precision="month"),
    ]
    try:
        store.write_article(article, events)
        order = "ORDER BY ALL"
        written = store.conn.execute(f"SELECT * FROM event_pairs {order}").fetchall()
        store.conn.execute("DELETE FROM event_pairs")
        insert_pairs(store.conn)
        back_filled = store.conn.execute(f"SELECT * FROM event_pairs {order}").fetchall()
    finally:
        store.close()
    assert len(written) == 6 and written == back_filled  # 1 + 3 + 1 + 0 + 1 pairs
