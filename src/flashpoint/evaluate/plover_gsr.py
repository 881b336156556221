"""Score coded events against the PLOVER gold-standard records (../shared/eval/plover_gsr, CC BY-SA 4.0).

Read at evaluation time only; nothing from the set is copied into the project. Labels are PLOVER v0.5b1 and are
mapped to v2 with the ontology's own table (DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

LEGACY_TO_V2 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def load_plover_gsr(folder: Path) -> list[dict[str, Any]]:
    """Return the gold records of gsr.jsonl with a v2 ``event_v2`` label added."""
    rows = [json.loads(line) for line in (folder / "gsr.jsonl").read_text("utf-8").splitlines() if line.strip()]
    for row in rows:
        row["event_v2"] = LEGACY_TO_V2.get(row["event"], row["event"])
    return rows


def gold_codes(actors: Any) -> set[str]:
    """Return the ISO3/IGO codes of a gold source or target list ("" means none)."""
    return {a["code"][:3] for a in actors or [] if isinstance(a, dict) and a.get("code")}


def is_reciprocal(row: dict[str, Any]) -> bool:
    """Return True when the markup marks actors as both source and target (a meeting): either order counts."""
    return "SRC/TAR:" in row.get("textInfo", {}).get("markup", "")


def main_event(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Return the sentence's main event: one with actor and recipient first, then the most confident, then first."""
    if not records:
        return None
    return max(records, key=lambda r: (bool(r["actor"]) and bool(r["recipient"]), r["confidence"], -r["trigger"]["span"][0]))


def actor_triples(row: dict[str, Any], event: dict[str, Any] | None) -> tuple[set, set]:
    """Return (gold, predicted) (role, code) pairs for one record; reciprocal records pool both roles."""
    gold = {("src", c) for c in gold_codes(row.get("source"))} | {("tgt", c) for c in gold_codes(row.get("target"))}
    if event is None:
        return gold, set()
    pred = {("src", a["country"]) for a in event["actor"] if a.get("country")}
    pred |= {("tgt", r["country"]) for r in event["recipient"] if r.get("country")}
    if is_reciprocal(row):
        gold = {("any", code) for _, code in gold}
        pred = {("any", code) for _, code in pred}
    return gold, pred


def macro_f1(pairs: list[tuple[str, str | None]]) -> float:
    """Return the macro-averaged F1 over gold labels of (gold, predicted) label pairs."""
    labels = sorted({g for g, _ in pairs})
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def score_plover_gsr(rows: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """Return event-type accuracy/macro-F1 (main event), any-event recall and actor P/R/F1 over (role, code)."""
    pairs, any_hits, tp, n_gold, n_pred = [], 0, 0, 0, 0
    confusion: Counter = Counter()
    for row, records in zip(rows, predictions):
        event = main_event(records)
        predicted = event["event"] if event else None
        pairs.append((row["event_v2"], predicted))
        any_hits += any(r["event"] == row["event_v2"] for r in records)
        if predicted != row["event_v2"]:
            confusion[f"{row['event_v2']} -> {predicted}"] += 1
        gold, pred = actor_triples(row, event)
        tp, n_gold, n_pred = tp + len(gold & pred), n_gold + len(gold), n_pred + len(pred)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return {
        "records": len(rows),
        "with_any_event": sum(1 for p in predictions if p),
        "type_accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 3) if pairs else 0.0,
        "type_macro_f1": round(macro_f1(pairs), 3),
        "gold_type_among_any_event": round(any_hits / len(rows), 3) if rows else 0.0,
        "actor_precision": round(precision, 3), "actor_recall": round(recall, 3),
        "actor_f1": round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0,
        "top_confusions": confusion.most_common(15),
    }
