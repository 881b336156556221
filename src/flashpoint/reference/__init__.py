"""Shared reference data with one owner: countries, CAMEO codes and the PLOVER ontology.

Modules: countries (ISO codes, names, demonyms, capitals, coordinates), cameo (GDELT CAMEO codes,
Goldstein weights, QuadClass rules), plover (PLOVER v2 event types, modes, contexts, CAMEO map).
Data files live in data/ and are built by tools/build_reference.py; see NOTICE for sources.
"""
