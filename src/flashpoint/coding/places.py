"""Toponym recognition and resolution.

``resolve_place`` chooses among the gazetteer's namesakes by more than population: the article's country focus,
the other places already resolved in it, containment cues written after the name ("Erbil, in the Kurdistan region
of Iraq", "Springfield, Illinois"), region words ("Basra province") and the countries of the event's actors.
Which place an *event* happened in is coding/event_places.py's job.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

from ..records import Place
from ..reference.countries import match_country
from ..reference.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer, name_key
from .entities import sentence_entities

# Scoring weights, tuned on the dev splits of ../shared/eval/geocoding (GWN, LGL, TR-News, GeoVirus).
KIND_PRIOR = {"country": 3.0, "continent": 2.5, "landmark": 3.0, "area": 3.0, "admin1": 1.5, "admin2": 1.0,
              "city": 0.0}
REGION_KINDS = frozenset({"admin1", "admin2", "area"})
FOCUS_WEIGHT = 4.0          # times the share of the article's place mentions in the candidate's country
IN_FOCUS_BONUS = 1.0        # the candidate is in any country the article mentions
TOP_FOCUS_BONUS = 1.5       # ... in the article's most-mentioned country
ACTOR_BONUS = 1.0           # the candidate's country is an actor's country
CONTAINER_COUNTRY_BONUS = 6.0   # "X, Iraq" / "X, in ... of Iraq"
CONTAINER_REGION_BONUS = 8.0    # "Springfield, Illinois"
REGION_WORD_BONUS = 6.0     # "Basra province": the region, not its capital
# Times the share of the article's resolved places in the candidate's first-level region (6.0 before namesake
# support; 3.0 with it on LGL dev, where the first pass's context-free choices made a strong weight echo their errors).
REGION_FOCUS_WEIGHT = 3.0
# Namesake support (LGL dev, local US news): each other name in the article votes for the regions and countries its
# namesakes lie in, split evenly among them; a candidate earns these weights times its share of the votes.
REGION_SUPPORT_WEIGHT = 6.0
COUNTRY_SUPPORT_WEIGHT = 3.0
# Site home (LGL dev, local papers): times the share of the site's other (article, region) pairs in the candidate's
# first-level region; a country share was tried as well and cost GeoVirus (one site, Wikinews, for the whole world).
HOME_WEIGHT = 6.0
HOME_MIN_ARTICLES = 3
# A first-level region carrying the mention's own name beats the towns and counties named after it ("Kansas",
# "Ohio") unless a country or a big city also carries it ("Georgia", "New York") (LGL dev).
ADMIN1_NAME_BONUS = 4.0
AREA_NAME_BONUS = 6.0  # a curated area named exactly ("the Red Sea") over an admin region ("Red Sea state")
# A demonym or adjective ("Canadian") names its country, not a county or town named after it (LGL dev).
DEMONYM_BONUS = 3.0
# Namesake proximity (LGL dev): "Paris" beside "Henry County" is the Paris inside one of the Henry Counties. Points
# fall in grid cells of CELL_DEGREES (0.25 beat 0.2, 0.3, 0.5 and 1.0 on LGL dev); a candidate is close to a name
# with a namesake in its own or a neighbouring cell (roughly 30 to 60 km).
CELL_DEGREES = 0.25
CLOSE_WEIGHT = 6.0          # times the share of the article's other names with a namesake close to the candidate
POINT_KINDS = frozenset({"city", "admin2", "landmark", "area"})
# A national capital's name in the news is mostly the capital or its government ("Washington said"): the namesake
# at the capital (within CAPITAL_KM of the country table's point) earns CAPITAL_BONUS (LGL dev).
CAPITAL_KM, CAPITAL_BONUS = 50.0, 2.0
# A namesake carrying the mention as its own name ("Dallas" -> a Dallas) over one that only lists it among alternate
# names (LGL dev: alternate-name matches such as "Jackson" -> a town called Byron were common reachable errors).
OWN_NAME_BONUS = 2.0
NEAR_KM, NEAR_BONUS = 161.0, 2.0    # close to a place already resolved in the article
REGIONAL_KM, REGIONAL_BONUS = 600.0, 1.0
NAMESAKE_REGION_PENALTY = 2.5   # a region named after its capital loses to the city unless a region word says so
BIG_CITY_POPULATION = 100_000   # a namesake city this large anywhere makes every same-named region pay the penalty
# How far after a mention a containment cue may run (", in the Kurdistan region of Iraq" is 35 characters).
CUE_WINDOW = 60
CUE_TOKENS = 12             # tokens after a mention read for containment cues (cheaper than slicing doc.text)
# A town smaller than this, in a country the article never points to, is more likely a namesake than the place.
UNSUPPORTED_MAX_POPULATION = 100_000
# Only these prepositions place the event itself; "from"/"to" mark origins and destinations.
EVENT_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across"})
COUNTRY_KINDS = frozenset({"name", "alias", "demonym", "adjective"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Recognition: an ORG or PERSON entity counts as a toponym when its name is a region or a town at least this big.
PROMOTED_LABELS = frozenset({"ORG", "PERSON"})
PROMOTE_POPULATION = 100_000
REGION_WORDS = ("province", "governorate", "state", "region", "county", "district", "prefecture", "oblast")
EARTH_RADIUS_KM = 6371.0088
_CUE_FIRST = re.compile(r"^\s*,\s*(?:in\s+)?(?:the\s+)?((?:[A-Z][\w'\u2019.-]*\s?)+)")
_CUE_OF = re.compile(r"\bof\s+(?:the\s+)?((?:[A-Z][\w'\u2019-]*\s?)+)")
_REGION_AFTER = re.compile(r"^\s+(%s)\b" % "|".join(REGION_WORDS), re.IGNORECASE)


@dataclass(frozen=True)
class PlaceContext:
    """What the article says around a toponym: its country focus, resolved places, actors and following text."""

    focus: Mapping[str, int] = field(default_factory=dict)   # ISO3 -> place mentions in the article
    places: tuple[GazetteerEntry, ...] = ()                  # places already resolved in the article
    actor_countries: frozenset[str] = frozenset()
    after: str = ""                                          # text right after the mention (containment cues)
    home: "Home | None" = None                               # where the article's site usually reports from


@dataclass(frozen=True)
class Home:
    """Where a site's other articles place their events: each first-level region's share of the (article, region)
    pairs seen, keyed by (ISO3, region name). A local paper's "Alexandria" is the one its other stories surround."""

    regions: Mapping[tuple[str, str], float] = field(default_factory=dict)

    @classmethod
    def from_counts(cls, counts: Mapping[tuple[str, str], int]) -> "Home | None":
        """Return the home of a site from its articles per region, or None when fewer than HOME_MIN_ARTICLES
        region mentions are known (a site seen once says little about where it is)."""
        total = sum(counts.values())
        if total < HOME_MIN_ARTICLES:
            return None
        return cls({region: n / total for region, n in counts.items()})


@dataclass(frozen=True)
class Cues:
    """Containment cues read around one mention."""

    countries: frozenset[str] = frozenset()
    regions: frozenset[tuple[str, str]] = frozenset()       # (ISO3, admin1 code)
    region_word: bool = False


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def split_region_word(name: str) -> tuple[str, bool]:
    """Return (name without a trailing region word, whether it had one): "Basra province" -> ("Basra", True)."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in REGION_WORDS:
        return " ".join(words[:-1]), True
    return name, False


def container_entries(phrase: str, gazetteer: Gazetteer) -> list[GazetteerEntry]:
    """Return the countries and regions a containment phrase may name ("Iraq", "Illinois", "Basra province")."""
    phrase, _ = split_region_word(phrase.strip().rstrip("."))
    found = [e for e in gazetteer.lookup(phrase) if e.kind in ("country", "admin1")]
    match = match_country(phrase) if not found else None
    entry = gazetteer.country(match.country.iso3) if match else None
    return found + ([entry] if entry else [])


def read_cues(after: str, gazetteer: Gazetteer) -> Cues:
    """Read containment cues from the text after a mention: ", Iraq", ", in the ... of Iraq", " province"."""
    window = after[:CUE_WINDOW]
    phrases = [m.group(1) for m in (_CUE_FIRST.match(window),) if m]
    if window.lstrip().startswith(","):
        phrases += [m.group(1) for m in _CUE_OF.finditer(window.split(".")[0])]
    entries = [e for p in phrases for e in container_entries(p, gazetteer)]
    return Cues(
        countries=frozenset(e.iso3 for e in entries if e.kind == "country"),
        regions=frozenset((e.iso3, e.admin1_code) for e in entries if e.kind == "admin1"),
        region_word=bool(_REGION_AFTER.match(after)),
    )


def find_candidates(name: str, gazetteer: Gazetteer) -> list[GazetteerEntry]:
    """Return the gazetteer's namesakes of a mention plus the country the shared table reads in it ("US", "Iraqi")."""
    found = gazetteer.lookup(name)
    if not found:
        key = name_key(name)
        bare = key[3:] if key.startswith(("al ", "el ")) else None
        found = gazetteer.lookup_key(bare) if bare else []
    match = match_country(name)
    # A capital or metonym ("Washington", "the Kremlin") names its city, not the country's centroid.
    entry = gazetteer.country(match.country.iso3) if match and match.kind in COUNTRY_KINDS else None
    if entry is not None and entry not in found:
        found.append(entry)
    return drop_alias_countries(found, name_key(name))


def drop_alias_countries(found: list[GazetteerEntry], key: str) -> list[GazetteerEntry]:
    """Return the candidates without a country reached through an alias that is one of its own regions' names:
    "Wales" is the region Wales, not the United Kingdom's centroid."""
    regions = {e.iso3 for e in found if e.kind == "admin1" and name_key(e.name) == key}
    return [e for e in found if not (e.kind == "country" and e.iso3 in regions and name_key(e.name) != key)]


def score_focus(entry: GazetteerEntry, context: PlaceContext) -> float:
    """Return the bonus for a candidate in the article's focus countries and its actors' countries."""
    total = sum(context.focus.values())
    count = context.focus.get(entry.iso3 or "", 0)
    score = FOCUS_WEIGHT * count / total if total else 0.0
    if count:
        score += IN_FOCUS_BONUS
        score += TOP_FOCUS_BONUS if count == max(context.focus.values()) else 0.0
    return score + (ACTOR_BONUS if entry.iso3 in context.actor_countries else 0.0)


def score_nearness(entry: GazetteerEntry, places: tuple[GazetteerEntry, ...]) -> float:
    """Return the bonus for a candidate close to a place already resolved in the article."""
    nearest = min((distance_km(entry.lat, entry.lon, p.lat, p.lon) for p in places
                   if p.kind in ("city", "landmark", "area", "admin1", "admin2")), default=None)
    if nearest is None:
        return 0.0
    return NEAR_BONUS if nearest < NEAR_KM else REGIONAL_BONUS if nearest < REGIONAL_KM else 0.0


def score_home(entry: GazetteerEntry, home: Home | None) -> float:
    """Return the bonus for a candidate in a region the site's other articles often place events in."""
    if home is None or entry.kind == "country" or not entry.admin1:
        return 0.0
    return HOME_WEIGHT * home.regions.get((entry.iso3 or "", entry.admin1), 0.0)


def score_region_focus(entry: GazetteerEntry, places: tuple[GazetteerEntry, ...]) -> float:
    """Return the bonus for a candidate in the first-level region most of the article's places lie in (LGL's
    local news: "Richmond" in an article about Kentucky towns is Richmond, Kentucky)."""
    if entry.kind == "country" or not entry.admin1_code or not places:
        return 0.0
    inside = sum(p.iso3 == entry.iso3 and p.admin1_code == entry.admin1_code for p in places if p.kind != "country")
    return REGION_FOCUS_WEIGHT * inside / len(places)


@dataclass(frozen=True)
class Support:
    """The votes of an article's other place names for the regions and countries their namesakes lie in."""

    regions: Mapping[tuple[str, str], float] = field(default_factory=dict)   # (ISO3, admin1 code) -> share
    countries: Mapping[str, float] = field(default_factory=dict)            # ISO3 -> share
    cells: tuple[frozenset[tuple[int, int]], ...] = ()                      # per name: cells near its namesakes
    share: float = 0.0                                                       # one name's share of the votes


def find_cell(lat: float, lon: float) -> tuple[int, int]:
    """Return the grid cell of a point."""
    return int(math.floor(lat / CELL_DEGREES)), int(math.floor(lon / CELL_DEGREES))


@lru_cache(maxsize=65_536)
def find_name_keys(name: str) -> frozenset[str]:
    """Return the keys an entry's own name answers to: itself and, for "New York City", "New York"."""
    own = name_key(name)
    return frozenset((own, own.removesuffix(" city")))


@lru_cache(maxsize=65_536)
def namesake_cells(key: str, gazetteer: Gazetteer) -> frozenset[tuple[int, int]]:
    """Return the grid cells of a name's point-like namesakes and their neighbours."""
    cells = {find_cell(e.lat, e.lon) for e in gazetteer.lookup_key(key) if e.kind in POINT_KINDS}
    return frozenset((a + da, b + db) for a, b in cells for da in (-1, 0, 1) for db in (-1, 0, 1))


@lru_cache(maxsize=65_536)
def namesake_votes(key: str, gazetteer: Gazetteer) -> tuple[dict[tuple[str, str], float], dict[str, float]]:
    """Return one name's votes: 1/n for each of the n regions, and 1/m for each of the m countries, its namesakes
    lie in ("Georgia" splits its votes between the US state and the Caucasus country)."""
    entries = [e for e in gazetteer.lookup_key(key) if e.iso3]
    regions = {(e.iso3, e.admin1_code or "") for e in entries}
    countries = {e.iso3 for e in entries}
    return ({r: 1 / len(regions) for r in regions if r[1]}, {c: 1 / len(countries) for c in countries})


def gather_support(key: str, places: tuple[GazetteerEntry, ...], gazetteer: Gazetteer) -> Support:
    """Return the votes of the article's other distinct place names (not ``key``), as shares of those names."""
    return tally_support(key, frozenset(p.name for p in places), gazetteer)


@lru_cache(maxsize=4_096)
def tally_support(key: str, place_names: frozenset[str], gazetteer: Gazetteer) -> Support:
    """Return the summed votes of the names other than ``key`` (cached: an article's mentions share their names)."""
    names = {name_key(n) for n in place_names} - {key}
    share = 1 / len(names) if names else 0.0
    regions: dict[tuple[str, str], float] = {}
    countries: dict[str, float] = {}
    for name in names:
        region_votes, country_votes = namesake_votes(name, gazetteer)
        for region, vote in region_votes.items():
            regions[region] = regions.get(region, 0.0) + vote * share
        for country, vote in country_votes.items():
            countries[country] = countries.get(country, 0.0) + vote * share
    return Support(regions, countries, tuple(namesake_cells(name, gazetteer) for name in names), share)


def score_support(entry: GazetteerEntry, support: Support) -> float:
    """Return the bonus for a candidate in a region, a country and a neighbourhood the article's other names also
    point to."""
    score = COUNTRY_SUPPORT_WEIGHT * support.countries.get(entry.iso3 or "", 0.0)
    if entry.kind != "country" and entry.admin1_code:
        score += REGION_SUPPORT_WEIGHT * support.regions.get((entry.iso3 or "", entry.admin1_code), 0.0)
    if entry.kind in POINT_KINDS and support.cells:
        cell = find_cell(entry.lat, entry.lon)
        score += CLOSE_WEIGHT * sum(cell in cells for cells in support.cells) * support.share
    return score


@dataclass(frozen=True)
class NameHints:
    """What a mention's own words say: its key, whether it is abbreviated, the capital it names, the country its
    demonym names, and whether a country or a big city carries it."""

    key: str
    abbreviated: bool = False   # "Colo.", "Ga.": names what it abbreviates, not a town with the same letters
    capital: tuple[float, float] | None = None
    demonym: str | None = None
    has_big_namesake: bool = False


def read_name_hints(name: str, candidates: list[GazetteerEntry]) -> NameHints:
    """Return the hints a mention's own words give about its candidates."""
    big = any(e.kind in ("country", "area") or (e.kind == "city" and e.population >= BIG_CITY_POPULATION)
              for e in candidates)  # an area counts: "the Red Sea" is the sea before it is Sudan's state
    return NameHints(name_key(name), name.rstrip().endswith("."), find_capital(name), find_demonym_country(name), big)


def score_name(entry: GazetteerEntry, hints: NameHints) -> float:
    """Return the bonus a mention's own words give a candidate: own name, capital, state name, demonym."""
    score = CAPITAL_BONUS * is_capital(entry, hints.capital)
    if not hints.abbreviated and has_own_name(entry, hints.key):
        score += OWN_NAME_BONUS
    if entry.kind == "admin1" and not hints.has_big_namesake and name_key(entry.name) == hints.key:
        score += ADMIN1_NAME_BONUS
    if entry.kind == "area" and name_key(entry.name) == hints.key:
        score += AREA_NAME_BONUS  # "in the Red Sea": the sea, not Sudan's Red Sea state
    if entry.kind == "country" and entry.iso3 == hints.demonym:
        score += DEMONYM_BONUS
    return score


def has_own_name(entry: GazetteerEntry, key: str) -> bool:
    """Return True when the entry's own name (less "City": "New York City") is the mention's name; a region named
    after a town ("Basra Governorate") does not carry the town's name as its own."""
    return key in find_name_keys(entry.name)


def find_capital(name: str) -> tuple[float, float] | None:
    """Return the point of the national capital a name is (the country table's "capital" phrases), or None."""
    match = match_country(name)
    if match is None or match.kind != "capital" or match.country.capital_lat is None:
        return None
    return match.country.capital_lat, match.country.capital_lon


def find_demonym_country(name: str) -> str | None:
    """Return the ISO3 of the country a demonym or adjective names ("Canadian" -> CAN), or None."""
    match = match_country(name)
    return match.country.iso3 if match is not None and match.kind in ("demonym", "adjective") else None


def is_capital(entry: GazetteerEntry, capital: tuple[float, float] | None) -> bool:
    """Return True for the namesake that lies at the national capital the mention names."""
    return (capital is not None and entry.kind in POINT_KINDS
            and distance_km(entry.lat, entry.lon, *capital) < CAPITAL_KM)


def score_candidate(entry: GazetteerEntry, cues: Cues, context: PlaceContext, has_city_namesake: bool,
                    support: Support = Support()) -> float:
    """Return a candidate's score: size, kind, focus, support, containment and nearness (higher is better)."""
    score = math.log10(entry.population + 10) + KIND_PRIOR[entry.kind]
    score += score_focus(entry, context) + score_nearness(entry, context.places)
    score += score_region_focus(entry, context.places) + score_support(entry, support)
    score += score_home(entry, context.home)
    if entry.iso3 in cues.countries:
        score += CONTAINER_COUNTRY_BONUS
    if (entry.iso3, entry.admin1_code) in cues.regions:
        score += CONTAINER_REGION_BONUS
    if entry.kind in REGION_KINDS:
        score += REGION_WORD_BONUS if cues.region_word else -NAMESAKE_REGION_PENALTY * has_city_namesake
    return score


def capital_regions(candidates: list[GazetteerEntry], gazetteer: Gazetteer) -> list[GazetteerEntry]:
    """Return the region of the most populous city candidate: "Basra province" is the region around Basra.

    Only the largest namesake lends its region: a village that also answers to "Hama" must not bring in Hiroshima
    prefecture, whose own population would then outscore Syria's Hama governorate.
    """
    cities = [e for e in candidates if e.kind == "city" and e.admin1_code]
    if not cities:
        return []
    largest = max(cities, key=lambda e: (e.population or 0, -(e.geonameid or 0)))
    region = gazetteer.region(largest.iso3, largest.admin1_code)
    return [region] if region is not None and region not in candidates else []


def mention_candidates(name: str, gazetteer: Gazetteer) -> list[GazetteerEntry]:
    """Return every entry a mention may name: the namesakes of its bare name ("Benue" for "Benue State") and,
    with a region word, of its full name ("Laurel County", "Tibet Autonomous Region" may be keys of their own)
    and the region of its largest namesake city."""
    bare, region_word = split_region_word(name)
    candidates = find_candidates(bare, gazetteer)
    if region_word:
        candidates += [e for e in gazetteer.lookup(name) if e not in candidates]
        if not any(e.kind in REGION_KINDS for e in candidates):   # "Basra province": the region around Basra
            candidates += capital_regions(candidates, gazetteer)
    return candidates


def choose_entry(name: str, context: PlaceContext, gazetteer: Gazetteer) -> GazetteerEntry | None:
    """Return the best gazetteer entry for a mention in its context, or None when nothing carries the name."""
    bare, region_word = split_region_word(name)
    candidates = mention_candidates(name, gazetteer)
    if not candidates:
        return None
    cues = read_cues(context.after, gazetteer)
    if region_word:
        cues = Cues(cues.countries, cues.regions, True)
        # "Red Sea state": the administrative region, where one carries the name, not the sea
        candidates = [e for e in candidates if e.kind != "area"] or candidates
    if cues.region_word and not any(e.kind in REGION_KINDS for e in candidates):
        candidates = candidates + capital_regions(candidates, gazetteer)
    city_countries = {e.iso3 for e in candidates if e.kind == "city"}
    if any(e.kind == "city" and e.population >= BIG_CITY_POPULATION for e in candidates):
        city_countries |= {e.iso3 for e in candidates}   # "Gaza": the city, not Mozambique's Gaza province
    # Earlier resolutions of this same name must not vouch for one of its own namesakes.
    own = {id(c) for c in candidates}
    others = tuple(p for p in context.places if id(p) not in own)
    context = PlaceContext(context.focus, others, context.actor_countries, context.after, context.home)
    support = gather_support(name_key(bare), others, gazetteer)
    hints = read_name_hints(bare, candidates)
    best = max(candidates, key=lambda e: (score_candidate(e, cues, context, e.iso3 in city_countries, support)
                                          + score_name(e, hints), -(e.geonameid or 0)))
    return None if is_unsupported(best, cues, context) else best


def is_unsupported(entry: GazetteerEntry, cues: Cues, context: PlaceContext) -> bool:
    """Return True for a small place in a country nothing in the article points to ("Anbar" -> a Turkish village).

    A wrong point is worse than none for an analyst: when the article names countries (places, actors, cues) and
    the best candidate is a small town outside all of them, the mention is left unresolved.
    """
    countries = set(context.focus) | set(context.actor_countries) | set(cues.countries)
    return (bool(countries) and entry.kind == "city" and entry.iso3 not in countries
            and (entry.population or 0) < UNSUPPORTED_MAX_POPULATION)


def place_from_entry(text: str, entry: GazetteerEntry, span: tuple[int, int] | None) -> Place:
    """Return the Place record of a resolved mention."""
    return Place(text=text, name=entry.name, country=entry.iso3, admin1=entry.admin1 if entry.kind != "country"
                 else None, lat=round(entry.lat, 5), lon=round(entry.lon, 5), geonameid=entry.geonameid,
                 precision=entry.precision, span=span)


def resolve_entry(name: str, *, context: PlaceContext = PlaceContext()) -> GazetteerEntry | None:
    """Return the gazetteer entry a toponym refers to in its context, or None."""
    return choose_entry(name, context, load_gazetteer())


def resolve_place(name: str, *, context: PlaceContext = PlaceContext(),
                  span: tuple[int, int] | None = None) -> Place | None:
    """Return the Place a toponym refers to in its context (precision 1 place, 2 region, 3 country), or None."""
    entry = resolve_entry(name, context=context)
    return place_from_entry(name, entry, span) if entry else None


def place_entities(sent) -> list:
    """Return the GPE/LOC/FAC entities of a sentence (or any span within one)."""
    return [e for e in sentence_entities(sent) if e.label_ in PLACE_LABELS]


def is_toponym(ent) -> bool:
    """Return True for an entity that names a place: GPE/LOC/FAC, a country word the shared table reads ("Iraqi"),
    or an ORG/PERSON the tagger gave a well-known place's name ("Alexandria", "Minnesota")."""
    if ent.label_ in PLACE_LABELS:
        return True
    if ent.label_ == "NORP":
        match = match_country(ent.text)
        return match is not None and match.kind in COUNTRY_KINDS
    return ent.label_ in PROMOTED_LABELS and is_well_known_place(trim_article(ent).text)


def is_well_known_place(text: str) -> bool:
    """Return True when the gazetteer knows the name as a country, a region or a large town."""
    return any(e.kind in ("country", "admin1") or (e.kind == "city" and e.population >= PROMOTE_POPULATION)
               for e in load_gazetteer().lookup(text))


def find_toponyms(doc) -> list:
    """Return the place mentions of a parsed text (spaCy spans, leading "the" trimmed), in text order."""
    return [trim_article(ent) for ent in doc.ents if is_toponym(ent)]


def sentence_context(sent, context: PlaceContext) -> PlaceContext:
    """Return the context enriched with the sentence's own places (their countries count as focus)."""
    entries = [resolve_entry(e.text, context=context) for e in place_entities(sent)]
    found = tuple(e for e in entries if e is not None)
    focus = dict(context.focus)
    for entry in found:
        if entry.iso3:
            focus[entry.iso3] = focus.get(entry.iso3, 0) + 1
    return PlaceContext(focus, context.places + found, context.actor_countries, context.after, context.home)


def place_for_entity(ent, context: PlaceContext) -> Place | None:
    """Resolve one place entity with the text after it as containment cues; span in article offsets."""
    after = ent.doc[ent.end:ent.end + CUE_TOKENS].text[:CUE_WINDOW]  # doc.text would rebuild the whole article
    after = ent.doc[ent.end - 1].whitespace_ + after if ent.end <= len(ent.doc) else after
    local = PlaceContext(context.focus, context.places, context.actor_countries, after, context.home)
    return resolve_place(ent.text, context=local, span=(ent.start_char, ent.end_char))


def trim_article(ent):
    """Return the entity without a leading "the" (the gold spans never include it)."""
    if len(ent) > 1 and ent[-1].dep_ == "case":
        ent = ent[:-1]  # "Pattani province's"
    return ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent
