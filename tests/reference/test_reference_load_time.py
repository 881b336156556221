"""Every reference table loads, and once per process (its load time is a benchmark's business, not a test's)."""

from __future__ import annotations

from flashpoint.reference import cameo, countries, plover


def test_all_tables_load_and_are_cached():
    loaders = (countries.load_countries, countries.build_phrase_tables, countries.load_non_state_codes,
               cameo.load_cameo_codes, plover.load_ontology, plover.load_cameo_mappings,
               plover.event_types_by_name, plover.sector_codes)
    for loader in loaders:
        loader.cache_clear()
    assert all(loader() for loader in loaders)
    assert countries.load_countries() is countries.load_countries()  # cached: loaded once
