"""Countries table: hand-picked facts, phrase ownership and data sanity on the real data file."""

from __future__ import annotations

import pytest

from flashpoint.reference.countries import (
    case_sensitive_phrases,
    country_by_iso3,
    country_phrases,
    is_ambiguous_phrase,
    load_countries,
    load_non_state_codes,
    match_country,
    normalise_phrase,
)

# 193 UN members + Vatican, Palestine, Kosovo, Taiwan, Hong Kong (PLOVER codes) + Antarctica.
EXPECTED_COUNTRY_COUNT = 199


@pytest.mark.parametrize(
    ("text", "iso3", "kind"),
    [
        ("Iraqi", "IRQ", "demonym"),
        ("Iraqis", "IRQ", "demonym"),
        ("Americans", "USA", "demonym"),
        ("Turkish", "TUR", "adjective"),
        ("Tehran", "IRN", "capital"),
        ("Washington", "USA", "capital"),
        ("the White House", "USA", "metonym"),
        ("the Kremlin", "RUS", "metonym"),
        ("Downing Street", "GBR", "metonym"),
        ("the Pentagon", "USA", "metonym"),
        ("United States of America", "USA", "alias"),
        ("America", "USA", "alias"),
        ("Britain", "GBR", "alias"),
        ("Georgia", "GEO", "name"),
        ("Jordan", "JOR", "name"),
        ("Chad", "TCD", "name"),
        ("Niger", "NER", "name"),
        ("Nigeria", "NGA", "name"),
        ("Türkiye", "TUR", "alias"),
        ("Turkey", "TUR", "name"),
        ("Congo", "COD", "alias"),
        ("Congo-Brazzaville", "COG", "alias"),
        ("Kosovo", "KOS", "name"),
        ("Taiwan", "TWN", "name"),
        ("Hong Kong", "HKG", "name"),
        ("Palestinians", "PSE", "demonym"),
        ("the Netherlands", "NLD", "name"),
        ("South Sudan", "SSD", "name"),
        ("Dominica", "DMA", "name"),
    ],
)
def test_match_country_facts(text, iso3, kind):
    match = match_country(text)
    assert match is not None, text
    assert (match.country.iso3, match.kind) == (iso3, kind)


def test_match_is_case_and_accent_insensitive_for_names():
    assert match_country("IRAQ").country.iso3 == "IRQ"
    assert match_country("cote d\u2019ivoire").country.iso3 == "CIV"
    assert match_country("turkiye").country.iso3 == "TUR"
    assert match_country("  the   white house ").kind == "metonym"


def test_abbreviations_match_only_as_written():
    assert match_country("US").country.iso3 == "USA"
    assert match_country("U.K.").country.iso3 == "GBR"
    assert match_country("us") is None
    assert match_country("car") is None
    assert match_country("CAR").country.iso3 == "CAF"
    assert "us" not in country_phrases() and "car" not in country_phrases()
    assert country_phrases()["u.s."].country.iso3 == "USA"
    assert country_phrases()["uk"].country.iso3 == "GBR"
    assert case_sensitive_phrases()["DRC"].country.iso3 == "COD"
    assert case_sensitive_phrases()["US"].country.iso3 == "USA"


def test_word_like_phrases_need_their_capital():
    assert match_country("male") is None
    assert match_country("Malé").country.iso3 == "MDV"
    assert match_country("polish") is None
    assert match_country("Polish").country.iso3 == "POL"
    assert "polish" not in country_phrases() and "male" not in country_phrases()
    assert country_phrases()["malé"].country.iso3 == "MDV"


def test_unknown_phrases_do_not_match():
    assert match_country("Narnia") is None
    assert match_country("") is None


def test_table_covers_states_and_plover_entities():
    countries = load_countries()
    assert len(countries) == EXPECTED_COUNTRY_COUNT
    for iso3 in ("USA", "CHN", "PSE", "KOS", "TWN", "HKG", "VAT", "SSD", "IRQ", "IRN"):
        assert iso3 in countries
    assert "XKX" not in countries
    assert country_by_iso3("irq").name == "Iraq"
    assert country_by_iso3("ZZZ") is None


def test_coordinates_are_present_and_in_range():
    for country in load_countries().values():
        assert -90 <= country.lat <= 90 and -180 <= country.lon <= 180, country.iso3
        if country.capital:
            assert country.capital_lat is not None, country.iso3
            assert -90 <= country.capital_lat <= 90 and -180 <= country.capital_lon <= 180


def test_capital_coordinates_facts():
    iraq = country_by_iso3("IRQ")
    assert iraq.capital == "Baghdad"
    assert abs(iraq.capital_lat - 33.34) < 0.2 and abs(iraq.capital_lon - 44.40) < 0.2
    usa = country_by_iso3("USA")
    assert abs(usa.capital_lat - 38.9) < 0.2 and abs(usa.capital_lon + 77.04) < 0.2


def test_every_phrase_belongs_to_one_country():
    owners: dict[str, str] = {}
    for country in load_countries().values():
        phrases = (country.name, *country.aliases, *country.demonyms, *country.adjectives,
                   *country.capital_aliases, *country.metonyms, *([country.capital] if country.capital else []))
        for phrase in phrases:
            key = normalise_phrase(phrase)
            assert owners.setdefault(key, country.iso3) == country.iso3, (phrase, owners[key], country.iso3)


def test_country_phrases_keys_are_lower_case_without_leading_the():
    phrases = country_phrases()
    assert phrases["iraqi"].country.iso3 == "IRQ"
    assert phrases["white house"].kind == "metonym"
    assert all(key == key.lower() and not key.startswith("the ") for key in phrases)


def test_ambiguous_phrases_are_flagged():
    assert is_ambiguous_phrase("Jordan")
    assert is_ambiguous_phrase("the Georgia")
    assert not is_ambiguous_phrase("Iraq")


def test_non_state_codes_from_plover():
    codes = load_non_state_codes()
    assert {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"} <= set(codes)
    assert "UN" in codes["UNO"].aliases
