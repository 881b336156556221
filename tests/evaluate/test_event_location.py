"""The event_location scorer on hand-built records, and the linking rule's floor on the shared dev set."""

import gzip
import json
from pathlib import Path

import pytest

from flashpoint.evaluate.event_location import (covered_tokens, evaluate, gold_tokens, load_records, score_records,
                                                token_offsets)

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "event_location"
# Measured token F1 on the first 600 dev records when pinned (the full dev run is in the report / docs/accuracy.md).
SAMPLE_RECORDS = 600
FLOOR_F1 = 0.60


def record(text: str, tokens: list[str], verb: tuple[int, int], locations: list[tuple[int, int]]) -> dict:
    spans = [{"label": "VERB", "token_start": verb[0], "token_end": verb[0], "start": verb[1],
              "end": verb[1] + len(tokens[verb[0]])}]
    spans += [{"label": "LOCATION", "token_start": a, "token_end": b} for a, b in locations]
    return {"row": 1, "text": text, "tokens": tokens, "spans": spans}


def test_token_offsets_follow_the_text() -> None:
    assert token_offsets("Bombs hit  Homs .", ["Bombs", "hit", "Homs", "."]) == [(0, 5), (6, 9), (11, 15), (16, 17)]


def test_predicted_spans_cover_overlapping_tokens() -> None:
    offsets = [(0, 5), (6, 9), (11, 15), (16, 20)]
    assert covered_tokens(offsets, [(11, 20)]) == {2, 3}
    assert covered_tokens(offsets, []) == set()


def test_scores_are_micro_averaged_over_tokens() -> None:
    rows = [record("Troops entered Khan Touman .", ["Troops", "entered", "Khan", "Touman", "."], (1, 7), [(2, 3)]),
            record("Iran condemned it .", ["Iran", "condemned", "it", "."], (1, 5), [])]
    assert gold_tokens(rows[0]) == {2, 3}
    scores = score_records(rows, [[(15, 19)], [(0, 4)]])   # "Khan" only; "Iran" where gold has no place
    metrics = scores["metrics"]
    assert (metrics["token.precision"], metrics["token.recall"]) == (0.5, 0.5)
    assert metrics["record.exact"] == 0.0 and metrics["no_location.accuracy"] == 0.0
    assert score_records(rows, [[(15, 26)], []])["metrics"]["token.f1"] == 1.0


def test_bad_data_is_reported(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="labeled.jsonl.gz"):
        load_records(tmp_path)
    with gzip.open(tmp_path / "labeled.jsonl.gz", "wt") as handle:
        handle.write(json.dumps({"text": "x", "tokens": ["x"], "spans": []}) + "\n")
    with pytest.raises(ValueError, match="no usable records"):
        load_records(tmp_path)


@pytest.mark.shared
@pytest.mark.integration
def test_linking_rule_floor_on_the_dev_sample() -> None:
    if not (SHARED / "labeled.jsonl.gz").is_file():
        pytest.skip("../shared/eval/event_location is not beside the checkout")
    result = evaluate(SHARED, limit=SAMPLE_RECORDS)
    assert result["dataset"] == "event_location" and result["records"] == SAMPLE_RECORDS
    assert result["metrics"]["token.f1"] >= FLOOR_F1
