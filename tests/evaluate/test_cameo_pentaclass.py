"""The CAMEO pentaclass readers, token joiner, class and span scorers on hand-built inputs."""

from pathlib import Path

import pytest

from flashpoint.evaluate.cameo_pentaclass import (event_class, join_tokens, load_classes, load_spans, score_classes,
                                                  score_spans)


def event(root: str | None, actor_spans=(), recipient_spans=(), quad: int | None = None) -> dict:
    return {"cameo_root": root, "quad_class": quad, "confidence": 0.5, "trigger": {"span": [0, 1]},
            "actor": [{"span": list(s)} for s in actor_spans],
            "recipient": [{"span": list(s)} for s in recipient_spans]}


def test_join_tokens_rebuilds_text_and_token_spans() -> None:
    tokens = ["Baghdad", "’", "s", "pro", "-", "Iran", "forces", "(", "ISF", ")", "P", "é", "rez", "."]
    text, spans = join_tokens(tokens)
    assert text == "Baghdad’s pro-Iran forces (ISF) Pérez."
    assert [text[s:e] for s, e in spans][:3] == ["Baghdad", "’", "s"]
    assert text[spans[8][0]:spans[8][1]] == "ISF"


def test_event_class_follows_the_cameo_root() -> None:
    assert [event_class(None), event_class(event("01")), event_class(event("02")), event_class(event("04")),
            event_class(event("07")), event_class(event("12")), event_class(event("19"))] == [0, 0, 0, 1, 2, 3, 4]
    assert event_class(event(None, quad=3)) == 3


def test_score_classes_uses_the_main_event() -> None:
    predictions = [[event("19")], [], [event("11"), event("04", [(0, 1)], [(2, 3)])], [event("02")]]
    metrics, confusion = score_classes([4, 0, 3, 1], predictions)
    assert metrics["quad.accuracy"] == 0.5  # the third row's main event is the dyadic 04 (class 1), not 11
    # per class F1: 4 -> 1, 0 -> 2/3 (one hit, one false 0 for the last row), 3 -> 0, 1 -> 0
    assert metrics["quad.macro_f1"] == pytest.approx((1 + 2 / 3) / 4)
    assert confusion == {"3 -> 1": 1, "1 -> 0": 1}


def test_score_spans_is_token_level_and_reciprocal_counts_for_either_role() -> None:
    tokens = [[("Iraqi", "B-S"), ("troops", "I-S"), ("hit", "O"), ("ISIS", "B-T"), ("fighters", "I-T")],
              [("Iran", "B-R"), ("met", "O"), ("Iraq", "B-R")],
              [("Iran", "B-R"), ("met", "O"), ("Iraq", "B-R")]]
    spans = [join_tokens([t for t, _ in sentence])[1] for sentence in tokens]
    predictions = [[event("19", [(6, 12)], [(22, 30)])],  # "troops" as actor, "fighters" as recipient
                   [event("04", [(10, 14)], [(0, 4)])],  # reciprocal, swapped: both hits
                   [event("04", [(0, 4)], [])]]  # Iraq found in neither role: a miss in both
    metrics = score_spans(tokens, predictions, spans)
    assert metrics["source_span.precision"] == 1.0 and metrics["source_span.recall"] == pytest.approx(3 / 5)
    assert metrics["target_span.precision"] == 1.0 and metrics["target_span.recall"] == pytest.approx(2 / 4)


def test_readers_check_the_layout(tmp_path: Path) -> None:
    (tmp_path / "class_train.tsv").write_text("A sentence.\t2\n", encoding="utf-8")
    (tmp_path / "ner_train.txt").write_text("A O\nsentence B-S\n\n\nB O\n", encoding="utf-8")
    assert load_classes(tmp_path) == [("A sentence.", 2)]
    assert load_spans(tmp_path) == [[("A", "O"), ("sentence", "B-S")], [("B", "O")]]
    (tmp_path / "class_train.tsv").write_text("A sentence.\t7\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        load_classes(tmp_path)
