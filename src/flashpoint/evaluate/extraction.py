"""Score main-text extraction on the shared HTML benchmarks (../shared/eval/extraction, see its README).

Two sets, two metrics, both re-implemented here from their descriptions:

- ScrapingHub/Zyte article-extraction benchmark: ``\\w+`` tokens, word 4-gram shingle multisets, per-document
  tp/fp/fn normalised to sum to 1, mean precision and recall over documents, F1 from the two means, and the
  share of documents whose token list equals the gold exactly.
- trafilatura's own evaluation set: "with" snippets must appear in the output and "without" snippets (chrome)
  must not; counts are summed over all documents before P, R, accuracy and F1.

The pages are third-party and only ever read from a ``--data`` folder at evaluation time; nothing is copied.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterable

import lxml.html
from lxml import etree

from flashpoint.extract import extract_article
from flashpoint.extract.html import extract_main_text
from flashpoint.extract.language import is_english
from flashpoint.records import Article, Document, Dropped
from flashpoint.settings import Settings
from flashpoint.sources.decoding import decode_document

SHINGLE_SIZE = 4
TOKEN = re.compile(r"\w+")
SPACE = re.compile(r"\s+")
# Set name (as the CLI spells it) -> folder name under ../shared/eval/extraction.
SET_FOLDERS = {"scrapinghub": "scrapinghub-aeb", "trafilatura": "trafilatura-eval"}
GOLD_FILES = {"scrapinghub": "ground-truth.json", "trafilatura": "evaldata.json"}

Extractor = Callable[[bytes, str], "str | None"]


# --- ScrapingHub: word 4-gram shingles -------------------------------------------------------------------------

def tokenize_words(text: str | None) -> list[str]:
    """Return the ``\\w+`` tokens of text (case kept, as the benchmark does)."""
    return TOKEN.findall(text or "")


def count_shingles(tokens: list[str], size: int = SHINGLE_SIZE) -> Counter:
    """Return the multiset of word n-grams; a text shorter than n gives one shingle of all its tokens."""
    return Counter(" ".join(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)) if tokens)


def count_shingle_matches(gold: str | None, predicted: str | None) -> tuple[float, float, float]:
    """Return one document's (tp, fp, fn) over shingles, normalised to sum to 1 (all 0 when both are empty)."""
    want, got = count_shingles(tokenize_words(gold)), count_shingles(tokenize_words(predicted))
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score_document_precision(tp: float, fp: float, fn: float) -> float:
    """Return one document's precision: 1 when nothing is wrong, 0 when nothing was predicted or matched."""
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def score_document_recall(tp: float, fp: float, fn: float) -> float:
    """Return one document's recall: 1 when nothing is wrong, 0 when nothing of the gold was found."""
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def score_scrapinghub(gold: dict[str, str], predicted: dict[str, str | None]) -> dict[str, Any]:
    """Return mean shingle precision and recall, F1 from them, and exact-token accuracy over the gold ids."""
    counts = [count_shingle_matches(gold[key], predicted.get(key)) for key in sorted(gold)]
    precision = statistics.fmean(score_document_precision(*c) for c in counts) if counts else 0.0
    recall = statistics.fmean(score_document_recall(*c) for c in counts) if counts else 0.0
    exact = [tokenize_words(gold[key]) == tokenize_words(predicted.get(key)) for key in sorted(gold)]
    return {
        "documents": len(counts),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "accuracy": statistics.fmean(exact) if exact else 0.0,
    }


# --- trafilatura-eval: "with" / "without" snippets -----------------------------------------------------------

def normalize_space(text: str) -> str:
    """Return text with every whitespace run turned into one space."""
    return SPACE.sub(" ", text)


def count_snippets(expected: dict[str, list[str]], predicted: str | None) -> Counter:
    """Return tp/fn over the "with" snippets and fp/tn over the "without" snippets for one document."""
    output = normalize_space(predicted) if predicted else None
    counts: Counter = Counter(tp=0, fn=0, fp=0, tn=0)
    for snippet in expected.get("with", []):
        counts["tp" if output is not None and normalize_space(snippet) in output else "fn"] += 1
    for snippet in expected.get("without", []):
        counts["fp" if output is not None and normalize_space(snippet) in output else "tn"] += 1
    return counts


def score_trafilatura_eval(gold: dict[str, dict[str, list[str]]], predicted: dict[str, str | None]) -> dict[str, Any]:
    """Return micro-summed tp/fp/fn/tn and P, R, accuracy, F1 over the gold documents (a missing output finds nothing)."""
    counts: Counter = Counter(tp=0, fn=0, fp=0, tn=0)
    for key in gold:
        counts.update(count_snippets(gold[key], predicted.get(key)))
    tp, fp, fn, tn = counts["tp"], counts["fp"], counts["fn"], counts["tn"]
    total = tp + fp + fn + tn
    return {
        "documents": len(gold), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "accuracy": (tp + tn) / total if total else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
    }


SCORERS: dict[str, Callable[[dict, dict], dict[str, Any]]] = {
    "scrapinghub": score_scrapinghub,
    "trafilatura": score_trafilatura_eval,
}


# --- loading the sets from --data -----------------------------------------------------------------------------

def find_set_folder(data: Path, set_name: str) -> Path:
    """Return the set's folder: ``data`` itself, or its ``scrapinghub-aeb``/``trafilatura-eval`` child."""
    if set_name not in SET_FOLDERS:
        raise ValueError(f"unknown extraction set {set_name!r}; use one of: {', '.join(SET_FOLDERS)}")
    for folder in (Path(data), Path(data) / SET_FOLDERS[set_name]):
        if (folder / GOLD_FILES[set_name]).is_file():
            return folder
    raise FileNotFoundError(
        f"no {GOLD_FILES[set_name]} in {data} or {Path(data) / SET_FOLDERS[set_name]}; "
        f"point --data at ../shared/eval/extraction/{SET_FOLDERS[set_name]}")


def load_scrapinghub(folder: Path) -> tuple[dict[str, str], dict[str, Path]]:
    """Return (gold body by page id, HTML path by page id) of the ScrapingHub set."""
    truth = json.loads((folder / GOLD_FILES["scrapinghub"]).read_text("utf-8"))
    gold = {key: value.get("articleBody") or "" for key, value in truth.items()}
    return gold, {key: folder / "html" / f"{key}.html.gz" for key in gold}


def load_trafilatura_eval(folder: Path) -> tuple[dict[str, dict[str, list[str]]], dict[str, Path]]:
    """Return (with/without snippets by page URL, HTML path by page URL) of the trafilatura set."""
    truth = json.loads((folder / GOLD_FILES["trafilatura"]).read_text("utf-8"))
    gold = {url: {"with": value.get("with", []), "without": value.get("without", [])} for url, value in truth.items()}
    return gold, {url: folder / "html" / f"{value['file']}.gz" for url, value in truth.items()}


LOADERS = {"scrapinghub": load_scrapinghub, "trafilatura": load_trafilatura_eval}


def load_set(set_name: str, data: Path, *, limit: int | None = None,
             english_only: bool = False) -> tuple[dict, dict[str, Path]]:
    """Return (gold, page paths) of a set: only English pages when asked, then the first ``limit`` ids in sorted order."""
    gold, pages = LOADERS[set_name](find_set_folder(data, set_name))
    if english_only:
        gold = {key: value for key, value in gold.items() if is_english_page(read_page(pages[key]))}
        pages = {key: pages[key] for key in gold}
    if limit is not None:
        keep = sorted(gold)[:limit]
        gold, pages = {k: gold[k] for k in keep}, {k: pages[k] for k in keep}
    return gold, pages


def read_page(path: Path) -> bytes:
    """Return the raw (gunzipped) HTML bytes of one benchmark page."""
    with gzip.open(path, "rb") as handle:
        return handle.read()


def is_english_page(html: bytes) -> bool:
    """Return True when a page's visible text (scripts and styles removed) passes flashpoint's English check.

    flashpoint codes English news only and drops other languages (D204) after extraction; judging the page
    itself, not any extractor's output, lets every extractor be scored on the same English pages.
    """
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return False
    for element in tree.xpath("//script|//style|//noscript"):
        element.drop_tree()
    return is_english(tree.text_content())


# --- running an extractor --------------------------------------------------------------------------------------

def extract_with_flashpoint(html: bytes, source: str) -> str | None:
    """Return the body flashpoint extracts from one page's bytes, decoded as its file reader does (None if dropped)."""
    text = decode_document(html, source=source)
    if isinstance(text, Dropped):
        return None
    meta = {"url": source} if source.startswith(("http://", "https://")) else {}
    doc = Document(source=source, text=text, format="html", meta=meta)
    # No length floor here: the benchmarks score what the extractor finds, however short.
    result = extract_article(doc, settings=Settings(min_article_chars=0))
    return result.text if isinstance(result, Article) else None


def extract_main_text_with_flashpoint(html: bytes, source: str) -> str | None:
    """Return the main text flashpoint's HTML stage finds in one page, without its language and length checks.

    This scores the extractor itself on every page; at ingest, non-English pages are then dropped (D204).
    """
    text = decode_document(html, source=source)
    if isinstance(text, Dropped):
        return None
    return extract_main_text(text, url=source if source.startswith(("http://", "https://")) else None)


EXTRACTORS: dict[str, Extractor] = {
    "main-text": extract_main_text_with_flashpoint,  # the extractor alone, every page
    "ingest": extract_with_flashpoint,  # exactly what ingest keeps (non-English and empty pages score as nothing)
}


def run_page(extractor: Extractor, key: str, path: Path) -> tuple[str, str | None, float]:
    """Return (id, extracted text or None on any failure, seconds) for one page; a crash counts as no output."""
    html = read_page(path)
    started = time.perf_counter()
    try:
        text = extractor(html, key)
    except Exception:  # noqa: BLE001 - the benchmarks score a crash as "nothing found", as upstream does
        text = None
    return key, text, time.perf_counter() - started


def run_extractor(extractor: Extractor, pages: dict[str, Path], *, workers: int = 1) -> tuple[dict, list[float]]:
    """Return (text by id, per-page seconds) from running ``extractor`` over the pages in local processes."""
    keys = sorted(pages)
    if workers <= 1:
        results: Iterable = (run_page(extractor, k, pages[k]) for k in keys)
        return collect_results(results)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return collect_results(pool.map(run_page, [extractor] * len(keys), keys, [pages[k] for k in keys],
                                         chunksize=4))


def collect_results(results: Iterable[tuple[str, str | None, float]]) -> tuple[dict, list[float]]:
    """Return (text by id, seconds list) from run_page results."""
    predicted, seconds = {}, []
    for key, text, elapsed in results:
        predicted[key] = text
        seconds.append(elapsed)
    return predicted, seconds


def evaluate_extraction(set_name: str, data: Path, *, extractor: Extractor = extract_with_flashpoint,
                        limit: int | None = None, workers: int = 1, english_only: bool = False) -> dict[str, Any]:
    """Return the set's scores for ``extractor`` plus median ms per page and failures (no output)."""
    gold, pages = load_set(set_name, Path(data), limit=limit, english_only=english_only)
    predicted, seconds = run_extractor(extractor, pages, workers=workers)
    scores = SCORERS[set_name](gold, predicted)
    scores["set"] = set_name
    scores["no_output"] = sum(1 for text in predicted.values() if not text)
    scores["median_ms"] = round(1000 * statistics.median(seconds), 1) if seconds else 0.0
    return scores
