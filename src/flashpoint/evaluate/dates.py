"""Score date resolution on tests/golden/dates.jsonl: date expressions with publication dates and expected answers.

Two kinds of gold item. Referenced items point into the dated dev sets of ../shared/eval (set name, record id,
character offsets of the expression and a short hash of it); their text is read from there at evaluation time and
never stored in the project. Written items carry their own text (hard relative cases in the project's own words).
A referenced item whose source is absent, or whose offsets no longer hold the hashed text, is skipped and counted.
Each expression is resolved with ``coding.dates.resolve_expression`` against its publication date and tense.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any, Callable

from flashpoint.coding.dates import resolve_expression
from flashpoint.evaluate.harness import iter_jsonl
from flashpoint.settings import DEFAULT_MODEL

NAME = "dates"
GOLD_FILE = "dates.jsonl"
MISS_EXAMPLES = 40
CHECK_CHARS = 10            # hex digits of the sha1 of an expression kept in the gold file


def read_ipe(root: Path) -> dict[str, str]:
    """Return doc_id -> text of the IndiaPoliceEvents dev documents."""
    return {str(row["doc_id"]): row["text"] for row in iter_jsonl(root / "indiapoliceevents" / "docs.jsonl.gz")}


def read_event_location(root: Path) -> dict[str, str]:
    """Return row -> sentence of the event_location dev records."""
    return {str(row["row"]): row["text"] for row in iter_jsonl(root / "event_location" / "labeled.jsonl.gz")}


# Set name -> (file under the shared eval folder, reader). Filled here, in one place.
SOURCES: dict[str, tuple[str, Callable[[Path], dict[str, str]]]] = {
    "indiapoliceevents": ("indiapoliceevents/docs.jsonl.gz", read_ipe),
    "event_location": ("event_location/labeled.jsonl.gz", read_event_location),
}


def find_gold_file(data: Path) -> Path:
    """Return the gold file: ``data`` itself or dates.jsonl inside it; raise FileNotFoundError otherwise."""
    path = data / GOLD_FILE if data.is_dir() else data
    if not path.is_file():
        raise FileNotFoundError(f"{data}: no {GOLD_FILE} there (the dates gold set is tests/golden/dates.jsonl)")
    return path


def load_items(path: Path, limit: int | None) -> list[dict[str, Any]]:
    """Return the gold items, checked for the fields every item needs, at most ``limit``."""
    items = list(iter_jsonl(path, ("id", "source", "published", "expected")))
    if not items:
        raise ValueError(f"{path}: no gold items")
    return items[:limit] if limit is not None else items


def find_shared_root(gold: Path) -> Path | None:
    """Return ../shared/eval beside the checkout (from the working directory or the gold file), if present."""
    candidates = [Path.cwd().parent / "shared" / "eval"]
    candidates += [parent.parent / "shared" / "eval" for parent in gold.resolve().parents]
    return next((c for c in candidates if c.is_dir()), None)


def load_sources(items: list[dict[str, Any]], root: Path | None) -> dict[str, dict[str, str]]:
    """Return the texts of each referenced set that is present under ``root`` (absent sets are left out)."""
    texts = {}
    for name in sorted({i["source"] for i in items if i["source"] in SOURCES}):
        relative, reader = SOURCES[name]
        if root is not None and (root / relative).is_file():
            texts[name] = reader(root)
    return texts


def expression_of(item: dict[str, Any], texts: dict[str, dict[str, str]]) -> str | None:
    """Return the item's expression: its own text, or the referenced slice when the source and hash agree."""
    if item["source"] == "written":
        return item["text"]
    text = texts.get(item["source"], {}).get(str(item["record"]))
    if text is None:
        return None
    expression = text[item["start"]:item["end"]]
    digest = hashlib.sha1(expression.encode("utf-8")).hexdigest()[:CHECK_CHARS]
    return expression if digest == item.get("check", digest) else None


def compare(item: dict[str, Any], expression: str) -> tuple[bool, bool, bool]:
    """Return (date right, precision right, all of date, end date and precision right) for one item."""
    found = resolve_expression(expression, item["published"], future=bool(item.get("future")))
    got = {"date": found.date, "end_date": found.end_date, "precision": found.precision} if found else \
        {"date": None, "end_date": None, "precision": None}
    want = item["expected"]
    date_ok = got["date"] == want["date"]
    precision_ok = got["precision"] == want["precision"]
    return date_ok, precision_ok, date_ok and precision_ok and got["end_date"] == want.get("end_date")


def score_items(items: list[dict[str, Any]], texts: dict[str, dict[str, str]]) -> dict[str, Any]:
    """Return the adapter result: accuracies over scored items and counts per source, skipped and missed."""
    counts: Counter = Counter()
    per_source: dict[str, Counter] = {}
    misses = []
    for item in items:
        source = per_source.setdefault(item["source"], Counter())
        expression = expression_of(item, texts)
        if expression is None:
            source["skipped"] += 1
            continue
        date_ok, precision_ok, exact = compare(item, expression)
        counts.update({"scored": 1, "date": date_ok, "precision": precision_ok, "exact": exact})
        source.update({"scored": 1, "exact": exact})
        if not exact and len(misses) < MISS_EXAMPLES:
            misses.append(item["id"])
    return summarise(counts, per_source, misses, len(items))


def summarise(counts: Counter, per_source: dict[str, Counter], misses: list[str], n: int) -> dict[str, Any]:
    """Return the result dict from the summed counts."""
    scored = counts["scored"]
    share = (lambda key: round(counts[key] / scored, 4) if scored else 0.0)
    metrics = {"exact.accuracy": share("exact"), "date.accuracy": share("date"),
               "precision.accuracy": share("precision")}
    for name, source in sorted(per_source.items()):
        if source["scored"]:
            metrics[f"{name}.exact"] = round(source["exact"] / source["scored"], 4)
    details = {"scored": scored, "skipped": sum(s["skipped"] for s in per_source.values()),
               "sources": {name: dict(source) for name, source in sorted(per_source.items())}, "misses": misses}
    return {"dataset": NAME, "records": n, "metrics": metrics, "details": details}


def evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL) -> dict:
    """Return date accuracies on the dates gold set (``model`` is unused: expressions are resolved without a parse)."""
    gold = find_gold_file(Path(data))
    items = load_items(gold, limit)
    return score_items(items, load_sources(items, find_shared_root(gold)))
