"""The rule coder: parsed article -> event reports in the design's record (PLOVER v2 + CAMEO)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..records import Actor, Article, Event, Evidence, Place, hash_text
from ..reference.cameo import cameo_code, quad_class_for
from ..reference.plover import plover_for_cameo, plover_for_status
from .acled import refine_protest, type_report
from .actors import ActorContext, resolve_actors, resolve_coreference
from .confidence import load_calibration
from .dates import is_historical, resolve_event_dates
from .entities import sentence_entities
from .factuality import REPORTING_CUES, classify_status, find_attribution, find_claim_attribution, is_negated
from .lexicon import ActorLexicon, AgentLexicon, VerbLexicon
from .magnitude import find_magnitude
from .event_places import event_location
from .participants import (PLACED_TARGET_ROOTS, code_participants, find_article_focus_country, find_located_places,
                           find_sentence_country, place_in_location)
from .places import Home, PlaceContext
from .roles import (LIGHT_VERBS, find_child, find_claimant, find_speaker_antecedent, find_speech_verb,
                    has_relative_subject, has_unresolvable_subject, is_light_verb_object)
from .triggers import Trigger, find_triggers
from .weapons import LAUNCH_VERBS, find_weapon, mode_for_weapon

CODER_KEY = "flashpoint.plover.v1"
# Heuristic confidence: how much of the report was resolved; Coder maps it to a probability (coding/confidence.py).
BASE_CONFIDENCE = 0.5
PATTERN_BONUS = 0.15      # a specific dictionary pattern matched, not just the verb's default code
DYAD_BONUS = 0.2          # both an actor and a recipient resolved
NOMINAL_PENALTY = 0.15    # noun triggers are more often background mentions
# CAMEO root 01 ("make public statement") is the reporting verb itself, not an event of interest.
SKIPPED_ROOTS = frozenset({"01"})
# "Protested against" is an official complaint (CAMEO 114) when a state makes it, a demonstration (141) when
# civilians, opposition supporters, students or workers do ("Thousands protested against the decision").
OFFICIAL_COMPLAINT_CODE = "114"
DEMONSTRATION_CODE = "141"
CROWD_SECTORS = frozenset({"CVL", "PPL", "OPP", "EDU", "LAB", "REL", "AGR"})
# Roots coded from a relative clause about its noun ("the police, who fired", "factions that threatened attacks"):
# threats and acts of protest, force and violence. Other relative clauses are mostly background about a person or
# body ("who took office in May", "which helped broker the talks") and stay uncoded (demo gold: 17 of 20 wrong).
RELATIVE_CLAUSE_ROOTS = frozenset({"13", "14", "15", "17", "18", "19", "20"})
# CAMEO root 02 (appeals) is kept only when addressed to someone.
NEEDS_RECIPIENT_ROOTS = frozenset({"02"})
# Governors whose complement carries the event ("voted to expel", "plans to visit"); they only set its status.
TRANSPARENT_GOVERNORS = frozenset({
    "expect", "plan", "prepare", "intend", "schedule", "decide", "begin", "start", "continue", "try",
    "attempt", "seek", "want", "aim", "hope", "move", "set", "go", "keep", "resume", "appear", "seem", "likely",
})
DEMAND_WORDS = frozenset({"demand", "call", "appeal", "request", "push", "pressure", "plea"})
# Words of commitment whose complement is promised, not done: CAMEO 03 (AGREE) for cooperation, 13 (THREATEN) for
# conflict ("is willing to withdraw", "prepared to impose martial law"); PLOVER v2 codes such promises by intent.
INTENT_GOVERNORS = frozenset({"willing", "prepared", "ready", "commit", "committed", "offer", "pledge", "want",
                              "promise", "agree", "swear"})
INTENT_CODE = "030"
THREAT_CODE = "130"
CONFLICT_ROOTS = frozenset({"11", "12", "13", "14", "15", "16", "17", "18", "19", "20"})
# Auxiliaries of an announced act ("Iraq said it would allow").
INTENT_AUX = frozenset({"will", "would", "'ll", "wo"})
# "Farmers said they would blockade Paris", "Iran said it would retaliate": an actor announcing its own hostile act
# threatens it (CAMEO 13; 1312 sanctions and boycotts, 138 military force). Verbal conflict (11, 12) and
# mobilisation (15) stay what they are.
ANNOUNCED_THREAT_CODES = {"14": "130", "16": "1312", "17": "130", "18": "138", "19": "138", "20": "138"}
# "X said it would meet/support/cooperate/help" is the actor expressing intent: CAMEO's 03 code of the same kind
# (036 meet, 032 diplomatic support, 031 material cooperation, 033 aid, 035 yield: "Iraq said it would allow the
# return of inspectors"), PLOVER AGREE. A plan reported by others ("is scheduled to attend") keeps its action's
# CAMEO code with status future; its PLOVER type is AGREE all the same for the first four
# (reference.plover.plover_for_status).
FUTURE_INTENT_CODES = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
# Announced intents that, negated by their speaker, are refusals (status_or_refusal): intent to yield -> refuse to yield.
REFUSAL_CODES = {"035": "124"}
# A CONCEDE (080-083) promised not to happen ("will not lift the ban") is a refusal to yield (124); a RETREAT promised
# not to happen ("would not leave until Iraq paid") stays a negated RETREAT, as the demo gold codes it.
YIELD_REFUSALS = {"081": "1241", "082": "1242"}
# Joint military exercises (is_joint_exercise): CAMEO 062 "cooperate militarily", PLOVER COOPERATE.
JOINT_EXERCISE_CODE = "062"
EXERCISE_ROOTS = frozenset({"04", "15"})  # "held drills" reads as a meeting, "launched war games" as a show of force
EXERCISE_WORDS = frozenset({"exercise", "exercises", "drill", "drills", "game", "games", "manoeuvre", "manoeuvres",
                            "maneuver", "maneuvers", "wargame", "wargames"})
# Triggers in the sentence's main clause are the reported event more often than those in subordinate clauses.
MAIN_CLAUSE_BONUS = 0.1


# CAMEO 183 is "suicide, car, or other non-military bombing" (the table gives PLOVER's suicide-attack mode): the
# weapon says which, and a bombing with no suicide cue is PLOVER's explosives ("a roadside bomb killed").
GENERIC_BOMBING_CODES = frozenset({"183"})
# Tolls and instruments are read only for material conflict (quad class 4): a meeting has no casualties.
MATERIAL_CONFLICT = 4

@dataclass(frozen=True)
class CodingContext:
    """Per-article facts every report in it shares."""

    article_id: str | None
    published: str | None
    model: str | None
    actors: ActorContext
    # The sentence's places introduced by a location preposition, found once per sentence (Span.ents walks the Doc).
    located: tuple = ()
    home: Home | None = None   # where the article's site usually places its events (places.Home)


class Coder:
    """Holds the loaded lexicons (state that outlives a call) and codes parsed docs."""

    key = CODER_KEY

    def __init__(self, *, actors_override: str | None = None, calibrated: bool = True) -> None:
        self.verbs = VerbLexicon.load()
        self.actor_lexicon = ActorLexicon.load(actors_override)
        self.agents = AgentLexicon.load()
        # calibrated=False keeps the raw heuristic score (tools/fit_confidence.py fits the calibration on it).
        self.calibration = load_calibration() if calibrated else None

    def code_doc(self, doc, *, article_id: str | None, published: str | None, model: str | None,
                 max_sentence_chars: int = 1000, home: Home | None = None) -> list[Event]:
        """Return every event report coded from a parsed spaCy Doc; ``home`` is the site's home regions, if known."""
        events: list[Event] = []
        focus = find_article_focus_country(doc)
        seen: list[Actor] = []  # actors with a country named so far: antecedents for later surnames and titles
        people: list[Actor] = []  # of them, the people (PERSON names): antecedents for "he" and "she"
        for index, sent in enumerate(doc.sents):
            if len(sent.text) > max_sentence_chars:
                continue
            located = tuple(find_located_places(sentence_entities(sent)))
            ctx = CodingContext(article_id, published, model, ActorContext(
                on_date=published, actors=self.actor_lexicon, agents=self.agents,
                fallback_country=find_sentence_country(located, focus), antecedents=tuple(seen),
                people=tuple(people)), located, home)
            sentence_events = [link_coreference(e, seen) for e in self.code_sentence(sent, index, ctx)]
            named = find_named_actors(sent, ctx.actors)
            seen.extend(actor for _, actor in named)
            people.extend(actor for label, actor in named if label == "PERSON")
            events.extend(sentence_events)
        if self.calibration is None:
            return events
        return [replace(e, confidence=self.calibration.apply(e.confidence)) for e in events]

    def code_article(self, article: Article, doc, *, model: str | None, max_sentence_chars: int = 1000,
                     home: Home | None = None) -> list[Event]:
        """Return the event reports of one article whose text ``doc`` is the parse of."""
        return self.code_doc(doc, article_id=article.id, published=article.published, model=model,
                             max_sentence_chars=max_sentence_chars, home=home)

    def code_sentence(self, sent, index: int, ctx: CodingContext) -> list[Event]:
        """Return the event reports of one sentence: verbs first, then nouns no coded verb already carries."""
        triggers = drop_light_verbs(find_triggers(sent, self.verbs))
        verbal = {t.token.i: t for t in triggers if not t.nominal}
        # "staged demonstrations to demand reforms": the light verb's coded object governs its purpose clause.
        carriers = {t.token.head.i: t for t in triggers if t.nominal and is_light_verb_object(t.token)}
        events: dict[int, Event] = {}
        for trig in sorted(triggers, key=lambda t: t.nominal):
            carried = verbal if trig.nominal else {**carriers, **verbal}
            if is_subsumed(trig, carried) or (trig.nominal and is_subject_of_coded_verb(trig.token, events)):
                continue
            event = build_event(trig, sent, index, ctx)
            if event is not None:
                events[trig.token.i] = event
        return refine_protests([events[i] for i in sorted(events)])


def refine_protests(events: list[Event]) -> list[Event]:
    """Return a sentence's reports with its protests typed by the intervention reported beside them (ACLED)."""
    types = [e.acled for e in events if e.status == "asserted"]
    return [replace(e, acled=refine_protest(e.acled, types)) if e.acled == "Peaceful protest" else e for e in events]


def link_coreference(event: Event, seen: list[Actor]) -> Event:
    """Return the event with country-less actors and recipients resolved to earlier mentions in the article."""
    actors = tuple(resolve_coreference(a, seen) for a in event.actor)
    recipients = tuple(resolve_coreference(r, seen) for r in event.recipient)
    if actors == event.actor and recipients == event.recipient:
        return event
    return replace(event, actor=actors, recipient=recipients)


def find_named_actors(sent, ctx: ActorContext) -> list[tuple[str, Actor]]:
    """Return (entity label, actor) for the country-coded actors of the sentence's person and organisation names."""
    ents = [ent for ent in sentence_entities(sent) if ent.label_ in ("PERSON", "ORG", "NORP")]
    return [(ent.label_, a) for ent in ents for a in resolve_actors(ent.root, ctx) if a.country]


def drop_light_verbs(triggers: list[Trigger]) -> list[Trigger]:
    """Return the triggers without light verbs whose coded noun object names the event ("staged a protest")."""
    light = {t.token.head.i for t in triggers
             if t.nominal and t.token.dep_ == "dobj" and t.token.head.lemma_.lower() in LIGHT_VERBS}
    return [t for t in triggers if t.nominal or t.token.i not in light]


def is_subject_of_coded_verb(noun, events: dict[int, Event]) -> bool:
    """Return True for "a drone strike killed X" when the verb's event was coded: the strike is that event."""
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i in events


def governing_predicate(noun):
    """Return the verb or adjective a nominal trigger hangs from ("strikes ... are likely" -> "are")."""
    tok = noun
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX", "ADJ"):
        tok = tok.head
    return tok


def complement_governor(tok, verbal: dict[int, Trigger]) -> Trigger | None:
    """Return the coded verb that governs ``tok`` through an xcomp/ccomp link, if any; a clause cut off by a
    semicolon is no complement ("Iran fired missiles at the bases; no one was killed")."""
    if is_split_by_semicolon(tok):
        return None
    if tok.dep_ in ("xcomp", "ccomp") and tok.head.i in verbal:
        return verbal[tok.head.i]
    if tok.dep_ == "advcl" and tok.head.i in verbal and any(c.lower_ == "to" for c in tok.children):
        return verbal[tok.head.i]  # "voted on Sunday to expel": an infinitive of purpose is the act's content
    return None


def is_demanded_act(noun) -> bool:
    """Return True for the object of a call or demand ("demand for the expulsion of"): asked for, not done."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "for" and prep.head.lemma_.lower() in DEMAND_WORDS


def is_consequence(trig: Trigger, verbal: dict[int, Trigger]) -> bool:
    """Return True for "hit a house, killing two (and wounding five)": a participle reporting the attack's result."""
    tok = trig.token
    while tok.dep_ == "conj" and tok.tag_ == "VBG" and tok.head.tag_ == "VBG":  # "..., killing two and wounding five"
        tok = tok.head
    head = verbal.get(tok.head.i)
    return (tok.dep_ == "advcl" and tok.tag_ == "VBG" and head is not None
            and trig.code[:2] in PLACED_TARGET_ROOTS and head.code[:2] in PLACED_TARGET_ROOTS)


def is_split_by_semicolon(tok) -> bool:
    """Return True when a semicolon stands between a token and its head: two sentences the parser joined."""
    low, high = sorted((tok.i, tok.head.i))
    return any(t.text == ";" for t in tok.doc[low + 1:high])


def is_subsumed(trig: Trigger, verbal: dict[int, Trigger]) -> bool:
    """Return True when another trigger carries this one's event.

    A noun object of a coded verb ("launched an attack"; not "claimed the attack", whose claim names its author); a
    transparent governor whose complement is coded ("voted to expel", "is expected to meet"); or the content of a
    coded speech act ("threatened to close", "urged Baghdad to reconsider", "warned that ... would"): the threat or
    appeal is the event, not its content.
    Reporting verbs (CAMEO 01, "said") are not speech-act events: their complements stay events.
    """
    tok = trig.token
    if trig.nominal:
        return tok.head.i in verbal and tok.dep_ == "dobj" and not find_claimant(tok) or is_demanded_act(tok)
    if is_consequence(trig, verbal):
        return True
    if tok.lemma_.lower() in TRANSPARENT_GOVERNORS:
        return any(c.dep_ in ("xcomp", "ccomp") and c.i in verbal for c in tok.children)
    governor = complement_governor(tok, verbal)
    # A coded refusal ("refused to deploy") is the event; an uncoded denial leaves its complement, negated.
    return (governor is not None and governor.code[:2] not in SKIPPED_ROOTS
            and governor.token.lemma_.lower() not in TRANSPARENT_GOVERNORS)


def is_complement(tok) -> bool:
    """Return True for a clausal complement, or a to-infinitive the parser attached as an adverbial ("sworn to fight")."""
    return tok.dep_ in ("xcomp", "ccomp", "acomp") or (
        tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))


def find_intent_governor(verb):
    """Return the commitment word governing a verb ("willing to send", "prepared to impose"), or None."""
    tok = verb
    for _ in range(2):
        if not is_complement(tok) or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.lemma_.lower() in INTENT_GOVERNORS or tok.lower_ in INTENT_GOVERNORS:
            return tok
    return None


def is_announced_intent(verb) -> bool:
    """Return True for "Iraq said it would allow": a speaker announcing its own future act (CAMEO 03 intent)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return is_promised(verb) and subject is not None and find_speaker_antecedent(subject, verb) is not subject


def is_own_side_threat(trig: Trigger, root: str, actors: list[Actor], ctx: CodingContext) -> bool:
    """Return True when a speaker announces a hostile act of their own country ("Salami said Iranian forces would
    destroy any warship"): a threat, like "X said it would", with the speaker named instead of a pronoun."""
    tok = trig.token
    if trig.nominal or root not in ANNOUNCED_THREAT_CODES:
        return False
    if not is_promised(tok):
        return False
    speech = find_speech_verb(tok)
    speaker = find_child(speech, ("nsubj",))
    if speech is tok or speech.lemma_.lower() not in REPORTING_CUES or speaker is None:
        return False
    own = {a.country for a in actors if a.country}
    return bool(own) and bool({a.country for a in resolve_actors(speaker, ctx.actors) if a.country} & own)


def is_joint_exercise(verb, actors: list[Actor], root: str) -> bool:
    """Return True for forces of several countries holding exercises together ("French and Egyptian warships
    launched war games"): PLOVER v2 lists joint military exercises under COOPERATE, not a show of force."""
    if root not in EXERCISE_ROOTS:
        return False
    words = {t.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "prep") for t in c.subtree}
    if not words & EXERCISE_WORDS:
        return False
    return "joint" in words or len({a.country for a in actors if a.country}) >= 2


def recode_intent(trig: Trigger) -> tuple[str, object]:
    """Return the trigger's code and the token whose factuality is the report's.

    A commitment word ("willing to send", "pledged to hold") or an actor announcing its own act ("Iraq said it
    would allow") makes the report an expression of intent (CAMEO 03) or a threat (13): what happened is the
    expression, so its status is read from the commitment or speech verb, not from the promised act's "would".
    """
    token = trig.token
    if trig.nominal or trig.code[:2] in ("03", "13"):
        return trig.code, token
    if trig.code[:2] in FUTURE_INTENT_CODES and is_announced_intent(token):
        return FUTURE_INTENT_CODES[trig.code[:2]], find_speech_verb(token)  # PLOVER v2: future cooperation is AGREE
    if trig.code[:2] in ANNOUNCED_THREAT_CODES and is_announced_intent(token):
        return ANNOUNCED_THREAT_CODES[trig.code[:2]], find_speech_verb(token)
    governor = find_intent_governor(token)
    if governor is None:
        return trig.code, token
    return (THREAT_CODE if trig.code[:2] in CONFLICT_ROOTS else INTENT_CODE), governor


def recode_with_participants(trig: Trigger, code: str, expression, actors: list[Actor], recipients: list[Actor],
                             ctx: CodingContext) -> tuple[str, object, list[Actor]]:
    """Return (code, expression token, recipients) after the recodings that need the participants: a speaker's own
    country announcing a hostile act threatens it; forces of several countries exercising together cooperate."""
    root = code[:2]
    if is_own_side_threat(trig, root, actors, ctx):  # "Khamenei told his guest that Iran would strike back"
        code, expression = ANNOUNCED_THREAT_CODES[root], find_speech_verb(trig.token)
    if is_joint_exercise(trig.token, actors, code[:2]):
        own = {a.country for a in actors}
        code, recipients = JOINT_EXERCISE_CODE, [r for r in recipients if r.country not in own]  # not "exercises"
    if code == OFFICIAL_COMPLAINT_CODE and is_crowd_protest(trig.token, actors):
        code = DEMONSTRATION_CODE
    return code, expression, recipients


def is_crowd_protest(verb, actors: list[Actor]) -> bool:
    """Return True when people in the street, not a state, "protested against" something: a demonstration."""
    return verb.lemma_.lower() == "protest" and bool(actors) and all(a.sector in CROWD_SECTORS for a in actors)


def status_or_refusal(trig: Trigger, code: str, reported, expression) -> tuple[str, str]:
    """Return (code, status); a speaker's promise to yield that the speaker negates is a refusal that happened ("said
    it would not meet the demands": CAMEO 124, asserted), not a promise that was not made."""
    status = report_status(trig, reported, expression)
    if status == "negated" and code in REFUSAL_CODES and expression is not trig.token:
        return REFUSAL_CODES[code], "asserted"
    if status == "negated" and is_concession(code) and not trig.nominal and is_promised(trig.token):
        return YIELD_REFUSALS.get(code[:3], "124"), "asserted"
    return code, status


def is_concession(code: str) -> bool:
    """Return True for a CAMEO 08 code that PLOVER reads as CONCEDE (not a RETREAT such as a withdrawal)."""
    plover = plover_for_cameo(code)
    return code[:2] == "08" and plover is not None and plover.event == "CONCEDE"


def is_promised(verb) -> bool:
    """Return True for a verb told with "will" or "would" ("will not lift the ban")."""
    return any(c.dep_ == "aux" and c.lower_ in INTENT_AUX for c in verb.children)


def report_status(trig: Trigger, reported, expression) -> str:
    """Return the report's status: a nominal's from its governing predicate, a verb's from the verb expressing it
    (the commitment or speech verb of an intent or threat), negated when the promised act itself is."""
    if trig.nominal:
        return classify_status(reported)
    if expression is not trig.token and is_negated(trig.token):
        return "negated"  # "said it would not allow": no promise was made (status_or_refusal may make it a refusal)
    return classify_status(expression)


def lacks_participants(trig: Trigger, root: str, actors: list[Actor], recipients: list[Actor]) -> bool:
    """Return True when a report has no one to code: no actor and no recipient, an appeal to no one, a subject that
    names no actor, or a relative clause's subject outside the roots coded from relative clauses."""
    if not actors and not recipients or (root in NEEDS_RECIPIENT_ROOTS and not recipients):
        return True
    if trig.nominal:
        return False
    return has_unresolvable_subject(trig.token, actors) or (
        root not in RELATIVE_CLAUSE_ROOTS and has_relative_subject(trig.token))


def build_event(trig: Trigger, sent, index: int, ctx: CodingContext) -> Event | None:
    """Return the Event for a trigger, or None when it has no codable actor or its code is skipped."""
    code, expression = recode_intent(trig)
    root = code[:2]
    info = cameo_code(code) or cameo_code(code[:3]) or cameo_code(code[:2] + "0")  # CAMEO 2.0 codes (176)
    if info is None or root in SKIPPED_ROOTS:
        return None
    actors, recipients = code_participants(trig, ctx, root)
    if lacks_participants(trig, root, actors, recipients):
        return None
    recoded, expression, recipients = recode_with_participants(trig, code, expression, actors, recipients, ctx)
    if recoded != code:
        code, root, info = recoded, recoded[:2], cameo_code(recoded)
    reported = governing_predicate(trig.token) if trig.nominal else trig.token
    code, status = status_or_refusal(trig, code, reported, expression)
    root, info = code[:2], cameo_code(code) or info
    when = resolve_event_dates(trig.token, published=ctx.published, future=status == "future")
    plover = plover_for_status(plover_for_cameo(info.code), status)
    tok = trig.token
    location = event_location(tok, context=PlaceContext(
        actor_countries=frozenset(a.country for a in actors + recipients if a.country), home=ctx.home))
    actors, recipients = place_in_location(actors, location), place_in_location(recipients, location)
    harm = code_harm(tok, sent, info.code, plover.event if plover else None, plover.mode if plover else None)
    if plover is not None and plover.event == "ASSAULT" and harm["mode"] not in ("aerial", "drone"):
        harm["mode"] = aerial_mode(actors) or harm["mode"]
    return Event(
        id=hash_text(ctx.article_id or "", str(index), str(tok.idx), info.code), article_id=ctx.article_id,
        event=plover.event if plover else None,
        **harm, acled=code_acled(tok, plover.event if plover else None, harm, actors, recipients, location),
        context=tuple(plover.context) if plover else (),
        cameo=info.code, cameo_root=root, goldstein=info.goldstein, quad_class=quad_class_for(info.code),
        status=status, actor=tuple(actors), recipient=tuple(recipients),
        trigger=Evidence(tok.text, (tok.idx, tok.idx + len(tok.text))),
        sentence=sent.text.strip(), sentence_index=index,
        confidence=score_confidence(trig, actors, recipients), coder=CODER_KEY, model=ctx.model,
        attribution=find_attribution(reported) or find_claim_attribution(tok, reported), date=when.date,
        end_date=when.end_date, date_precision=when.precision,
        historical=is_historical(when.date, ctx.published, when.precision),
        pattern=trig.pattern, location=location,
    )


def code_acled(tok, event: str | None, harm: dict, actors: list[Actor], recipients: list[Actor],
               location: Place | None) -> str | None:
    """Return the report's ACLED sub-event type from its PLOVER type, mode, weapon, tolls and participants."""
    return type_report(tok, event, harm["mode"], weapon=harm["weapon"].text if harm.get("weapon") else None,
                       harmed=bool(harm.get("dead") or harm.get("injured")), has_place=location is not None,
                       actor_sectors=[a.sector for a in actors], recipient_sectors=[r.sector for r in recipients])


def aerial_mode(actors: list[Actor]) -> str | None:
    """Return the aerial or drone mode an attacker's own words give ("Syrian warplanes struck"), else None."""
    modes = {mode_for_weapon(a.text) for a in actors if a.text}
    return next((m for m in ("aerial", "drone") if m in modes), None)


def code_harm(tok, sent, code: str, event: str | None, mode: str | None) -> dict:
    """Return the Event's dead/injured/arrested/weapon fields, and its PLOVER mode refined by the weapon."""
    if quad_class_for(code) != MATERIAL_CONFLICT:
        return {"mode": mode}
    found = find_magnitude(sent, tok.i)
    weapon = find_weapon(sent, tok.i)
    generic = code in GENERIC_BOMBING_CODES
    # A specific code's mode (193 firearms) stays, unless it is only the verb's guess at what was fired ("mortar
    # shells were fired": the small-arms default of "fire").
    guessed = tok.lemma_.lower() in LAUNCH_VERBS
    if weapon and event == "ASSAULT" and (mode is None or generic or guessed):
        mode = mode_for_weapon(weapon[0]) or mode
    elif generic and "suicide" not in sent.text.lower():
        mode = "explosives"
    return {"mode": mode, "dead": found.dead, "injured": found.injured, "arrested": found.arrested,
            "weapon": Evidence(*weapon) if weapon else None}


def is_main_clause(tok) -> bool:
    """Return True for the root verb, its conjuncts and complements of a reporting root ("X said Y attacked")."""
    while tok.dep_ in ("conj", "xcomp", "dobj", "ccomp") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "ROOT"


def score_confidence(trig: Trigger, actors: list[Actor], recipients: list[Actor]) -> float:
    """Return a heuristic 0..1 confidence from how much of the report was resolved."""
    score = BASE_CONFIDENCE
    if trig.pattern not in ("default",) and not trig.nominal:
        score += PATTERN_BONUS
    if actors and recipients:
        score += DYAD_BONUS
    if is_main_clause(trig.token):
        score += MAIN_CLAUSE_BONUS
    if trig.nominal:
        score -= NOMINAL_PENALTY
    return round(max(0.0, min(1.0, score)), 2)
