"""The rule coder on real sentences through the real spaCy model (integration tests)."""

import pytest

import flashpoint
from flashpoint.records import EVENT_FIELDS

pytestmark = pytest.mark.integration
PUBLISHED = "2020-07-22"


def code(sentence: str) -> list:
    return flashpoint.code_text(sentence, published=PUBLISHED)


def only(events: list, plover: str):
    matches = [e for e in events if e.event == plover]
    assert len(matches) == 1, [(e.event, e.cameo, e.trigger.text) for e in events]
    return matches[0]


def countries(actors) -> list:
    return [a.country for a in actors]


def test_attack_by_unidentified_gunmen_is_coded_with_attribution_and_date() -> None:
    event = only(code("Unidentified gunmen fired rockets at the US embassy in Baghdad on Tuesday, "
                      "the Iraqi military said."), "ASSAULT")
    assert event.cameo_root == "19" and event.status == "asserted"
    assert [(a.country, a.sector) for a in event.actor] == [("IRQ", "UAF")]  # where they act, never guessed
    assert [(r.country, r.sector) for r in event.recipient] == [("USA", "GOV")]
    assert event.attribution is not None and event.attribution.source == "the Iraqi military"
    assert event.date == "2020-07-21" and event.date_precision == "day" and not event.historical


def test_negation_is_not_an_asserted_event() -> None:
    event = only(code("Iran did not attack Turkey."), "ASSAULT")
    assert event.status == "negated"
    assert countries(event.actor) == ["IRN"] and countries(event.recipient) == ["TUR"]


def test_denial_makes_the_denied_act_negated() -> None:
    event = only(code("Kataib Hezbollah denied carrying out the attack."), "ASSAULT")
    assert event.status == "negated"
    assert [(a.name, a.country, a.sector) for a in event.actor] == [("Kataib Hezbollah", "IRQ", "PRM")]


def test_planned_meeting_is_future_agree_with_inherited_subject() -> None:
    events = code("Kadhimi is expected to meet Trump next week.")
    event = only(events, "AGREE")  # PLOVER v2: future-tense CONSULT is AGREE; CAMEO keeps the meeting's code
    assert event.status == "future" and event.cameo_root == "04" and event.mode is None
    assert [a.name for a in event.actor] == ["Mustafa al-Kadhimi"] and [r.name for r in event.recipient] == ["Donald Trump"]
    assert len(events) == 1  # "expected" itself is not a second event


def test_a_plan_told_in_the_past_perfect_fell_through() -> None:
    event = only(code("Kadhimi had been due to visit Saudi Arabia first, but the trip was postponed."), "CONSULT")
    assert event.status == "negated" and countries(event.recipient) == ["SAU"]


def test_background_mention_with_an_old_date_is_historical() -> None:
    event = only(code("A US drone strike killed Iranian general Qassem Soleimani near Baghdad airport on 3 January."),
                 "ASSAULT")
    assert event.date == "2020-01-03" and event.historical
    assert countries(event.actor) == ["USA"] and [r.name for r in event.recipient] == ["Qassem Soleimani"]


def test_parliament_vote_to_expel_troops_is_a_demand_not_an_expulsion() -> None:
    events = code("Iraq's parliament voted on Sunday to expel US troops from the country.")
    event = only(events, "REQUEST")
    assert event.status == "asserted" and event.trigger.text == "voted"
    assert [(a.country, a.sector) for a in event.actor] == [("IRQ", "LEG")]
    assert [(r.country, r.sector) for r in event.recipient] == [("USA", "MIL")]
    assert not [e for e in events if e.event == "COERCE" and e.status == "asserted"]


def test_meeting_between_leaders_resolves_dated_roles() -> None:
    event = only(code("Iraqi Prime Minister Mustafa al-Kadhimi met Iranian President Hassan Rouhani in Tehran."),
                 "CONSULT")
    assert [(a.country, a.sector) for a in event.actor] == [("IRQ", "GOV")]
    assert [(r.country, r.sector) for r in event.recipient] == [("IRN", "GOV")]


@pytest.mark.parametrize("sentence, status", [
    ("Analysts warn that rocket attacks on US forces will escalate in the coming months.", "future"),
    ("Analysts say further US strikes on militia targets are likely if Americans are killed again.", "hypothetical"),
    ("Analysts expect attacks on US forces to continue.", "future"),
    ("Rocket attacks on US sites are likely to continue.", "hypothetical"),
    ("Closing the embassy would be the most serious downgrade in relations.", "hypothetical"),
])
def test_predictions_are_coded_but_never_as_asserted(sentence: str, status: str) -> None:
    events = code(sentence)
    assert events, "the forecast event should be coded with its status, not lost"
    assert {e.status for e in events} == {status}


def test_record_carries_every_contract_field_and_evidence_spans() -> None:
    text = "Turkish warplanes bombed suspected PKK positions in northern Iraq."
    event = only(code(text), "ASSAULT")
    record = event.to_dict()
    assert tuple(record) == EVENT_FIELDS
    start, end = record["trigger"]["span"]
    assert text[start:end] == "bombed"
    for actor in record["actor"] + record["recipient"]:
        assert text[actor["span"][0]:actor["span"][1]] == actor["text"]
    assert record["coder"] == "flashpoint.plover.v1" and "en_core_web_sm" in record["model"]
    assert record["goldstein"] is not None and record["quad_class"] == 4 and record["quad_rule"] == "gdelt"


def test_ids_are_stable_across_runs() -> None:
    text = "Iran fired ballistic missiles at American troops in Iraq."
    assert [e.id for e in code(text)] == [e.id for e in code(text)]


def test_capital_metonym_is_the_government_but_a_place_in_it_is_not() -> None:
    event = only(code("Tehran condemned the attack on the Baghdad airport."), "ACCUSE")
    assert [(a.name, a.country, a.sector) for a in event.actor] == [("Iran", "IRN", "GOV")]
    strike = only(code("US aircraft struck the Baghdad airport road."), "ASSAULT")
    assert [(r.country, r.sector) for r in strike.recipient] == [("IRQ", None)]
    assert [a.name for a in only(code("The United States struck militia bases in Iraq."), "ASSAULT").actor] == ["United States"]


def test_pronouns_wait_for_coreference() -> None:
    assert code("They attacked us.") == []  # no guessed actor from "they", and "us" is not the United States


def test_verbless_headlines_do_not_hang_and_code_what_they_can() -> None:
    events = code("Rocket attack on US base in Iraq")  # ROOT is a noun: the clause walks must stop at the root
    assert [(e.event, e.recipient[0].country) for e in events] == [("ASSAULT", "USA")]
