"""Fit the confidence calibration (src/flashpoint/coding/dictionaries/confidence.v1.json) on the demo gold.

The demo corpus and its hand-coded events (tests/golden/demo_events.jsonl) were written for the project (MIT), so a
table fitted on them may ship. Steps:
1. ingest the bundled demo corpus with the raw heuristic confidence (setting calibrated_confidence=False);
2. label each report of a gold-covered article right (it matched a gold event: same sentence and type) or wrong;
3. cross-validate isotonic regression from raw score to P(right) over articles (GroupKFold), reporting Brier score
   and expected calibration error (ECE) of the raw score and of the out-of-fold calibrated one;
4. fit on every report and write the table with a manifest of what it was fitted on and what step 3 measured.

Run from the checkout:  python tools/fit_confidence.py [--check]   (--check measures and writes nothing)
Needs scikit-learn (installed with flashpoint). The demo gold is also the coder's in-sample accuracy set; the
cross-validated numbers are the honest ones, and `flashpoint evaluate plover_gsr` reports the table's calibration
on a set it never saw.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from importlib import resources
from pathlib import Path

import numpy

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from flashpoint.cli.evaluate import code_corpus  # noqa: E402
from flashpoint.coding.confidence import CALIBRATION_FILE, score_brier, score_ece  # noqa: E402
from flashpoint.evaluate.demo_gold import label_predictions, load_gold  # noqa: E402
from flashpoint.settings import Settings  # noqa: E402

GOLD = REPO / "tests" / "golden" / "demo_events.jsonl"
OUTPUT = REPO / "src" / "flashpoint" / "coding" / "dictionaries" / CALIBRATION_FILE
FOLDS = 5
# With ~300 reports no score deserves certainty: probabilities stay within these bounds.
PROBABILITY_FLOOR, PROBABILITY_CEILING = 0.05, 0.95
KEY = "flashpoint.confidence.v1"


def code_demo_raw() -> tuple[list[float], list[bool], list[str]]:
    """Return the raw confidence, right/wrong label and article id of every report of a gold-covered article."""
    with resources.as_file(resources.files("flashpoint") / "demo_corpus") as corpus:
        records, sources = code_corpus(corpus, Settings(calibrated_confidence=False), demo=True)
    labels = label_predictions(load_gold(GOLD), records, sources)
    kept = [r for r in records if r["id"] in labels]
    return [r["confidence"] for r in kept], [labels[r["id"]] for r in kept], [r["article_id"] for r in kept]


def fit_isotonic(raw: numpy.ndarray, right: numpy.ndarray):
    """Return an isotonic regression from raw score to P(right), bounded away from 0 and 1."""
    from sklearn.isotonic import IsotonicRegression

    model = IsotonicRegression(y_min=PROBABILITY_FLOOR, y_max=PROBABILITY_CEILING, out_of_bounds="clip")
    return model.fit(raw, right)


def cross_validate(raw: list[float], right: list[bool], groups: list[str]) -> dict[str, float]:
    """Return Brier and ECE of the raw score and of out-of-fold calibrated scores (folds split by article)."""
    from sklearn.model_selection import GroupKFold

    x, y = numpy.asarray(raw), numpy.asarray(right, dtype=float)
    calibrated = numpy.zeros_like(x)
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        calibrated[test] = fit_isotonic(x[train], y[train]).predict(x[test])
    return {"raw_brier": score_brier(list(x), right), "raw_ece": score_ece(list(x), right),
            "cv_brier": score_brier(list(calibrated), right), "cv_ece": score_ece(list(calibrated), right)}


def build_table(raw: list[float], right: list[bool], measured: dict[str, float], n_articles: int) -> dict:
    """Return the calibration file's content: points and manifest."""
    model = fit_isotonic(numpy.asarray(raw), numpy.asarray(right, dtype=float))
    return {
        "key": KEY, "fitted": date.today().isoformat(), "method": "isotonic regression (scikit-learn)",
        "trained_on": "tests/golden/demo_events.jsonl over the bundled demo corpus (written for the project, MIT)",
        "reports": len(raw), "articles": n_articles, "share_right": round(sum(right) / len(right), 3),
        "cross_validation": {"folds": FOLDS, "split": "by article", **{k: round(v, 3) for k, v in measured.items()}},
        "raw": [round(float(v), 4) for v in model.X_thresholds_],
        "probability": [round(float(v), 4) for v in model.y_thresholds_],
    }


def main() -> None:
    """Fit, report and (unless --check) write the calibration table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="measure only; write nothing")
    args = parser.parse_args()
    raw, right, groups = code_demo_raw()
    measured = cross_validate(raw, right, groups)
    table = build_table(raw, right, measured, len(set(groups)))
    print(json.dumps({k: v for k, v in table.items() if k not in ("raw", "probability")}, indent=1))
    print("points:", list(zip(table["raw"], table["probability"])))
    if not args.check:
        OUTPUT.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUTPUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
