"""Score the event -> location link on ../shared/eval/event_location (Halterman 2019; internal evaluation only).

Each record gives a sentence, one event verb span and the gold location span(s) of that event (possibly none).
The sentence is parsed with the project's pipeline, the verb token found, and the coder's own linking rule
(``coding.event_places.event_place_spans``) asked for the place. Scored as in the paper: precision/recall/F1 over
location tokens (the set's own tokens), micro-averaged over records; plus the share of records whose predicted
token set equals the gold exactly. The texts are read from the shared folder at evaluation time, never copied.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from flashpoint.coding.event_places import event_place_spans
from flashpoint.nlp import load_nlp
from flashpoint.evaluate.harness import iter_jsonl
from flashpoint.settings import DEFAULT_MODEL

NAME = "event_location"
DATA_FILE = "labeled.jsonl.gz"
BATCH_SIZE = 256
MISS_EXAMPLES = 30
RELABEL = "RELABEL"         # upstream's gold-standard re-annotations: scored apart as the cleanest gold


def find_labeled_file(data: Path) -> Path:
    """Return labeled.jsonl.gz in ``data`` (a folder) or ``data`` itself; raise FileNotFoundError otherwise."""
    path = data / DATA_FILE if data.is_dir() else data
    if not path.is_file():
        raise FileNotFoundError(f"{data}: no {DATA_FILE} there (the dev set lives in ../shared/eval/event_location)")
    return path


def load_records(data: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Return the usable records (one VERB span with offsets), in file order, at most ``limit``."""
    records = []
    for row in iter_jsonl(find_labeled_file(data)):
        if is_usable(row):
            records.append(row)
        if limit is not None and len(records) >= limit:
            break
    if not records:
        raise ValueError(f"{data}: no usable records (need text, tokens and one VERB span with offsets)")
    return records


def is_usable(row: dict[str, Any]) -> bool:
    """Return True for a record with text, tokens and exactly one VERB span whose offsets are known."""
    verbs = [s for s in row.get("spans", []) if s.get("label") == "VERB"]
    return bool(row.get("text")) and bool(row.get("tokens")) and len(verbs) == 1 and verbs[0].get("start") is not None


def token_offsets(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    """Return each gold token's (start, end) in the text, aligned left to right (-1, -1 when not found)."""
    offsets, cursor = [], 0
    for token in tokens:
        start = text.find(token, cursor)
        if start < 0:
            offsets.append((-1, -1))
            continue
        offsets.append((start, start + len(token)))
        cursor = start + len(token)
    return offsets


def gold_tokens(row: dict[str, Any]) -> set[int]:
    """Return the indices of the record's gold location tokens."""
    return {i for s in row["spans"] if s["label"] == "LOCATION" and s.get("token_start") is not None
            for i in range(s["token_start"], s["token_end"] + 1)}


def covered_tokens(offsets: list[tuple[int, int]], spans: list[tuple[int, int]]) -> set[int]:
    """Return the indices of gold tokens that overlap any predicted character span."""
    return {i for i, (start, end) in enumerate(offsets) if start >= 0
            and any(start < s_end and s_start < end for s_start, s_end in spans)}


def find_verb(doc, span: dict[str, Any]):
    """Return the parsed token that overlaps the gold VERB span (its last overlapping token if several)."""
    hits = [t for t in doc if t.idx < span["end"] and span["start"] < t.idx + len(t.text)]
    verbs = [t for t in hits if t.pos_ in ("VERB", "AUX")]
    return (verbs or hits or [None])[-1]


def predict_spans(records: list[dict[str, Any]], model: str) -> Iterator[list[tuple[int, int]]]:
    """Yield the predicted location character spans of each record (parsed in batches)."""
    nlp = load_nlp(model)
    for row, doc in zip(records, nlp.pipe((r["text"] for r in records), batch_size=BATCH_SIZE)):
        verb = find_verb(doc, next(s for s in row["spans"] if s["label"] == "VERB"))
        yield [] if verb is None else event_place_spans(verb.sent, verb.i)


def count_record(row: dict[str, Any], spans: list[tuple[int, int]]) -> Counter:
    """Return one record's token tp/fp/fn, exact match and no-location counts."""
    gold = gold_tokens(row)
    pred = covered_tokens(token_offsets(row["text"], row["tokens"]), spans)
    return Counter({"records": 1, "tp": len(gold & pred), "fp": len(pred - gold), "fn": len(gold - pred),
                    "exact": gold == pred, "no_location": not gold, "no_location_right": not gold and not pred})


def score_records(records: list[dict[str, Any]], predictions: list[list[tuple[int, int]]]) -> dict[str, Any]:
    """Return token-level P/R/F1 (micro over records), exact-record share and no-location accuracy.

    The RELABEL records (upstream's gold-standard re-annotations, the cleanest gold) are also scored apart.
    """
    counts, relabel = Counter(), Counter()
    misses = []
    for row, spans in zip(records, predictions):
        one = count_record(row, spans)
        counts.update(one)
        if row.get("source") == RELABEL:
            relabel.update(one)
        if not one["exact"] and len(misses) < MISS_EXAMPLES:
            misses.append({"row": row["row"], "predicted": [list(span) for span in spans]})
    metrics = compute_metrics(counts)
    metrics.update({f"relabel.{k}": v for k, v in compute_metrics(relabel).items() if k.startswith("token.")})
    details = {"tp": counts["tp"], "fp": counts["fp"], "fn": counts["fn"],
               "no_location_records": counts["no_location"], "relabel_records": relabel["records"],
               "misses": misses}
    return {"dataset": NAME, "records": len(records), "metrics": metrics, "details": details}


def compute_metrics(counts: Counter) -> dict[str, float]:
    """Return the rounded metrics of summed counts."""
    tp, fp, fn, n = counts["tp"], counts["fp"], counts["fn"], counts["records"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    no_location = counts["no_location_right"] / counts["no_location"] if counts["no_location"] else 0.0
    return {"token.precision": round(precision, 4), "token.recall": round(recall, 4), "token.f1": round(f1, 4),
            "record.exact": round(counts["exact"] / n, 4) if n else 0.0, "no_location.accuracy": round(no_location, 4)}


def evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL) -> dict:
    """Return token P/R/F1 of the event-linked location on the event_location dev set in ``data``."""
    records = load_records(Path(data), limit)
    return score_records(records, list(predict_spans(records, model)))
