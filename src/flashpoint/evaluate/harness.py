"""One evaluation harness: a registry of gold-set adapters, batch coding of sentences, and data-file helpers.

Every adapter module ``flashpoint.evaluate.<module>`` defines
``evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL) -> dict`` returning
``{"dataset": NAME, "records": N, "metrics": {dotted: float}, "details": {...}}`` ("details" optional) and raises
FileNotFoundError / ValueError with a clear message for bad data. Adapters are imported lazily, so a set whose
adapter is not installed reports that instead of breaking the others.
"""

from __future__ import annotations

import gzip
import importlib
import json
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..coding import Coder
from ..nlp import model_label, parse_texts
from ..records import hash_text
from ..settings import DEFAULT_MODEL, Settings

# NAME -> (adapter module, default data path relative to the checkout). Filled here and nowhere else.
ADAPTERS: dict[str, tuple[str, str]] = {
    "plover_gsr": ("flashpoint.evaluate.plover_gsr", "../shared/eval/plover_gsr"),
    "petrarch2_gsr": ("flashpoint.evaluate.petrarch2_gsr", "../shared/eval/petrarch2_gsr"),
    "cameo_pentaclass": ("flashpoint.evaluate.cameo_pentaclass", "../shared/eval/cameo_pentaclass"),
    "indiapoliceevents": ("flashpoint.evaluate.indiapoliceevents", "../shared/eval/indiapoliceevents"),
    "case2021_task2": ("flashpoint.evaluate.case2021", "../shared/eval/case2021_task2"),
    "muc4": ("flashpoint.evaluate.muc4", "../shared/eval/muc4"),
    "event_location": ("flashpoint.evaluate.event_location", "../shared/eval/event_location"),
    "dates": ("flashpoint.evaluate.dates", "tests/golden/dates.jsonl"),
}
# Texts per nlp.pipe batch when coding gold sentences: short sentences, so larger than the ingest default.
SENTENCE_BATCH = 64
# The checkout root in the src layout (src/flashpoint/evaluate/harness.py -> parents[3]).
CHECKOUT = Path(__file__).resolve().parents[3]


class AdapterMissing(LookupError):
    """Raised when a registered gold set's adapter module is not installed."""


@lru_cache(maxsize=2)
def load_coder() -> Coder:
    """Return the Coder with the bundled lexicons, built once per process."""
    return Coder()


def as_iso_date(published: str | None) -> str | None:
    """Return ``published`` when it is an ISO date (YYYY-MM-DD), else None: gold dates vary in form."""
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10]).isoformat()
    except ValueError:
        return None


def code_sentences(texts: list[str], published: list[str | None], *, model: str = DEFAULT_MODEL) -> list[list[dict]]:
    """Return, per text, its events as Event.to_dict() records; texts are parsed in nlp.pipe batches."""
    if len(texts) != len(published):
        raise ValueError(f"code_sentences: {len(texts)} texts but {len(published)} dates")
    coder, label = load_coder(), model_label(model)
    limit = Settings().max_sentence_chars
    results = []
    for text, when, doc in zip(texts, published, parse_texts(texts, model=model, batch_size=SENTENCE_BATCH)):
        events = coder.code_doc(doc, article_id=hash_text(text), published=as_iso_date(when), model=label,
                                max_sentence_chars=limit)
        results.append([with_clause_depth(event.to_dict(), doc) for event in events])
    return results


def with_clause_depth(record: dict[str, Any], doc: Any) -> dict[str, Any]:
    """Add ``clause_depth`` (an evaluation-only key): how many dependency arcs separate the event's trigger from
    its sentence's root; 0 is the main verb. Adapters that score one event per sentence prefer shallow ones."""
    span = doc.char_span(*record["trigger"]["span"], alignment_mode="expand")
    token, depth = (span.root, 0) if span is not None and len(span) else (None, 99)
    while token is not None and token.head.i != token.i:
        token, depth = token.head, depth + 1
    record["clause_depth"] = depth
    return record


def default_data(name: str) -> Path:
    """Return the default data path of a gold set: relative to the working directory, else to the checkout."""
    relative = Path(ADAPTERS[name][1])
    return relative if relative.exists() else CHECKOUT / relative


def find_data_file(folder: Path, name: str) -> Path:
    """Return ``folder/name`` or its ``.gz`` twin; raise FileNotFoundError naming both when neither exists."""
    for candidate in (folder / name, folder / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{folder}: no {name} (or {name}.gz) there")


def read_data_text(path: Path) -> str:
    """Return the UTF-8 text of a data file, gunzipping it when its name ends in .gz."""
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return handle.read()
    return path.read_text(encoding="utf-8")


def iter_jsonl(path: Path, required: Iterable[str] = ()) -> Iterator[dict[str, Any]]:
    """Yield the objects of a JSON-lines file (gunzipped when .gz); ValueError names the file and line of a bad one."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                message = f"line {number} is not JSON ({exc.msg}); expected one object per line"
                raise ValueError(f"{path}:{number}: {message}") from None
            missing = [field for field in required if not isinstance(row, dict) or field not in row]
            if missing:
                raise ValueError(f"{path}:{number}: line {number} lacks field(s) {', '.join(missing)}")
            yield row


def load_adapter(name: str):
    """Return the adapter module of a registered gold set; raise AdapterMissing when it is not installed."""
    if name not in ADAPTERS:
        raise KeyError(f"unknown gold set {name!r}; choose one of {', '.join(ADAPTERS)}")
    module = ADAPTERS[name][0]
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            raise AdapterMissing(f"evaluate {name}: adapter not installed") from None
        raise


def run_adapter(name: str, data: Path | None = None, *, limit: int | None = None,
                model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Run one gold set's adapter on ``data`` (default: its registered path) and return its result dict."""
    adapter = load_adapter(name)
    path = default_data(name) if data is None else data
    if not path.exists():
        raise FileNotFoundError(f"{path}: data not found (the dev sets live in ../shared/eval beside the checkout)")
    result = adapter.evaluate(path, limit=limit, model=model)
    result.setdefault("dataset", name)
    return result


def summarize_result(result: dict[str, Any]) -> dict[str, Any]:
    """Return the machine-readable summary of a result: dataset, records and rounded metrics only."""
    metrics = {key: round(float(value), 4) for key, value in result.get("metrics", {}).items()}
    return {"dataset": result["dataset"], "records": result.get("records", 0), "metrics": metrics}
