"""The instrument of one event ("rockets", "a roadside bomb") and the PLOVER ASSAULT mode it implies.

Weapon words come from dictionaries/weapons.v1.tsv, loaded once per process. Only words inside the trigger's
event region (the same clauses magnitude.py reads counts from) are candidates; among them the one tied to the
trigger most directly wins: part of the trigger ("rocket attack", "drone strike"), then its subject or object or a
"with"/"using"/"by" phrase ("were hit by rockets"), then the nearest in the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ..records import Span
from .magnitude import find_clause_head, find_event_region, tree_distance

WEAPONS_FILE = "weapons.v1.tsv"
# Link ranks, best first.
RANK_PART_OF_TRIGGER = 0
RANK_DIRECT = 1
RANK_IN_CLAUSE = 2
# Prepositions that introduce an instrument ("with rockets", "by mortar fire", "in a drone strike").
INSTRUMENT_PREPS = frozenset({"with", "by", "using", "in", "from", "under"})
DIRECT_DEPS = frozenset({"nsubj", "dobj", "agent"})
MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
# Left dependents kept in the weapon's text ("a powerful bomb"); counts and owners are left out
# ("three rockets" -> "rockets", "army helicopters" -> "helicopters").
TEXT_LEFT_DEPS = frozenset({"det", "amod"})
# Verbs whose object is the weapon used ("fired rockets", "planted a bomb"); any other verb's object or passive
# subject is what was hit, seized or sold ("destroyed six armored vehicles", "seized 20 rifles").
LAUNCH_VERBS = frozenset({
    "fire", "launch", "throw", "hurl", "lob", "use", "employ", "detonate", "explode", "drop", "plant", "set",
    "shoot", "unleash", "wield", "brandish", "rain", "deploy", "point", "aim",
})
# "<subject> armed with X" / "rigged with X": X is what the trigger's subject or object carries.
CARRYING_VERBS = frozenset({"arm", "rig", "load", "pack", "equip", "fit"})
# Nouns a weapon word may modify and still be the instrument ("mortar attack", "car bomb explosion").
ATTACK_NOUNS = frozenset({
    "attack", "strike", "fire", "explosion", "blast", "raid", "barrage", "charge", "shot", "round", "burst",
    "assault", "bombing", "shelling", "ambush", "salvo", "volley", "hit", "offensive",
})
# Prepositions that make a weapon the topic of the event, not its instrument ("talks on nuclear weapons").
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning", "against", "for"})
DETERMINERS = frozenset({"a", "an", "the", "some", "several", "two", "three", "many"})


@dataclass(frozen=True)
class WeaponLexicon:
    """Weapon terms by their first word, longest first, with each term's mode and link requirement."""

    by_first: dict[str, tuple[tuple[str, ...], ...]]
    modes: dict[tuple[str, ...], str | None]
    linked_only: frozenset[tuple[str, ...]]


@lru_cache(maxsize=1)
def load_weapon_lexicon() -> WeaponLexicon:
    """Return the shipped weapon lexicon (read once per process)."""
    text = (files(__package__) / "dictionaries" / WEAPONS_FILE).read_text(encoding="utf-8")
    modes: dict[tuple[str, ...], str | None] = {}
    linked: set[tuple[str, ...]] = set()
    for line in text.splitlines()[1:]:
        if not line.strip() or line.startswith("#") or line.startswith("term\t"):
            continue
        term, mode, flag = (line.split("\t") + ["", ""])[:3]
        for key in term_keys(term):
            modes[key] = mode or None
            if flag == "yes":
                linked.add(key)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in modes:
        by_first.setdefault(key[0], []).append(key)
    return WeaponLexicon({w: tuple(sorted(keys, key=len, reverse=True)) for w, keys in by_first.items()},
                         modes, frozenset(linked))


def term_keys(term: str) -> set[tuple[str, ...]]:
    """Return the word tuples a term matches: as written, and with its hyphens split ("ak-47", "ak 47")."""
    words = tuple(term.split())
    split = tuple(part for word in words for part in word.split("-") if part)
    return {words, split}


def find_object_weapon(verb) -> str | None:
    """Return the weapon a verb acts on ("seized a cache of rifles" -> "rifles"), or None when its object is none."""
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        for tok in obj.subtree:
            if is_weapon_word(tok):
                return tok.text
    return None


def is_weapon_word(tok) -> bool:
    """Return True for a token that is a weapon term of one word ("rockets", "mortar", "grenade")."""
    modes = load_weapon_lexicon().modes
    return any((form,) in modes for form in (tok.lemma_.lower(), *singular_forms(tok.lower_)))


def is_weapon_phrase(head) -> bool:
    """Return True for a noun that, with its compound modifiers, is a weapon term ("rockets", "mortar rounds")."""
    modes = load_weapon_lexicon().modes
    words = tuple(c.lower_ for c in head.lefts if c.dep_ == "compound")
    return any(words[start:] + (form,) in modes for start in range(len(words) + 1)
               for form in (head.lemma_.lower(), *singular_forms(head.lower_)))


def is_launched(verb, head) -> bool:
    """Return True for the weapon a launching verb sends ("fired rockets at", "mortar rounds were fired from"): the
    means of the act, neither its target nor its author."""
    if any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        return False  # "shot down 20 Russian drones": what is brought down is the target
    return verb.lemma_.lower() in LAUNCH_VERBS and is_weapon_phrase(head)


def mode_for_weapon(term: str) -> str | None:
    """Return the PLOVER ASSAULT mode a weapon's text implies ("a roadside bomb" -> "explosives"), else None."""
    lexicon = load_weapon_lexicon()
    words = [w for w in term.lower().replace("-", " - ").split() if w != "-"]
    while words and words[0] in DETERMINERS:
        words = words[1:]
    for start in range(len(words)):
        for last in singular_forms(words[-1]):
            key = tuple(words[start:-1]) + (last,)
            if key in lexicon.modes:
                return lexicon.modes[key]
    return None


def singular_forms(word: str) -> tuple[str, ...]:
    """Return a word and its likely singulars ("shells" -> "shell", "rifles" -> "rifle")."""
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return tuple(forms)


def find_weapon(sent, trigger_i: int) -> tuple[str, Span] | None:
    """Return (text, character span) of the instrument of the event at ``trigger_i``, or None when none is stated."""
    lexicon = load_weapon_lexicon()
    terms = find_weapon_terms(sent, lexicon)
    if not terms:
        return None  # most sentences name no weapon: skip the parse walk
    trigger = sent.doc[trigger_i]
    region = {tok.i for tok in find_event_region(sent, trigger)}
    best = None
    for tokens, key in terms:
        head = find_phrase_head(tokens)
        if head.pos_ in ("VERB", "AUX"):
            continue  # "bombed", "shelled": the act, not a stated instrument
        if is_excluded(head, trigger):
            continue
        rank = rank_link(head, tokens, trigger)
        if rank > RANK_DIRECT and (head.i not in region or key in lexicon.linked_only and not is_weapon_slot(head)):
            continue
        score = (rank, tree_distance(head, trigger), head.i)
        if best is None or score < best[0]:
            best = (score, tokens, head)
    if best is None:
        return None
    start, end = weapon_extent(best[1], best[2])
    return sent.text[start - sent.start_char:end - sent.start_char], (start, end)  # Doc.text rebuilds the whole doc


def find_weapon_terms(sent, lexicon: WeaponLexicon) -> list[tuple[list, tuple[str, ...]]]:
    """Return every lexicon term in the sentence as (its tokens, its key), longest match first at each token."""
    words = [tok for tok in sent if tok.text != "-"]
    found, skip_to = [], -1
    for pos, tok in enumerate(words):
        if pos < skip_to:
            continue
        for key in candidate_keys(tok, lexicon):
            tokens = match_term(words, pos, key)
            if tokens:
                found.append((tokens, key))
                skip_to = pos + len(tokens)
                break
    return found


def candidate_keys(tok, lexicon: WeaponLexicon) -> tuple[tuple[str, ...], ...]:
    """Return the terms that may start at a token, by its surface form or lemma."""
    found = [keys for form in set(token_forms(tok)) if (keys := lexicon.by_first.get(form))]
    if len(found) < 2:
        return found[0] if found else ()
    return tuple(sorted(set().union(*found), key=lambda key: (-len(key), key)))


def match_term(words: list, pos: int, key: tuple[str, ...]) -> list:
    """Return the tokens from ``pos`` that spell ``key`` (each by surface form or lemma), else []."""
    if pos + len(key) > len(words):
        return []
    tokens = words[pos:pos + len(key)]
    for tok, word in zip(tokens, key):
        if word not in token_forms(tok):
            return []
    return tokens


def token_forms(tok) -> tuple[str, ...]:
    """Return the forms a token may match a lexicon word by: surface, lemma, and a naive singular ("ak-47s")."""
    lower = tok.lower_
    return (lower, tok.lemma_.lower(), lower[:-1] if lower.endswith("s") else lower)


def find_phrase_head(tokens: list):
    """Return the token of a multi-word term whose head lies outside it (the noun of "roadside bomb")."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])


def is_excluded(head, trigger) -> bool:
    """Return True for a weapon word that is not this event's instrument (see the predicates it combines)."""
    if is_sibling_event(head, trigger) or is_modifier_of_other_thing(head, trigger):
        return True
    return is_not_instrument(head, trigger) and not is_relative_subject(head, trigger)


def is_not_instrument(head, trigger) -> bool:
    """Return True for a weapon that is hit, handled or talked about ("seized rifles", "talks on nuclear weapons")."""
    first = find_role_bearer(head, trigger)
    if first.i == trigger.i:
        return False  # "dynamite attacks": the weapon is part of the trigger's own phrase
    if first.dep_ in ("dobj", "nsubjpass") and first.head.lemma_.lower() not in LAUNCH_VERBS:
        return True
    return first.dep_ == "pobj" and first.head.lower_ in TOPIC_PREPS


def find_role_bearer(tok, trigger):
    """Return the word whose relation places a weapon in its clause ("seized rifles, a cannon and 6 sticks of
    dynamite" -> rifles), climbing through lists, appositions, compounds and "X of" phrases."""
    while tok.head.i != tok.i and tok.i != trigger.i:
        if tok.dep_ in ("conj", "appos", "compound"):
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i != tok.head.i:
            tok = tok.head.head
        else:
            break
    return tok


def is_modifier_of_other_thing(head, trigger) -> bool:
    """Return True for a weapon word naming another thing ("bomb squad", "grenade launchers"), not an attack."""
    return head.dep_ == "compound" and head.head.i != trigger.i and head.head.lemma_.lower() not in ATTACK_NOUNS


def is_sibling_event(head, trigger) -> bool:
    """Return True for a weapon inside a conjunct of a noun trigger ("bombings, mortar attacks": not the bombings')."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    siblings = {c.i for c in trigger.conjuncts}
    tok = head
    while tok.i != trigger.i and tok.i not in siblings and tok.head.i != tok.i:
        tok = tok.head
    return tok.i in siblings


def rank_link(head, tokens: list, trigger) -> int:
    """Return how directly a weapon is tied to the trigger (see the RANK_ constants)."""
    if any(t.i == trigger.i for t in tokens) or (head.head.i == trigger.i and head.dep_ in MODIFIER_DEPS):
        return RANK_PART_OF_TRIGGER
    for tok in [head, *head.conjuncts]:
        if is_direct_argument(tok, trigger) or is_armed_with(tok, trigger):
            return RANK_DIRECT
    return RANK_IN_CLAUSE


def is_direct_argument(tok, trigger) -> bool:
    """Return True for the trigger's subject or object, or the object of its "with"/"by"/"using" phrase."""
    if tok.head.i == trigger.i and tok.dep_ in DIRECT_DEPS:
        return True
    if is_relative_subject(tok, trigger):
        return True
    prep = tok.head
    if tok.dep_ == "pobj" and prep.lower_ in INSTRUMENT_PREPS and prep.dep_ in ("prep", "agent"):
        return prep.head.i == trigger.i or is_using_clause(prep.head, trigger)
    return tok.dep_ == "dobj" and is_using_clause(tok.head, trigger)


def is_relative_subject(tok, trigger) -> bool:
    """Return True when the trigger's clause is a relative clause whose subject stands for ``tok``.

    "the rockets, which did not hit", "explosives that caused heavy damage".
    """
    clause = find_clause_head(trigger)
    while clause.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in clause.children):
        clause = clause.head  # "a bomb, which shattered the windows and destroyed ..."
    if clause.dep_ != "relcl" or clause.head.i != tok.i:
        return False
    return any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in clause.children)


def is_weapon_slot(tok) -> bool:
    """Return True for a word in a weapon's place in its own clause ("set off a mine", "hit by a stone")."""
    head = tok.head
    if tok.dep_ == "nsubj" or tok.dep_ == "dobj" and head.lemma_.lower() in LAUNCH_VERBS:
        return True
    return tok.dep_ == "pobj" and head.lower_ in INSTRUMENT_PREPS and head.dep_ in ("prep", "agent")


def is_armed_with(tok, trigger) -> bool:
    """Return True for "gunmen armed with rifles killed ...", "a truck rigged with dynamite exploded"."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "with" or prep.head.lemma_.lower() not in CARRYING_VERBS:
        return False
    holder = prep.head.head
    return holder.head.i == trigger.i and holder.dep_ in DIRECT_DEPS


def is_using_clause(verb, trigger) -> bool:
    """Return True for "..., using drones" hanging from the trigger or from its subject or object."""
    if verb.lemma_.lower() not in ("use", "employ") or verb.dep_ not in ("advcl", "xcomp", "acl", "conj"):
        return False  # "denied that rebels used ...": a reported use is another event
    holder = verb.head
    return holder.i == trigger.i or (verb.dep_ == "acl" and holder.head.i == trigger.i and holder.dep_ in DIRECT_DEPS)


def weapon_extent(tokens: list, head) -> Span:
    """Return the character span of a weapon phrase: the term plus its article and modifiers, not its count."""
    start_tok = tokens[0]
    for child in reversed(list(head.lefts)):
        if child.i < start_tok.i and child.right_edge.i == start_tok.i - 1 and child.dep_ in TEXT_LEFT_DEPS:
            start_tok = child.left_edge  # "a medium-sized bomb"
    end_tok = tokens[-1]
    return start_tok.idx, end_tok.idx + len(end_tok.text)
