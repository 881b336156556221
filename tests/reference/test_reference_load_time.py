"""Loading every reference table must stay cheap: it happens once in every process."""

from __future__ import annotations

import time

from flashpoint.reference import cameo, countries, plover

# Measured ~0.04 s on the 2-core dev machine; the bound leaves room for a slow CI box.
MAX_LOAD_SECONDS = 1.0


def test_all_tables_load_well_under_a_second():
    loaders = (countries.load_countries, countries.build_phrase_tables, countries.load_non_state_codes,
               cameo.load_cameo_codes, plover.load_ontology, plover.load_cameo_mappings,
               plover.event_types_by_name, plover.sector_codes)
    for loader in loaders:
        loader.cache_clear()
    started = time.perf_counter()
    for loader in loaders:
        loader()
    assert time.perf_counter() - started < MAX_LOAD_SECONDS
    assert countries.load_countries() is countries.load_countries()  # cached: loaded once
