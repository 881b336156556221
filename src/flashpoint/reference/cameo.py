"""CAMEO event codes with GDELT descriptions, Goldstein weights and QuadClass rules.

Data: data/cameo.tsv, converted from GDELT's CAMEO.eventcodes.txt and CAMEO.goldsteinscale.txt
(The GDELT Project, https://www.gdeltproject.org/; see NOTICE). Two QuadClass conventions are in use
and disagree only on roots 09 (Investigate) and 14 (Protest), so every quad class carries its rule name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

DEFAULT_QUAD_RULE = "gdelt"


def spread_roots(bands: tuple[tuple[int, int, int], ...]) -> dict[str, int]:
    """Expand (first root, last root, quad) bands into a root -> quad dict."""
    return {f"{root:02d}": quad for first, last, quad in bands for root in range(first, last + 1)}


# gdelt: what GDELT does (checked on 9,753 GDELT rows, see ../shared/data/cameo/README.md).
# icews: the ICEWS / PLOVER-style convention (09 Investigate -> 3, 14 Protest -> 4).
QUAD_RULES: dict[str, dict[str, int]] = {
    "gdelt": spread_roots(((1, 5, 1), (6, 9, 2), (10, 14, 3), (15, 20, 4))),
    "icews": spread_roots(((1, 5, 1), (6, 8, 2), (9, 13, 3), (14, 20, 4))),
}


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO code: GDELT description, two-digit root, Goldstein weight and GDELT quad class."""

    code: str
    description: str
    root: str
    goldstein: float
    quad_class: int


@lru_cache(maxsize=1)
def load_cameo_codes() -> dict[str, CameoCode]:
    """Return every CAMEO code in the GDELT tables keyed by code (loaded once per process)."""
    path = resources.files("flashpoint.reference") / "data" / "cameo.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {
            row["code"]: CameoCode(row["code"], row["description"], row["root"], float(row["goldstein"]),
                                   QUAD_RULES[DEFAULT_QUAD_RULE][row["root"]])
            for row in rows
        }


def cameo_code(code: str) -> CameoCode | None:
    """Return the CameoCode for a code such as '190' or '0874', or None if GDELT does not list it."""
    return load_cameo_codes().get(str(code).strip())


def quad_class_for(code: str, rule: str = DEFAULT_QUAD_RULE) -> int:
    """Return the quad class (1-4) of a CAMEO code under a named rule ('gdelt' or 'icews')."""
    if rule not in QUAD_RULES:
        raise ValueError(f"unknown quad rule {rule!r}; use one of {sorted(QUAD_RULES)}")
    root = str(code).strip()[:2]
    if root not in QUAD_RULES[rule]:
        raise ValueError(f"CAMEO code {code!r} has no root 01-20; pass a code such as '190'")
    return QUAD_RULES[rule][root]
