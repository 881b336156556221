"""Find the actor and recipient tokens of a trigger from the dependency parse."""

from __future__ import annotations

from .weapons import ATTACK_NOUNS, is_launched, singular_forms

# Prepositions that introduce the recipient when a verb has no direct object ("fired at", "met with").
RECIPIENT_PREPS = frozenset({"against", "on", "at", "with", "to", "toward", "towards", "upon", "into", "from", "of",
                             "between"})
# Prepositions under a verb's object that name the target ("imposed sanctions on Iran", "an effort between X and Y").
OBJECT_TARGET_PREPS = frozenset({"against", "on", "at", "with", "to", "upon", "between", "for", "toward", "towards"})
NOUN_RECIPIENT_PREPS = frozenset({"on", "against", "of", "at", "with", "between", "to", "into", "toward", "towards"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Verbs whose subject performs their noun object ("launched an attack"), unlike "answered the killing".
LIGHT_VERBS = frozenset({"carry", "launch", "conduct", "stage", "mount", "perpetrate", "commit", "execute", "order",
                         "undertake", "begin", "start", "continue", "resume", "step", "hold", "give", "issue", "make",
                         "wage", "organize", "organise", "lead", "announce", "complete", "open", "impose",
                         "stag"})  # the small model lemmatises "staged" as "stag"
# Light verbs whose direct object is always the act itself, never its target ("launched an operation against X",
# "carried out raids on Y"): the target is inside or beside the object.
ACT_VERBS = frozenset({"launch", "carry", "conduct", "mount", "stage", "stag", "wage", "perpetrate", "commit",
                       "undertake", "begin", "start", "resume", "step"})  # not "execute": "executed prisoners"
# Conditions whose subject is the party that must act: "unless Israel rescinded", "if the United States goes ahead".
CONDITION_MARKS = frozenset({"if", "unless"})
# Pronouns that, as the subject of a reported clause, usually refer back to the speaker.
ANAPHORIC_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
# Possessives that, in a reported or governed clause's subject, refer back to its speaker ("Iran said its forces").
POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
# The same as objects: "Israel said a mortar bomb was fired at it" (at Israel).
ANAPHORIC_OBJECTS = frozenset({"it", "them", "him", "her", "us"})
# Prepositions naming the attack an agentless passive happened in: "were killed in an Israeli air strike".
CAUSE_PREPS = frozenset({"in", "during"})
# Attack words the parser may read as a verb after their modifier ("Israeli tank shelling": "shelling" a VBG).
SPLIT_ATTACK_WORDS = ATTACK_NOUNS | {"shell", "bomb"}
# Where a launched weapon came from ("rockets fired from Lebanon"): its origin, not its target.
ORIGIN_PREPS = frozenset({"from"})
# Where a launched weapon went off ("detonated a car bomb in Kabul"): the place it hit.
PLACING_PREPS = frozenset({"in", "at", "near"})
# Subjects that are the means of an attack, not its author: the event stands with its author unknown.
INSTRUMENT_SUBJECTS = frozenset({"bomb", "bombing", "explosion", "blast", "mine", "landmine", "rocket", "missile",
                                 "shell", "mortar", "attack", "strike", "airstrike", "grenade", "gunfire", "ied",
                                 "explosive", "car-bomb", "drone"})
# Claims of an act: "claimed/took/accepted responsibility (or credit) for the attack" names the attack's author.
CLAIM_VERBS = frozenset({"claim", "take", "accept", "admit", "assume", "bear"})
CLAIM_NOUNS = frozenset({"responsibility", "credit"})
# Relative pronouns ("who", "which", "that"): as a relative clause's subject they stand for the noun it modifies.
RELATIVE_TAGS = frozenset({"WP", "WDT"})
# Documents whose issuer speaks through a participle clause ("issued a statement condemning the attack").
DOCUMENT_NOUNS = frozenset({"statement", "resolution", "declaration", "communique", "communiqué", "letter", "decree",
                            "motion", "message", "report", "note", "memorandum", "petition", "appeal"})
ISSUING_VERBS = frozenset({"issue", "release", "publish", "pass", "adopt", "approve", "send", "deliver", "sign",
                           "submit", "write", "present", "table", "circulate", "put", "post", "read", "make"})
# Entity labels of times: "on Sunday night" says when, never whom or where.
TIME_ENTITIES = frozenset({"DATE", "TIME"})
# Nouns whose infinitive is their holder's own act ("has no plans to withdraw", "announced its decision to leave").
PLAN_NOUNS = frozenset({"plan", "intention", "intent", "decision", "readiness", "willingness", "desire", "attempt",
                        "effort", "bid"})
# Verbs whose subject holds the plan it has, makes or announces ("has no plans to", "stepped up efforts to").
HOLDING_VERBS = frozenset({"have", "make", "announce", "unveil", "launch", "step", "intensify", "redouble", "abandon",
                           "drop", "shelve", "approve", "adopt", "reveal", "outline", "present", "confirm", "renew",
                           "lead", "begin", "start", "continue", "push"})
# Of them, the ones whose act lies ahead (an attempt or effort has been made).
INTENDED_NOUNS = frozenset({"plan", "intention", "intent", "decision", "readiness", "willingness", "desire"})
# Children that make a verb a clause of its own rather than a bare participle phrase.
BARE_CLAUSE_BLOCKERS = frozenset({"aux", "auxpass", "mark", "nsubj", "nsubjpass", "csubj", "expl"})
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
            found.extend(c for c in prep.children if c.dep_ == "pobj" and not is_time_phrase(c))
    return found


def is_time_phrase(head) -> bool:
    """Return True for a phrase that only says when ("on Sunday night"); not for "with President Assad Tuesday",
    where the parser hung the name under the date."""
    return all(t.ent_type_ in TIME_ENTITIES or t.pos_ in ("DET", "PUNCT") for t in head.subtree)


def find_subject(verb) -> tuple[object | None, bool]:
    """Return (subject token, is_passive) for a verb, inheriting across xcomp/conj/advcl links."""
    tok = verb
    for _ in range(MAX_SUBJECT_HOPS + 1):
        subj = find_child(tok, SUBJECT_DEPS)
        if subj is not None:
            passive = ((subj.dep_ == "nsubjpass" and (tok.i == verb.i or verb.dep_ == "conj"))
                       or is_bare_participle(verb))
            if is_relative_subject(subj) and not is_instrument(tok.head):
                return tok.head, passive   # "the police, who fired": the clause's noun, not the pronoun
            return find_speaker_antecedent(subj, tok), passive
        if tok.dep_ not in ("xcomp", "conj", "advcl", "relcl", "acl", "acomp") or tok.head.i == tok.i:
            break
        if tok.dep_ in ("relcl", "acl"):
            issuer = find_document_author(tok) or find_plan_owner(tok)  # "issued a statement condemning"
            if issuer is not None:
                return issuer  # (subject, is_passive), like every return here
            # "31 people arrested near here": a reduced passive relative's head is its patient, not its agent.
            return tok.head, tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.i == verb.i
        tok = tok.head
    return None, False


def find_document_author(clause) -> tuple[object, bool] | None:
    """Return (subject, is_passive) of the verb that issued the document a participle clause describes: "the ministry
    issued a statement condemning the attack", "parliament passed a resolution calling on the government"; else
    None."""
    document = clause.head
    if clause.dep_ != "acl" or clause.tag_ != "VBG" or document.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    if document.dep_ != "dobj" or document.head.lemma_.lower() not in ISSUING_VERBS:
        return None  # "police found a letter threatening the mayor": the finder is not the author
    subject, passive = find_subject(document.head)
    return (subject, False) if subject is not None and not passive else None


def find_plan(clause):
    """Return the plan noun an infinitive clause describes ("plans to withdraw", "its decision to leave"), else
    None."""
    if clause.dep_ != "acl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return None
    return clause.head if clause.head.lemma_.lower() in PLAN_NOUNS else None


def find_plan_owner(clause) -> tuple[object, bool] | None:
    """Return (subject, is_passive) of whoever holds the plan an infinitive describes: "the United States has no
    plans to withdraw", "Iran announced its decision to resume enrichment"; else None."""
    plan = find_plan(clause)
    if plan is None or plan.dep_ != "dobj" or plan.head.lemma_.lower() not in HOLDING_VERBS:
        return None  # "discussed efforts to counter IS": whose efforts is not said
    subject, passive = find_subject(plan.head)
    return (subject, False) if subject is not None and not passive else None


def is_bare_participle(verb) -> bool:
    """Return True for a past participle hung off another verb with no auxiliary of its own, which is passive
    whatever that verb's voice: "the protesters were beaten, detained and released" (the parser makes "detained" an
    adverbial clause), "troops entered the city, backed by tanks" (the troops are backed)."""
    if verb.tag_ != "VBN" or verb.dep_ != "advcl" or any(c.dep_ in BARE_CLAUSE_BLOCKERS for c in verb.children):
        return False  # "after troops attacked": a clause with its own subject or conjunction is no participle
    if verb.head.lemma_ == "be":  # "the wave of repression is the worst, killed at point-blank range": misattached
        return False
    return verb.i < verb.head.i or verb.doc[verb.i - 1].text == ","  # set off by a comma: not "opened fired on"


def is_relative_subject(subject) -> bool:
    """Return True for a relative pronoun that is its clause's subject ("the police, who fired")."""
    clause = subject.head
    return subject.tag_ in RELATIVE_TAGS and clause.dep_ == "relcl" and clause.head.i != clause.i


def has_relative_subject(verb) -> bool:
    """Return True when a verb's subject, its own or a coordinated verb's, is a relative pronoun."""
    tok = verb
    for _ in range(MAX_SUBJECT_HOPS + 1):
        subject = find_child(tok, SUBJECT_DEPS)
        if subject is not None:
            return is_relative_subject(subject)
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def is_instrument(head) -> bool:
    """Return True for a phrase naming the means of an attack, not its author ("a roadside bombing", "rocket fire")."""
    # a sentence-initial plural is often tagged a proper noun and keeps its plural as lemma ("Rockets landed")
    words = [head.lemma_.lower(), *singular_forms(head.lower_), *(t.lemma_.lower() for t in head.lefts)]
    return any(word in INSTRUMENT_SUBJECTS for word in words)


def find_speech_verb(verb):
    """Return the verb of saying that reports ``verb`` ("Iraq said it would allow" -> said), or the verb itself."""
    tok = verb
    while tok.dep_ in ("ccomp", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def find_speaker_antecedent(subject, clause):
    """Return the speaker for a pronoun subject of a reported clause ("Iraq said it would allow" -> Iraq)."""
    if subject.pos_ != "PRON" or subject.lower_ not in ANAPHORIC_PRONOUNS:
        return subject
    tok = clause
    while tok.dep_ in ("ccomp", "conj") and tok.head.i != tok.i:  # reported speech, not "until they leave"
        tok = tok.head
        speaker = find_child(tok, ("nsubj",))
        if speaker is not None and speaker.pos_ != "PRON":
            return speaker
    return subject


def find_pronoun_owner(subject):
    """Return whom "its" or "their" in a subject refers to: the subject of the clause that reports or governs it
    ("Iran said its forces seized a tanker" -> Iran), else None."""
    if not any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in subject.children):
        return None
    tok = subject.head
    while tok.dep_ in ("ccomp", "conj", "xcomp", "advcl") and tok.head.i != tok.i:
        tok = tok.head
    owner = find_child(tok, ("nsubj",))
    return owner if owner is not None and owner.pos_ != "PRON" and owner.i != subject.i else None


def find_objects(verb) -> list:
    """Return a verb's objects, its prepositional targets and the targets inside its object ("aid for Bosnia")."""
    # A "dative" that is a preposition ("granted asylum to X") is read through its object below, not as an object.
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP"]
    objects += find_quantified_objects(verb)
    objects += find_prep_objects(verb, RECIPIENT_PREPS)
    objects += [t for c in verb.children if c.dep_ == "dobj" for t in c.subtree
                if t.dep_ == "pobj" and t.head.lower_ in OBJECT_TARGET_PREPS]
    return objects


def find_quantified_objects(verb) -> list:
    """Return an object the parser hid behind "up to" ("kidnapped up to 16 Russian advisers" parsed as a particle
    "up" with a preposition "to")."""
    return [o for p in verb.children if p.dep_ == "prt" and p.lower_ == "up" for to in p.children
            if to.dep_ == "prep" and to.lower_ == "to" for o in to.children
            if o.dep_ == "pobj" and any(n.dep_ == "nummod" for n in o.children)]


def find_nested_opponents(verb) -> list:
    """Return whom a verb's prepositional phrase sets it against ("mobilized reservists for a war against Iraq")."""
    return [t for c in verb.children if c.dep_ == "prep" for t in c.subtree
            if t.dep_ == "pobj" and t.head.lower_ == "against" and t.head.i != c.i]


# Prepositions that place a protest at a site, and the sites that stand for the country they represent.
SITE_PREPS = frozenset({"outside", "at", "near", "before", "around"})
# Diplomatic missions (lemmas): the country named before one ("the US embassy") owns it, wherever it stands.
MISSION_HEADS = frozenset({"embassy", "consulate", "legation"})


def find_mission_sites(verb) -> list:
    """Return the diplomatic missions a verb's act took place at ("outside the US embassy", "in front of")."""
    sites = find_prep_objects(verb, SITE_PREPS)
    sites += [s for front in find_prep_objects(verb, {"in"}) if front.lower_ == "front"
              for s in find_prep_objects(front, {"of"})]
    return [s for s in sites if s.lemma_.lower() in MISSION_HEADS]


def find_object_sources(verb, preps=frozenset({"by", "from"})) -> list:
    """Return who made the verb's object ("rejected calls by Belarus", "accepted an offer from Kabul", "met the
    strikers' demands")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    owners = [p for c in objects for p in c.children if p.dep_ == "poss" and p.pos_ in ("NOUN", "PROPN")]
    return owners + [t for c in objects for t in find_prep_objects(c, preps)]


def find_agents(verb) -> list:
    """Return the "by" agents of a passive verb, or those of a coordinated passive that shares its subject: "two
    policemen were shot and wounded by gunmen" (the parser puts "by gunmen" under "wounded" only)."""
    agents = find_prep_objects(verb, {"by"})
    conjuncts = [c for c in verb.children if c.dep_ == "conj"]
    while not agents and conjuncts:  # down the chain of conjuncts, first to last
        conjunct = conjuncts.pop(0)
        if conjunct.tag_ == "VBN" and find_child(conjunct, SUBJECT_DEPS) is None:
            agents = find_prep_objects(conjunct, {"by"})
            conjuncts += [c for c in conjunct.children if c.dep_ == "conj"]
    return agents


def find_launched_weapon(verb, subject, passive: bool):
    """Return the weapon a launching verb sends, as its object or passive subject ("fired rockets"), else None."""
    # a passive's subject, or the noun a reduced relative describes ("rockets fired from Iran", often tagged VBD)
    head = subject if passive or verb.dep_ == "acl" else find_child(verb, ("dobj",))
    return head if head is not None and is_launched(verb, head) else None


def find_cause_attacks(verb) -> list:
    """Return the attacks a verb's act happened in ("were killed in an Israeli air strike" -> strike)."""
    return [noun for noun in find_prep_objects(verb, CAUSE_PREPS) if noun.lemma_.lower() in ATTACK_NOUNS
            or is_split_attack(noun)]


def is_split_attack(noun) -> bool:
    """Return True for a noun the parser cut from the attack word after it: "killed in Israeli tank shelling",
    where "shelling" became a verb and "tank" the object of "in"."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return after is not None and after.tag_ == "VBG" and after.lemma_.lower() in SPLIT_ATTACK_WORDS


def find_cause_agents(verb) -> list:
    """Return who carried out the attack an agentless passive happened in: "were killed in an Israeli air strike"
    (Israeli), "in a Taliban attack", "in an air strike by government forces" (the forces)."""
    found = []
    for noun in find_cause_attacks(verb):
        found += [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                  and c.pos_ in ("PROPN", "ADJ")]
        found += find_prep_objects(noun, {"by"})
    return found


def resolve_object_pronouns(objects: list, verb) -> list:
    """Return the objects with a pronoun read as the speaker who reports ``verb`` ("Israel said a mortar bomb was
    fired at it"), unless the clause's own subject is a pronoun ("it said they attacked it"); the caller checks
    that ``verb`` is reported speech."""
    subject = find_child(verb, SUBJECT_DEPS)
    speaker = find_child(find_speech_verb(verb), ("nsubj",))
    if subject is not None and subject.pos_ == "PRON" or speaker is None or speaker.pos_ == "PRON":
        return objects
    return [speaker if o.pos_ == "PRON" and o.lower_ in ANAPHORIC_OBJECTS else o for o in objects]


def has_launched_weapon(verb) -> bool:
    """Return True for a verb that launches a weapon ("fired rockets", "rockets fired from Iran")."""
    subject, passive = find_subject(verb)
    return find_launched_weapon(verb, subject, passive) is not None


def find_verb_roles(verb) -> tuple[list, list]:
    """Return (actor heads, recipient candidates in order of preference) for a verbal trigger."""
    subject, passive = find_subject(verb)
    agents = (find_agents(verb) or find_cause_agents(verb)) if passive else []
    objects = find_objects(verb)
    launched = find_launched_weapon(verb, subject, passive)
    if launched is not None:  # "fired rockets from Lebanon at Israel": neither the rockets nor Lebanon is the target
        objects = [o for o in objects if o.i != launched.i and not (o.dep_ == "pobj" and o.head.lower_ in ORIGIN_PREPS)]
        objects += find_prep_objects(launched, PLACING_PREPS)  # "detonated a car bomb in Kabul": the place it hit
    if verb.lemma_.lower() in ACT_VERBS:  # "launched a military operation against X": the object is the act
        objects = [o for o in objects if not (o.dep_ == "dobj" and o.head.i == verb.i)]
    # "threatened to break relations with Russia", "voted to expel US troops": the complement's target is the target.
    objects += [o for c in verb.children if c.dep_ in ("xcomp", "ccomp", "advcl") for o in find_objects(c)]
    # "threatened to strike unless Israel withdrew": who must comply is the one threatened or asked.
    clauses = [verb, *[c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]]
    objects += [s for v in clauses for c in v.children
                if c.dep_ == "advcl" and any(m.lower_ in CONDITION_MARKS for m in c.children)
                for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    if passive:
        return agents, (objects if launched is not None else [subject] if subject is not None else [])
    return ([subject] if subject is not None else []), objects


def find_agentless_patient(verb) -> object | None:
    """Return the subject of a passive verb with no "by" agent ("five men were arrested"), else None."""
    subject, passive = find_subject(verb)
    if not passive or find_agents(verb) or find_launched_weapon(verb, subject, passive) is not None:
        return None  # "rockets were fired": the rockets are the means, not the patient
    return subject


def find_instrument_agent(verb) -> object | None:
    """Return the weapon or attack that did the act when no one is named ("a roadside bombing killed", "killed by an
    improvised explosive device", "rockets were fired at"), else None."""
    subject, passive = find_subject(verb)
    heads = find_agents(verb) if passive else [subject] if subject is not None else []
    launched = find_launched_weapon(verb, subject, passive) if passive and not heads else None
    return launched if launched is not None else next((head for head in heads if is_instrument(head)), None)


def find_origins(verb) -> list:
    """Return where a verb's act came from ("fired from the Gaza Strip")."""
    return find_prep_objects(verb, ORIGIN_PREPS)


def has_unresolvable_subject(verb, actors: list) -> bool:
    """Return True for an active verb whose subject exists but named no codable actor ("the base hosts ...")."""
    subject, passive = find_subject(verb)
    if subject is not None and subject.lemma_.lower() in INSTRUMENT_SUBJECTS:
        return False  # "a roadside bombing killed a soldier": an unclaimed attack is still an event
    return subject is not None and not passive and not actors


# Event nouns whose owner, when no "of" phrase follows, is the one the event happened to ("Soleimani's killing";
# but "the US's killing of Soleimani").
PATIENT_GENITIVE_NOUNS = frozenset({"killing", "assassination", "murder", "death", "arrest", "detention", "abduction",
                                    "kidnapping", "execution", "release", "capture", "expulsion", "deportation"})


def find_noun_roles(noun) -> tuple[list, list]:
    """Return (actor heads, recipient heads) for a nominal trigger ("the US strike on", "killing of X")."""
    # A pronoun owner ("its investigation") waits for coreference; the light verb's subject names the actor.
    actors = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")
              and c.pos_ in ("NOUN", "PROPN", "ADJ")]
    recipients = find_prep_objects(noun, NOUN_RECIPIENT_PREPS)
    if noun.lemma_.lower() in PATIENT_GENITIVE_NOUNS and not find_prep_objects(noun, {"of"}):
        # "Soleimani's killing", "Navalny's arrest": with no "of" phrase the owner is the one it happened to
        owners = [c for c in actors if c.dep_ == "poss"]
        actors, recipients = [c for c in actors if c.dep_ != "poss"], owners + recipients
    actors += find_prep_objects(noun, {"by"})
    recipients += find_relative_victims(noun)  # "a drone strike that killed Soleimani"
    if is_light_verb_object(noun):
        recipients += find_prep_objects(noun.head, RECIPIENT_PREPS - {"of", "from"})  # "staged rallies against X"
        # "began a hunger strike to protest against Sweden's decision": whom the purpose clause opposes
        recipients += [o for c in noun.head.children if c.dep_ in ("advcl", "xcomp")
                       and any(a.lower_ == "to" for a in c.children) for o in find_prep_objects(c, {"against"})]
    return actors, recipients


# Verbs of harm whose object, in a relative clause on an attack noun, is the attack's victim.
HARM_VERBS = frozenset({"kill", "wound", "injure", "hit", "target", "destroy", "damage", "claim", "maim"})


def find_relative_victims(noun) -> list:
    """Return whom an attack harmed, told by a relative clause on its noun: "a drone strike that killed Soleimani",
    "an attack which wounded two soldiers"."""
    return [o for c in noun.children if c.dep_ == "relcl" and c.lemma_.lower() in HARM_VERBS
            and any(s.tag_ in RELATIVE_TAGS and s.dep_ == "nsubj" for s in c.children)
            for o in c.children if o.dep_ == "dobj"]


def is_light_verb_object(noun) -> bool:
    """Return True for the object of a light verb ("launched an attack", "held talks")."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS


def find_light_verb_subject(noun) -> list:
    """Return the subject of the light verb whose object the noun is ("Israel mounted an invasion" -> Israel)."""
    if not is_light_verb_object(noun):
        return []
    subject, _ = find_subject(noun.head)
    return [subject] if subject is not None else []


def find_claimant(noun) -> list:
    """Return who claimed the act a noun names ("al-Shabab claimed responsibility for the attack", "IS claimed the
    bombing"): the claimant is its author, where the act itself names no one."""
    verb = find_claim_verb(noun)
    if verb is None or verb.lemma_.lower() not in CLAIM_VERBS:
        return []
    subject, passive = find_subject(verb)
    return [subject] if subject is not None and not passive else []


def find_claim_verb(noun):
    """Return the verb that may claim ``noun``: "claimed the attack", "claimed responsibility for the attack" (the
    "for" under the noun "responsibility" or under the verb itself), else None."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() == "claim":
        return noun.head
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return None
    owner = noun.head.head
    if owner.lemma_.lower() in CLAIM_NOUNS:
        return owner.head if owner.dep_ == "dobj" else None
    claimed = find_child(owner, ("dobj",))
    return owner if claimed is not None and claimed.lemma_.lower() in CLAIM_NOUNS else None


def find_complement_subjects(verb) -> list:
    """Return the subjects of a verb's clausal complements ("demanded that Mugabe abandon" -> Mugabe)."""
    return [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]


# Verbs whose subject suffers what a threat promises ("warned that US forces would face attacks").
SUFFERING_VERBS = frozenset({"face", "pay", "suffer", "regret", "bear", "receive", "feel"})


def find_threatened_subjects(verb) -> list:
    """Return who a threat's complement says will suffer ("warned that US forces would face attacks", "vowed that
    the enemy would pay a heavy price")."""
    return [s for c in verb.children if c.dep_ == "ccomp" and c.lemma_.lower() in SUFFERING_VERBS
            for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]


# Nouns of leaving whose "of" phrase names who is to leave ("the withdrawal of Russian troops").
WITHDRAWAL_NOUNS = frozenset({"withdrawal", "pullout", "pull-out", "departure", "retreat", "redeployment"})


def find_withdrawing_parties(verb) -> list:
    """Return who an appeal or demand asks to leave: "urged the withdrawal of Russian troops from Ukraine" (the
    troops), "called for the pullout of US forces"."""
    nouns = [c for c in verb.children if c.dep_ == "dobj"] + find_prep_objects(verb, {"for"})
    return [p for n in nouns if n.lemma_.lower() in WITHDRAWAL_NOUNS for p in find_prep_objects(n, {"of"})]
