"""The geocoding scorer on hand-built gold, and resolution floors on the shared dev sets when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.evaluate.geocoding import (
    MAX_ERROR_KM, GoldArticle, GoldToponym, evaluate_geocoding, load_gold, match_overlaps, resolve_article,
    score_errors, score_recognition,
)

GEOCODING = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "geocoding"
# acc@161 measured on the first 40 dev articles of each set (fourth session, TR-News offsets realigned on the
# stated names): GWN 0.743, LGL 0.883, TR-News 0.903, GeoVirus 0.775 (before the realignment TR-News scored 0.841;
# earlier releases: namesake support alone 0.660 / 0.837 / 0.755 / 0.736; gazetteer v1 0.580 / 0.639 / 0.718 /
# 0.632); the floors sit a little below so a regression fails and a small tuning change does not.
FLOORS = {"gwn": 0.71, "lgl": 0.85, "trnews": 0.87, "geovirus": 0.74}
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
    assert article.toponyms == (GoldToponym(12, 17, "Mosul", 36.335, 43.119, 99072),)
    assert evaluate_geocoding(tmp_path, "lgl")["acc161"] == 1.0


def lgl_article(domain: str, text: str, name: str, lat: float, lon: float) -> str:
    """Return one LGL-shaped article node with a single gold toponym."""
    start = text.index(name)
    return (f"<article><domain>{domain}</domain><text>{text}</text><toponyms><toponym><start>{start}</start>"
            f"<end>{start + len(name)}</end><phrase>{name}</phrase><gaztag><lat>{lat}</lat><lon>{lon}</lon>"
            "</gaztag></toponym></toponyms></article>")


def test_site_homes_come_from_the_sites_other_articles_only(tmp_path):
    town = "Deputies searched two homes in Pineville, Louisiana, on Monday."
    local = [lgl_article("thetowntalk.com", f"{town} ({n})", "Pineville", 31.32, -92.43) for n in range(3)]
    alexandria = "Police arrested a man in Alexandria on Monday."
    articles = local + [lgl_article("thetowntalk.com", alexandria, "Alexandria", 31.31, -92.45),
                        lgl_article("elsewhere.com", alexandria, "Alexandria", 31.31, -92.45)]
    (tmp_path / "lgl.xml").write_text("<articles>" + "".join(articles) + "</articles>", encoding="utf-8")
    assert [a.site for a in load_gold(tmp_path / "lgl.xml")] == ["thetowntalk.com"] * 4 + ["elsewhere.com"]
    scores = evaluate_geocoding(tmp_path, "lgl")
    # Alone, both "Alexandria"s are Egypt's; the paper whose other stories sit in Louisiana gets its own.
    assert scores["without_site_home"]["acc161"] == 0.6
    assert scores["acc161"] == 0.8


def test_shifted_offsets_are_realigned_on_the_stated_name(tmp_path):
    # TR-News states some offsets a few characters after the name ("hurchill " for "Churchill").
    text = "Polar bears gather near Churchill each autumn."
    (tmp_path / "TR-News.xml").write_text(
        "<articles><article><text>" + text + "</text><toponyms><toponym><start>26</start><end>35</end>"
        "<phrase>Churchill</phrase><gaztag geonameid='5919815'><lat>58.77</lat><lon>-94.17</lon></gaztag>"
        "</toponym></toponyms></article></articles>", encoding="utf-8")
    [article] = load_gold(tmp_path / "TR-News.xml")
    assert [(t.start, t.name) for t in article.toponyms] == [(24, "Churchill")]


def test_ceiling_counts_names_the_resolver_reads_through_a_region_word(tmp_path):
    text = "Herders clashed with farmers in Benue State and in Borno state."
    (tmp_path / "GWN.xml").write_text(
        "<articles><article><text>" + text + "</text><toponyms>"
        "<toponym><start>32</start><end>43</end><geonamesID>2347266</geonamesID><latitude>7.33</latitude>"
        "<longitude>8.75</longitude></toponym>"
        "<toponym><start>51</start><end>62</end><latitude>11.5</latitude><longitude>13.0</longitude></toponym>"
        "</toponyms></article></articles>", encoding="utf-8")
    scores = evaluate_geocoding(tmp_path, "gwn")
    assert (scores["acc161"], scores["ceiling161"]) == (1.0, 1.0)
    assert scores["geonames"] == {"toponyms": 1, "acc161": 1.0, "median_km": scores["geonames"]["median_km"],
                                  "mean_km": scores["geonames"]["mean_km"], "ceiling161": 1.0}


def test_article_context_settles_an_ambiguous_name():
    text = "Police in Atlanta, Georgia said on Monday that Georgia roads were closed."
    toponyms = (GoldToponym(10, 17, "Atlanta", 33.749, -84.388), GoldToponym(47, 54, "Georgia", 32.75, -83.5))
    entries = resolve_article(GoldArticle(text, toponyms))
    assert [e.iso3 for e in entries] == ["USA", "USA"]


def test_overlapping_spans_match_one_to_one():
    assert match_overlaps([(0, 5), (10, 20), (30, 35)], [(2, 6), (12, 14), (15, 18), (40, 45)]) == [(0, 0), (1, 1)]
    assert score_recognition(2, 3, 4) == {"precision": 0.667, "recall": 0.5, "f1": 0.571}


@pytest.mark.integration
def test_end_to_end_recognises_and_places_toponyms(tmp_path):
    pytest.importorskip("spacy")
    text = "Fighting broke out in Mosul on Monday. Officials in Baghdad said the city was calm. Staff at the bank left."
    (tmp_path / "lgl.xml").write_text(
        "<articles><article><text>" + text + "</text><toponyms>"
        "<toponym><start>22</start><end>27</end><phrase>Mosul</phrase><gaztag><lat>36.335</lat><lon>43.119</lon>"
        "</gaztag></toponym><toponym><start>52</start><end>59</end><phrase>Baghdad</phrase><gaztag><lat>33.341</lat>"
        "<lon>44.401</lon></gaztag></toponym></toponyms></article></articles>", encoding="utf-8")
    e2e = evaluate_geocoding(tmp_path, "lgl", mode="end-to-end")["e2e"]
    assert (e2e["matched"], e2e["recall"], e2e["acc161"], e2e["acc161_all"]) == (2, 1.0, 1.0, 1.0)
    assert e2e["precision"] == 1.0


def test_unknown_mode_is_refused(tmp_path):
    with pytest.raises(ValueError):
        evaluate_geocoding(tmp_path, "lgl", mode="oracle")


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_resolution_floor_on_shared_dev_subset(name):
    if not GEOCODING.exists():
        pytest.skip(f"shared geocoding sets not found at {GEOCODING} (needs ../shared beside the checkout)")
    scores = evaluate_geocoding(GEOCODING, name, limit=SUBSET_ARTICLES)
    assert scores["acc161"] >= FLOORS[name]
    assert scores["ceiling161"] >= scores["acc161"]
