"""The PLOVER GSR scorer on hand-built records (the dev-set floor lives in tests/evaluate/test_floors.py)."""

import json
from pathlib import Path

import pytest

from flashpoint.evaluate.plover_gsr import load_plover_gsr, macro_f1, main_event, score_plover_gsr


def event(plover: str, actors: list[str], recipients: list[str], confidence: float = 0.5, depth: int = 0) -> dict:
    return {"event": plover, "confidence": confidence, "trigger": {"span": [0, 1]}, "clause_depth": depth,
            "actor": [{"country": c} for c in actors], "recipient": [{"country": c} for c in recipients]}


def row(plover: str, source: list[str], target: list[str] | str, markup: str = "") -> dict:
    target_list = [{"code": c} for c in target] if isinstance(target, list) else target
    return {"event_v2": plover, "source": [{"code": c} for c in source], "target": target_list,
            "textInfo": {"markup": markup}}


def test_scores_main_event_type_and_actor_roles() -> None:
    rows = [row("ASSAULT", ["USA"], ["IRQ"]), row("CONSULT", ["IRN"], ["IRQ"], "(SRC/TAR: Iran) met (SRC/TAR: Iraq)"),
            row("REJECT", ["TUR"], "")]
    predictions = [[event("ACCUSE", ["USA"], [], 0.9, depth=2), event("ASSAULT", ["USA"], ["IRQ"], 0.5)],
                   [event("CONSULT", ["IRQ"], ["IRN"])],  # reciprocal: the swapped order counts
                   []]
    result = score_plover_gsr(rows, predictions)
    metrics = result["metrics"]
    assert result["dataset"] == "plover_gsr" and result["records"] == 3
    assert metrics["event_type.accuracy"] == pytest.approx(2 / 3)  # main event prefers the main clause
    assert metrics["actor_country.precision"] == 1.0 and metrics["actor_country.recall"] == pytest.approx(2 / 3)
    assert metrics["recipient_country.precision"] == 1.0 and metrics["recipient_country.recall"] == 1.0
    assert metrics["recipient_country.f1"] == 1.0 and metrics["actor_country.f1"] == pytest.approx(0.8)
    assert metrics["events.coverage"] == pytest.approx(2 / 3)
    assert result["details"]["top_confusions"] == [("REJECT -> None", 1)]


def test_a_wrong_country_costs_precision_and_recall() -> None:
    metrics = score_plover_gsr([row("PROTEST", ["FRA"], ["DEU"])], [[event("PROTEST", ["ITA"], ["DEU"])]])["metrics"]
    assert metrics["actor_country.precision"] == 0.0 and metrics["actor_country.recall"] == 0.0
    assert metrics["actor_country.f1"] == 0.0 and metrics["recipient_country.f1"] == 1.0


def test_main_event_is_none_without_events_and_breaks_ties_by_position() -> None:
    first, second = event("AID", ["USA"], ["IRQ"]), event("AGREE", ["USA"], ["IRQ"])
    second["trigger"] = {"span": [5, 9]}
    assert main_event([]) is None
    assert main_event([second, first]) is first


def test_main_event_prefers_an_actor_then_the_main_clause_then_confidence() -> None:
    no_actor = event("ASSAULT", [], ["IRQ"], 0.9)
    subordinate = event("ACCUSE", ["USA"], ["IRQ"], 0.9, depth=3)
    main_clause = event("REJECT", ["USA"], [], 0.4, depth=0)
    assert main_event([no_actor, subordinate, main_clause]) is main_clause
    assert main_event([no_actor, subordinate]) is subordinate
    assert main_event([event("AID", ["USA"], [], 0.4), event("AGREE", ["USA"], [], 0.8)])["event"] == "AGREE"


def test_macro_f1_averages_over_gold_labels_or_given_labels() -> None:
    pairs = [("A", "A"), ("B", "A"), ("B", "B")]
    assert macro_f1(pairs) == pytest.approx((2 / 3 + 2 / 3) / 2)
    assert macro_f1(pairs, {"A", "B", "C"}) == pytest.approx((2 / 3 + 2 / 3) / 3)


def test_legacy_labels_map_to_v2(tmp_path: Path) -> None:
    (tmp_path / "gsr.jsonl").write_text(json.dumps({"event": "DEMAND", "text": "x"}) + "\n", encoding="utf-8")
    assert load_plover_gsr(tmp_path)[0]["event_v2"] == "REQUEST"


def test_a_line_that_is_not_json_is_named(tmp_path: Path) -> None:
    (tmp_path / "gsr.jsonl").write_text('{"event": "AID", "text": "x"}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        load_plover_gsr(tmp_path)


def test_the_gold_legacy_spellings_of_japan_and_italy_match_iso_codes() -> None:
    metrics = score_plover_gsr([row("CONSULT", ["ITL"], ["JAP"])], [[event("CONSULT", ["ITA"], ["JPN"])]])["metrics"]
    assert metrics["actor_country.f1"] == 1.0 and metrics["recipient_country.f1"] == 1.0
