"""The CASE 2021 task 2 adapter: type rules, event fallback and weighted F1 on hand-built inputs; a small shared run."""

from pathlib import Path

import pytest

from flashpoint.evaluate.case2021 import (
    DEFAULT_TYPE, SEEN_TYPES, SUBTASK_TYPES, classify_snippet, evaluate, find_territory_side, load_snippets, score_f1,
    score_snippets,
)

SHARED_CASE = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "case2021_task2"


def event(plover: str, mode: str | None = None, actors: list[tuple[str, str]] = (), status: str = "asserted",
          acled: str | None = None) -> dict:
    return {"event": plover, "mode": mode, "status": status, "cameo": "190", "acled": acled,
            "actor": [{"text": t, "sector": s} for t, s in actors], "recipient": []}


@pytest.mark.parametrize("text, expected", [
    ("Two suicide bombers blew themselves up near a market, killing nine.", "SUIC_BOMB"),
    ("Warplanes bombed rebel positions overnight.", "AIR_STRIKE"),
    ("Police fired tear gas to disperse the protesters in the capital.", "PROTEST_WITH_INTER"),
    ("Protesters threw stones at police during the march.", "VIOL_DEMONSTR"),
    ("Thousands rallied peacefully in the square.", "PEACE_PROTEST"),
    ("Soldiers found a cache of rifles and grenades in a farmhouse.", "DISR_WEAP"),
    ("The army has set up a new observation post near the border.", "HQ_ESTABLISHED"),
])
def test_text_rules_pick_the_acled_type(text: str, expected: str) -> None:
    assert classify_snippet(text, []) == expected


def test_territory_goes_to_the_side_named_before_the_cue() -> None:
    assert classify_snippet("Government forces recaptured the town from the rebels.", []) == "GOV_REGAINS_TERIT"
    assert classify_snippet("Rebels recaptured the town from government forces.", []) == \
        "NON_STATE_ACTOR_OVERTAKES_TER"
    assert find_territory_side("the militants were pushed back from the hills", []) == "state"


def test_unseen_types_only_within_their_subtask() -> None:
    text = "A strong earthquake killed eight people."
    assert classify_snippet(text, [], SUBTASK_TYPES["subtask2"]) == "NATURAL_DISASTER"
    assert classify_snippet(text, [], SUBTASK_TYPES["subtask1"]) in SEEN_TYPES


def test_event_fallback_and_default() -> None:
    arrest = event("COERCE", "arrest", acled="Arrests")
    assert classify_snippet("Forces moved in on Friday.", [arrest]) == "ARREST"
    assert classify_snippet("Forces moved in on Friday.", [{**arrest, "status": "future"}]) == DEFAULT_TYPE
    assert classify_snippet("Forces moved in on Friday.", [event("CONSULT"), arrest]) == "ARREST"  # first typed one
    assert classify_snippet("Nothing in particular.", []) == DEFAULT_TYPE
    assert classify_snippet("Nothing in particular.", [event("ACCUSE")], SUBTASK_TYPES["subtask3"]) == "ATTRIB"


def test_weighted_f1_matches_sklearn_by_hand() -> None:
    gold = ["A", "A", "A", "B"]
    pred = ["A", "A", "B", "B"]
    scores = score_f1(gold, pred)
    # A: P 1, R 2/3 -> F1 0.8 (support 3); B: P 1/2, R 1 -> F1 2/3 (support 1)
    assert scores["weighted_f1"] == pytest.approx((0.8 * 3 + 2 / 3) / 4)
    assert scores["macro_f1"] == pytest.approx((0.8 + 2 / 3) / 2) and scores["micro_f1"] == 0.75


def test_subtasks_score_only_their_gold_items() -> None:
    rows = [{"EventSnippet": "Warplanes bombed a depot.", "SubType": "AIR_STRIKE"},
            {"EventSnippet": "A strong earthquake hit the coast.", "SubType": "NATURAL_DISASTER"}]
    result = score_snippets(rows, [[], []])
    assert result["metrics"]["subtask1.weighted_f1"] == 1.0 and result["details"]["subtask1_items"] == 1
    assert result["metrics"]["subtask2.weighted_f1"] == 1.0 and result["details"]["subtask2_items"] == 2


def test_bad_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="snippets.tsv"):
        load_snippets(tmp_path)
    (tmp_path / "snippets.tsv").write_text("id\ttext\tlabel\n1\tx\tARREST\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header lacks"):
        load_snippets(tmp_path)
    (tmp_path / "snippets.tsv").write_text("id\tEventSnippet\tSubType\n1\tx\tPICNIC\n", encoding="utf-8")
    with pytest.raises(ValueError, match="PICNIC"):
        load_snippets(tmp_path)


@pytest.mark.shared
@pytest.mark.integration
def test_adapter_runs_on_twenty_dev_snippets() -> None:
    if not (SHARED_CASE / "snippets.tsv").exists():
        pytest.skip(f"{SHARED_CASE} not found: the shared dev gold sets are not beside this checkout")
    result = evaluate(SHARED_CASE, limit=20)
    assert result["dataset"] == "case2021_task2" and result["records"] == 20
    assert 0.0 <= result["metrics"]["subtask1.weighted_f1"] <= 1.0 and "subtask2.weighted_f1" in result["metrics"]
