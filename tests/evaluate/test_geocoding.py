"""The geocoding scorer on hand-built gold, and resolution floors on the shared dev sets when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.evaluate.geocoding import (
    MAX_ERROR_KM, GoldArticle, GoldToponym, evaluate_geocoding, load_gold, resolve_article, score_errors,
)

GEOCODING = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "geocoding"
# acc@161 measured on the first 40 dev articles of each set (gazetteer.v1): GWN 0.580, LGL 0.639, TR-News 0.718,
# GeoVirus 0.632; the floors sit a little below so a regression fails and a small tuning change does not.
FLOORS = {"gwn": 0.55, "lgl": 0.60, "trnews": 0.68, "geovirus": 0.60}
SUBSET_ARTICLES = 40


def test_score_errors_counts_under_161_km():
    scores = score_errors([10.0, 160.9, 161.0, MAX_ERROR_KM])
    assert scores["acc161"] == 0.5
    assert scores["median_km"] == pytest.approx((160.9 + 161.0) / 2, abs=0.1)


def test_gold_xml_of_each_shape_is_read(tmp_path):
    text = "Fighting in Mosul."
    (tmp_path / "lgl.xml").write_text(
        "<articles><article><text>" + text + "</text><toponyms><toponym><start>12</start><end>17</end>"
        "<phrase>Mosul</phrase><gaztag geonameid='99072'><lat>36.335</lat><lon>43.119</lon></gaztag></toponym>"
        "<toponym><start>0</start><end>8</end><phrase>Fighting</phrase></toponym></toponyms></article></articles>",
        encoding="utf-8")
    [article] = load_gold(tmp_path / "lgl.xml")
    assert article.toponyms == (GoldToponym(12, 17, "Mosul", 36.335, 43.119),)
    assert evaluate_geocoding(tmp_path, "lgl")["acc161"] == 1.0


def test_article_context_settles_an_ambiguous_name():
    text = "Police in Atlanta, Georgia said on Monday that Georgia roads were closed."
    toponyms = (GoldToponym(10, 17, "Atlanta", 33.749, -84.388), GoldToponym(47, 54, "Georgia", 32.75, -83.5))
    entries = resolve_article(GoldArticle(text, toponyms))
    assert [e.iso3 for e in entries] == ["USA", "USA"]


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_resolution_floor_on_shared_dev_subset(name):
    if not GEOCODING.exists():
        pytest.skip(f"shared geocoding sets not found at {GEOCODING} (needs ../shared beside the checkout)")
    scores = evaluate_geocoding(GEOCODING, name, limit=SUBSET_ARTICLES)
    assert scores["acc161"] >= FLOORS[name]
    assert scores["ceiling161"] >= scores["acc161"]
