"""Site homes through the real stages: a local paper's stored stories place its next ambiguous name (integration)."""

import json
from pathlib import Path

import pytest

from flashpoint.pipeline import ingest
from flashpoint.settings import Settings
from flashpoint.store import open_store

pytestmark = pytest.mark.integration

SITE = "Central Louisiana Courier"
EARLIER = [
    "Police arrested two men in Pineville, Louisiana, on Monday after a string of burglaries downtown.",
    "Protesters marched in Lafayette, Louisiana, on Saturday against the closure of the parish hospital.",
    "State troopers arrested a driver in Marksville, Louisiana, on Friday after a chase on the highway.",
]
LATER = "Sheriff deputies raided a house in Alexandria on Monday and arrested three people on drug charges."


def write_jsonl(path: Path, texts: list[str], site: str, start: int) -> str:
    """Write one JSON Lines file of dated articles from one site; return its path."""
    rows = [{"text": text, "title": f"Local news {start + i}", "date": f"2021-03-{start + i:02d}", "site": site,
             "url": f"https://courier.example/{start + i}"} for i, text in enumerate(texts)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def later_locations(tmp_path: Path, *, site: str, site_home: bool) -> set[tuple[str, str]]:
    """Ingest the earlier stories, then in a second run the later one; return the later one's event places."""
    db = str(tmp_path / f"{site_home}-{site[:5]}.duckdb")
    store = open_store(db)
    try:
        settings = Settings(db=db, site_home=site_home)
        ingest([write_jsonl(tmp_path / "earlier.jsonl", EARLIER, SITE, 1)], store=store, settings=settings)
        ingest([write_jsonl(tmp_path / "later.jsonl", [LATER], site, 10)], store=store, settings=settings)
        return {(r["location"]["country"], r["location"]["admin1"]) for r in store.event_records()
                if "Alexandria" in (r["location"] or {}).get("text", "")}
    finally:
        store.close()


def test_a_local_sites_stored_stories_place_its_alexandria(tmp_path: Path) -> None:
    assert later_locations(tmp_path, site=SITE, site_home=True) == {("USA", "Louisiana")}


def test_without_the_site_home_or_from_another_site_alexandria_is_egypts(tmp_path: Path) -> None:
    assert {c for c, _ in later_locations(tmp_path, site=SITE, site_home=False)} == {"EGY"}
    assert {c for c, _ in later_locations(tmp_path, site="Another Paper", site_home=True)} == {"EGY"}
