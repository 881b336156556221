"""ACLED sub-event types: the rule table on hand-built inputs, then the coder on sentences written here."""

import pytest

import flashpoint
from flashpoint.coding.acled import classify_acled, refine_protest
from flashpoint.reference.acled import ACLED_EVENT_TYPES, find_sub_event_type


def acled(event, mode=None, actors=(), targets=(), **kwargs):
    return classify_acled(event, mode, actor_sectors=list(actors), recipient_sectors=list(targets), **kwargs)


def test_assault_modes_name_their_sub_event_type() -> None:
    assert acled("ASSAULT", "heavy-weapons") == "Shelling/artillery/missile attack"
    assert acled("ASSAULT", "aerial") == acled("ASSAULT", "drone") == "Air/drone strike"
    assert acled("ASSAULT", "explosives") == "Remote explosive/landmine/IED"
    assert acled("ASSAULT", "explosives", weapon="a hand grenade") == "Grenade"
    assert acled("ASSAULT", "sexual") == "Sexual violence"


def test_who_fought_whom_separates_clashes_attacks_and_mob_violence() -> None:
    assert acled("ASSAULT", "firearms", ["MIL"], ["REB"]) == "Armed clash"
    assert acled("ASSAULT", "firearms", ["UAF"], ["CVL"]) == "Attack"
    assert acled("ASSAULT", None, ["CVL"], ["REL"]) == "Mob violence"
    assert acled("ASSAULT", None, ["COP"], ["OPP"]) == "Protest with intervention"
    assert acled("ASSAULT", None, ["COP"], ["OPP"], harmed=True) == "Excessive force against protesters"
    assert acled("ASSAULT", None) == "Armed clash"


def test_seizures_and_ground_taken_depend_on_what_and_who() -> None:
    assert acled("COERCE", "seize", ["MIL"], weapon="rifles") == "Disrupted weapons use"
    assert acled("COERCE", "seize", ["MIL"], has_place=True) == "Government regains territory"
    assert acled("ASSAULT", None, ["REB"], territorial=True) == "Non-state actor overtakes territory"
    assert acled("COERCE", "seize", ["CVL"]) is None
    assert acled("MOBILIZE", base=True) == "Headquarters or base established"
    assert acled("MOBILIZE") == "Change to group/activity"


def test_other_types_and_events_no_acled_type_describes() -> None:
    assert acled("PROTEST", "riot") == "Violent demonstration"
    assert acled("PROTEST", "demo") == "Peaceful protest"
    assert acled("COERCE", "arrest") == "Arrests"
    assert acled("RETREAT", "ceasefire") == acled("AGREE") == "Agreement"
    assert acled("CONSULT") is None and acled("ACCUSE") is None and acled(None) is None


def test_a_protest_takes_the_intervention_reported_beside_it() -> None:
    assert refine_protest("Peaceful protest", ["Arrests"]) == "Protest with intervention"
    assert refine_protest("Peaceful protest", ["Mob violence"]) == "Violent demonstration"
    assert refine_protest("Peaceful protest", ["Agreement"]) == "Peaceful protest"
    assert refine_protest("Attack", ["Arrests"]) == "Attack"


def test_every_assigned_type_is_in_acleds_taxonomy() -> None:
    assert len(ACLED_EVENT_TYPES) == 25 and set(ACLED_EVENT_TYPES.values()) >= {"Battles", "Protests", "Riots"}
    assert find_sub_event_type(" armed CLASH ") == "Armed clash" and find_sub_event_type("Riot") is None


@pytest.mark.integration
@pytest.mark.parametrize("sentence, expected", [
    ("A roadside bomb killed three soldiers near Kandahar.", "Remote explosive/landmine/IED"),
    ("Syrian warplanes struck rebel positions near Idlib.", "Air/drone strike"),
    ("Government forces recaptured the town of Palmyra.", "Government regains territory"),
    ("Security forces seized a large cache of weapons in Mosul.", "Disrupted weapons use"),
    ("Gunmen killed five villagers in Zamfara.", "Attack"),
    ("Rebels set up checkpoints on the main road to Goma.", "Headquarters or base established"),
    ("Thousands of protesters marched in Baghdad and police arrested dozens of them.", "Protest with intervention"),
])
def test_the_coder_types_reports_the_acled_way(sentence: str, expected: str) -> None:
    events = flashpoint.code_text(sentence, published="2020-01-01")
    assert events and events[0].acled == expected, [(e.event, e.mode, e.acled) for e in events]
