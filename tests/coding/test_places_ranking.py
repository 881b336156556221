"""Ranking rules of toponym resolution on a tiny hand-built gazetteer of invented places (and two real checks)."""

from __future__ import annotations

from collections import Counter

import pytest

from flashpoint.coding.places import (
    ADMIN1_NAME_BONUS,
    CLOSE_WEIGHT,
    HOME_MIN_ARTICLES,
    Home,
    REGION_SUPPORT_WEIGHT,
    PlaceContext,
    choose_entry,
    find_candidates,
    gather_support,
    read_name_hints,
    resolve_entry,
    score_name,
    score_support,
)
from flashpoint.reference.gazetteer import Gazetteer, load_gazetteer

# name, alt_names (keys, own first), kind, iso3, admin1, admin1_code, lat, lon, geonameid, population
ROWS = [
    "Millbrook\tmillbrook\tcity\tUSA\tAlpha\tAA\t40.0\t-90.0\t1\t50000",
    "Millbrook\tmillbrook\tcity\tUSA\tBeta\tBB\t35.0\t-80.0\t2\t5000",
    "Carver County\tcarver county|carver\tadmin2\tUSA\tAlpha\tAA\t41.5\t-91.5\t3\t30000",
    "Carver County\tcarver county|carver\tadmin2\tUSA\tBeta\tBB\t35.05\t-80.05\t4\t20000",
    "Beta\tbeta|bet\tadmin1\tUSA\tBeta\tBB\t35.5\t-80.5\t5\t3000000",
    "Beta\tbeta\tcity\tUSA\tAlpha\tAA\t40.2\t-90.2\t6\t800",
    "Oakridge\toakridge|millbrook\tcity\tUSA\tAlpha\tAA\t39.0\t-89.0\t7\t200000",
    "Bet\tbet\tcity\tUSA\tAlpha\tAA\t40.1\t-90.1\t8\t900",
    "Stonefield\tstonefield\tcity\tUSA\tAlpha\tAA\t40.3\t-90.3\t9\t20000",
    "Dunmore\tdunmore\tcity\tUSA\tBeta\tBB\t34.0\t-81.0\t10\t15000",
]


def build_gazetteer() -> Gazetteer:
    """Return a gazetteer of the invented rows above."""
    return Gazetteer(list(ROWS))


def pick(gazetteer: Gazetteer, name: str, admin1: str, kind: str = "city"):
    """Return the invented entry with this name, state and kind."""
    return next(e for e in gazetteer.lookup(name) if e.admin1 == admin1 and e.kind == kind)


def test_other_names_vote_for_the_regions_of_their_namesakes():
    gazetteer = build_gazetteer()
    # "Carver County" has namesakes in both states, "Dunmore" only in Beta: Beta gets 1.5 of the 2 names' votes.
    places = (pick(gazetteer, "Carver County", "Alpha", "admin2"), pick(gazetteer, "Dunmore", "Beta"))
    support = gather_support("millbrook", places, gazetteer)
    assert (support.regions[("USA", "BB")], support.regions[("USA", "AA")]) == (0.75, 0.25)
    assert support.countries == {"USA": 1.0}
    # Beta's Millbrook: half a name's region vote more, and one of the two names has a namesake beside it.
    beta, alpha = pick(gazetteer, "Millbrook", "Beta"), pick(gazetteer, "Millbrook", "Alpha")
    assert score_support(beta, support) - score_support(alpha, support) == pytest.approx(
        REGION_SUPPORT_WEIGHT * 0.5 + CLOSE_WEIGHT * 0.5)
    # The mention's own name does not vote for itself.
    assert gather_support("dunmore", places, gazetteer).regions[("USA", "BB")] == 0.5


def test_a_namesake_close_to_a_namesake_of_another_name_wins():
    gazetteer = build_gazetteer()
    # The first pass took the bigger Carver County (Alpha), but only Beta's Millbrook lies beside a Carver County.
    context = PlaceContext(focus={"USA": 1}, places=(pick(gazetteer, "Carver County", "Alpha", "admin2"),))
    assert choose_entry("Millbrook", context, gazetteer).admin1 == "Beta"


def test_own_name_beats_a_bigger_alternate_name_match():
    gazetteer = build_gazetteer()
    assert [e.name for e in find_candidates("Millbrook", gazetteer)].count("Oakridge") == 1
    assert choose_entry("Millbrook", PlaceContext(), gazetteer).name == "Millbrook"


def test_abbreviation_gets_no_own_name_bonus():
    gazetteer = build_gazetteer()
    town = pick(gazetteer, "Bet", "Alpha")
    assert score_name(town, read_name_hints("Bet", find_candidates("Bet", gazetteer))) > 0
    assert score_name(town, read_name_hints("Bet.", find_candidates("Bet.", gazetteer))) == 0


def test_state_name_outscores_a_small_town_named_after_it():
    gazetteer = build_gazetteer()
    candidates = find_candidates("Beta", gazetteer)
    hints = read_name_hints("Beta", candidates)
    state, town = pick(gazetteer, "Beta", "Beta", "admin1"), pick(gazetteer, "Beta", "Alpha")
    assert score_name(state, hints) - score_name(town, hints) == ADMIN1_NAME_BONUS


def test_state_name_bonus_yields_to_a_country_or_big_city_of_that_name():
    gazetteer = load_gazetteer()
    candidates = find_candidates("Georgia", gazetteer)
    state = next(e for e in candidates if e.kind == "admin1" and e.iso3 == "USA")
    hints = read_name_hints("Georgia", candidates)   # the Caucasus country carries the name too
    assert hints.has_big_namesake
    assert score_name(state, read_name_hints("Georgia", [state])) - score_name(state, hints) == ADMIN1_NAME_BONUS


def test_demonym_names_its_country():
    candidates = find_candidates("Canadian", load_gazetteer())
    hints = read_name_hints("Canadian", candidates)
    country = next(e for e in candidates if e.kind == "country")
    towns = [e for e in candidates if e.kind != "country"]
    assert (hints.demonym, country.iso3) == ("CAN", "CAN")
    assert all(score_name(country, hints) > score_name(town, hints) for town in towns)


def context_of(*names: str) -> PlaceContext:
    """Return the context the other places of a made-up article give, each first resolved alone."""
    found = tuple(e for e in (resolve_entry(n) for n in names) if e is not None)
    return PlaceContext(focus=Counter(e.iso3 for e in found), places=found)


def test_capital_name_is_the_capital_beside_small_namesakes():
    chosen = resolve_entry("Washington", context=context_of("Augusta", "Athens"))
    assert (chosen.iso3, chosen.admin1) == ("USA", "District of Columbia")


def test_town_beside_a_county_of_the_article_is_the_one_inside_it():
    chosen = resolve_entry("Franklin", context=context_of("Williamson County"))
    assert (chosen.iso3, chosen.admin1) == ("USA", "Tennessee")


def test_the_site_home_picks_the_namesake_where_the_site_reports_from():
    gazetteer = build_gazetteer()
    # Alone, Alpha's Millbrook (ten times bigger) wins; a site whose stories sit in Beta takes Beta's.
    assert choose_entry("Millbrook", PlaceContext(), gazetteer).admin1 == "Alpha"
    home = Home.from_counts({("USA", "Beta"): 4, ("USA", "Alpha"): 1})
    assert home.regions == {("USA", "Beta"): 0.8, ("USA", "Alpha"): 0.2}
    assert choose_entry("Millbrook", PlaceContext(home=home), gazetteer).admin1 == "Beta"
    # Containment outranks the home: for a site at home in Alpha, "Millbrook, Beta" is still Beta's.
    alpha_home = Home.from_counts({("USA", "Alpha"): 5})
    assert choose_entry("Millbrook", PlaceContext(home=alpha_home, after=", Beta"), gazetteer).admin1 == "Beta"


def test_a_site_seen_too_little_has_no_home():
    assert Home.from_counts({("USA", "Beta"): HOME_MIN_ARTICLES - 1}) is None
    assert Home.from_counts({}) is None
    assert Home.from_counts({("USA", "Beta"): HOME_MIN_ARTICLES}) is not None
