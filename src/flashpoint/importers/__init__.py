"""Importers: event files from other datasets (GDELT, ICEWS, ACLED, PLOVER/POLECAT) into the event record."""
