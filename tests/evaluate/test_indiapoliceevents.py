"""The IndiaPoliceEvents adapter: label mapping and scorer on hand-built events; a small run on the shared dev set."""

import gzip
import json
from pathlib import Path

import pytest

from flashpoint.evaluate.indiapoliceevents import (
    LABELS, event_labels, evaluate, load_sentences, score_binary, score_sentences, sentence_labels, text_labels,
)

SHARED_IPE = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "indiapoliceevents"


def event(cameo: str, plover: str | None, actors: list[tuple[str, str | None]], trigger: str, *,
          status: str = "asserted", sentence: str = "", dead: int | None = None) -> dict:
    return {"cameo": cameo, "event": plover, "status": status, "trigger": {"text": trigger}, "dead": dead,
            "actor": [{"text": t, "sector": s} for t, s in actors], "recipient": [], "sentence": sentence}


def test_police_killing_is_kill_force_and_any_action() -> None:
    labels = event_labels(event("190", "ASSAULT", [("police", "COP")], "shot"))
    assert labels == {"KILL", "FORCE", "ANY_ACTION"}


def test_stated_dead_makes_a_police_assault_a_kill() -> None:
    assert "KILL" in event_labels(event("180", "ASSAULT", [("the cops", None)], "attacked", dead=2))
    assert "KILL" not in event_labels(event("180", "ASSAULT", [("the cops", None)], "attacked", dead=0))


def test_arrest_code_by_police_is_arrest_not_force() -> None:
    labels = event_labels(event("173", "COERCE", [("security forces", "COP")], "detained"))
    assert labels == {"ARREST", "ANY_ACTION"}


def test_events_by_others_or_not_asserted_give_nothing() -> None:
    assert event_labels(event("190", "ASSAULT", [("mob", "CVL")], "killed")) == set()
    assert event_labels(event("173", "COERCE", [("police", "COP")], "arrest", status="future")) == set()
    assert event_labels(event("173", "COERCE", [("police", "COP")], "arrest", status="hypothetical")) == set()


def test_negated_intervention_by_police_is_fail() -> None:
    assert event_labels(event("040", None, [("police", "COP")], "intervene", status="negated")) == {"FAIL"}


def test_agentless_killing_in_police_firing_counts_as_police() -> None:
    sentence = "two persons were killed in police firing"
    assert "KILL" in event_labels(event("190", "ASSAULT", [], "killed", sentence=sentence))
    assert event_labels(event("190", "ASSAULT", [], "killed", sentence="two persons were killed")) == set()


def test_an_agentless_arrest_is_a_police_arrest_but_not_force() -> None:
    assert event_labels(event("173", "COERCE", [], "arrested")) == {"ARREST", "ANY_ACTION"}
    assert event_labels(event("192", "COERCE", [], "nabbed")) == {"ARREST", "ANY_ACTION"}
    assert event_labels(event("173", "COERCE", [], "arrested", status="future")) == set()
    assert event_labels(event("173", "COERCE", [("mob", "CVL")], "held")) == set()


def test_text_layer_reads_passive_arrests_and_skips_unreal_ones() -> None:
    assert text_labels("five men were arrested today.") == {"ARREST", "ANY_ACTION"}
    assert "ARREST" not in text_labels("the leaders should be arrested, he said.")
    assert text_labels("police remained mute spectators as the mob burnt shops") >= {"FAIL"}


def test_sentence_labels_can_leave_the_text_layer_out() -> None:
    assert sentence_labels("five men were arrested today.", [], use_text=False) == set()


def test_binary_scores_match_hand_counts() -> None:
    scores = score_binary([True, True, False, False], [True, False, True, False])
    assert scores == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert score_binary([False], [False])["f1"] == 0.0


def test_document_is_positive_when_any_sentence_is() -> None:
    rows = [{"doc_id": 1, "labels": ["ARREST", "ANY_ACTION"], "text": "a"},
            {"doc_id": 1, "labels": [], "text": "b"},
            {"doc_id": 2, "labels": [], "text": "c"}]
    arrest = event("173", "COERCE", [("police", "COP")], "arrested")
    result = score_sentences(rows, [[], [arrest], []])
    metrics = result["metrics"]
    assert metrics["sentence.ARREST.f1"] == 0.0 and metrics["document.ARREST.f1"] == 1.0
    assert set(metrics) >= {f"sentence.{label}.{k}" for label in LABELS for k in ("f1", "precision", "recall")}
    assert result["records"] == 3 and result["details"]["gold_positives"] == {"ARREST": 1, "ANY_ACTION": 1}


def test_bad_folder_and_unknown_documents_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="sents.jsonl"):
        load_sentences(tmp_path)
    with gzip.open(tmp_path / "sents.jsonl.gz", "wt") as handle:
        handle.write(json.dumps({"doc_id": 9, "labels": [], "text": "x"}) + "\n")
    (tmp_path / "docs.jsonl").write_text(json.dumps({"doc_id": 1, "date": "2002-03-01"}) + "\n")
    with pytest.raises(ValueError, match="not in docs.jsonl"):
        load_sentences(tmp_path)


@pytest.mark.shared
@pytest.mark.integration
def test_adapter_runs_on_twenty_dev_sentences() -> None:
    if not (SHARED_IPE / "sents.jsonl.gz").exists():
        pytest.skip(f"{SHARED_IPE} not found: the shared dev gold sets are not beside this checkout")
    result = evaluate(SHARED_IPE, limit=20)
    assert result["dataset"] == "indiapoliceevents" and result["records"] == 20
    assert all(0.0 <= value <= 1.0 for value in result["metrics"].values())
