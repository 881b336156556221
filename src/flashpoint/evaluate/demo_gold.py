"""Score coded event records against hand-coded expected events (tests/golden/demo_events.jsonl)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from ..coding.confidence import score_brier, score_ece


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Return the gold rows of a JSON Lines file (one expected event report per line)."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def locator_key(source: str, corpus_root: str) -> str:
    """Return a stored article's source relative to the corpus root ("markdown/x.md", "wire.jsonl#3")."""
    source = source.replace("\\", "/")
    root = corpus_root.rstrip("/") + "/"
    return source[len(root):] if source.startswith(root) else source


def is_type_match(gold: dict[str, Any], record: dict[str, Any]) -> bool:
    """Return True when the record has the gold PLOVER type (or CAMEO root where gold has no PLOVER type)."""
    if gold.get("event"):
        return record.get("event") == gold["event"]
    return record.get("cameo_root") == gold.get("cameo_root")


def countries(actors: Iterable[dict[str, Any]]) -> set[str]:
    """Return the set of country/IGO codes of a record's actors or recipients."""
    return {a["country"] for a in actors if a.get("country")}


def find_candidates(gold: dict[str, Any], by_article: dict[str, list[dict]]) -> list[dict]:
    """Return predicted records in the gold event's article and sentence."""
    return [r for r in by_article.get(gold["file"], []) if gold["sentence_contains"] in r["sentence"]]


def group_by_article(records: list[dict], sources: dict[str, str]) -> dict[str, list[dict]]:
    """Return the records per gold file key (``sources`` maps article id -> file key)."""
    by_article: dict[str, list[dict]] = {}
    for record in records:
        by_article.setdefault(sources.get(record["article_id"], "?"), []).append(record)
    return by_article


def match_gold(gold_rows: list[dict], by_article: dict[str, list[dict]]) -> list[tuple[dict, dict | None]]:
    """Return each gold row with the first unused record of its sentence and type, or None."""
    used: set[str] = set()
    pairs = []
    for gold in gold_rows:
        match = next((r for r in find_candidates(gold, by_article) if is_type_match(gold, r) and r["id"] not in used),
                     None)
        if match is not None:
            used.add(match["id"])
        pairs.append((gold, match))
    return pairs


def label_predictions(gold_rows: list[dict], records: list[dict], sources: dict[str, str]) -> dict[str, bool]:
    """Return, for each record of an article the gold covers, whether it matched a gold event (it is right)."""
    matched = {m["id"] for _, m in match_gold(gold_rows, group_by_article(records, sources)) if m is not None}
    gold_files = {g["file"] for g in gold_rows}
    return {r["id"]: r["id"] in matched for r in records if sources.get(r["article_id"]) in gold_files}


def score_demo_gold(gold_rows: list[dict], records: list[dict], sources: dict[str, str]) -> dict[str, Any]:
    """Return detection P/R/F1 and per-field accuracy on matched events; ``sources`` maps article id -> file key."""
    fields = Counter()
    misses = []
    used: set[str] = set()
    for gold, match in match_gold(gold_rows, group_by_article(records, sources)):
        if match is None:
            misses.append(f"{gold['file']}: {gold.get('event') or gold.get('cameo_root')} «{gold['sentence_contains']}»")
            continue
        used.add(match["id"])
        fields["matched"] += 1
        fields["actor"] += bool(set(gold["actor"]) & countries(match["actor"])) or (not gold["actor"] and not match["actor"])
        fields["recipient"] += bool(set(gold["recipient"]) & countries(match["recipient"])) or (
            not gold["recipient"] and not match["recipient"])
        fields["status"] += match["status"] == gold["status"]
        fields["historical"] += bool(match["historical"]) == bool(gold.get("historical", False))
    gold_files = {g["file"] for g in gold_rows}
    predicted = [r for r in records if sources.get(r["article_id"]) in gold_files]
    return summarise(fields, len(gold_rows), len(predicted), misses, predicted, used, gold_rows)


def summarise(fields: Counter, n_gold: int, n_pred: int, misses: list[str], predicted: list[dict],
              used: set[str], gold_rows: list[dict]) -> dict[str, Any]:
    """Return the score dict: precision/recall/F1 of detection and accuracy of each field on matches."""
    matched = fields["matched"]
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    not_asserted = [g for g in gold_rows if g["status"] != "asserted"]
    asserted_wrongly = sum(
        1 for r in predicted
        if r["status"] == "asserted" and any(g["sentence_contains"] in r["sentence"] and is_type_match(g, r)
                                             for g in not_asserted))
    return {
        "gold_events": n_gold, "predicted_events": n_pred, "matched": matched,
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "actor_accuracy": round(fields["actor"] / matched, 3) if matched else 0.0,
        "recipient_accuracy": round(fields["recipient"] / matched, 3) if matched else 0.0,
        "status_accuracy": round(fields["status"] / matched, 3) if matched else 0.0,
        "historical_accuracy": round(fields["historical"] / matched, 3) if matched else 0.0,
        "non_asserted_gold": len(not_asserted), "non_asserted_coded_as_asserted": asserted_wrongly,
        # Is confidence a probability of being right? (a report is right when it matched a gold event)
        "confidence_brier": round(score_brier([r["confidence"] for r in predicted],
                                              [r["id"] in used for r in predicted]), 3),
        "confidence_ece": round(score_ece([r["confidence"] for r in predicted],
                                          [r["id"] in used for r in predicted]), 3),
        "unmatched_predictions": [f"{r['event'] or r['cameo']} «{r['trigger']['text']}» in «{r['sentence'][:90]}»"
                                  for r in predicted if r["id"] not in used][:40],
        "misses": misses[:40],
    }
