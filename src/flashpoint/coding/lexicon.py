"""Verb, actor and agent lexicons converted from PETRARCH-2 (see dictionaries/README.md), loaded once per process."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple, Sequence

from flashpoint.errors import InputError

from .verb_patterns import PatternIndex, VerbPattern, build_pattern, find_run, has_slot_starts, score_slots

VERBS_FILE = "verbs.v1.json"
ACTORS_FILE = "actors.v1.jsonl.gz"
# flashpoint's curated actors, applied over the PETRARCH-2 conversion (see curate_shipped) and before a user
# override: the 2020 crisis set, heads of state/government and foreign/defence ministers 2015-2026, armed groups.
CURATED_ACTOR_FILES = ("actors_current.v1.yaml", "actors_officials.v1.yaml", "actors_armed_groups.v1.yaml")
AGENTS_FILE = "agents.v1.tsv"
NO_EVENT = "---"
# Sorts an open end after every real date, so an open or undated role counts as the latest.
OPEN_END = "9999-12-31"
# Three-letter codes read as a sector (from the agent codes plus CAMEO's other role codes);
# the rest (UNO, KID, USA after MNC ...) are organisations or countries, not sectors.
SECTOR_CODES = frozenset(
    "GOV MIL REB BUS OPP MED CRM HLH JUD EDU CVL COP LEG UAF MUS AGR DEV LAB SPY REL CHR ENV RAD PTY "
    "HIN REF BUD HRI CTH JEW ELI PPL PRO MAR SEP INS MOD UNK JRN PRM SOC PRE".split()  # last three: PLOVER v2
)
# Characters dropped inside tokens so "U.S." / "U.S" / "us" and "ki-moon" / "ki - moon" meet.
TOKEN_NOISE = re.compile(r"[.'’,]")
TOKEN_SPLIT = re.compile(r"[-_\s]+")


def read_data_file(name: str) -> bytes:
    """Return the bytes of a shipped dictionary file."""
    return (files(__package__) / "dictionaries" / name).read_bytes()


def normalize_words(words: Sequence[str]) -> list[tuple[str, int]]:
    """Return (normalised token, index of the source word) pairs; punctuation-only words vanish."""
    tokens = []
    for index, word in enumerate(words):
        for piece in TOKEN_SPLIT.split(word.lower()):
            piece = TOKEN_NOISE.sub("", piece)
            if piece:
                tokens.append((piece, index))
    return tokens


def phrase_key(words: Sequence[str]) -> tuple[str, ...]:
    """Return the lookup key of a phrase given as words (or one space-separated string)."""
    if isinstance(words, str):
        words = words.split()
    return tuple(token for token, _ in normalize_words(words))


# ---------------------------------------------------------------- verbs


@dataclass(frozen=True)
class VerbMatch:
    """A CAMEO code found for a verb; pattern is the original PETRARCH pattern text or "default"."""

    code: str
    pattern: str
    verb: str
    paired_code: str | None = None  # PETRARCH "[a:b]": b is coded for the reverse direction too
    is_reversed: bool = False  # PETRARCH "[:b]": the event runs from the target to the source


class VerbLexicon:
    """Verb lemmas with CAMEO default codes and word patterns, from PETRARCH-2's CAMEO.2.0.txt."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.version = document["version"]
        self._blocks = {name: tuple(build_pattern(p) for p in block["patterns"])
                        for name, block in document["blocks"].items()}
        self._verbs = document["verbs"]
        self._indexes: dict[str, PatternIndex] = {}
        self._multiword: dict[str, list[tuple[str, ...]]] = {}
        for key in self._verbs:
            head, *rest = key.split()
            if rest:
                self._multiword.setdefault(head, []).append(tuple(rest))
        for rests in self._multiword.values():
            rests.sort(key=lambda rest: (-len(rest), rest))

    @classmethod
    def load(cls) -> "VerbLexicon":
        """Return the shipped verb lexicon, parsed once per process."""
        return load_verb_lexicon()

    def __contains__(self, lemma: str) -> bool:
        """Return True when the lemma (or phrasal form such as "pull out") is in the lexicon."""
        return lemma.lower() in self._verbs

    def lookup(self, lemma: str, *, particle: str | None = None, after: Sequence[str] = (),
               before: Sequence[str] = ()) -> VerbMatch | None:
        """Return the code of the most specific pattern matching the clause, else the verb's default, else None."""
        head, *lead = lemma.lower().split()
        if lemma.lower() in self._verbs:
            head, lead = lemma.lower(), []
        words = [w.lower() for w in ([particle] if particle else []) + lead + list(after)]
        before_words = [w.lower() for w in before]
        for key in self.candidate_keys(head, words):
            found = self.resolve_key(key, words, before_words)
            if found is not None:
                return None if found.code == NO_EVENT else found
        return None

    def candidate_keys(self, head: str, words: Sequence[str]) -> list[str]:
        """Return the lexicon keys to try: phrasal forms whose rest occurs in words (longest first), then head."""
        keys = [f"{head} {' '.join(rest)}" for rest in self._multiword.get(head, ()) if find_run(words, rest, 0) >= 0]
        return keys + [head] if head in self._verbs else keys

    def resolve_key(self, key: str, words: Sequence[str], before: Sequence[str]) -> VerbMatch | None:
        """Return the best pattern match for one key, its default, a NO_EVENT match, or None (no code)."""
        entry = self._verbs[key]
        best: tuple[tuple[int, bool, int], VerbPattern] | None = None
        for order, pattern in self.pattern_index(key).candidates(words, before):
            rank = self.rank_pattern(pattern, key, words, before, order)
            if rank is not None and (best is None or rank > best[0]):
                best = (rank, pattern)
        if best is not None:
            pattern = best[1]
            return VerbMatch(pattern.code, pattern.text, key, pattern.paired_code, pattern.is_reversed)
        if entry["code"] == NO_EVENT:
            return None
        return VerbMatch(entry["code"], "default", key, entry["paired_code"], entry["is_reversed"])

    def pattern_index(self, key: str) -> PatternIndex:
        """Return the pattern index of a key's blocks, built on first use."""
        index = self._indexes.get(key)
        if index is None:
            patterns = [p for block in self._verbs[key]["blocks"] for p in self._blocks[block]]
            index = self._indexes[key] = PatternIndex.build(patterns)
        return index

    @staticmethod
    def rank_pattern(pattern: VerbPattern, key: str, words: Sequence[str], before: Sequence[str],
                     order: int) -> tuple[int, bool, int] | None:
        """Return (matched words, written for this verb, earlier in file) or None when the pattern fails."""
        if not (has_slot_starts(pattern.after, words) and has_slot_starts(pattern.before, before)):
            return None  # cheap test first: most patterns name a word the clause lacks
        after_score = score_slots(pattern.after, words)
        before_score = score_slots(pattern.before, before) if after_score is not None else None
        if before_score is None:
            return None
        return after_score + before_score, pattern.verb == key, order


@lru_cache(maxsize=1)
def load_verb_lexicon() -> VerbLexicon:
    """Return the shipped verb lexicon (cached)."""
    return VerbLexicon(json.loads(read_data_file(VERBS_FILE)))


# ---------------------------------------------------------------- actors


@dataclass(frozen=True)
class ActorEntry:
    """One actor in one role: country (ISO3 or IGO/NGO/MNC/IMG...), first sector code, full CAMEO code."""

    name: str
    country: str | None
    sector: str | None
    code: str
    wikidata: str | None


class Role(NamedTuple):
    """One dated CAMEO role of an actor (ISO dates; None = open)."""

    code: str
    country: str | None
    sectors: tuple[str, ...]
    start: str | None
    end: str | None


class ActorRecord(NamedTuple):
    """A loaded actor, kept as a tuple because tens of thousands stay in memory."""

    name: str
    roles: tuple[Role, ...]
    wikidata: str | None
    is_override: bool


def compact_actor(actor: dict[str, Any]) -> ActorRecord:
    """Return the in-memory record of an actor read from JSON or YAML."""
    roles = tuple(Role(r["code"], r["country"], tuple(r["sector"]), r["start"], r["end"]) for r in actor["roles"])
    return ActorRecord(actor["name"], roles, actor.get("wikidata"), bool(actor.get("override")))


def is_role_on(role: Role, on_date: str) -> bool:
    """Return True when the role's start/end (ISO dates, None = open) include on_date."""
    return (role.start is None or role.start <= on_date) and (role.end is None or on_date <= role.end)


def role_recency(role: Role) -> tuple[str, str]:
    """Return a sort key under which later-ending (then later-starting) roles sort last."""
    return role.end or OPEN_END, role.start or ""


def actor_recency(actor: ActorRecord) -> str:
    """Return the latest date any dated role of the actor reaches (OPEN_END for a role still open)."""
    dates = [role.end or OPEN_END for role in actor.roles if role.start or role.end]
    return max(dates, default="")


def pick_role(actor: ActorRecord, on_date: str | None) -> tuple[Role, bool]:
    """Return (role, is_valid_on_date): a dated role holding on on_date beats an undated one; else the latest."""
    if on_date:
        valid = [r for r in actor.roles if is_role_on(r, on_date)]
        if valid:
            return max(valid, key=lambda r: (r.start is not None or r.end is not None, r.start or "")), True
    return max(actor.roles, key=role_recency), False


def first_start(actor: ActorRecord) -> str | None:
    """Return the earliest start of the actor's roles, or None when a role is open at the start (undated)."""
    starts = [role.start for role in actor.roles]
    return None if not starts or None in starts else min(starts)


def is_earlier_actor(actor: ActorRecord, begins: str | None) -> bool:
    """Return True when every role of the actor ended on or before ``begins`` (None: nothing is earlier)."""
    return begins is not None and all(role.end is not None and role.end <= begins for role in actor.roles)


def make_entry(actor: ActorRecord, role: Role) -> ActorEntry:
    """Return the ActorEntry for an actor in one role."""
    sector = next((s for s in role.sectors if s in SECTOR_CODES), None)
    return ActorEntry(actor.name, role.country, sector, role.code, actor.wikidata)


class ActorLexicon:
    """Named actors (phrases -> dated CAMEO roles) from PETRARCH-2's Phoenix actor files, plus an override."""

    def __init__(self, actors: Iterable[dict[str, Any]]) -> None:
        self._actors: list[ActorRecord] = []
        self._index: dict[tuple[str, ...], list[int]] = {}
        # One record at a time, so the parsed JSON never sits in memory all at once.
        for actor in actors:
            self._actors.append(compact_actor(actor))
            self.index_actor(len(self._actors) - 1, actor["phrases"])
        self._max_len = max((len(key) for key in self._index), default=0)

    def index_actor(self, number: int, phrases: list[str]) -> None:
        """Add the actor's phrases to the index; override actors come last and push out shipped holders."""
        is_override = self._actors[number].is_override
        for phrase in phrases:
            key = phrase_key(phrase)
            if not key:
                continue
            holders = self._index.setdefault(key, [])
            if is_override and not any(self._actors[n].is_override for n in holders):
                # A curated or user actor takes the phrase, except from shipped holders whose every role ended
                # before its first one began (Ban Ki-moon the foreign minister stays, for articles of 2005).
                begins = first_start(self._actors[number])
                holders[:] = [n for n in holders if is_earlier_actor(self._actors[n], begins)]
            if number not in holders:
                holders.append(number)

    @classmethod
    def load(cls, override: str | None = None) -> "ActorLexicon":
        """Return the shipped actor lexicon, with the override YAML applied when given (cached per path)."""
        return load_actor_lexicon(str(override) if override else None)

    def max_phrase_len(self) -> int:
        """Return the number of tokens in the longest known phrase."""
        return self._max_len

    def lookup(self, words: Sequence[str], *, on_date: str | None = None) -> ActorEntry | None:
        """Return the actor whose phrase is exactly words, in its role on on_date (else its latest role)."""
        return self.choose(self._index.get(phrase_key(words)), on_date)

    def choose(self, numbers: list[int] | None, on_date: str | None) -> ActorEntry | None:
        """Return the best actor of a colliding phrase: valid on on_date (latest begun), then most recent role."""
        if not numbers:
            return None
        ranked = []
        for number in numbers:
            role, valid = pick_role(self._actors[number], on_date)
            actor = self._actors[number]
            # Among roles valid on the date, the one begun most recently is the one the date speaks of.
            began = (role.start or "") if valid else ""
            ranked.append(((valid, began, role_recency(role), actor_recency(actor), -number), number, role))
        _, number, role = max(ranked)
        return make_entry(self._actors[number], role)

    def longest_match(self, words: Sequence[str], *, on_date: str | None = None) -> tuple[int, int, ActorEntry] | None:
        """Return (start, end, entry) of the longest known phrase inside words (leftmost on ties); end is exclusive."""
        tokens = normalize_words(words)
        for width in range(min(self._max_len, len(tokens)), 0, -1):
            for start in range(len(tokens) - width + 1):
                numbers = self._index.get(tuple(t for t, _ in tokens[start : start + width]))
                if numbers:
                    entry = self.choose(numbers, on_date)
                    return tokens[start][1], tokens[start + width - 1][1] + 1, entry
        return None


def read_shipped_actors() -> Iterator[dict[str, Any]]:
    """Yield the shipped actor records."""
    with (files(__package__) / "dictionaries" / ACTORS_FILE).open("rb") as raw, gzip.GzipFile(fileobj=raw) as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def iso_or_none(value: Any, field: str, path: str) -> str | None:
    """Return a YAML date or string as an ISO date string, raising InputError when it is not one."""
    if value is None:
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise InputError(f"{path}: actor field '{field}' must be an ISO date (YYYY-MM-DD), got {text!r}")
    return text


def override_actor(item: Any, path: str) -> dict[str, Any]:
    """Return an actor record for one override YAML item, raising InputError when it is malformed."""
    if not isinstance(item, dict) or not item.get("name") or not isinstance(item.get("phrases", []), list):
        raise InputError(f"{path}: each actor needs a 'name' and a list of 'phrases'; fix {item!r}")
    country = (item.get("country") or None) and str(item["country"]).upper()
    sector = (item.get("sector") or None) and str(item["sector"]).upper()
    role = {"code": f"{country or ''}{sector or ''}", "country": country, "sector": [sector] if sector else [],
            "start": iso_or_none(item.get("start"), "start", path), "end": iso_or_none(item.get("end"), "end", path)}
    phrases = [str(item["name"]).lower()] + [str(p).lower() for p in item.get("phrases") or []]
    wikidata = None if item.get("wikidata") is None else str(item["wikidata"])
    return {"name": str(item["name"]), "phrases": list(dict.fromkeys(phrases)), "roles": [role],
            "wikidata": wikidata, "override": True, "source": path}


def read_override(path: str) -> list[dict[str, Any]]:
    """Return the actor records of an override YAML file (a list of actor mappings)."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        reason = " ".join(str(error).split())  # YAML errors span several lines; the message must be one
        message = f"{path}: cannot read the actors override ({reason}); check the path and YAML syntax"
        raise InputError(message) from error
    if data is None:
        return []
    if not isinstance(data, list):
        raise InputError(f"{path}: the actors override must be a YAML list of actors")
    return [override_actor(item, path) for item in data]


def merge_override(shipped: Iterable[dict[str, Any]], extra: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Yield the shipped actors minus those an override replaces by name, then the override actors."""
    replaced = {actor["name"].lower() for actor in extra}
    yield from (actor for actor in shipped if actor["name"].lower() not in replaced)
    yield from extra


def curate_shipped(shipped: Iterable[dict[str, Any]], curated: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Yield the shipped actors with the curated ones laid over them by name.

    Unlike a user override (which replaces an actor outright), curation keeps what the older dictionaries knew:
    a shipped actor's phrases ("mr obama") join the curated actor of that name, and its roles that ended before
    the curated roles begin stay as they were (Putin's years as prime minister before 2012).
    """
    by_name: dict[str, list[dict[str, Any]]] = {}
    for actor in curated:
        by_name.setdefault(actor["name"].lower(), []).append(actor)
    for actor in shipped:
        mine = by_name.get(actor["name"].lower())
        if mine is None:
            yield actor
            continue
        mine[0]["phrases"] = list(dict.fromkeys(mine[0]["phrases"] + actor["phrases"]))
        first = min((role["start"] or "0000" for item in mine for role in item["roles"]), default="0000")
        earlier = [role for role in actor["roles"] if role["end"] and role["end"] <= first]
        if earlier:  # indexed like a curated actor, so the curated roles do not push it out of shared phrases
            yield {**actor, "roles": earlier, "override": True}
    yield from curated


@lru_cache(maxsize=8)
def load_actor_lexicon(override: str | None) -> ActorLexicon:
    """Return the actor lexicon for one override path (None = shipped and curated only), cached."""
    actors = list(curate_shipped(read_shipped_actors(), read_curated_actors()))
    return ActorLexicon(merge_override(actors, read_override(override)) if override else actors)


def read_curated_actors() -> list[dict[str, Any]]:
    """Return flashpoint's curated actors (CURATED_ACTOR_FILES, in order), applied before a user override."""
    actors: list[dict[str, Any]] = []
    for name in CURATED_ACTOR_FILES:
        with as_file(files(__package__) / "dictionaries" / name) as path:
            actors += read_override(str(path))
    return actors


# ---------------------------------------------------------------- agents


class AgentLexicon:
    """Generic role nouns ("police", "prime minister") -> CAMEO sector codes, from Phoenix.agents.txt."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self._codes = {phrase_key(phrase): code for phrase, code, kind in rows if kind == "sector"}
        self._max_len = max((len(key) for key in self._codes), default=0)

    @classmethod
    def load(cls) -> "AgentLexicon":
        """Return the shipped agent lexicon, parsed once per process."""
        return load_agent_lexicon()

    def code_for(self, words: Sequence[str]) -> str | None:
        """Return the full agent code ("GOVBUS") of the phrase, else of its longest known ending."""
        tokens = [token for token, _ in normalize_words(words)]
        for start in range(max(0, len(tokens) - self._max_len), len(tokens)):
            code = self._codes.get(tuple(tokens[start:]))
            if code:
                return code
        return None

    def sector_for(self, words: Sequence[str]) -> str | None:
        """Return the primary sector code ("COP", "GOV", "MIL") of a role noun phrase, or None."""
        code = self.code_for(words)
        return code[:3] if code else None


@lru_cache(maxsize=1)
def load_agent_lexicon() -> AgentLexicon:
    """Return the shipped agent lexicon (cached)."""
    lines = read_data_file(AGENTS_FILE).decode("utf-8").splitlines()[1:]
    return AgentLexicon([tuple(line.split("\t")) for line in lines if line])
