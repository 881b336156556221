"""Casualty and arrest counts of one event: dead, injured, arrested, read off the trigger's clauses.

A count is taken only from the victim of a casualty word ("killing three", "12 people were killed",
"two soldiers dead", "arrested 40 protesters") inside the trigger's event region: the trigger's clause and the
clauses that describe the same event ("..., killing three", "... when a bomb exploded", "... and five wounded").
Clauses about other events are left out: "after ..."/"before ..." clauses, reported content ("said that ..."),
and relative clauses on other nouns ("the militants who killed five"). Numbers that are not a victim's count
(dates, "three rockets", "5 km") are never read, because only a casualty word's victim is counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Span

DEAD, INJURED, ARRESTED = "dead", "injured", "arrested"

# Casualty words by the field they count, matched on lower-cased lemma or surface form.
CUE_FIELDS: dict[str, str] = {
    **dict.fromkeys(("kill", "killed", "die", "slay", "slain", "murder", "assassinate", "execute", "massacre",
                     "behead", "dead", "death", "fatality", "toll", "perish"), DEAD),
    **dict.fromkeys(("injure", "injured", "wound", "wounded", "hurt", "maim", "injury"), INJURED),
    **dict.fromkeys(("arrest", "arrested", "detain", "detained", "apprehend", "jail", "imprison", "nab",
                     "detention"), ARRESTED),
}
# "casualties" covers dead and injured together: only "no casualties" is read (as 0 dead, 0 injured).
BOTH_CUES = frozenset({"casualty", "casualties"})
# Vague amounts are coded as their conservative lower reading, as ACLED codes "dozens" as 12 and
# "hundreds" as 100; "several", "many" and "some" give no number.
VAGUE_COUNTS: dict[str, int] = {"dozen": 12, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000}
WORD_NUMBERS: dict[str, int] = {
    word: value for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split())
} | {word: 10 * (i + 2) for i, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# A singular person noun as victim ("a soldier was killed") counts one; these singular nouns name groups.
GROUP_NOUNS = frozenset({
    "family", "crowd", "group", "convoy", "patrol", "unit", "village", "town", "city", "people", "population",
    "force", "team", "squad", "battalion", "brigade", "company", "staff", "crew", "personnel", "police",
    "army", "military", "militia", "gang", "cell", "community", "household", "everyone", "anyone", "all",
})
NEAR_MISS = frozenset({"almost", "nearly"})
ONE_PRONOUNS = frozenset({"he", "she", "him", "her"})
NOBODY = frozenset({"nobody", "none", "noone"})
ANYBODY = frozenset({"anyone", "anybody"})
# Entity types of numbers that are never head counts.
NON_COUNT_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
# Entity types of a proper noun that is not one person.
NON_PERSON_ENTS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT"})
# Dependency labels that head a clause, and those whose clause tells the same event as its head's.
CLAUSE_DEPS = frozenset({"ROOT", "advcl", "conj", "ccomp", "xcomp", "relcl", "acl", "parataxis", "csubj",
                         "pcomp", "oprd"})
SAME_EVENT_UP_DEPS = frozenset({"advcl", "conj", "xcomp", "acl", "oprd", "pcomp"})
# Markers and prepositions that introduce another event ("a week after 30 people were killed").
OTHER_EVENT_MARKERS = frozenset({"after", "before", "since", "until", "till", "following", "unless", "if",
                                 "because", "despite", "although", "though", "than", "like", "amid"})
# Left dependents that belong to a victim phrase's evidence ("at least 12", "no", "a").
PHRASE_LEFT_DEPS = frozenset({"nummod", "quantmod", "det", "amod", "compound", "advmod", "nmod"})


@dataclass(frozen=True)
class Magnitude:
    """Counts stated for one event (None when the text gives none) and the text span each was read from."""

    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    dead_span: Span | None = None
    injured_span: Span | None = None
    arrested_span: Span | None = None


def find_magnitude(sent, trigger_i: int) -> Magnitude:
    """Return the dead, injured and arrested counts the sentence states for the event at ``trigger_i``."""
    cues = {tok.i: field for tok in sent if (field := cue_field(tok))}
    if not cues:
        return Magnitude()  # most sentences state no casualties: skip the parse walk
    trigger = sent.doc[trigger_i]
    best: dict[str, tuple[int, int, Span]] = {}
    for tok in find_event_region(sent, trigger):
        field = cues.get(tok.i)
        if field is None:
            continue
        if any(c.dep_ == "advmod" and c.lower_ in NEAR_MISS for c in tok.children):
            continue  # "was almost killed": nobody was
        found = read_cue_count(tok)
        if found is None:
            continue
        value, span = found
        if field == "both" and value != 0:
            continue  # "20 casualties" mixes dead and injured: no number for either
        rank = tree_distance(tok, trigger)
        for name in (DEAD, INJURED) if field == "both" else (field,):
            if name not in best or rank < best[name][0]:
                best[name] = (rank, value, span)
    values = {name: (v, s) for name, (_, v, s) in best.items()}
    return Magnitude(**{name: values[name][0] for name in values},
                     **{name + "_span": values[name][1] for name in values})


def cue_field(tok) -> str | None:
    """Return which field a casualty word counts ("dead", "injured", "arrested", "both"), else None."""
    lower = tok.lower_
    if lower in BOTH_CUES:
        return "both"
    return CUE_FIELDS.get(tok.lemma_.lower()) or CUE_FIELDS.get(lower)


def find_clause_head(tok):
    """Return the head of the clause a token belongs to (itself when it heads one).

    A phrase led by "after", "since", ... counts as a clause of its own: "since the 1932 massacre" is not
    part of the event the surrounding clause tells.
    """
    while tok.head.i != tok.i and not (tok.dep_ in CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX", "ADJ")):
        if tok.dep_ == "prep" and tok.lower_ in OTHER_EVENT_MARKERS:
            return tok
        tok = tok.head
    return tok


def is_other_event_clause(tok) -> bool:
    """Return True when ``tok`` heads a clause or phrase that reports a different event than its head."""
    dep = tok.dep_
    if dep == "prep":
        return tok.lower_ in OTHER_EVENT_MARKERS
    if dep in ("relcl", "acl", "ccomp", "parataxis", "csubj"):
        return True
    if dep == "advcl":
        return any(c.dep_ in ("mark", "prep", "advmod") and c.lower_ in OTHER_EVENT_MARKERS for c in tok.children)
    return False


def find_event_region(sent, trigger) -> list:
    """Return the tokens of the clauses that tell the trigger's event, trigger first."""
    top = find_clause_head(trigger)
    # Up through an "acl" too: "five wounded in the ambush" tells the ambush's toll.
    while top.dep_ in SAME_EVENT_UP_DEPS and top.head.i != top.i and (
            top.dep_ == "acl" or not is_other_event_clause(top)):
        top = find_clause_head(top.head)
    tokens, stack = [], [top]
    while stack:
        tok = stack.pop()
        tokens.append(tok)
        for child in tok.children:
            inside = child.left_edge.i <= trigger.i <= child.right_edge.i
            if inside or is_trigger_modifier(child, trigger) or not is_other_event_clause(child):
                stack.append(child)
    return tokens


def is_trigger_modifier(child, trigger) -> bool:
    """Return True for a clause that describes a noun trigger ("the bombing, which killed 12")."""
    return child.head.i == trigger.i and child.dep_ in ("relcl", "acl") and trigger.pos_ in ("NOUN", "PROPN")


def tree_distance(tok, trigger) -> int:
    """Return the number of dependency arcs between two tokens of one sentence."""
    depth = {}
    node, steps = trigger, 0
    while True:
        depth[node.i] = steps
        if node.head.i == node.i:
            break
        node, steps = node.head, steps + 1
    node, steps = tok, 0
    while node.i not in depth and node.head.i != node.i:
        node, steps = node.head, steps + 1
    return steps + depth.get(node.i, steps)


def read_cue_count(cue) -> tuple[int, Span] | None:
    """Return (count, evidence span) for a casualty word's victim, or None when no count is stated."""
    if cue.pos_ in ("NOUN", "PROPN") or any(c.dep_ == "nummod" for c in cue.children):
        return read_noun_count(cue)
    victim = find_victim(cue)
    if victim is None:
        return None
    if is_negated_any(cue, victim):
        return 0, join_spans(cue, victim)
    value = count_victims(victim)
    return None if value is None else (value, join_spans(cue, victim))


def read_noun_count(cue) -> tuple[int, Span] | None:
    """Return (count, span) for a count noun: "12 deaths", "no casualties", "the deaths of 12", "toll rose to 45"."""
    if is_negated_any(cue, cue):
        return 0, join_spans(cue, cue)
    value = count_one(cue, single=False)
    if value is not None:
        return value, join_spans(cue, cue)
    holder = find_phrase_count(cue)
    value = None if holder is None else count_one(holder, single=True)
    return None if value is None else (value, join_spans(cue, holder))


def find_victim(cue):
    """Return the token naming who was killed, hurt or arrested by a verb or adjective casualty word."""
    children = {c.dep_: c for c in cue.children}
    if "nsubjpass" in children:
        return resolve_relative(children["nsubjpass"], cue)
    if cue.pos_ == "ADJ":
        if "nsubj" in children:
            return children["nsubj"]
        return find_victim(cue.head) if cue.dep_ in ("oprd", "advmod", "acomp", "xcomp", "ccomp") else None
    if "dobj" in children:
        return children["dobj"]
    if cue.dep_ in ("acl", "amod") and cue.tag_ == "VBN":
        return cue.head  # "12 people killed in the blast"
    if "nsubj" in children and (cue.tag_ == "VBN" or cue.lemma_.lower() in ("die", "perish")):
        return resolve_relative(children["nsubj"], cue)  # "three died", "1,200 injured"
    if cue.dep_ == "conj" and "nsubj" not in children and is_passive(cue):
        return find_shared_subject(cue)  # "soldiers were on a visit and were wounded"
    return None


def is_passive(verb) -> bool:
    """Return True for a passive verb form ("were wounded")."""
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children)


def find_shared_subject(verb):
    """Return the subject a conjoined verb shares with the first verb of its coordination, if any."""
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return next((c for c in first.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def resolve_relative(tok, cue):
    """Return the noun a relative pronoun stands for ("people who were killed" -> people)."""
    if tok.tag_ in ("WP", "WDT") and cue.dep_ == "relcl":
        return cue.head
    return tok


def is_negated_any(cue, victim) -> bool:
    """Return True for "no one was hurt", "no casualties", "nobody died", "did not arrest anyone"."""
    if victim.lower_ in NOBODY:
        return True
    if any(c.dep_ == "det" and c.lower_ == "no" for c in victim.children):
        return True
    if victim.head.dep_ == "prep" and victim.head.lower_ == "without" and victim.dep_ == "pobj":
        return True
    return victim.lower_ in ANYBODY and any(c.dep_ == "neg" for c in cue.children)


def count_victims(victim) -> int | None:
    """Return the head count of a victim and its conjuncts ("a policeman and two civilians" -> 3)."""
    total, found = 0, False
    for tok in [victim, *[c for c in victim.conjuncts if c.i > victim.i]]:
        value = count_one(tok, single=True)
        if value is not None:
            total, found = total + value, True
    return total if found else None


def count_one(tok, *, single: bool) -> int | None:
    """Return the count of one victim noun or number (with ``single``, 1 for one person), else None."""
    if tok.ent_type_ in NON_COUNT_ENTS:
        return None
    if is_number_word(tok):
        return parse_number(find_number_run(tok))
    lower = tok.lower_
    if lower in VAGUE_COUNTS:
        return VAGUE_COUNTS[lower]
    for child in tok.children:
        if child.dep_ in ("det", "predet") and child.lower_ == "both":
            return 2
        if child.dep_ in ("nummod", "quantmod", "amod") and is_number_word(child) \
                and child.ent_type_ not in NON_COUNT_ENTS:
            return parse_number(find_number_run(child))
        if child.dep_ in ("nummod", "amod") and child.lower_ in VAGUE_COUNTS:
            return VAGUE_COUNTS[child.lower_]
    return 1 if single and is_single_person(tok) else None


def find_phrase_count(noun):
    """Return the word that holds a count noun's number: "the deaths of 12 people", "the death toll rose to 45"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((obj for obj in child.children if obj.dep_ == "pobj"), None)
    if noun.lemma_.lower() == "toll" and noun.dep_ == "nsubj":
        for prep in noun.head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("to", "at"):
                return next((obj for obj in prep.children if obj.dep_ == "pobj" and is_number_word(obj)), None)
    return None


def is_single_person(tok) -> bool:
    """Return True for one named or singular person ("a soldier", "the mayor", "Ali Hassan", "him")."""
    lower = tok.lower_
    if lower in ONE_PRONOUNS:
        return True
    if tok.ent_type_ == "PERSON":
        return True
    if tok.tag_ == "NNP":  # a named victim; lower-cased text has no PERSON entity to go by
        return tok.ent_type_ not in NON_PERSON_ENTS
    return tok.tag_ == "NN" and tok.lemma_.lower() not in GROUP_NOUNS and tok.pos_ == "NOUN"


def is_number_word(tok) -> bool:
    """Return True for a cardinal written in digits or words ("12", "1,200", "three", "hundred")."""
    lower = tok.lower_
    if lower in WORD_NUMBERS or lower in SCALES or lower == "dozen":
        return True
    return tok.like_num and lower.replace(",", "").replace(".", "").isdigit()


def find_number_run(tok) -> list:
    """Return the contiguous number words around ``tok`` ("two hundred and fifty", "twenty - five")."""
    doc = tok.doc
    start = end = tok.i
    while start > 0 and is_number_piece(doc, start - 1):
        start -= 1
    while end + 1 < len(doc) and is_number_piece(doc, end + 1):
        end += 1
    run = list(doc[start:end + 1])
    while run and not is_number_word(run[-1]):
        run.pop()
    while run and not is_number_word(run[0]) and run[0].lower_ != "a":
        run.pop(0)
    return run


def is_number_piece(doc, i: int) -> bool:
    """Return True when token ``i`` continues a spelled-out number ("-", "and" between number words)."""
    tok = doc[i]
    if is_number_word(tok):
        return True
    if tok.lower_ == "a" and i + 1 < len(doc) and doc[i + 1].lower_ in ("dozen", "hundred", "thousand"):
        return True
    between = 0 < i < len(doc) - 1 and is_number_word(doc[i - 1]) and is_number_word(doc[i + 1])
    return between and tok.lower_ in ("-", "and")


def parse_number(tokens) -> int | None:
    """Return the value of number tokens: digits ("1,200", "1.5 million") or words ("two hundred and fifty")."""
    total, current = 0, 0
    for tok in tokens:
        word = tok.lower_.replace(",", "")
        if word in ("-", "and"):
            continue
        if word == "a":
            current = 1
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        elif word in WORD_NUMBERS:
            current += WORD_NUMBERS[word]
        else:
            try:
                current += float(word)
            except ValueError:
                return None
    value = total + current
    return int(value) if tokens else None


def join_spans(cue, victim) -> Span:
    """Return the character span from the cue through the victim phrase and its conjuncts ("12 people were killed")."""
    tokens = [victim, *[c for c in victim.conjuncts if c.i > victim.i]]
    cue_start = phrase_start(cue) if cue.pos_ == "NOUN" else cue.idx  # "no casualties", "death toll"
    start = min(cue_start, *(phrase_start(t) for t in tokens))
    last = max(cue, *tokens, key=lambda t: t.i)
    return start, last.idx + len(last.text)


def phrase_start(tok) -> int:
    """Return where a victim phrase starts, including its count and determiner ("at least 12 people")."""
    left = [c.left_edge for c in tok.lefts if c.dep_ in PHRASE_LEFT_DEPS]
    return min([tok.idx, *(t.idx for t in left)])
