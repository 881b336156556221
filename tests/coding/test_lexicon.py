"""Lexicon lookups against the shipped PETRARCH-2-derived data (no mocks)."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from flashpoint.coding.lexicon import ActorLexicon, AgentLexicon, VerbLexicon
from flashpoint.errors import InputError


@pytest.fixture(scope="module")
def verbs() -> VerbLexicon:
    return VerbLexicon.load()


@pytest.fixture(scope="module")
def actors() -> ActorLexicon:
    return ActorLexicon.load()


@pytest.fixture(scope="module")
def agents() -> AgentLexicon:
    return AgentLexicon.load()


# ---------------------------------------------------------------- verbs


@pytest.mark.parametrize(
    ("lemma", "kwargs", "code"),
    [
        ("attack", {}, "190"),
        ("accuse", {}, "112"),
        ("say", {}, "010"),
        ("demand", {}, "100"),
        ("meet", {}, "040"),
        ("demand", {"after": ["withdrawal"]}, "1056"),
        ("appear", {"after": ["in", "court"]}, "173"),
        ("call", {"particle": "for"}, "020"),
    ],
)
def test_verb_codes_from_the_real_dictionary(verbs, lemma, kwargs, code):
    assert verbs.lookup(lemma, **kwargs).code == code


def test_meet_with_is_the_phrasal_form_and_keeps_its_block_default(verbs):
    # The brief expected 036; CAMEO.2.0.txt lists MEET_WITH under MEET_PEOPLE [040] with no narrower pattern.
    match = verbs.lookup("meet", after=["with"])
    assert (match.code, match.verb, match.pattern) == ("040", "meet with", "default")


def test_pattern_match_reports_its_original_text(verbs):
    match = verbs.lookup("demand", after=["the", "withdrawal", "of", "troop"])
    assert match.code.startswith("10")
    assert match.pattern == "- * WITHDRAWAL [1056]"


def test_most_specific_pattern_wins(verbs):
    assert verbs.lookup("call", particle="for").code == "020"
    match = verbs.lookup("call", particle="for", after=["immediate", "ceasefire"])
    assert match.code == "0256"
    assert verbs.lookup("call for", after=["ceasefire"]) == match


def test_phrasal_verbs_resolve_from_particle_or_joined_lemma(verbs):
    assert verbs.lookup("pull", particle="out").verb == "pull out"
    assert verbs.lookup("pull out").code == verbs.lookup("pull", particle="out").code
    assert verbs.lookup("set", particle="up", after=["committee"]).code == "030"


def test_words_before_the_verb_and_paired_codes(verbs):
    match = verbs.lookup("stage", before=["troops"], after=["exercises"])
    assert (match.code, match.paired_code) == ("062", "062")
    without_subject = verbs.lookup("stage", after=["exercises"])
    assert without_subject is None or without_subject.pattern != match.pattern


def test_no_event_codes_give_none(verbs):
    assert verbs.lookup("avert", after=["attack"]) is None  # explicit "- * ATTACK [---]"
    assert verbs.lookup("accelerate") is None  # block default [---], no pattern matched
    assert verbs.lookup("frobnicate") is None


def rank_every_pattern(verbs, key, words, before):
    """The best (rank, pattern text) over all of a key's patterns, with no index: what the index must reproduce."""
    patterns = [p for block in verbs._verbs[key]["blocks"] for p in verbs._blocks[block]]
    ranks = [(verbs.rank_pattern(p, key, words, before, -i), p.text) for i, p in enumerate(patterns, start=1)]
    ranks = [r for r in ranks if r[0] is not None]
    return max(ranks) if ranks else None


def clauses_from_patterns(verbs, key):
    """Clauses a key's own patterns would match, plus each with its first word dropped (so it must fail)."""
    patterns = [p for block in verbs._verbs[key]["blocks"] for p in verbs._blocks[block]]
    for pattern in patterns:
        after = [w for slot in pattern.after for w in slot[0]]
        before = [w for slot in pattern.before for w in slot[0]]
        yield after, before
        yield after[1:], before
        yield ["the"] + after + ["of", "troop"], before[1:]


@pytest.mark.parametrize("key", ["attack", "demand", "ask for", "stage", "say", "set up", "launch", "reopen"])
def test_pattern_index_ranks_exactly_as_every_pattern_would(verbs, key):
    for words, before in clauses_from_patterns(verbs, key):
        expected = rank_every_pattern(verbs, key, words, before)
        found = [(verbs.rank_pattern(p, key, words, before, order), p.text)
                 for order, p in verbs.pattern_index(key).candidates(words, before)]
        found = [r for r in found if r[0] is not None]
        assert (max(found) if found else None) == expected, (key, words, before)


def test_verb_file_is_versioned_and_attributed():
    document = json.loads((files("flashpoint.coding") / "dictionaries" / "verbs.v1.json").read_text())
    assert document["version"] == "v1"
    assert "676801cd9cb2924bbbad09f86d15c9323e7097bf" in document["source"]
    assert (files("flashpoint.coding") / "dictionaries" / "LICENSE.petrarch2").is_file()


# ---------------------------------------------------------------- actors


def test_us_president_role_depends_on_the_date(actors):
    assert actors.lookup(["barack", "obama"], on_date="2010-06-01").code == "USAGOV"
    assert actors.lookup(["obama"], on_date="1995-01-01").code == "USAELI"
    assert actors.lookup(["george", "w.", "bush"], on_date="2005-01-01").code == "USAGOV"
    assert actors.lookup(["george", "w.", "bush"], on_date="2012-01-01").code == "USAELI"


def test_without_a_date_the_latest_role_is_used(actors):
    entry = actors.lookup(["President", "Obama"])
    assert (entry.name, entry.country, entry.sector, entry.code) == ("Barack Obama", "USA", "GOV", "USAGOV")


def test_colliding_phrase_prefers_the_actor_valid_on_the_date(actors):
    # "president bush" names both George Bush (USAGOV 1989-1993) and George W. Bush (USAGOV 2001-2009).
    assert actors.lookup(["president", "bush"], on_date="1990-06-01").name == "George Bush"
    assert actors.lookup(["president", "bush"], on_date="2005-06-01").name == "George W. Bush"
    assert actors.lookup(["president", "bush"]).name == "George W. Bush"
    assert actors.lookup(["ban", "ki", "-", "moon"], on_date="2005-06-01").code == "KORGOVBUS"
    # As Secretary-General the curated actor KB (actors_officials.v1.yaml) codes him UNO GOV, over Phoenix's IGOUNO.
    assert actors.lookup(["ban", "ki", "-", "moon"], on_date="2010-06-01").code == "UNOGOV"


def test_longest_match_spans_source_words(actors):
    words = ["Yesterday", "U.S.", "President", "Barack", "Obama", "said"]
    start, end, entry = actors.longest_match(words, on_date="2012-01-01")
    assert (start, end, entry.code) == (1, 5, "USAGOV")
    assert actors.longest_match(["nothing", "here", "qwzx"]) is None
    assert actors.max_phrase_len() >= 5


def test_punctuation_variants_meet(actors):
    assert actors.lookup(["U.S."]).country == "USA"
    assert actors.lookup(["u.s", "."]).country == "USA"
    assert actors.lookup(["united", "nations"]).country == "IGO"


def write_override(tmp_path, text: str, name: str = "actors.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_override_adds_and_replaces_actors(tmp_path):
    path = write_override(tmp_path, """
- name: Zorblatt Liberation Front
  phrases: [zlf, zorblatt front]
  country: ZZZ
  sector: REB
  wikidata: Q0000001
  start: 2020-01-01
- name: Obama Foundation
  phrases: [obama]
  country: USA
  sector: NGO
""")
    lexicon = ActorLexicon.load(path)
    added = lexicon.lookup(["the", "zorblatt", "front"]) or lexicon.lookup(["zorblatt", "front"])
    assert (added.name, added.country, added.sector, added.code, added.wikidata) == (
        "Zorblatt Liberation Front", "ZZZ", "REB", "ZZZREB", "Q0000001")
    assert lexicon.lookup(["obama"]).name == "Obama Foundation"  # override phrase wins
    assert lexicon.lookup(["barack", "obama"]).name == "Barack Obama"  # other shipped phrases stay
    assert ActorLexicon.load(path) is lexicon
    assert ActorLexicon.load().lookup(["obama"]).name == "Barack Obama"


def test_override_with_a_shipped_name_replaces_that_actor(tmp_path):
    path = write_override(tmp_path, "- name: Barack Obama\n  phrases: [barack obama]\n  country: USA\n  sector: ELI\n")
    lexicon = ActorLexicon.load(path)
    assert lexicon.lookup(["barack", "obama"], on_date="2010-01-01").code == "USAELI"
    assert lexicon.lookup(["president", "obama"]) is None


def test_malformed_override_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        ActorLexicon.load(write_override(tmp_path, "name: not a list\n"))
    with pytest.raises(InputError):
        ActorLexicon.load(write_override(tmp_path, "- phrases: [x]\n", "no_name.yaml"))
    with pytest.raises(InputError):
        ActorLexicon.load(write_override(tmp_path, "- name: X\n  start: last year\n", "bad_date.yaml"))


# ---------------------------------------------------------------- agents


@pytest.mark.parametrize(
    ("words", "sector"),
    [
        (["police"], "COP"),
        (["parliament"], "LEG"),
        (["troops"], "MIL"),
        (["prime", "minister"], "GOV"),
        (["the", "foreign", "minister"], "GOV"),
        (["rebels"], "REB"),
        (["teapot"], None),
    ],
)
def test_agent_sectors(agents, words, sector):
    assert agents.sector_for(words) == sector


def test_lexicons_are_loaded_once():
    assert VerbLexicon.load() is VerbLexicon.load()
    assert ActorLexicon.load() is ActorLexicon.load()
    assert AgentLexicon.load() is AgentLexicon.load()
