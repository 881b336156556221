"""Who did what to whom: a trigger's actors and recipients from its parse roles, with the rules that fill a role
the parse leaves empty (a domestic action's own country, the place an attack's target is in, the unattributed armed
group behind a weapon, the forces deployed in an agentless passive).

Split from coder.py, which builds the event around them; ``ctx`` is coder.CodingContext (its ``actors`` and
``located``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..records import Actor, Place
from ..reference.countries import country_by_iso3
from .actors import (DOMESTIC_SECTORS, WATER_HEADS, find_country, resolve_actors, uncoded_victim,
                     unknown_armed_actor, without_borders)
from .factuality import REPORTING_CUES
from .places import EVENT_PREPS, PLACE_LABELS, PlaceContext, resolve_entry
from .roles import (ORIGIN_PREPS, POSSESSIVE_PRONOUNS, find_agentless_patient, find_cause_attacks, find_child,
                    find_claimant, find_complement_subjects, find_instrument_agent, find_light_verb_subject,
                    find_mission_sites, find_nested_opponents, find_noun_roles, find_object_sources, find_objects,
                    find_origins, find_prep_objects, find_pronoun_owner, find_speech_verb, find_threatened_subjects,
                    find_verb_roles, find_withdrawing_parties, has_launched_weapon, is_instrument, is_split_attack,
                    resolve_object_pronouns)
from .triggers import Trigger
from .weapons import ATTACK_NOUNS

if TYPE_CHECKING:
    from .coder import CodingContext

# Demands whose "that" clause names who must act: "demanded that the government end curbs".
ADDRESSEE_ROOTS = frozenset({"10"})
# Threats (CAMEO 13): a "that" clause saying who will suffer names the threatened ("would face attacks").
THREAT_ROOT = "13"
# Where the actor's own people or forces are posted ("its ambassador from Niger", "its troops in Syria").
POSTING_PREPS = frozenset({"from", "to", "in"})
# Appeals (CAMEO 02) and demands (10): whoever is asked to leave is the one asked.
APPEAL_ROOTS = frozenset({"02", "10"})
# Cooperation coordinated with a meeting is with the one met, when it names no one else: "met Putin and agreed a
# ceasefire" (CAMEO 03 intent, 04 consult, 05 diplomatic and 06 material cooperation).
SHARED_PARTNER_ROOTS = frozenset({"03", "04", "05", "06"})
MEETING_VERBS = frozenset({"meet", "host", "receive", "visit", "welcome"})
# Complaints and accusations (CAMEO 11): the one complained to ("to the United Nations") is the audience; what the
# complaint is about names the accused ("complained to the UN over Israeli air raids" accuses Israel).
ACCUSATION_ROOTS = frozenset({"11"})
COMPLAINT_PREPS = frozenset({"over", "about"})
# Mobilising (CAMEO 15) names the forces mobilised as its object; they are the actor's, and the recipient is the one
# they are mobilised against ("mobilized reservists for a war against Iraq").
OWN_FORCE_ROOTS = frozenset({"15"})
FORCE_SECTORS = frozenset({"MIL", "COP", "SPY"})
# Who made a verb's object, by root: the maker of a call, offer or demand is the recipient of a response to it (CAMEO 03
# accept, 08 yield, 12 reject: "rejected calls by Belarus", "an offer from Kabul"), and the one asked to do the object
# of a demand ("demanded an admission by Moscow"; "pressure from Congress" names the asker, so not "from").
SOURCE_PREPS_BY_ROOT = {"03": frozenset({"by", "from"}), "08": frozenset({"by", "from", "of"}),
                        "12": frozenset({"by", "from", "of"}), "10": frozenset({"by"})}
# Protests and attacks (CAMEO 14, 18-20) at or near a country's embassy address that country ("rockets struck near
# the US embassy").
MISSION_TARGET_ROOTS = frozenset({"14", "18", "19", "20"})
# Material-conflict roots whose uncoded target takes the country it is in (CAMEO 18 assault, 19 fight, 20 mass violence).
PLACED_TARGET_ROOTS = frozenset({"18", "19", "20"})
# Meetings (CAMEO 04) name their venue, not a party: "met in Tehran" is no act on Iran. Any other action that names
# no target acts on the country it is placed in ("peacekeeping troops have arrived in Bosnia").
VENUE_ROOTS = frozenset({"04"})
# The event prepositions of places.py, plus "north/south of" that place a sentence's action ("south of Baghdad").
LOCATION_PREPS = EVENT_PREPS | {"north", "south"}
# CAMEO visit codes: the country visited hosts the visit.
HOSTED_CODES = frozenset({"042"})
# Sectors of a state acting at home: a target they name without a country is taken to be in their country.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Domestic actions whose target is the country they happen in: protests, concessions, coercion, mobilisation.
DOMESTIC_TARGET_ROOTS = frozenset({"08", "14", "15", "17"})
# Protests (14) and political concessions (080-085) that name no target address the actor's own country: both gold
# sets code "thousands of Iraqis marched" and "the minister resigned" with the actor's country as recipient.
HOME_TARGET_PREFIXES = ("14", "080", "081", "082", "083", "084", "085")

# Coercion and violence reported in the passive with no agent ("five men were arrested", "two were killed"): the
# report stands with its patient uncoded rather than being dropped (CAMEO 17 coerce, 18 assault, 19 fight, 20).
PATIENT_ROOTS = frozenset({"17", "18", "19", "20"})
# "Its forces": a state's armed forces. The agents dictionary knows only "security forces", "armed forces"...; a bare
# "forces" row there (the mechanism-level fix) was measured and cost more than it gave ("market forces", "the forces"
# of a riot: IndiaPoliceEvents FORCE 0.685 -> 0.679, CASE 0.770 -> 0.768, MUC-4 0.276 -> 0.275), so only a
# possessed "forces" is read as one.
FORCE_HEADS = frozenset({"force"})
# Force posture (CAMEO 15, PLOVER MOBILIZE) in the passive with no agent: the forces deployed are the actor.
DEPLOYED_ROOTS = frozenset({"15"})


def place_country(ent) -> str | None:
    """Return the ISO3 of a place entity that names a country, demonym or capital, else None."""
    if ent.root.lower_ in WATER_HEADS:
        return None  # "in the Gulf of Oman" is at sea, not in Oman
    kept = [t for t in ent if t.lower_ != "the"]
    iso3, _ = find_country([t.lower_ for t in kept], [t.text for t in kept])
    return iso3


def find_located_places(ents) -> list:
    """Return the place entities among ``ents`` introduced by a location preposition ("in Baghdad", "near Kirkuk")."""
    return [e for e in ents if e.label_ in PLACE_LABELS
            and e.root.dep_ == "pobj" and e.root.head.lower_ in LOCATION_PREPS]


def find_sentence_country(located, article_country: str | None = None) -> str | None:
    """Return the country where the sentence's action is placed ("in Baghdad"), else the article's focus."""
    for ent in located:
        iso3 = place_country(ent)
        if iso3:
            return iso3
    return article_country


def find_article_focus_country(doc) -> str | None:
    """Return the country most often named as a location in the article ("in Iraq", "in Baghdad"), if any."""
    counts: dict[str, int] = {}
    for ent in find_located_places(doc.ents):
        iso3 = place_country(ent)
        if iso3:
            counts[iso3] = counts.get(iso3, 0) + 1
    return max(sorted(counts), key=counts.get) if counts else None


def region_country(ent) -> str | None:
    """Return the ISO3 of a place entity that the gazetteer reads as a first-level region ("in Alaska"), else None."""
    entry = resolve_entry(ent.text)
    return entry.iso3 if entry is not None and entry.kind == "admin1" else None


def addressees_last(heads: list) -> list:
    """Return the candidates with the ones spoken to ("to the United Nations") after the others, order kept."""
    addressed = [h for h in heads if h.dep_ == "pobj" and h.head.lower_ == "to"]
    return [h for h in heads if h not in addressed] + addressed


def gazetteer_country(ent, home=None) -> str | None:
    """Return the ISO3 of the place the gazetteer reads a place entity as (a town, a region), with the site's home
    regions as the event's location uses them (a local paper's "Alexandria"), else None."""
    entry = resolve_entry(ent.text, context=PlaceContext(home=home))
    return entry.iso3 if entry is not None else None


def code_roles(trig: Trigger, ctx: CodingContext) -> tuple[list[Actor], list[Actor]]:
    """Return resolved (actors, recipients): all actor conjuncts, and the first recipient candidate that resolves."""
    if trig.nominal:
        actor_heads, recipient_heads = find_noun_roles(trig.token)
    else:
        actor_heads, recipient_heads = find_verb_roles(trig.token)
        recipient_heads = verb_recipient_heads(trig, recipient_heads)
    # "A drone strike killed": the means is no actor unless it says whose it is ("a US drone strike"); "a naval
    # blockade", "military strikes": an adjective naming only a branch of armed forces is no actor either (but "a
    # terrorist attack" names its kind of perpetrator).
    actors = [a for h in actor_heads for a in with_owner_country(h, resolve_actors(h, ctx.actors), ctx)
              if a.country or not (is_instrument(h) if not trig.nominal else h.pos_ == "ADJ" and a.sector == "MIL")]
    if not actors and trig.nominal:  # "mass demonstrations": the modifier named no one; the light verb's subject does
        heads = find_light_verb_subject(trig.token) or find_claimant(trig.token)  # or who claimed it
        actors = [a for h in heads for a in resolve_actors(h, ctx.actors)]
    actor_spans = {a.span for a in actors}
    target_ctx = replace(ctx.actors, locate_things=True)
    candidates = [[r for r in resolve_actors(head, target_ctx) if r.span not in actor_spans] for head in recipient_heads]
    if trig.code[:2] in OWN_FORCE_ROOTS and actors:  # no actor: a passive "forces were deployed" mobilises them
        candidates = [[r for r in c if not is_own_force(r, actors)] for c in candidates]
    # A country-coded candidate beats an earlier sector-only one: "offered its troops to Lebanon" targets Lebanon.
    recipients = next((c for c in candidates if any(r.country for r in c)), None) or next((c for c in candidates if c), None)
    if recipients and any(r.country for r in recipients):
        return actors, recipients
    placed = located_target(trig, recipient_heads, ctx.located, ctx.home)
    if placed and recipients:  # "killed five villagers in Zamfara": the people keep their sector, take the place
        return actors, [replace(r, country=placed[0].country) for r in recipients]
    if placed:
        return actors, placed
    recipients = [with_state_country(r, actors) for r in recipients or []]
    if not recipients and trig.code.startswith(HOME_TARGET_PREFIXES):
        recipients = home_target(actors)
    return actors, recipients


def verb_recipient_heads(trig: Trigger, heads: list) -> list:
    """Return a verbal trigger's recipient candidates with those its reporting and its CAMEO root add."""
    verb, root = trig.token, trig.code[:2]
    if is_reported(verb):  # "Israel said a mortar bomb was fired at it"
        heads = resolve_object_pronouns(heads, verb)
    if root in ADDRESSEE_ROOTS:
        heads = find_complement_subjects(verb) + heads  # "demanded that the US match"
    if root in APPEAL_ROOTS:  # "urged the withdrawal of Russian troops": the troops are asked to leave
        heads = find_withdrawing_parties(verb) + heads
    if root in SHARED_PARTNER_ROOTS and verb.dep_ == "conj" and verb.head.lemma_.lower() in MEETING_VERBS:
        heads = heads + find_objects(verb.head)  # "met Putin in Moscow and agreed a ceasefire": with Putin
    if root == THREAT_ROOT:  # "warned that US forces would face attacks"
        heads = heads + find_threatened_subjects(verb)
    if root in OWN_FORCE_ROOTS:  # "mobilized reservists for a war against Iraq"
        heads = heads + find_nested_opponents(verb)
    if root in SOURCE_PREPS_BY_ROOT:  # "rejected calls by Belarus"
        heads = heads + find_object_sources(verb, SOURCE_PREPS_BY_ROOT[root])
    if root in MISSION_TARGET_ROOTS:  # "demonstrated outside the US embassy"
        heads = heads + find_mission_sites(verb)
    if root in ACCUSATION_ROOTS:  # "complained to the UN over Israeli raids"
        heads = addressees_last(heads + find_prep_objects(verb, COMPLAINT_PREPS))
    return owned_last(heads)


def owned_last(heads: list) -> list:
    """Return the candidates with the actor's own ("its ambassador", "their troops") after the others, and where
    its own are posted before them: "France recalled its ambassador from Niger" acts on Niger."""
    own = [h for h in heads if any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in h.children)]
    posts = [p for h in own for p in find_prep_objects(h, POSTING_PREPS)]
    return [h for h in heads if h not in own] + posts + own


def with_owner_country(head, actors: list[Actor], ctx: CodingContext) -> list[Actor]:
    """Return the actors of a subject owned by "its" or "their" in the owner's country ("Iran said its forces seized
    a tanker": Iranian forces, which the agents dictionary alone does not know as forces)."""
    owner = find_pronoun_owner(head) if head.dep_ in ("nsubj", "nsubjpass") else None
    country = next((a.country for a in resolve_actors(owner, ctx.actors) if a.country), None) if owner else None
    if country is None:
        return actors
    if not actors and head.lemma_.lower() in FORCE_HEADS:
        phrase = head.doc[min(t.i for t in head.subtree):head.i + 1]
        return [Actor(text=phrase.text, name=None, country=country, sector="MIL",
                      span=(phrase.start_char, phrase.end_char))]
    return [a if a.country else replace(a, country=country) for a in actors]


def is_reported(verb) -> bool:
    """Return True for a verb in a clause someone reports ("Israel said a mortar bomb was fired at it")."""
    speech = find_speech_verb(verb)
    return speech is not verb and speech.lemma_.lower() in REPORTING_CUES


def placed_target(trig: Trigger, located) -> list[Actor]:
    """Return the country where an action with no target is placed ("demonstrated in Serbia", "lifted a curfew in");
    not where a launched weapon came from ("rockets fired from Iran")."""
    tok = trig.token
    launched = not trig.nominal and has_launched_weapon(tok)
    for ent in located:
        prep = ent.root.head
        if launched and prep.lower_ in ORIGIN_PREPS:
            continue
        if prep.head.i == tok.i or (prep.head.head.i == tok.i and prep.head.dep_ == "dobj"):
            iso3 = place_country(ent) or region_country(ent)
            if iso3:
                return [Actor(text=ent.text, name=None, country=iso3, sector=None,
                              span=(ent.start_char, ent.end_char))]
    return []


def is_own_force(candidate: Actor, actors: list[Actor]) -> bool:
    """Return True for the actor's own forces as a verb's object ("Britain mobilized army reservists")."""
    own = {a.country for a in actors if a.country}
    return candidate.sector in FORCE_SECTORS and (candidate.country is None or candidate.country in own)


def home_target(actors: list[Actor]) -> list[Actor]:
    """Return the actors' own country as the recipient of a domestic action with no target, evidenced by the actor."""
    countries = {a.country for a in actors if a.country}
    if len(countries) != 1 or country_by_iso3(next(iter(countries))) is None:  # IGOs and NGOs have no home
        return []
    actor = next(a for a in actors if a.country)
    return [Actor(text=actor.text, name=None, country=actor.country, sector=None, span=actor.span)]


def with_state_country(recipient: Actor, actors: list[Actor]) -> Actor:
    """Return a sector-only recipient placed in the country of the state body acting on it ("police jailed activists")."""
    state = next((a.country for a in actors if a.country and country_by_iso3(a.country)
                  and (a.sector in STATE_SECTORS or a.sector is None)), None)
    if recipient.country or recipient.sector is None or state is None:
        return recipient
    return replace(recipient, country=state)


def located_target(trig: Trigger, heads: list, located, home=None) -> list[Actor]:
    """Code an uncoded target by the country it is in ("shelled villages in Iraq"), or an action with no target by
    the country it is placed in ("arrived in Bosnia"; not a meeting's venue)."""
    if trig.code[:3] in HOSTED_CODES:  # "arrived in Amman on a visit": the host is where the visitor arrives
        return placed_target(trig, located)
    root = trig.code[:2]
    if root in PLACED_TARGET_ROOTS and heads:
        # "fired four shells at targets in Jericho": the first candidate naming or placed in a country is the target.
        return next((found for head in heads for found in [target_in_country(trig, head, located, home)] if found), [])
    if root in VENUE_ROOTS or heads and root not in DOMESTIC_TARGET_ROOTS:
        return []  # a meeting's venue; a named target that did not resolve is not replaced by the place
    return placed_target(trig, located)


def target_in_country(trig: Trigger, head, located, home=None) -> list[Actor]:
    """Return an uncoded target phrase coded by the country it names or is placed in ("villages in Iraq"), or []."""
    tokens = list(head.subtree)
    iso3 = named_country(tokens)
    if iso3 is None:  # a country or capital first, then any place the gazetteer knows ("targets in Jericho")
        # placed under the verb, the target, or the attack it happened in ("killed in a missile strike on Kharkiv"),
        # or named by the target itself ("hit the Ain al-Asad air base")
        causes = find_cause_attacks(trig.token)  # with the attack word a split parse made a verb ("tank shelling")
        owners = {trig.token.i, head.i} | {n.i for n in causes} | {n.i + 1 for n in causes if is_split_attack(n)}
        places = [e for e in located if e.root.head.head.i in owners] + places_within(head)
        places += attack_subject_places(trig.token)  # "Israeli air strikes on Gaza killed 30 people"
        iso3 = places_country(places, home)
    if iso3 is None:
        return []
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = head.doc[tokens[0].i:tokens[-1].i + 1].text
    return [Actor(text=text, name=None, country=iso3, sector=None, span=(start, end))]


def code_participants(trig: Trigger, ctx: CodingContext, root: str) -> tuple[list[Actor], list[Actor]]:
    """Return (actors, recipients) from the parse roles, with the agentless-passive rules of the report's CAMEO root."""
    actors, recipients = code_roles(trig, ctx)
    if root in DEPLOYED_ROOTS and not actors and not trig.nominal and find_agentless_patient(trig.token) is not None:
        # "police were deployed in the area": the deployed force mobilises (a place is where it went, not who)
        return [r for r in recipients if r.sector is not None], []
    if not actors and not recipients and root in PATIENT_ROOTS and not trig.nominal:
        recipients = find_uncoded_patient(trig.token, ctx)
    if not actors and root in PLACED_TARGET_ROOTS and not trig.nominal:  # "rockets struck near the embassy"
        actors = find_instrument_actor(trig.token, ctx)
    return actors, recipients


def find_instrument_actor(verb, ctx: CodingContext) -> list[Actor]:
    """Return an unattributed armed actor for an attack told by its weapon ("a roadside bomb killed two soldiers near
    Samarra"): someone set it, so the actor is unknown, not absent, and acts in the country the sentence is in."""
    instrument = find_instrument_agent(verb)
    if instrument is None:
        return []
    claimed = [a for h in find_claimant(instrument) for a in resolve_actors(h, ctx.actors)]
    if claimed:  # "claimed responsibility for a deadly attack targeting...": the claimant set it
        return claimed
    first = min([instrument, *instrument.lefts], key=lambda t: t.i)  # the noun phrase up to its head
    phrase = instrument.doc[first.i:instrument.i + 1]
    country = origin_country(verb) or ctx.actors.fallback_country  # "fired from Lebanon": they act in Lebanon
    return [unknown_armed_actor(phrase.text, (phrase.start_char, phrase.end_char), country)]


def origin_country(verb) -> str | None:
    """Return the country a verb's act came from when it names one ("fired from the Gaza Strip"), else None."""
    # a country or capital first, then a place the gazetteer knows ("the Gaza Strip")
    found = (named_country(list(head.subtree)) or places_country(places_within(head)) for head in find_origins(verb))
    return next((iso3 for iso3 in found if iso3), None)


def named_country(tokens: list) -> str | None:
    """Return the ISO3 of the country, demonym or capital a phrase names outside its border phrases, else None."""
    named = without_borders(tokens)
    iso3, _ = find_country([t.lower_ for t in named], [t.text for t in named])
    return iso3


def places_within(head) -> list:
    """Return the place entities inside the phrase headed by ``head`` ("the Ain al-Asad air base")."""
    tokens = list(head.subtree)
    return [e for e in head.doc.ents if e.label_ in PLACE_LABELS and tokens[0].i <= e.start
            and e.end <= tokens[-1].i + 1]


def attack_subject_places(verb) -> list:
    """Return the places an attack that is the verb's subject was aimed at ("air strikes on Gaza killed")."""
    subject = find_child(verb, ("nsubj",))
    if subject is None or subject.lemma_.lower() not in ATTACK_NOUNS:
        return []
    targets = find_prep_objects(subject, {"on", "against"})
    # a proper-noun target the tagger left unlabelled ("strikes on Kharkiv") is looked up as it stands
    return [p for t in targets for p in places_within(t) or ([t.doc[t.i:t.i + 1]] if t.pos_ == "PROPN" else [])]


def places_country(places: list, home=None) -> str | None:
    """Return the country of the first place naming a country or capital, else of the first the gazetteer knows."""
    return next((c for c in map(place_country, places) if c), None) or next(
        (c for c in (gazetteer_country(p, home) for p in places) if c), None)


def place_in_location(actors: list[Actor], location: Place | None) -> list[Actor]:
    """Return the actors with country-less people of a domestic sector placed in the event's resolved place.

    "Five men were arrested in Ahmedabad": the sentence names no country, but the gazetteer places Ahmedabad in
    India, so the men (and "police", "protesters") are Indian, as "in Baghdad" already makes them Iraqi.
    """
    country = location.country if location is not None else None
    if country is None:
        return actors
    return [replace(a, country=country) if a.country is None and a.sector in DOMESTIC_SECTORS else a for a in actors]


def find_uncoded_patient(verb, ctx: CodingContext) -> list[Actor]:
    """Return the uncoded people an agentless passive acted on ("about 17 ram sevaks were arrested"), if any."""
    patient = find_agentless_patient(verb)
    victim = uncoded_victim(patient, ctx.actors) if patient is not None else None
    return [victim] if victim is not None else []
