"""Score coded events against the PLOVER gold-standard records (../shared/eval/plover_gsr, CC BY-SA 4.0).

Read at evaluation time only; nothing from the set is copied into the project. Labels are PLOVER v0.5b1 and are
mapped to v2 with the ontology's own table (DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT).

Each sentence is coded and its main event (``main_event``) is compared with the gold record:

* ``event_type.accuracy`` / ``event_type.macro_f1``: the main event's PLOVER type against the v2 gold label
  (macro-F1 averages over gold labels; no event counts as a wrong answer).
* ``actor_country.*`` / ``recipient_country.*``: precision, recall and F1 over (record, role, ISO-3 code) triples,
  the main event's actor countries against the gold source codes and its recipient countries against the target
  codes. Reciprocal records (markup ``SRC/TAR:``) accept either order: the orientation with more matches counts.
* ``event_type.in_any_event``: share of records where some coded event (not only the main one) has the gold type;
  ``events.coverage``: share of records with at least one coded event.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..coding.actors import LEGACY_COUNTRY_CODES
from ..coding.confidence import score_brier, score_ece
from ..settings import DEFAULT_MODEL
from .harness import code_sentences, find_data_file, iter_jsonl

NAME = "plover_gsr"
LEGACY_TO_V2 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# Confusions listed in the details, most frequent first.
TOP_CONFUSIONS = 15


def load_plover_gsr(folder: Path) -> list[dict[str, Any]]:
    """Return the gold records of gsr.jsonl(.gz) with a v2 ``event_v2`` label added."""
    rows = []
    for row in iter_jsonl(find_data_file(Path(folder), "gsr.jsonl"), ("event", "text")):
        row["event_v2"] = LEGACY_TO_V2.get(row["event"], row["event"])
        rows.append(row)
    return rows


def gold_codes(actors: Any) -> set[str]:
    """Return the ISO3/IGO codes of a gold source or target list ("" or None means none), with the legacy spellings
    the coder also maps (the gold writes Japan as JAP and Italy as ITL, three codes in all) read as ISO codes."""
    codes = {a["code"][:3] for a in actors or [] if isinstance(a, dict) and a.get("code")}
    return {LEGACY_COUNTRY_CODES.get(code, code) for code in codes}


def is_reciprocal(row: dict[str, Any]) -> bool:
    """Return True when the markup marks actors as both source and target (a meeting): either order counts."""
    return "SRC/TAR:" in (row.get("textInfo") or {}).get("markup", "")


def main_event(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Return the sentence's main event: one with an actor first, then the one highest in the parse (the main
    clause: ``clause_depth``, added by harness.code_sentences), then the most confident, then the first.

    Before the sixth session actor *and* recipient came first and the parse was not used: the main-clause rule
    picks "insisted on its demands" over the demanded grant, and "completed its investigation" over the alleged
    takeover it investigated (PLOVER GSR type 0.774 -> 0.783, pentaclass quad 0.695 -> 0.702).
    """
    if not records:
        return None
    return max(records, key=lambda r: (bool(r["actor"]), -r.get("clause_depth", 0), r["confidence"],
                                       -r["trigger"]["span"][0]))


def event_countries(actors: list[dict[str, Any]]) -> set[str]:
    """Return the country codes of an event's actor or recipient list."""
    return {a["country"] for a in actors if a.get("country")}


def role_counts(row: dict[str, Any], event: dict[str, Any] | None) -> dict[str, Counter]:
    """Return tp/gold/pred counts per role ("actor", "recipient") for one record; reciprocal rows take either order."""
    gold = (gold_codes(row.get("source")), gold_codes(row.get("target")))
    pred = (event_countries(event["actor"]), event_countries(event["recipient"])) if event else (set(), set())
    orders = [pred, pred[::-1]] if is_reciprocal(row) else [pred]
    best = max(orders, key=lambda p: len(gold[0] & p[0]) + len(gold[1] & p[1]))
    return {role: Counter(tp=len(g & p), gold=len(g), pred=len(p))
            for role, g, p in zip(("actor", "recipient"), gold, best)}


def macro_f1(pairs: list[tuple[str, str | None]], labels: set[str] | None = None) -> float:
    """Return the macro-averaged F1 of (gold, predicted) label pairs over ``labels`` (default: the gold labels)."""
    labels = sorted({g for g, _ in pairs} if labels is None else labels)
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def prf(tp: int, n_gold: int, n_pred: int, prefix: str) -> dict[str, float]:
    """Return ``prefix.precision/.recall/.f1`` from true positives and gold / predicted totals."""
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {f"{prefix}.precision": precision, f"{prefix}.recall": recall, f"{prefix}.f1": f1}


def score_plover_gsr(rows: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """Return the harness result (metrics + details) for gold rows and each row's coded event records."""
    pairs, any_hits, confusion = [], 0, Counter()
    roles = {"actor": Counter(), "recipient": Counter()}
    for row, records in zip(rows, predictions):
        event = main_event(records)
        predicted = event["event"] if event else None
        pairs.append((row["event_v2"], predicted))
        any_hits += any(r["event"] == row["event_v2"] for r in records)
        if predicted != row["event_v2"]:
            confusion[f"{row['event_v2']} -> {predicted}"] += 1
        for role, counts in role_counts(row, event).items():
            roles[role].update(counts)
    n = len(pairs)
    metrics = {"event_type.accuracy": sum(g == p for g, p in pairs) / n if n else 0.0,
               "event_type.macro_f1": macro_f1(pairs),
               "event_type.in_any_event": any_hits / n if n else 0.0,
               "events.coverage": sum(1 for p in predictions if p) / n if n else 0.0}
    for role, key in (("actor", "actor_country"), ("recipient", "recipient_country")):
        metrics.update(prf(roles[role]["tp"], roles[role]["gold"], roles[role]["pred"], key))
    metrics.update(score_calibration(rows, predictions))
    return {"dataset": NAME, "records": n, "metrics": metrics,
            "details": {"top_confusions": confusion.most_common(TOP_CONFUSIONS),
                        "coded_reports": sum(len(records) for records in predictions),
                        "gold_types": sorted(Counter(g for g, _ in pairs).items())}}


def score_calibration(rows: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]) -> dict[str, float]:
    """Return Brier and ECE of every coded report's confidence, a report being right when it has the gold type."""
    pairs = [(r["confidence"], r["event"] == row["event_v2"]) for row, records in zip(rows, predictions)
             for r in records]
    confidences, right = [c for c, _ in pairs], [ok for _, ok in pairs]
    return {"confidence.brier": score_brier(confidences, right), "confidence.ece": score_ece(confidences, right)}


def evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Code each gold sentence of ``data`` (a folder holding gsr.jsonl) and score it."""
    rows = load_plover_gsr(Path(data))[:limit]
    predictions = code_sentences([r["text"] for r in rows], [r.get("date") for r in rows], model=model)
    return score_plover_gsr(rows, predictions)
