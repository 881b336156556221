"""PLOVER tables: event types, CAMEO mapping with legacy modes mapped to v2, sectors, modes."""

from __future__ import annotations

import pytest

from flashpoint.reference.cameo import load_cameo_codes
from flashpoint.reference.plover import (
    EVENT_TYPES,
    context_names,
    event_type_info,
    is_valid_context,
    is_valid_mode,
    load_cameo_mappings,
    load_ontology,
    plover_for_cameo,
    plover_for_status,
    sector_codes,
)


def test_sixteen_event_types_in_ontology_order():
    assert len(EVENT_TYPES) == 16
    assert EVENT_TYPES == tuple(entry["name"] for entry in load_ontology()["event_types"])


@pytest.mark.parametrize(
    ("code", "event", "mode"),
    [("190", "ASSAULT", None), ("193", "ASSAULT", "firearms"), ("042", "CONSULT", "visit"),
     ("0871", "RETREAT", "ceasefire"), ("173", "COERCE", "arrest"), ("163", "SANCTION", "discontinue"), ("0831", "RETREAT", "resign"),
     ("186", "ASSAULT", "targeted"), ("1712", "ASSAULT", "destroy"), ("081", "CONCEDE", None),
     ("084", "RETREAT", None), ("112", "ACCUSE", "disapprove"), ("141", "PROTEST", "demo")],
)
def test_plover_for_cameo_facts(code, event, mode):
    mapping = plover_for_cameo(code)
    assert (mapping.event, mapping.mode) == (event, mode)


@pytest.mark.parametrize(("code", "status", "event", "mode"), [
    ("042", "future", "AGREE", None), ("073", "future", "AGREE", None), ("061", "future", "AGREE", None),
    ("051", "future", "AGREE", None), ("042", "asserted", "CONSULT", "visit"), ("042", "hypothetical", "CONSULT", "visit"),
    ("042", "negated", "CONSULT", "visit"), ("190", "future", "ASSAULT", None), ("0871", "future", "RETREAT", "ceasefire"),
])
def test_future_cooperation_is_agree_and_nothing_else_changes_type(code, status, event, mode):
    mapping = plover_for_status(plover_for_cameo(code), status)
    assert (mapping.event, mapping.mode) == (event, mode)
    assert mapping.context == plover_for_cameo(code).context


def test_statements_and_appeals_have_no_plover_type():
    for code in ("01", "010", "012", "02", "020", "0214"):
        assert plover_for_cameo(code) is None


def test_fallback_to_parent_code():
    # GDELT lists no "1919"; the lookup must use the 3-digit parent (COERCE), not the root (ASSAULT).
    assert plover_for_cameo("1919") == plover_for_cameo("191")
    assert plover_for_cameo("1919").event == "COERCE"
    assert plover_for_cameo("19").event == "ASSAULT"
    assert plover_for_cameo("1823").event == "ASSAULT"
    assert plover_for_cameo("0311").context == ("economic",)


def test_every_gdelt_code_from_root_03_maps_to_a_valid_type_and_mode():
    for code in load_cameo_codes():
        mapping = plover_for_cameo(code)
        if code[:2] in ("01", "02"):
            assert mapping is None
            continue
        assert mapping is not None, code
        assert mapping.event in EVENT_TYPES
        assert is_valid_mode(mapping.event, mapping.mode), (code, mapping)
        assert all(is_valid_context(context) for context in mapping.context), (code, mapping)


def test_legacy_modes_are_gone():
    modes = {mapping.mode for mapping in load_cameo_mappings().values()}
    assert not modes & {"ban", "return", "assassinate", "massacre", "cleansing", "ease", "pro_autocracy"}
    assert plover_for_cameo("175").context == ("pro_autocracy", "military")


def test_event_type_info():
    info = event_type_info("ASSAULT")
    assert info["quad_code"] == 4 and info["requires_recipient"] is False
    assert "targeted" in info["modes"]
    assert event_type_info("aid")["requires_recipient"] is True
    with pytest.raises(ValueError, match="unknown PLOVER event type"):
        event_type_info("FIGHT")


def test_modes_contexts_and_sectors():
    assert is_valid_mode("CONSULT", "visit")
    assert is_valid_mode("AGREE", None)
    assert not is_valid_mode("CONSULT", "riot")
    assert not is_valid_mode("FIGHT", None)
    assert len(context_names()) == 37
    sectors = sector_codes()
    assert {"GOV", "MIL", "REB", "CVL", "JRN", "UAF"} <= set(sectors)
    assert len(sectors) == 25
