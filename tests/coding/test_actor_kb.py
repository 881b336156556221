"""Checks of the curated actor knowledge base: officials and armed groups (data sanity and lexicon behaviour)."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from importlib.resources import as_file, files
from itertools import combinations
from typing import Any

import pytest
import yaml

from flashpoint.coding.lexicon import SECTOR_CODES, ActorLexicon, phrase_key, read_override
from flashpoint.reference.countries import load_countries, load_non_state_codes

OFFICIALS_FILE = "actors_officials.v1.yaml"
GROUPS_FILE = "actors_armed_groups.v1.yaml"
CURRENT_FILE = "actors_current.v1.yaml"
NEW_FILES = (OFFICIALS_FILE, GROUPS_FILE)
# The issue asks for heads of state or government of at least this many countries.
MIN_COUNTRIES_WITH_HEADS = 60
# A phrase beginning with one of these titles marks a head of state or government.
HEAD_TITLE = re.compile(
    r"^(president|acting president|prime minister|premier|chancellor|king|emir|sultan|supreme leader|crown prince)\b"
)
# Dates compare as ISO strings; an open start or end reaches as far as these.
EARLIEST, LATEST = "0000-01-01", "9999-12-31"

# Phrases two different actors share while both hold a role, each with the reason it is acceptable.
# (Phrases shared by actors whose roles do not overlap are fine: the article date picks one.)
ALLOWED_SHARED: dict[tuple[str, ...], str] = {
}

# Bare words that name several well-known people or are ordinary words: never a phrase on their own.
FORBIDDEN_PHRASES = frozenset(
    "may abe lee kim moon park yoon li wang khan sharif singh johnson cameron santos petro duque "
    "abdullah salman hariri salam maliki traore keita maiga katz cohen gallant bennett herzog carter austin miller "
    "champagne borne truss cleverly conte harper abbott morrison albanese fernandez sanchez marcos hadi bashir "
    "adf pdf kia fsa sna npa afc ola tdf stc jas milf let is dnr bla jem".split()
)


@lru_cache(maxsize=None)
def load_items(name: str) -> tuple[dict[str, Any], ...]:
    """Return the raw YAML items of one curated dictionary file."""
    text = (files("flashpoint.coding") / "dictionaries" / name).read_text(encoding="utf-8")
    return tuple(yaml.safe_load(text))


def all_items() -> list[tuple[str, dict[str, Any]]]:
    """Return (file, item) for the two new files plus actors_current, which the loader reads alongside."""
    return [(name, item) for name in (*NEW_FILES, CURRENT_FILE) for item in load_items(name)]


def known_countries() -> set[str]:
    """Return every ISO3 code of the reference data plus PLOVER's non-state codes."""
    return set(load_countries()) | set(load_non_state_codes())


def span(item: dict[str, Any]) -> tuple[str, str]:
    """Return the (start, end) of an item's role as ISO strings, open ends widened."""
    return str(item.get("start") or EARLIEST), str(item.get("end") or LATEST)


def is_overlapping(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Return True when two roles are both held on some day other than a handover day."""
    (start_a, end_a), (start_b, end_b) = span(first), span(second)
    return start_a < end_b and start_b < end_a


def phrase_keys(item: dict[str, Any]) -> set[tuple[str, ...]]:
    """Return the lookup keys of an item: its name and phrases, normalised as the lexicon does."""
    return {phrase_key(str(text).lower()) for text in [item["name"], *item.get("phrases", [])]}


def find_clashes() -> dict[tuple[str, ...], set[tuple[str, str]]]:
    """Return phrase key -> (name, country) pairs of different actors sharing it with overlapping roles."""
    holders: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for _, item in all_items():
        for key in phrase_keys(item):
            holders[key].append(item)
    clashes: dict[tuple[str, ...], set[tuple[str, str]]] = defaultdict(set)
    for key, items in holders.items():
        for first, second in combinations(items, 2):
            is_same_actor = (first["name"], first["country"]) == (second["name"], second["country"])
            if not is_same_actor and is_overlapping(first, second):
                clashes[key] |= {(first["name"], first["country"]), (second["name"], second["country"])}
    return clashes


# ---------------------------------------------------------------- data sanity


@pytest.mark.parametrize("name", NEW_FILES)
def test_file_loads_through_the_override_reader(name: str) -> None:
    with as_file(files("flashpoint.coding") / "dictionaries" / name) as path:
        records = read_override(str(path))
    assert len(records) == len(load_items(name)) > 100


@pytest.mark.parametrize("name", NEW_FILES)
def test_every_item_has_the_required_fields(name: str) -> None:
    for item in load_items(name):
        assert item.get("name") and isinstance(item["name"], str), item
        assert isinstance(item.get("phrases"), list) and item["phrases"], item
        assert all(isinstance(p, str) and p == p.lower() and p.strip() == p for p in item["phrases"]), item
        assert set(item) <= {"name", "phrases", "country", "sector", "wikidata", "start", "end"}, item


@pytest.mark.parametrize("name", NEW_FILES)
def test_country_and_sector_are_known_codes(name: str) -> None:
    countries = known_countries()
    for item in load_items(name):
        assert item.get("country") in countries, item["name"]
        assert item.get("sector") in SECTOR_CODES, item["name"]


@pytest.mark.parametrize("name", NEW_FILES)
def test_dates_run_forward(name: str) -> None:
    for item in load_items(name):
        if item.get("start") and item.get("end"):
            assert str(item["start"]) < str(item["end"]), item["name"]


@pytest.mark.parametrize("name", NEW_FILES)
def test_wikidata_ids_are_well_formed(name: str) -> None:
    ids = [item["wikidata"] for item in load_items(name) if "wikidata" in item]
    assert all(re.fullmatch(r"Q\d+", str(value)) for value in ids), ids


def test_one_wikidata_id_names_one_person() -> None:
    names_by_id: dict[str, set[str]] = defaultdict(set)
    for _, item in all_items():
        if item.get("wikidata"):
            names_by_id[str(item["wikidata"])].add(item["name"])
    assert {qid: names for qid, names in names_by_id.items() if len(names) > 1} == {}


@pytest.mark.parametrize("name", NEW_FILES)
def test_no_item_is_listed_twice(name: str) -> None:
    seen = [(i["name"], i["country"], i["sector"], str(i.get("start")), str(i.get("end"))) for i in load_items(name)]
    assert len(seen) == len(set(seen))


def test_no_phrase_names_two_actors_at_once() -> None:
    clashes = {key: pairs for key, pairs in find_clashes().items() if key not in ALLOWED_SHARED}
    assert clashes == {}


def test_allowed_shared_phrases_are_still_shared() -> None:
    # A stale exception would hide a future clash on the same phrase.
    assert set(ALLOWED_SHARED) <= set(find_clashes())


@pytest.mark.parametrize("name", NEW_FILES)
def test_collision_prone_words_are_not_phrases(name: str) -> None:
    bare = {" ".join(key) for item in load_items(name) for key in phrase_keys(item) if len(key) == 1}
    assert bare & FORBIDDEN_PHRASES == set()


def test_heads_of_state_or_government_cover_enough_countries() -> None:
    countries = {
        item["country"]
        for item in load_items(OFFICIALS_FILE)
        if any(HEAD_TITLE.match(phrase) for phrase in item["phrases"]) and item["country"] in load_countries()
    }
    assert len(countries) >= MIN_COUNTRIES_WITH_HEADS, sorted(countries)


def test_officials_cover_the_decade() -> None:
    # Someone must hold an office in every year from 2015 on, or the file has lost its point.
    years = {year for item in load_items(OFFICIALS_FILE) for year in range(2015, 2026)
             if span(item)[0] <= f"{year}-12-31" and span(item)[1] >= f"{year}-01-01"}
    assert years == set(range(2015, 2026))


# ---------------------------------------------------------------- behaviour through the lexicon


def override_path(name: str) -> str:
    """Return a filesystem path to a shipped dictionary file, for ActorLexicon.load(override=...)."""
    return str(files("flashpoint.coding") / "dictionaries" / name)


@pytest.fixture(scope="module")
def officials() -> ActorLexicon:
    return ActorLexicon.load(override=override_path(OFFICIALS_FILE))


@pytest.fixture(scope="module")
def groups() -> ActorLexicon:
    return ActorLexicon.load(override=override_path(GROUPS_FILE))


@pytest.mark.parametrize(
    ("words", "on_date", "name", "country", "sector"),
    [
        ("Netanyahu", "2023-05-01", "Benjamin Netanyahu", "ISR", "GOV"),
        ("President Aoun", "2018-01-01", "Michel Aoun", "LBN", "GOV"),
        ("President Aoun", "2025-06-01", "Joseph Aoun", "LBN", "GOV"),
        ("Tshisekedi", "2016-05-01", "Étienne Tshisekedi", "COD", "OPP"),
        ("Tshisekedi", "2020-05-01", "Félix Tshisekedi", "COD", "GOV"),
        ("Premier Li", "2015-06-01", "Li Keqiang", "CHN", "GOV"),
        ("Premier Li", "2024-06-01", "Li Qiang", "CHN", "GOV"),
        ("Jolani", "2025-03-01", "Ahmed al-Sharaa", "SYR", "GOV"),
        ("Zelenskyy", "2022-03-01", "Volodymyr Zelensky", "UKR", "GOV"),
        ("Sisi", "2016-01-01", "Abdel Fattah el-Sisi", "EGY", "GOV"),
        ("Ursula von der Leyen", "2016-01-01", "Ursula von der Leyen", "DEU", "GOV"),
        ("Ursula von der Leyen", "2022-01-01", "Ursula von der Leyen", "EUR", "GOV"),
    ],
)
def test_officials_resolve_by_article_date(officials: ActorLexicon, words: str, on_date: str, name: str,
                                           country: str, sector: str) -> None:
    entry = officials.lookup(words.split(), on_date=on_date)
    assert entry is not None
    assert (entry.name, entry.country, entry.sector) == (name, country, sector)


def test_wikidata_id_reaches_the_entry(officials: ActorLexicon) -> None:
    entry = officials.lookup(["Putin"], on_date="2024-01-01")
    assert entry is not None and entry.wikidata == "Q7747"


def test_longest_match_prefers_the_full_title(officials: ActorLexicon) -> None:
    words = "British Prime Minister Theresa May said on Tuesday".split()
    start, end, entry = officials.longest_match(words, on_date="2018-03-01")
    assert (words[start:end], entry.name) == (["Prime", "Minister", "Theresa", "May"], "Theresa May")


def test_bare_may_is_not_theresa_may(officials: ActorLexicon) -> None:
    entry = officials.lookup(["May"], on_date="2018-03-01")
    assert entry is None or entry.name != "Theresa May"


@pytest.mark.parametrize(
    ("words", "on_date", "name", "country", "sector"),
    [
        ("Taliban", "2019-01-01", "Taliban", "AFG", "REB"),
        ("Taliban", "2022-01-01", "Taliban", "AFG", "GOV"),
        ("RSF", "2020-01-01", "Rapid Support Forces", "SDN", "PRM"),
        ("RSF", "2024-01-01", "Rapid Support Forces", "SDN", "REB"),
        ("Hemedti", "2024-01-01", "Mohamed Hamdan Dagalo", "SDN", "REB"),
        ("Islamic Jihad", "2023-10-10", "Palestinian Islamic Jihad", "PSE", "REB"),
        ("Hezbollah", "2024-10-01", "Hezbollah", "LBN", "REB"),
        ("ISIS-K", "2021-08-26", "Islamic State Khorasan Province", "AFG", "REB"),
        ("JNIM", "2022-01-01", "Jama'at Nusrat al-Islam wal-Muslimin", "MLI", "REB"),
        ("Wagner Group", "2022-06-01", "Wagner Group", "RUS", "PRM"),
        ("HTS", "2020-01-01", "Hayat Tahrir al-Sham", "SYR", "REB"),
        ("Jolani", "2020-01-01", "Ahmed al-Sharaa", "SYR", "REB"),
    ],
)
def test_groups_resolve_by_article_date(groups: ActorLexicon, words: str, on_date: str, name: str,
                                        country: str, sector: str) -> None:
    entry = groups.lookup(words.split(), on_date=on_date)
    assert entry is not None
    assert (entry.name, entry.country, entry.sector) == (name, country, sector)


@pytest.fixture(scope="module")
def combined(tmp_path_factory: pytest.TempPathFactory) -> ActorLexicon:
    # Both files together, as the loader will read them: a person may change sector from one file to the other.
    path = tmp_path_factory.mktemp("actors") / "both.yaml"
    path.write_text("".join(override_text(name) for name in NEW_FILES), encoding="utf-8")
    return ActorLexicon.load(override=str(path))


def override_text(name: str) -> str:
    """Return the text of a shipped dictionary file, newline-terminated so two files concatenate into one list."""
    return (files("flashpoint.coding") / "dictionaries" / name).read_text(encoding="utf-8").rstrip("\n") + "\n"


@pytest.mark.parametrize(
    ("words", "on_date", "sector"),
    [
        ("Jolani", "2019-06-01", "REB"),
        ("Jolani", "2025-06-01", "GOV"),
        ("Hemedti", "2021-06-01", "GOV"),
        ("Hemedti", "2023-06-01", "REB"),
        ("Hibatullah Akhundzada", "2018-06-01", "REB"),
        ("Hibatullah Akhundzada", "2023-06-01", "GOV"),
    ],
)
def test_people_change_sector_across_files(combined: ActorLexicon, words: str, on_date: str, sector: str) -> None:
    entry = combined.lookup(words.split(), on_date=on_date)
    assert entry is not None and entry.sector == sector


def test_pakistani_taliban_are_not_the_afghan_taliban(groups: ActorLexicon) -> None:
    words = "the Pakistani Taliban claimed the attack".split()
    _, _, entry = groups.longest_match(words, on_date="2023-01-30")
    assert (entry.name, entry.country) == ("Tehrik-i-Taliban Pakistan", "PAK")
