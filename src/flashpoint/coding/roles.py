"""Find the actor and recipient tokens of a trigger from the dependency parse."""

from __future__ import annotations

# Prepositions that introduce the recipient when a verb has no direct object ("fired at", "met with").
RECIPIENT_PREPS = frozenset({"against", "on", "at", "with", "to", "toward", "towards", "upon", "into", "from", "of"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Verbs whose subject performs their noun object ("launched an attack"), unlike "answered the killing".
LIGHT_VERBS = frozenset({"carry", "launch", "conduct", "stage", "mount", "perpetrate", "commit", "execute", "order",
                         "undertake", "begin", "start", "continue", "resume", "step"})
# How far up complement/conjunct links a subject is inherited ("X is expected to visit and meet").
MAX_SUBJECT_HOPS = 3


def find_child(token, deps) -> object | None:
    """Return the first child of ``token`` whose dependency label is in ``deps``."""
    return next((c for c in token.children if c.dep_ in deps), None)


def find_prep_objects(token, preps) -> list:
    """Return the objects of the token's prepositions that are in ``preps``, in order."""
    found = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def find_subject(verb) -> tuple[object | None, bool]:
    """Return (subject token, is_passive) for a verb, inheriting across xcomp/conj/advcl links."""
    tok = verb
    for _ in range(MAX_SUBJECT_HOPS + 1):
        subj = find_child(tok, SUBJECT_DEPS)
        if subj is not None:
            passive = subj.dep_ == "nsubjpass" and (tok.i == verb.i or verb.dep_ == "conj")
            return subj, passive
        if tok.dep_ not in ("xcomp", "conj", "advcl", "relcl", "acl") or tok.head.i == tok.i:
            break
        if tok.dep_ in ("relcl", "acl"):
            return tok.head, False
        tok = tok.head
    return None, False


def find_verb_roles(verb) -> tuple[list, list]:
    """Return (actor heads, recipient candidates in order of preference) for a verbal trigger."""
    subject, passive = find_subject(verb)
    agents = find_prep_objects(verb, {"by"})
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")] + find_prep_objects(verb, RECIPIENT_PREPS)
    # "threatened to close the US embassy", "voted to expel US troops": the complement's object is the target.
    objects += [o for c in verb.children if c.dep_ in ("xcomp", "ccomp", "advcl") for o in c.children if o.dep_ == "dobj"]
    if passive:
        return agents, ([subject] if subject is not None else [])
    return ([subject] if subject is not None else []), objects


def has_unresolvable_subject(verb, actors: list) -> bool:
    """Return True for an active verb whose subject exists but named no codable actor ("the base hosts ...")."""
    subject, passive = find_subject(verb)
    return subject is not None and not passive and not actors


def find_noun_roles(noun) -> tuple[list, list]:
    """Return (actor heads, recipient heads) for a nominal trigger ("the US strike on", "killing of X")."""
    actors = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    actors += find_prep_objects(noun, {"by"})
    recipients = find_prep_objects(noun, {"on", "against", "of", "at", "with"})
    if not actors and noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS:
        subject, _ = find_subject(noun.head)
        actors = [subject] if subject is not None else []
    return actors, recipients
