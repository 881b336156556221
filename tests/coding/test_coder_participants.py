"""Who takes part: coordination the small parser misreads (real spaCy model; sentences written here)."""

import pytest

import flashpoint

pytestmark = pytest.mark.integration
PUBLISHED = "2015-06-09"


def meeting_countries(sentence: str) -> list[str]:
    events = [e for e in flashpoint.code_text(sentence, published=PUBLISHED) if e.cameo_root == "04"]
    assert events, sentence
    return sorted(a.country for a in events[0].actor if a.country)


def test_a_list_of_countries_read_as_an_apposition_keeps_every_member() -> None:
    # The parser hangs "Japan" off "UK" as an apposition and "Canada" as the conjunct.
    assert meeting_countries("The UK, Japan, and Canada met yesterday.") == ["CAN", "GBR", "JPN"]


def test_a_split_name_keeps_the_person_coordinated_with_it() -> None:
    # The parser makes "Barack" the subject with "Obama" under it, so "Putin" is Obama's conjunct, not Barack's.
    countries = meeting_countries("Barack Obama and Vladimir Putin will meet in Geneva to discuss trade.")
    assert countries == ["RUS", "USA"]


def test_a_place_and_its_country_stay_one_place() -> None:
    events = flashpoint.code_text("Police arrested two men in Erbil, Iraq.", published=PUBLISHED)
    assert [e.cameo for e in events] == ["173"]
    assert [a.country for a in events[0].recipient] == ["IRQ"]


def assault_actors(sentence: str) -> list[tuple]:
    events = [e for e in flashpoint.code_text(sentence, published=PUBLISHED) if e.event == "ASSAULT"]
    assert events, sentence
    return [(a.text, a.country) for e in events for a in e.actor]


def test_who_claimed_responsibility_for_an_attack_is_its_author() -> None:
    actors = assault_actors("The Islamic State group claimed responsibility for the bombing of a market in Baghdad.")
    assert actors == [("Islamic State group", "IMG")]


def test_an_attack_claimed_outright_is_coded_with_its_claimant() -> None:
    # Before, the coded verb "claimed" swallowed its object and no attack was reported at all.
    events = [e for e in flashpoint.code_text("The Taliban claimed the attack on a police checkpoint in Kunduz.",
                                              published=PUBLISHED) if e.event == "ASSAULT"]
    assert [[a.country for a in e.actor] for e in events] == [["AFG"]]
    assert [r.country for r in events[0].recipient] == ["AFG"]
    # the actor comes from a claim, and the report says so; a claim is still an asserted report
    assert (events[0].attribution.source, events[0].attribution.cue) == ("The Taliban", "claimed")
    assert events[0].status == "asserted"


def test_nobody_claiming_an_attack_names_no_author() -> None:
    events = flashpoint.code_text("No group has claimed responsibility for the rocket attack on the US embassy.",
                                  published=PUBLISHED)
    assert [(e.event, [a.text for a in e.actor]) for e in events] == [("ASSAULT", [])]
    assert [r.country for r in events[0].recipient] == ["USA"]


def recipient_countries(sentence: str, root: str) -> list[str]:
    events = [e for e in flashpoint.code_text(sentence, published=PUBLISHED) if e.cameo_root == root]
    assert events, sentence
    return sorted(r.country for r in events[0].recipient if r.country)


def test_an_action_naming_no_target_acts_on_the_country_it_happens_in() -> None:
    sentence = "The first Dutch peacekeeping troops have arrived in Bosnia, the defence minister said."
    assert recipient_countries(sentence, "07") == ["BIH"]


def test_a_meeting_venue_is_no_party_to_the_meeting() -> None:
    assert recipient_countries("Officials of Chile and Peru met in Geneva on Monday.", "04") == []


def roles_by_trigger(sentence: str) -> dict[str, tuple[list[str], list[str]]]:
    events = flashpoint.code_text(sentence, published=PUBLISHED)
    return {e.trigger.text: ([a.text for a in e.actor], [r.text for r in e.recipient]) for e in events}


def test_a_bare_participle_after_a_comma_is_passive() -> None:
    # The parser hangs "detained" off "beaten" as an adverbial clause; the protesters are detained, not detaining.
    coded = roles_by_trigger("The protesters were beaten, detained and later released.")
    assert coded["detained"] == ([], ["protesters"])
    # Whatever the main verb's voice: the troops are the ones backed.
    coded = roles_by_trigger("Police fired tear gas at protesters, backed by soldiers.")
    assert coded["backed"] == (["soldiers"], ["Police"])


def test_a_clause_with_its_own_subject_keeps_its_voice() -> None:
    coded = roles_by_trigger("The clash began after Honduran army troops attacked in the hamlet of San Andres.")
    assert coded["attacked"][0] == ["Honduran army troops"]


def test_fighting_a_social_ill_is_no_armed_fight() -> None:
    assert flashpoint.code_text("The new president vowed to fight corruption.", published=PUBLISHED) == []
    assert [e.cameo for e in flashpoint.code_text("Government troops fought rebels near Goma.",
                                                   published=PUBLISHED)] == ["190"]


def test_coordinated_passives_share_their_agent() -> None:
    # The parser puts "by gunmen" under "wounded" only; both acts are the gunmen's.
    coded = roles_by_trigger("Two policemen were shot and wounded by gunmen in Quetta.")
    assert coded["shot"] == (["gunmen"], ["Two policemen"]) and coded["wounded"] == (["gunmen"], ["Two policemen"])
    # A conjunct with a subject of its own does not lend its agent.
    coded = roles_by_trigger("A soldier was killed and two others were wounded by a roadside bomb.")
    assert coded["killed"][0] == []


def test_an_unresolved_pronoun_patient_still_reports_the_arrest() -> None:
    events = flashpoint.code_text("But still she was arrested.", published=PUBLISHED)
    assert [(e.cameo, [r.text for r in e.recipient]) for e in events] == [("173", ["she"])]
    assert flashpoint.code_text("It was destroyed in the fire.", published=PUBLISHED) == []


def dyad(sentence: str, trigger: str) -> tuple[list, list]:
    events = [e for e in flashpoint.code_text(sentence, published=PUBLISHED) if e.trigger.text == trigger]
    assert events, sentence
    return [(a.country, a.sector) for a in events[0].actor], [r.country for r in events[0].recipient]


def test_the_weapon_fired_and_where_it_came_from_are_not_the_target() -> None:
    # Before, "rockets" was the recipient (placed in Lebanon by "from Lebanon").
    assert dyad("Hezbollah fired rockets from Lebanon at northern Israel on Sunday.", "fired") == (
        [("LBN", "REB")], ["ISR"])


def test_an_unclaimed_launch_is_an_unidentified_group_acting_where_it_fired_from() -> None:
    # Before, the rockets were the victims and no one fired them.
    assert dyad("Rockets were fired from Lebanon at northern Israel on Sunday.", "fired") == (
        [("LBN", "UAF")], ["ISR"])
    assert dyad("Two mortar rounds were fired at the Ain al-Asad air base in Iraq.", "fired") == (
        [("IRQ", "UAF")], ["IRQ"])


def test_a_pronoun_target_in_reported_speech_is_the_speaker() -> None:
    # Before: no event at all (the target "it" resolved to no one).
    assert dyad("Israel said a mortar bomb was fired at it from the Gaza Strip on Tuesday.", "fired") == (
        [("PSE", "UAF")], ["ISR"])
    # Not when the reported clause's own subject is a pronoun (who "they" are is unknown).
    actors, recipients = dyad("Iran said they attacked it without warning.", "attacked")
    assert recipients != ["IRN"]


def test_the_attack_a_passive_killing_happened_in_names_its_author() -> None:
    # Before, the killing had no actor (only the separate "strike" report had one).
    assert dyad("Three civilians were killed in a Russian missile strike in Kharkiv on Tuesday.", "killed") == (
        [("RUS", None)], ["UKR"])
    assert dyad("Two soldiers were wounded in an attack by Taliban fighters in Helmand.", "wounded")[0] == [
        ("AFG", "REB")]
    # A "by" agent still comes first, and an attack named by its kind only names no one.
    assert dyad("Two soldiers were killed by police in a raid.", "killed")[0][0][1] == "COP"
    assert dyad("Two soldiers were killed in a suicide attack in Kabul.", "killed")[0] == []


def test_a_reduced_relative_launch_is_not_aimed_at_its_origin() -> None:
    # "fired from Iran" is where the rockets came from; before, Iran was their target.
    assert dyad("Four rockets fired from Iran slammed into the Turkish town of Kilis.", "fired") == (
        [("IRN", "UAF")], [])


def test_what_was_fired_sets_the_mode_over_the_verbs_small_arms_default() -> None:
    # "fire" codes CAMEO 193 (small arms); the mortar shells make it heavy weapons.
    events = [e for e in flashpoint.code_text("Mortar shells were fired from Lebanon on Tuesday.",
                                              published=PUBLISHED) if e.trigger.text == "fired"]
    assert [(e.mode, e.weapon.text) for e in events] == [("heavy-weapons", "Mortar shells")]


def test_denying_a_role_in_an_attack_is_not_the_attack() -> None:
    # PETRARCH-2's pattern for "deny ... attack" coded the denial as an asserted attack by the denier.
    for sentence in ("Kataib Hezbollah denied any role in the rocket attack.",
                     "Kataib Hezbollah rejected any role in the attack.",
                     "The group denied involvement in the bombing."):
        assert [e for e in flashpoint.code_text(sentence, published=PUBLISHED)
                if e.status == "asserted" and e.actor] == [], sentence


def test_its_forces_in_reported_speech_are_the_speakers() -> None:
    # Before: no event ("its forces" resolved to no one, and the seizure was dropped).
    assert dyad("Iran said its forces seized a British tanker in the Strait of Hormuz.", "seized") == (
        [("IRN", "MIL")], ["GBR"])
    events = [e for e in flashpoint.code_text("Iran denied that its forces attacked the tanker.",
                                              published=PUBLISHED) if e.event == "ASSAULT"]
    assert [([a.country for a in e.actor], e.status) for e in events] == [(["IRN"], "negated")]
    # Only a subject's "its" refers back: "their positions" are not the troops' own.
    assert dyad("Israeli troops fired at their positions.", "fired")[0] == [("ISR", "MIL")]



def test_a_document_speaks_for_whoever_issued_it() -> None:
    # Before: no event; the participle's subject was taken to be the document itself.
    assert dyad("The foreign ministry issued a statement condemning the attack on the embassy.", "condemning")[0] == [
        (None, "GOV")]
    assert dyad("Saudi Arabia released a statement urging Iran to show restraint.", "urging") == (
        [("SAU", None)], ["IRN"])
    assert dyad("The UN Security Council adopted a resolution demanding an immediate ceasefire in Gaza.",
                "demanding")[0] == [("IGO", "GOV")]
    # Only its issuer: whoever finds a letter did not write it.
    assert [e for e in flashpoint.code_text("Police found a letter threatening the mayor.", published=PUBLISHED)
            if [a.sector for a in e.actor] == ["COP"]] == []


def test_a_target_named_as_a_known_place_takes_its_country() -> None:
    # The base is in the gazetteer (a curated landmark): an unclaimed attack on it is now coded at all.
    events = [e for e in flashpoint.code_text("No group claimed responsibility for the attack on the Ain al-Asad air "
                                              "base.", published=PUBLISHED) if e.event == "ASSAULT"]
    assert [([a.text for a in e.actor], [r.country for r in e.recipient]) for e in events] == [([], ["IRQ"])]
    assert dyad("Rockets hit the Ain al-Asad air base.", "hit")[1] == ["IRQ"]


def test_a_sentence_initial_plural_weapon_is_still_the_means() -> None:
    # "Rockets" opening a sentence is tagged a proper noun with the plural as its lemma: no event was coded.
    assert dyad("Rockets landed near the US embassy in the Green Zone.", "landed") == (
        [("IRQ", "UAF")], ["USA"])


def test_a_time_is_never_a_target() -> None:
    # Before, "Sunday night" was the recipient of the rocket fire.
    assert dyad("Two Katyusha rockets fell inside the Green Zone on Sunday night.", "fell")[1] == []
    # The parser can hang a name under a date ("Assad Tuesday"): the name still counts.
    assert dyad("Iraq's security adviser met with Syrian President Bashar Assad Tuesday to discuss efforts.",
                "met")[1] == ["SYR"]


def test_who_a_threat_says_will_suffer_is_its_target() -> None:
    assert dyad("Kataib Hezbollah warned that US forces would face attacks unless they left.", "warned")[1] == ["USA"]
    # Revenge for a killing is aimed at the killers, not at the one killed.
    assert dyad("Iran's Supreme Leader vowed harsh revenge for the killing of Qassem Soleimani.", "vowed")[1] == []


def test_agreement_coordinated_with_a_meeting_is_with_the_one_met() -> None:
    assert dyad("Erdogan met Putin in Moscow on Thursday and agreed a ceasefire in Idlib.", "agreed") == (
        [("TUR", "GOV")], ["RUS"])
    # Not a condemnation: whom it condemns is no meeting partner.
    assert dyad("Erdogan met Putin and condemned the attack.", "condemned")[1] == []


def test_a_plan_is_its_holders_and_having_none_negates_it() -> None:
    events = [e for e in flashpoint.code_text("The Pentagon said it had no plans to withdraw troops from Iraq.",
                                              published=PUBLISHED) if e.event == "RETREAT"]
    assert [([a.country for a in e.actor], e.status) for e in events] == [(["USA"], "negated")]
    events = [e for e in flashpoint.code_text("Washington has plans to impose sanctions on Iran.",
                                              published=PUBLISHED) if e.event == "SANCTION"]
    assert [([a.country for a in e.actor], e.status) for e in events] == [(["USA"], "future")]


def test_an_appeal_for_a_withdrawal_is_addressed_to_those_asked_to_leave() -> None:
    # PETRARCH-2's "(FOR TROOP)" pattern read "called for the withdrawal of US troops" as an appeal for military aid.
    events = [e for e in flashpoint.code_text("The parliament called for the withdrawal of US troops.",
                                              published=PUBLISHED) if e.trigger.text == "called"]
    assert [(e.cameo, [r.country for r in e.recipient]) for e in events] == [("0256", ["USA"])]
    assert dyad("The UN urged the withdrawal of Russian troops from Ukraine.", "urged")[1] == ["RUS"]
    events = [e for e in flashpoint.code_text("Iraq demanded the withdrawal of Turkish troops from its territory.",
                                              published=PUBLISHED) if e.trigger.text == "demanded"]
    assert [(e.cameo, [r.country for r in e.recipient]) for e in events] == [("106", ["TUR"])]


def test_bases_hosting_troops_hold_no_meeting() -> None:
    events = flashpoint.code_text("Iran fired missiles at two Iraqi bases hosting US troops.", published=PUBLISHED)
    assert [e.event for e in events] == ["ASSAULT"]


def test_the_victim_of_an_attack_told_in_a_relative_clause_is_its_recipient() -> None:
    assert dyad("The US carried out a drone strike that killed Qassem Soleimani near Baghdad airport.",
                "strike") == ([("USA", None)], ["IRN"])


def test_a_non_emergency_is_no_emergency() -> None:
    # PETRARCH-2's "- * EMERGENCY" pattern coded humanitarian aid (073) for an order to non-emergency staff.
    events = flashpoint.code_text("The State Department ordered non-emergency staff to leave the embassy.",
                                  published=PUBLISHED)
    assert [e.cameo for e in events if e.trigger.text == "ordered"] != ["073"]
    assert events, "the order is still coded"


def test_people_killed_by_strikes_on_a_place_are_of_that_place() -> None:
    # Before, the victims took the attacker's country (Israeli strikes: Israeli victims).
    assert dyad("Israeli air strikes on Gaza killed at least 30 people on Tuesday.", "killed") == (
        [("ISR", None)], ["PSE"])
    assert dyad("Russian missile strikes on Kharkiv killed five people.", "killed")[1] == ["UKR"]


def test_the_actors_own_envoy_is_not_the_target_where_it_was_posted_is() -> None:
    # Before, the recipient was "its ambassador", coded Nigerien by the "from Niger" inside its phrase.
    events = [e for e in flashpoint.code_text("France recalled its ambassador from Niger after the coup.",
                                              published=PUBLISHED) if e.trigger.text == "recalled"]
    assert [[(r.text, r.country) for r in e.recipient] for e in events] == [[("Niger", "NER")]]


def test_a_sea_named_after_a_country_is_no_party() -> None:
    assert dyad("North Korea launched a ballistic missile into the Sea of Japan.", "launched")[1] == []
    assert dyad("The Houthis attacked a commercial ship in the Red Sea with a missile.", "attacked")[1] == []


def test_what_is_shot_down_is_the_target_not_the_weapon_fired() -> None:
    # "shoot" launches what it fires; "shot down 20 Russian drones" brings them down (before: no recipient).
    assert dyad("Ukrainian air defences shot down 20 Russian drones overnight.", "shot")[1] == ["RUS"]


def test_an_attack_word_the_parser_made_a_verb_still_names_its_author() -> None:
    # "shelling" is parsed as a verb and "tank" as the object of "in": the killing had no actor.
    assert dyad("Two civilians were killed in Israeli tank shelling in Rafah.", "killed") == ([("ISR", None)], ["PSE"])


def test_an_accusation_target_phrase_ends_before_its_of_clause() -> None:
    events = [e for e in flashpoint.code_text("Rights groups issued a report accusing Israeli forces of killing "
                                              "civilians.", published=PUBLISHED) if e.trigger.text == "accusing"]
    assert [[r.text for r in e.recipient] for e in events] == [["Israeli forces"]]


def test_what_could_be_seen_happening_is_asserted() -> None:
    events = [e for e in flashpoint.code_text("Armed militiamen could be seen patrolling the streets of Tripoli.",
                                              published=PUBLISHED) if e.trigger.text == "patrolling"]
    assert [e.status for e in events] == ["asserted"]
    assert [e.status for e in flashpoint.code_text("Troops could attack the town.", published=PUBLISHED)] == [
        "hypothetical"]


def test_a_count_behind_up_to_is_still_the_object() -> None:
    # The parser reads "up to" as a particle and a preposition: "Kabul" became the target, the advisers nobody.
    assert dyad("Rebels kidnapped up to 16 Russian advisers near Kabul.", "kidnapped")[1] == ["RUS"]
