"""Where an event happened: the place linked to its trigger, as a resolved Place or as character spans.

``event_location`` finds the place linked to an event in its clause ("attacked US bases in Anbar", "met in
Tehran"), else the sentence's only place, else nothing: a location is never invented. ``event_place_span(s)``
expose the same choice as character spans (what the event_location gold set scores). Toponym resolution itself is
coding/places.py's.
"""

from __future__ import annotations

from dataclasses import replace

from ..records import Place
from ..reference.countries import match_country
from ..reference.gazetteer import load_gazetteer
from .entities import sentence_entities
from .places import (EVENT_PREPS, PLACE_LABELS, PlaceContext, place_for_entity, sentence_context, split_region_word,
                     trim_article)
from .roles import MISSION_HEADS


def event_location(trigger, *, context: PlaceContext = PlaceContext()) -> Place | None:
    """Return where the trigger's event happened: its clause's place, else the sentence's located place, else None.

    The places are the ones ``ranked_place_names`` orders (the rule the event_location gold set scores): the first
    the gazetteer resolves wins, so "the town of Mardes in Hama province" gives the province's point when the town
    is unknown. With none resolved, the finest comes back with its text and span only (no point is invented).
    """
    names = ranked_place_names(trigger.sent, trigger)
    if not names:
        return None
    context = sentence_context(trigger.sent, context)
    found = next(((n, p) for n, p in ((n, place_for_entity(n, context)) for n in names) if p is not None), None)
    if found is None:
        return Place(text=names[0].text, span=(names[0].start_char, names[0].end_char))
    name, place = found
    if is_reference_point(name) and (place.precision or 0) < NEAR_PRECISION:
        return replace(place, precision=NEAR_PRECISION)  # "30 km north of Kirkuk": near the place, not at it
    return place


# --- Event-linked place spans (tuned on the dev split of ../shared/eval/event_location) ----------------------------
# Prepositions whose object can be where an event happened ("in", "near", "on the towns of", "throughout").
SPAN_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within", "into",
                        "on", "onto", "over", "along", "off", "toward", "towards", "to", "through"})
# Nouns that introduce a place by name ("the village of Mainok", "Aziziyah district", "Pattani province's capital").
PLACE_NOUNS = frozenset({
    "village", "town", "township", "city", "capital", "hometown", "province", "region", "district", "subdistrict",
    "sub-district", "county", "state", "governorate", "prefecture", "municipality", "commune", "locality",
    "settlement", "area", "zone", "sector", "neighborhood", "neighbourhood", "quarter", "suburb", "outskirt",
    "outskirts", "countryside", "vicinity", "enclave", "territory", "part", "half", "percent", "chunk", "rest",
    "heart", "center", "centre", "middle", "edge", "front", "perimeter", "entrance", "corridor", "courtyard",
    "doorstep", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "street",
    "road", "highway", "border", "coast", "port", "island", "hill", "mountain", "valley", "desert", "jungle",
    "camp", "base", "outpost", "airport", "square", "farm", "resort", "position", "fight", "battle", "pocket",
    "flank", "environs", "periphery",
})
NAME_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "PRODUCT", "NORP"})
DIRECTION_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})       # "entered Syria", "Eastern Slavonia was captured"
# Verbs whose object is a place when it is named as one ("stormed the Heart Hospital", "entered Syria").
PLACE_OBJECT_VERBS = frozenset({
    "capture", "seize", "enter", "storm", "take", "shell", "bomb", "attack", "target", "control", "liberate",
    "recapture", "besiege", "invade", "occupy", "strike", "hit", "raid", "overrun", "retake", "bombard", "surround",
    "patrol", "visit", "reach", "cross", "flee", "leave", "evacuate", "encircle", "siege", "pound", "destroy",
    "secure", "free", "approach", "infiltrate", "blockade", "rock", "tour",
})
# Last words that make an ORG or PERSON name a facility ("the Heart Hospital", "Bardo Museum").
FACILITY_WORDS = frozenset({"hospital", "airport", "base", "square", "mosque", "embassy", "university", "school",
                            "museum", "hotel", "stadium", "prison", "palace", "church", "market", "camp", "bridge",
                            "station", "port", "compound", "checkpoint", "border", "crossing", "airbase", "suburb",
                            "district", "governorate", "town", "village", "city", "castle", "province", "farms"})
# Where a Doc keeps its sentences' place names (find_place_names).
PLACE_NAMES_KEY = "flashpoint.coding.event_places"
# Clock abbreviations the tagger reads as proper nouns ("at 11 A.M.").
CLOCK_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "gmt", "utc"})
# Clause links that share the event's place ("were killed and four wounded in Homs"); advcl and xcomp were tried
# on the dev split and changed token F1 by less than 0.002, so the simpler rule stays.
CHAIN_DEPS = frozenset({"conj"})
# Words of a distance before a bearing ("some 130 kilometers (80 miles) south of").
DISTANCE_WORDS = frozenset({"km", "kms", "kilometers", "kilometres", "kilometer", "kilometre", "miles", "mile",
                            "nautical", "(", ")", "about", "some", "nearly", "just", "around", "roughly",
                            "approximately", "almost", "over", "than", "more", "less", "-"})
# An event placed by distance and bearing from a place ("30 km north of Kirkuk") is in that place's area, not at its
# point: precision 2 (region), as ACLED codes events "near" a town.
NEAR_PRECISION = 2


def is_place_noun(tok) -> bool:
    """Return True for a common noun that introduces a named place ("village", "district", "outskirts")."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in PLACE_NOUNS


def is_place_position(tok, label: str) -> bool:
    """Return True when a name's root sits where a place is named: "in X", "the town of X", "X district"."""
    head = tok.head
    if label == "NORP":   # the tagger often reads a town as a nationality ("Silopi town", "the town of Sharifah")
        return (tok.dep_ == "compound" and is_place_noun(head)) or (
            tok.dep_ == "pobj" and head.lower_ == "of" and is_place_noun(head.head))
    if tok.dep_ == "pobj" and head.lower_ in (SPAN_PREPS if label in PLACE_LABELS else EVENT_PREPS):
        return True
    if tok.dep_ == "pobj" and head.lower_ == "of":  # "the town of X"; "south of X", where "south" is an adverb
        return is_place_noun(head.head) or head.head.lower_ in DIRECTION_WORDS
    if tok.dep_ == "appos" and label in PLACE_LABELS:
        return is_place_noun(head) or is_place_position(head, "NAME")   # "in the commercial capital, Abidjan"
    if tok.dep_ in ("compound", "poss", "nmod") and label == "NAME" and head.tag_ == "NNS":
        return False  # "struck PKK positions in northern Iraq": a group owning several sites, not a place's name
    if tok.dep_ in ("compound", "poss", "nmod"):
        # "Aziziyah district"; "a Lima safe house" when the house itself is where something happened; but "the US
        # embassy in Baghdad" is in Baghdad: a mission's country is whose it is, not where
        return is_place_noun(head) or (label in PLACE_LABELS and head.lemma_.lower() not in MISSION_HEADS
                                       and is_place_position(head, "NAME"))
    return label in PLACE_LABELS and tok.dep_ in OBJECT_DEPS and head.lemma_.lower() in PLACE_OBJECT_VERBS


def find_place_names(sent) -> list:
    """Return the sentence's place-name spans: place entities, or any name in a place position; read once per
    sentence (every trigger of the sentence asks), kept in ``Doc.user_data`` like its entities."""
    cache = sent.doc.user_data.setdefault(PLACE_NAMES_KEY, {})
    if (sent.start, sent.end) not in cache:
        cache[(sent.start, sent.end)] = read_place_names(sent)
    return cache[(sent.start, sent.end)]


def read_place_names(sent) -> list:
    """Return the sentence's place-name spans (``find_place_names`` without the cache)."""
    names = []
    for ent in sentence_entities(sent):
        name = trim_article(ent)  # "the Ain al-Asad": the article may be the span's root
        root = climb_conjuncts(name.root)
        if ent.label_ in NAME_LABELS and is_place_position(root, place_label(ent)):
            names.append(name)
    return names + find_untagged_names(sent)


def find_untagged_names(sent) -> list:
    """Return proper-noun names the tagger left unlabelled where the sentence names a place ("shelled the city of
    Kharkiv", "in Qamishli", where the name carries no entity label)."""
    found = []
    for tok in sent:
        if tok.pos_ != "PROPN" or tok.ent_type_ or tok.dep_ == "compound" or tok.lower_ in CLOCK_WORDS:
            continue
        modifiers = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if any(c.ent_type_ for c in modifiers) or not is_place_position(tok, "NAME"):
            continue  # "the Deir Ezzor Governorate": a partly labelled name is the entity's
        found.append(tok.doc[modifiers[0].i if modifiers else tok.i:tok.i + 1])
    return found


def place_label(ent) -> str:
    """Return the entity's label as a place reads it (FAC for "the Heart Hospital", GPE for a gazetteer town).

    The tagger often reads a town as a person or organisation ("Yala", "Jaffna"); the gazetteer corrects it.
    """
    if ent.label_ in PLACE_LABELS:
        return ent.label_
    if ent[-1].lower_ in FACILITY_WORDS:
        return "FAC"
    found = load_gazetteer().lookup(trim_article(ent).text)
    if any(e.kind in ("city", "admin1", "admin2", "area", "landmark") for e in found):
        return "GPE"
    return "NORP" if ent.label_ == "NORP" else "NAME"


def climb_conjuncts(tok):
    """Return the first conjunct of a coordination ("Aleis" in "Khan Touman, Aleis and Alzorba" -> "Touman")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def find_anchor(tok):
    """Return the verb (or the root) a name hangs from: the clause whose event it places."""
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
        tok = tok.head
    return tok


def is_contained(name, names) -> bool:
    """Return True for a container place ("Y" in "X in Y", "X, of Y"): another name lies on its path up."""
    tok = climb_conjuncts(name.root).head
    # a place with its own preposition under a reference point is not inside it ("south of Algiers, near Medea")
    own_phrase = tok.lower_ in SPAN_PREPS
    others = {t.i for n in names if n is not name and not (own_phrase and is_reference_point(n))
              for t in name_tokens(n)}
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
        if tok.i in others:
            return True
        tok = tok.head
    return False


def name_tokens(name) -> list:
    """Return a name's tokens plus the place noun it names ("Vedeno" + "region")."""
    root = name.root
    return list(name) + ([root.head] if root.dep_ in ("compound", "nmod") and is_place_noun(root.head) else [])


def clause_group(trigger) -> set[int]:
    """Return the trigger and the verbs coordinated with it ("were killed ... and wounded")."""
    group = {trigger.i}
    if trigger.dep_ in CHAIN_DEPS:
        group.add(trigger.head.i)
    group |= {t.i for t in trigger.children if t.dep_ in CHAIN_DEPS and t.pos_ in ("VERB", "AUX")}
    return group


def find_granularity(name) -> int:
    """Return 3 for a country, 2 for a region ("Babel province", an admin1 name) or a capital, 1 for a finer
    place: a capital is finer than its country ("Police in Kenya fired at protesters in Nairobi") and coarser than
    its districts ("in Karrada neighbourhood in central Baghdad")."""
    text = name.text
    match = match_country(text)
    if match is not None:
        return 2 if match.kind in ("capital", "metonym") else 3
    found = load_gazetteer().lookup(text)
    if split_region_word(text)[1] or (found and all(e.kind in ("admin1", "continent") for e in found)):
        return 2
    return 1


def find_bearing(name):
    """Return the direction word a place is measured from ("north" in "200 km north of Jammu"), else None."""
    tok = climb_conjuncts(name.root)
    if tok.dep_ in ("appos", "compound") and is_place_noun(tok.head):
        tok = tok.head  # "south of the capital Algiers"
    return tok.head.head if tok.head.lower_ == "of" and tok.head.head.lower_ in DIRECTION_WORDS else None


def is_reference_point(name) -> bool:
    """Return True for a place used to measure from ("200 km north of Jammu"), not where the event was."""
    return find_bearing(name) is not None


def is_fronted_reference(name, trigger) -> bool:
    """Return True for a reference point opening the sentence or a clause before the trigger ("South of Baghdad,
    ... were killed ... in the town of Suwayra"): it sets the scene for the places that follow."""
    bearing = find_bearing(name)
    return bearing is not None and opens_clause(bearing, trigger)


def is_place_description(name, names) -> bool:
    """Return True for a reference point that describes the place named just before it ("in Diwaniyah, 130 km
    south of Baghdad", "in Mahmudiyah south of Baghdad"): the event is in the first place, wherever the parser
    attaches the second."""
    if not is_reference_point(name):
        return False
    doc, i = name.doc, climb_conjuncts(name.root).head.head.i - 1   # the token before the direction word
    while i > 0 and (doc[i].like_num or doc[i].lower_ in DISTANCE_WORDS):
        i -= 1
    i -= doc[i].text == ","
    others = {t.i for n in names if n is not name for t in name_tokens(n)}
    return i in others


def is_fronted(name, trigger) -> bool:
    """Return True for a scene-setting phrase opening the sentence ("In Mosul on Saturday, ...")."""
    tok = climb_conjuncts(name.root)
    while tok.dep_ != "prep" and tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
        tok = tok.head
    return tok.dep_ == "prep" and opens_clause(tok, trigger)


def opens_clause(tok, trigger) -> bool:
    """Return True for a token before the trigger that opens the sentence or follows punctuation ("In Mosul, ...",
    "South of Baghdad, ...")."""
    return tok.i < trigger.i and (tok.i == tok.sent.start or tok.nbor(-1).is_punct)


def rank_key(name, trigger) -> tuple[int, int]:
    """Return the sort key of a linked name: scene-setting and reference places last, then coarser places."""
    return is_fronted(name, trigger) + is_reference_point(name), find_granularity(name)


def linked_names(names, trigger) -> list:
    """Return the names linked to the trigger's clause, else those linked to a clause chained with it."""
    group = clause_group(trigger)
    own, chained = [], []
    for name in names:
        anchor = find_anchor(climb_conjuncts(name.root))
        if anchor.i == trigger.i:
            own.append(name)
        elif anchor.i in group:
            chained.append(name)
    return own or chained


def lone_name(names) -> list:
    """Return the names if they are all one place: a sentence naming a single place places its events there."""
    return names if len({n.text for n in names}) == 1 else []


def rank_names(names, trigger) -> list:
    """Return the places linked to the trigger, else the sentence's only place; a reference point ("north of
    Baghdad") counts only after the located places, and one opening the sentence only when it is all there is."""
    located = [n for n in names if not is_reference_point(n)]
    references = [n for n in names if is_reference_point(n)]
    # With several places and none linked, a guess costs more than it gains (the first located place as a further
    # fallback scored 2 right tokens to 32 wrong on the dev split).
    unfronted = [n for n in references if not is_fronted_reference(n, trigger)]
    return (linked_names(located, trigger) or linked_names(unfronted, trigger)
            or lone_name(located) or lone_name(references))


def ranked_place_names(sent, trigger) -> list:
    """Return the place names linked to the trigger's event, finest and most direct first."""
    names = find_place_names(sent)
    names = [n for n in names if not is_contained(n, names) and not is_place_description(n, names)]
    return sorted(rank_names(names, trigger), key=lambda n: rank_key(n, trigger))


def linked_place_entities(sent, trigger) -> list:
    """Return the place names where the trigger's event happened: the finest names linked to its clause."""
    ranked = ranked_place_names(sent, trigger)
    return [n for n in ranked if rank_key(n, trigger) == rank_key(ranked[0], trigger)]


def event_place_spans(sent, trigger_i: int) -> list[tuple[int, int]]:
    """Return the (start_char, end_char) spans of the places where the event of token ``trigger_i`` happened."""
    trigger = sent.doc[trigger_i]
    return [(e.start_char, e.end_char) for e in linked_place_entities(sent, trigger)]


def event_place_span(sent, trigger_i: int) -> tuple[int, int] | None:
    """Return the (start_char, end_char) of the place linked to the event of token ``trigger_i``, or None."""
    spans = event_place_spans(sent, trigger_i)
    return spans[0] if spans else None
