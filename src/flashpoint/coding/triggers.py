"""Find event triggers in a parsed sentence and code them with CAMEO through the dictionaries."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .lexicon import VerbLexicon, VerbMatch
from .roles import is_relative_subject

# Clause dependents whose lemmas PETRARCH-style patterns may name after the verb.
AFTER_DEPS = frozenset({"dobj", "prep", "pobj", "dative", "attr", "xcomp", "ccomp", "prt", "acomp", "oprd", "compound", "amod",
                        "advcl"})
MAX_AFTER_WORDS = 12
# Verbs that are an act only when they fall on someone: "police dispersed the protesters" (or "were dispersed"),
# not "the protesters dispersed".
OBJECT_VERBS = frozenset({"disperse"})
# Linking verbs: with an adjective or noun complement they describe a state, not an act ("the future of US troops
# remains uncertain"; but "US troops will remain in Iraq" is coded).
LINKING_VERBS = frozenset({"remain", "stay", "become", "seem", "appear", "prove", "look"})
NO_EVENT = "---"  # a flashpoint verb-table code that suppresses the verb (and PETRARCH's default for it)
# Reporting verbs introduce who says what: they become the report's attribution, never an event of their own
# (PETRARCH-2's "say" patterns code the reported content instead, which the complement verb already carries).
NON_TRIGGER_VERBS = frozenset({"say", "tell", "add", "state", "note", "write", "quote", "report", "accord"})
# "said that Libya must hand over": a statement that someone must act is a demand (CAMEO 10) on that someone.
OBLIGATION_AUX = frozenset({"must", "should"})
DEMAND_CODE = "100"
SPEAKING_VERBS = frozenset({"say", "state", "reiterate", "conclude", "insist", "stress", "declare", "tell", "add",
                            "argue", "write", "announce", "maintain", "repeat", "assert", "emphasize", "emphasise"})
# Nouns whose modifier changes the event: "hunger strike" is a protest (142), not a military strike.
COMPOUND_NOUNS = {("strike", "hunger"): "142", ("strike", "general"): "143"}


@dataclass(frozen=True)
class Trigger:
    """A token that triggers an event, its CAMEO code, and the pattern that matched."""

    token: object
    code: str
    pattern: str
    nominal: bool


def read_table(name: str) -> list[list[str]]:
    """Return the tab-separated rows of a coding dictionary file, without comment and blank lines."""
    path = resources.files("flashpoint.coding") / "dictionaries" / name
    lines = path.read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def noun_triggers() -> dict[str, str]:
    """Return the nominal trigger table: lemma -> CAMEO code (dictionaries/nouns.v1.tsv)."""
    return {row[0]: row[1] for row in read_table("nouns.v1.tsv") if len(row) >= 2}


def after_words(verb) -> list[str]:
    """Return lemmas of the verb's right-hand clause dependents, in order (for pattern matching); a relative clause
    describes its noun and is no part of the verb's own phrase ("support a resolution that aims to tighten sanctions"
    is no sanction)."""
    words = []
    described = {t.i for c in verb.subtree if c.dep_ == "relcl" and c.i > verb.i for t in c.subtree}
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.dep_ not in AFTER_DEPS or tok.i in described:
            continue
        words.append(prefixed_lemma(tok))
        if len(words) >= MAX_AFTER_WORDS:
            break
    return words


def prefixed_lemma(tok) -> str:
    """Return the token's lemma with a split "non-" prefix kept: "non-emergency staff" names no emergency."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "non":
        return "non-" + tok.lemma_.lower()
    return tok.lemma_.lower()


def before_words(verb) -> list[str]:
    """Return lemmas of the verb's left-hand dependents (adverbs, auxiliaries) in order."""
    return [c.lemma_.lower() for c in verb.lefts if c.dep_ not in ("nsubj", "nsubjpass", "punct")]


@lru_cache(maxsize=1)
def flashpoint_verbs() -> dict[str, list[tuple[frozenset[str], str]]]:
    """Return flashpoint's own verb codes (dictionaries/verbs_flashpoint.v1.tsv): lemma -> [(cue words, code)]."""
    table: dict[str, list[tuple[frozenset[str], str]]] = {}
    cue_sets: dict[str, frozenset[str]] = {}  # "@weapons" rows name a cue set the rows below it may use
    for lemma, cues, *rest in read_table("verbs_flashpoint.v1.tsv"):
        words = frozenset(w for cue in filter(None, cues.split(",")) for w in cue_sets.get(cue, (cue,)))
        if lemma.startswith("@"):
            cue_sets[lemma] = words
        else:
            table.setdefault(lemma, []).append((words, rest[0]))
    return table


def match_flashpoint_verb(lemma: str, words: set[str]) -> VerbMatch | None:
    """Return flashpoint's own code for a verb when its cue words appear in the clause, else None."""
    for cues, code in flashpoint_verbs().get(lemma, []):
        if not cues or cues & words:
            return VerbMatch(code=code, pattern=f"flashpoint:{lemma}" + (f" [{'|'.join(sorted(cues))}]" if cues else ""),
                             verb=lemma)
    return None


def subject_words(verb) -> list[str]:
    """Return lemmas of the verb's subject phrase (PETRARCH patterns may name the subject before the verb); a
    relative pronoun stands for the noun phrase its clause modifies ("protesters who stormed")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return []
    tokens = list(subject.subtree)
    if is_relative_subject(subject):
        tokens = [t for t in verb.head.subtree if t.i <= verb.head.i]
    return [t.lemma_.lower() for t in tokens] + [t.lower_ for t in tokens]


def match_verb(verb, lexicon: VerbLexicon) -> VerbMatch | None:
    """Return the CAMEO match for a verb token in its clause: flashpoint's table first, then PETRARCH-2's."""
    if verb.lemma_.lower() in OBJECT_VERBS and not any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return None  # "the crowd dispersed": the subject's own movement, not an act on anyone
    if verb.lemma_.lower() in LINKING_VERBS and any(c.dep_ in ("acomp", "attr") for c in verb.children):
        return None
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    after, before = after_words(verb), before_words(verb) + subject_words(verb)
    lemma = verb.lemma_.lower()
    own = match_flashpoint_verb(lemma, set(after) | set(before) | {particle or ""})
    if own is not None:
        return None if own.code == NO_EVENT else own
    return lexicon.lookup(lemma, particle=particle, after=after, before=before)


def is_trigger_candidate(tok) -> bool:
    """Return True for a verb that can trigger an event: not a reporting verb, not "according to"."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() not in NON_TRIGGER_VERBS and tok.lower_ != "according"


def has_obligation_complement(verb) -> bool:
    """Return True when a verb reports that someone must act: "reiterated that Libya must hand over"."""
    return verb.lemma_.lower() in SPEAKING_VERBS and any(
        c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in OBLIGATION_AUX for a in c.children)
        and any(a.dep_ in ("nsubj", "nsubjpass") and a.pos_ != "PRON" for a in c.children)
        for c in verb.children)


def code_noun(tok) -> str | None:
    """Return the CAMEO code of a nominal trigger, or None; modifiers may change it ("hunger strike")."""
    lemma = tok.lemma_.lower()
    for child in tok.children:
        code = COMPOUND_NOUNS.get((lemma, child.lower_))
        if code:
            return code
    return noun_triggers().get(lemma)


def find_triggers(sent, lexicon: VerbLexicon) -> list[Trigger]:
    """Return verbal and nominal triggers in a sentence, in text order."""
    found = []
    for tok in sent:
        if has_obligation_complement(tok):
            found.append(Trigger(tok, DEMAND_CODE, "flashpoint:must-complement", nominal=False))
        elif is_trigger_candidate(tok):
            match = match_verb(tok, lexicon)
            if match is not None:
                found.append(Trigger(tok, match.code, match.pattern, nominal=False))
        elif tok.pos_ == "NOUN" and code_noun(tok):
            found.append(Trigger(tok, code_noun(tok), "noun:" + tok.lemma_.lower(), nominal=True))
    return found
