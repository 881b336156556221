"""ACLED sub-event types for coded reports, from their PLOVER type, mode, weapon, counts and participants.

ACLED's 25 sub-event types (six event types) are what many analysts count; PLOVER v2 was designed to map onto them,
and its modes carry most of the difference (a rocket, a roadside bomb and an air strike are all ASSAULT, with the
modes heavy-weapons, explosives and aerial). The rules below are a visible table, not a model. A report that no
ACLED type describes (a meeting, an accusation) gets None. reference/acled.py lists the sub-event types, in ACLED's
wording, with the event type each belongs to.
"""

from __future__ import annotations

from typing import Sequence

from .weapons import find_object_weapon

# PLOVER ASSAULT modes that name the ACLED sub-event type by themselves.
ASSAULT_MODES: dict[str, str] = {
    "suicide-attack": "Suicide bomb",
    "aerial": "Air/drone strike",
    "drone": "Air/drone strike",
    "heavy-weapons": "Shelling/artillery/missile attack",
    "unconventional": "Chemical weapon",
    "explosives": "Remote explosive/landmine/IED",
    "sexual": "Sexual violence",
    "abduct": "Abduction/forced disappearance",
    "destroy": "Looting/property destruction",
    "crowd-control": "Protest with intervention",
}
# Other PLOVER types (and modes) with one ACLED sub-event type; (type, None) covers every other mode.
TYPE_MODES: dict[tuple[str, str | None], str] = {
    ("PROTEST", "riot"): "Violent demonstration",
    ("PROTEST", "vandalize"): "Violent demonstration",
    ("PROTEST", None): "Peaceful protest",
    ("COERCE", "arrest"): "Arrests",
    ("MOBILIZE", None): "Change to group/activity",
    ("RETREAT", "withdraw"): "Change to group/activity",
    ("RETREAT", "disarm"): "Change to group/activity",
    ("RETREAT", "ceasefire"): "Agreement",
    ("RETREAT", "release"): "Agreement",  # ACLED codes prisoner releases and exchanges as agreements
    ("AGREE", None): "Agreement",
}
# Sectors of the state (it regains territory, it intervenes in protests) and of non-state armed groups.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})
NONSTATE_ARMED_SECTORS = frozenset({"REB", "UAF", "INS", "SEP"})
# Sectors of unarmed people: violence against them is an ACLED "Attack"; violence by them is mob violence.
CIVILIAN_SECTORS = frozenset({"CVL", "PPL", "EDU", "JRN", "REL", "HLH", "MED", "LAB", "BUS", "AGR", "NGO", "REF",
                              "ELI", "HRI"})
PROTESTER_SECTORS = frozenset({"OPP"})
# Triggers that set up a base when their object is one: ACLED's "Headquarters or base established".
BASE_VERBS = frozenset({"set", "establish", "build", "open"})
BASE_NOUNS = frozenset({"checkpoint", "base", "post", "camp", "headquarters", "outpost", "barracks", "position"})
# Triggers that take ground when their object is a place: ACLED's territorial sub-event types.
TERRITORY_VERBS = frozenset({"capture", "recapture", "retake", "liberate", "overrun", "seize", "take", "regain",
                             "occupy"})
TERRITORY_NOUNS = frozenset({"town", "city", "village", "territory", "base", "position", "area", "hill", "post",
                             "garrison", "district", "stronghold", "neighbourhood", "neighborhood", "airport",
                             "region", "province", "control", "ground", "outpost", "checkpoint", "centre", "center",
                             "headquarters", "capital"})


def type_report(verb, event: str | None, mode: str | None, *, weapon: str | None, harmed: bool, has_place: bool,
                actor_sectors: Sequence[str | None], recipient_sectors: Sequence[str | None]) -> str | None:
    """Return the ACLED sub-event type of a coded report, reading what the rules need from its trigger token."""
    if event == "COERCE" and mode == "seize":
        weapon = weapon or find_object_weapon(verb)  # "seized a cache of rifles": the rifles are seized, not used
    return classify_acled(event, mode, actor_sectors=actor_sectors, recipient_sectors=recipient_sectors,
                          weapon=weapon, harmed=harmed, has_place=has_place,
                          territorial=event in ("ASSAULT", "COERCE") and takes_ground(verb),
                          base=event == "MOBILIZE" and sets_up_base(verb))


def takes_ground(verb) -> bool:
    """Return True for a trigger that takes a place ("recaptured the town", "seized Mosul")."""
    return verb.lemma_.lower() in TERRITORY_VERBS and any(
        c.dep_ == "dobj" and (c.ent_type_ in ("GPE", "LOC", "FAC") or c.lemma_.lower() in TERRITORY_NOUNS)
        for c in verb.children)


def sets_up_base(verb) -> bool:
    """Return True for a trigger that sets up a base or checkpoint ("set up checkpoints", "established a base")."""
    return verb.lemma_.lower() in BASE_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in BASE_NOUNS for c in verb.children)


def classify_acled(event: str | None, mode: str | None, *, actor_sectors: Sequence[str | None],
                   recipient_sectors: Sequence[str | None], weapon: str | None = None, harmed: bool = False,
                   has_place: bool = False, territorial: bool = False, base: bool = False) -> str | None:
    """Return the ACLED sub-event type of one report, or None when no ACLED type describes it.

    ``harmed`` is True when the report states people killed or injured; ``has_place`` when it happened somewhere
    the text names (a seizure of a place is a territorial change, of weapons a disrupted weapons use);
    ``territorial`` when its trigger takes ground ("recaptured the town"); ``base`` when it sets up a base or
    checkpoint.
    """
    if event == "MOBILIZE" and base:
        return "Headquarters or base established"
    if event == "ASSAULT":
        if territorial:
            return classify_territory(actor_sectors) or "Armed clash"
        return classify_assault(mode, actor_sectors, recipient_sectors, weapon, harmed)
    if event == "COERCE" and mode == "seize":
        return classify_seizure(actor_sectors, weapon, has_place or territorial)
    return TYPE_MODES.get((event or "", mode)) or TYPE_MODES.get((event or "", None))


def classify_assault(mode: str | None, actor_sectors: Sequence[str | None], recipient_sectors: Sequence[str | None],
                     weapon: str | None, harmed: bool) -> str:
    """Return the ACLED sub-event type of an ASSAULT report: its weapon or mode, else who fought whom."""
    if weapon and "grenade" in weapon.lower():
        return "Grenade"
    if mode in ASSAULT_MODES:
        return ASSAULT_MODES[mode]
    actors, targets = set(actor_sectors) - {None}, set(recipient_sectors) - {None}
    if targets & PROTESTER_SECTORS and actors & STATE_SECTORS:
        return "Excessive force against protesters" if harmed else "Protest with intervention"
    if actors and actors <= CIVILIAN_SECTORS | PROTESTER_SECTORS:
        return "Mob violence"
    if targets and targets <= CIVILIAN_SECTORS | PROTESTER_SECTORS:
        return "Attack"
    return "Armed clash"


def classify_seizure(actor_sectors: Sequence[str | None], weapon: str | None, has_place: bool) -> str | None:
    """Return the ACLED sub-event type of a seizure: of weapons, or of a place by the state or an armed group."""
    if weapon:
        return "Disrupted weapons use"
    return classify_territory(actor_sectors) if has_place else None


def classify_territory(actor_sectors: Sequence[str | None]) -> str | None:
    """Return who gained ground: the state, or a non-state armed group; None when the actor says neither."""
    actors = set(actor_sectors)
    if actors & STATE_SECTORS:
        return "Government regains territory"
    if actors & NONSTATE_ARMED_SECTORS:
        return "Non-state actor overtakes territory"
    return None


def refine_protest(acled: str | None, sentence_types: Sequence[str | None]) -> str | None:
    """Return a peaceful protest's type given the ACLED types of the other reports in its sentence.

    "Police fired tear gas at the marchers": the march is a protest with intervention, and with people killed or
    injured by the state it is a protest met with excessive force; protesters' own violence makes it a violent
    demonstration.
    """
    if acled != "Peaceful protest":
        return acled
    if "Mob violence" in sentence_types or "Looting/property destruction" in sentence_types:
        return "Violent demonstration"  # "protesters threw stones and torched cars"
    if "Excessive force against protesters" in sentence_types:
        return "Excessive force against protesters"
    if "Protest with intervention" in sentence_types or "Arrests" in sentence_types:
        return "Protest with intervention"
    return acled
