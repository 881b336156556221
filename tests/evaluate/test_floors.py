"""Each registered gold set keeps its pinned accuracy floors on the first records of its dev data.

Floors live in tests/golden/eval_floors.json as {NAME: {"limit": N, "floors": {metric: value}}}, set about 0.03
below a measured run. Sets whose data is not beside the checkout, whose adapter is not installed yet, or that have
no floors pinned are skipped with the reason.
"""

import json
from pathlib import Path

import pytest

from flashpoint.evaluate.harness import ADAPTERS, AdapterMissing, load_adapter, run_adapter

CHECKOUT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((CHECKOUT / "tests" / "golden" / "eval_floors.json").read_text(encoding="utf-8"))


def test_floors_name_registered_sets_only() -> None:
    assert set(FLOORS) <= set(ADAPTERS)
    assert all(entry["limit"] >= 1 and entry["floors"] for entry in FLOORS.values())


@pytest.mark.shared
@pytest.mark.integration
@pytest.mark.parametrize("name", sorted(ADAPTERS))
def test_gold_set_keeps_its_floors(name: str) -> None:
    if name not in FLOORS:
        pytest.skip(f"{name}: no floors pinned in tests/golden/eval_floors.json yet")
    try:
        load_adapter(name)
    except AdapterMissing as exc:
        pytest.skip(str(exc))
    data = CHECKOUT / ADAPTERS[name][1]
    if not data.exists():
        pytest.skip(f"{data} not found: the shared dev gold sets are not beside this checkout")
    result = run_adapter(name, data, limit=FLOORS[name]["limit"])
    below = {metric: (result["metrics"].get(metric), floor) for metric, floor in FLOORS[name]["floors"].items()
             if result["metrics"].get(metric, -1.0) < floor}
    assert below == {}, f"{name}: metric (measured, floor) under its floor: {below}"
