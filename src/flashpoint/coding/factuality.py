"""Factuality of a coded report: asserted, negated, future or hypothetical; and who says so."""

from __future__ import annotations

from ..records import Attribution
from .roles import INTENDED_NOUNS, find_claimant, find_plan

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "should", "must"})
# Governing verbs that put their complement in the future: "plans to visit", "is expected to meet".
FUTURE_GOVERNORS = frozenset({
    "plan", "expect", "prepare", "intend", "schedule", "aim", "hope", "set", "seek", "want", "vow", "pledge",
    "promise", "threaten", "propose", "due", "poised", "going", "warn", "predict", "forecast",
    "fear", "decide", "vote",
})
# Governing verbs that weigh their complement without deciding it: "is considering sending aid" may never happen.
WEIGHING_GOVERNORS = frozenset({"consider", "weigh", "mull", "explore", "contemplate"})
# Nouns whose "of" complement is only an option: "the possibility of sending troops".
OPTION_NOUNS = frozenset({"possibility", "option", "idea", "prospect"})
# Words of likelihood that make a report hypothetical: "strikes are likely", "likely to continue".
LIKELIHOOD_WORDS = frozenset({"likely", "unlikely", "possible", "probable", "potential"})
# Governing verbs that deny their complement: "denied attacking", "refused to meet".
NEGATING_GOVERNORS = frozenset({"deny", "refuse", "decline", "reject", "fail", "rule"})
# Verbs of perception whose "could" is evidence, not possibility: "militiamen could be seen patrolling".
PERCEPTION_VERBS = frozenset({"see", "hear", "spot", "observe", "witness", "film", "photograph"})
HYPOTHETICAL_MARKERS = frozenset({"if", "unless", "whether"})
# Nouns whose clause tells what someone is said to have done: "denied reports that it attacked the tanker".
CLAIM_NOUNS = frozenset({"accusation", "allegation", "charge", "claim", "report", "rumour", "rumor"})
REPORTING_CUES = frozenset({
    "say", "claim", "report", "tell", "announce", "state", "add", "confirm", "allege", "insist", "assert",
    "according", "note", "write", "quote", "acknowledge", "admit",
})
# Conjunct and infinitive links followed up to a condition's "if" ("if police tried to stop us and arrest").
MAX_CONDITION_HOPS = 3
FUTURE_DATE_WORDS = frozenset({"tomorrow", "next", "upcoming", "coming"})


def find_governors(verb) -> list:
    """Return the chain of verbs that govern ``verb`` through complement links, nearest first."""
    chain, tok = [], verb
    while tok.dep_ in ("xcomp", "ccomp", "pcomp", "conj", "acomp", "advcl", "csubj") and tok.head.i != tok.i:
        if tok.dep_ == "advcl" and any(c.lower_ in HYPOTHETICAL_MARKERS for c in tok.children):
            break
        tok = tok.head
        chain.append(tok)
    return chain


def governors_by_complement(verb) -> list:
    """Return the governors whose plans, hopes or forecasts set the verb in the future: those that are no reported
    clause themselves ("analysts expect attacks to continue") and those reached by an infinitive or participle
    link even inside a report ("Turkey is preparing to launch ..., officials said": the preparing is reported)."""
    found, link = [], verb.dep_
    for gov in find_governors(verb):
        if gov.dep_ != "ccomp" or link != "ccomp":
            found.append(gov)
        link = gov.dep_
    return found


def is_negated(verb) -> bool:
    """Return True when the verb is negated or its governing verb denies or refuses it."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    own_aux = any(c.dep_ in ("aux", "auxpass") for c in verb.children)  # "would never forget ... and would strike"
    if verb.dep_ == "conj" and not own_aux and any(c.dep_ == "neg" for c in verb.head.children):
        return True
    if any(g.lemma_.lower() in NEGATING_GOVERNORS for g in find_governors(verb)[:1]) or is_unrealised_plan(verb):
        return True
    return is_denied_claim(verb) or is_disowned_plan(verb)


def is_disowned_plan(verb) -> bool:
    """Return True for a plan its holder says it lacks: "has no plans to withdraw", "does not have plans to"."""
    plan = find_plan(verb)
    if plan is None:
        return False
    return (any(c.dep_ == "det" and c.lower_ == "no" for c in plan.children)
            or plan.dep_ == "dobj" and any(c.dep_ == "neg" for c in plan.head.children))


def is_denied_claim(verb) -> bool:
    """Return True for the content of a denied claim: "rejected accusations that its army committed abuses"."""
    noun = verb.head
    return (verb.dep_ in ("acl", "ccomp") and noun.lemma_.lower() in CLAIM_NOUNS and noun.dep_ == "dobj"
            and noun.head.lemma_.lower() in NEGATING_GOVERNORS)


def is_unrealised_plan(verb) -> bool:
    """Return True for a plan told in the past perfect ("had been due to visit", "had planned to meet"): it fell through."""
    governors = [g for g in find_governors(verb)[:2] if g.dep_ != "ccomp"]
    if not any(g.lemma_.lower() in FUTURE_GOVERNORS for g in governors):
        return False
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for g in governors for c in g.children)


def is_future(verb) -> bool:
    """Return True for "will attack", "plans to visit", "is expected to meet", "next week"."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE_AUX:
        return True
    if any(g.lemma_.lower() in FUTURE_GOVERNORS for g in governors_by_complement(verb)[:2]):
        return True
    if verb.dep_ in ("xcomp",) and verb.head.lemma_ == "be" and any(c.lower_ == "to" for c in verb.children):
        return True
    plan = find_plan(verb)  # "announced its decision to resume"
    if plan is not None and plan.lemma_.lower() in INTENDED_NOUNS:
        return True
    return any(t.lower_ in FUTURE_DATE_WORDS and t.ent_type_ == "DATE" for t in verb.subtree)


def is_hypothetical(verb) -> bool:
    """Return True for conditional, modal or likely reports: "could strike", "if Iran attacks", "are likely"."""
    near = [verb, *find_governors(verb)[:1]] if verb.dep_ in ("xcomp", "csubj") else [verb]
    near = [tok for tok in near if tok.lemma_.lower() not in PERCEPTION_VERBS]  # "could be seen patrolling"
    if any({c.lower_ for c in tok.children if c.dep_ == "aux"} & HYPOTHETICAL_AUX for tok in near):
        return True
    if any(tok.lower_ in LIKELIHOOD_WORDS for tok in find_governors(verb)[:2]):
        return True
    if any(tok.lemma_.lower() in WEIGHING_GOVERNORS for tok in find_governors(verb)[:2]):
        return True
    if verb.dep_ == "pcomp" and verb.head.head.lemma_.lower() in OPTION_NOUNS:
        return True
    if any(c.dep_ == "acomp" and c.lower_ in LIKELIHOOD_WORDS for c in verb.children):
        return True
    return has_condition_mark(verb)


def has_condition_mark(verb) -> bool:
    """Return True when "if"/"unless" introduces the verb or a verb it extends ("if police tried to stop and arrest")."""
    tok = verb
    for _ in range(MAX_CONDITION_HOPS + 1):
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKERS for c in tok.children):
            return True
        if tok.dep_ not in ("conj", "xcomp") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def classify_status(verb) -> str:
    """Return the report's status: negated, hypothetical, future or asserted (in that order of precedence)."""
    if is_negated(verb):
        return "negated"
    if is_hypothetical(verb):
        return "hypothetical"
    if is_future(verb):
        return "future"
    return "asserted"


def find_attribution(verb) -> Attribution | None:
    """Return who reports the event ("the ministry said", "according to officials"), if anyone."""
    for gov in find_governors(verb):
        if gov.lemma_.lower() in REPORTING_CUES and gov.i != verb.i:
            found = speaker_attribution(gov)
            if found is not None:
                return found
    return find_according_to(verb.sent)


def find_claim_attribution(noun, predicate) -> Attribution | None:
    """Return the claimant as the source of an act named by ``noun`` and told by its claim ("the Taliban claimed the
    attack"); None when the noun is not what a claim verb claims ("took part in the attack")."""
    return speaker_attribution(predicate) if find_claimant(noun) else None


def speaker_attribution(verb) -> Attribution | None:
    """Return the subject of a verb of saying or claiming as an Attribution with the verb as its cue."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    tokens = list(subject.subtree)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Attribution(source=verb.doc[tokens[0].i:tokens[-1].i + 1].text, cue=verb.text, span=(start, end))


def find_according_to(sent) -> Attribution | None:
    """Return the source named by "according to X" in the sentence, if any."""
    for tok in sent:
        if tok.lower_ != "according":
            continue
        preps = [c for c in tok.children if c.lower_ == "to"] or [t for t in tok.doc[tok.i + 1:tok.i + 2] if t.lower_ == "to"]
        objs = [c for p in preps for c in p.children if c.dep_ == "pobj"]
        if objs:
            tokens = list(objs[0].subtree)
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            source = sent.doc[tokens[0].i:tokens[-1].i + 1].text
            return Attribution(source=source, cue="according to", span=(start, end))
    return None
