"""CAMEO table: GDELT facts, quad rules, and a cross-check against the shared GDELT files."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.reference.cameo import QUAD_RULES, cameo_code, load_cameo_codes, quad_class_for

SHARED_CAMEO = Path(__file__).resolve().parents[3] / "shared" / "data" / "cameo"
GDELT_CODE_COUNT = 311


def test_cameo_code_facts():
    code = cameo_code("190")
    assert code.goldstein == -10.0
    assert code.root == "19"
    assert code.quad_class == 4
    assert code.description.startswith("Use conventional military force")
    assert cameo_code("042").goldstein == 1.9
    assert cameo_code("999") is None


def test_every_code_has_a_quad_class_under_every_rule():
    codes = load_cameo_codes()
    assert len(codes) == GDELT_CODE_COUNT
    for code in codes:
        for rule in QUAD_RULES:
            assert quad_class_for(code, rule) in (1, 2, 3, 4)


@pytest.mark.parametrize(
    ("code", "gdelt", "icews"),
    [("010", 1, 1), ("057", 1, 1), ("061", 2, 2), ("090", 2, 3), ("111", 3, 3), ("141", 3, 4),
     ("150", 4, 4), ("190", 4, 4), ("204", 4, 4)],
)
def test_quad_rules(code, gdelt, icews):
    assert quad_class_for(code) == gdelt
    assert quad_class_for(code, rule="icews") == icews


def test_rules_differ_only_on_roots_09_and_14():
    differing = {root for root in QUAD_RULES["gdelt"] if QUAD_RULES["gdelt"][root] != QUAD_RULES["icews"][root]}
    assert differing == {"09", "14"}


def test_bad_inputs_raise_actionable_errors():
    with pytest.raises(ValueError, match="unknown quad rule"):
        quad_class_for("190", rule="acled")
    with pytest.raises(ValueError, match="no root"):
        quad_class_for("99")


@pytest.mark.shared
@pytest.mark.skipif(not SHARED_CAMEO.exists(), reason="needs ../shared beside the checkout")
def test_table_matches_gdelt_files_and_derived_quads():
    lines = (SHARED_CAMEO / "gdelt_CAMEO.goldsteinscale.txt").read_text(encoding="utf-8").splitlines()[1:]
    weights = dict(line.split("\t") for line in lines if line.strip())
    assert {code: c.goldstein for code, c in load_cameo_codes().items()} == {k: float(v) for k, v in weights.items()}
    derived = (SHARED_CAMEO / "cameo_quadclass_derived.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in derived:
        code, _root, gdelt, icews = line.split("\t")
        assert (quad_class_for(code), quad_class_for(code, "icews")) == (int(gdelt), int(icews))
