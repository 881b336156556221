"""The MUC-4 adapter: role mapping and GRIT-style scoring on hand-built events; a small run on the shared dev set."""

import json
from pathlib import Path

import pytest

from flashpoint.evaluate.muc4 import (
    collect_entities, count_matches, evaluate, find_victim_name, load_documents, map_event, normalize_mention,
    perpetrator_role, predict_document, score_documents,
)

SHARED_MUC = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "muc4"


def event(plover: str, actors: list[tuple[str, str]], recipients: list[str], *, cameo: str = "190",
          status: str = "asserted", sentence: str = "", weapon: str | None = None) -> dict:
    return {"event": plover, "cameo": cameo, "status": status, "sentence": sentence,
            "actor": [{"text": t, "sector": s} for t, s in actors], "recipient": [{"text": r} for r in recipients],
            "weapon": {"text": weapon} if weapon else None}


def test_normalisation_drops_case_punctuation_and_articles() -> None:
    assert normalize_mention('The  "Santo Tomas" Farm.') == "santo tomas farm"


def test_roles_from_actor_recipient_and_weapon() -> None:
    pairs = map_event(event("ASSAULT", [("urban guerrillas", "REB")], ["the embassy", "president cerezo"],
                            weapon="dynamite"))
    assert ("PerpInd", "urban guerrillas") in pairs and ("Target", "the embassy") in pairs
    assert ("Victim", "cerezo") in pairs and ("Weapon", "dynamite") in pairs


def test_officials_are_not_perpetrators_and_members_give_their_organisation() -> None:
    assert map_event(event("ASSAULT", [("supreme court", "JUD")], [])) == []
    pairs = map_event(event("ASSAULT", [("members of the fmln", "REB")], []))
    assert ("PerpInd", "members of the fmln") in pairs and ("PerpOrg", "the fmln") in pairs
    assert perpetrator_role("farabundo marti national liberation front") == "PerpOrg"


def test_victims_must_look_like_names() -> None:
    assert find_victim_name("two peasants") is None and find_victim_name("a soldier") is None
    assert find_victim_name("archbishop oscar romero") == "oscar romero"
    assert find_victim_name("He") is None and find_victim_name("they") is None  # someone, but no name


def test_an_organisation_and_its_acronym_are_one_entity() -> None:
    entities = collect_entities([("PerpOrg", "the fmln"), ("PerpOrg", "farabundo marti national liberation front"),
                                 ("PerpOrg", "death squads")])
    assert entities["PerpOrg"] == [["farabundo marti national liberation front", "the fmln"], ["death squads"]]


def test_a_country_recipient_is_neither_victim_nor_target() -> None:
    assessed = event("ASSAULT", [], []) | {"recipient": [{"text": "panama", "country": "PAN", "sector": None}]}
    assert map_event(assessed) == []


def test_only_asserted_violent_events_count_and_the_fallback_reads_nearby_sentences() -> None:
    sentences = [("the city was calm", ["the city"], []),
                 ("guerrillas blew up the power tower with dynamite",
                  ["guerrillas", "the power tower", "dynamite"], []),
                 ("the blast wounded hector oqueli", ["the blast", "hector oqueli"], ["hector oqueli"]),
                 ("later the bank reopened", ["the bank"], []),
                 ("a second bank was robbed", ["a second bank"], [])]
    attack = event("ASSAULT", [("guerrillas", "REB")], [], sentence=sentences[1][0]) | {"sentence_index": 1}
    kept = predict_document([attack], sentences)
    assert kept["Weapon"] == [["dynamite"]] and kept["Victim"] == [["hector oqueli"]]
    assert kept["Target"] == [["the power tower"]]  # "the bank" is two sentences away from the attack
    future = attack | {"status": "future"}
    talk = event("CONSULT", [("guerrillas", "REB")], [], cameo="040") | {"sentence_index": 1}
    assert all(not entities for entities in predict_document([future, talk], sentences).values())


def test_matching_is_one_to_one_on_any_coreferent_mention() -> None:
    gold = [["fmln", "farabundo marti national liberation front"], ["urng"]]
    assert count_matches([["the FMLN"], ["farabundo marti national liberation front"]], gold) == 1
    assert count_matches([["fmln"], ["urng"]], gold) == 2
    assert count_matches([["fmln", "eln"]], gold) == 0  # phi_strict: every predicted mention must be in the entity


def test_document_scores_pool_perpetrators_and_micro_average() -> None:
    rows = [{"extracts": {"PerpInd": [[["guerrillas", 0]]], "PerpOrg": [[["fmln", 5]]], "Target": [],
                          "Victim": [[["cerezo", 9]]], "Weapon": []}}]
    predicted = [{"PerpInd": [["guerrillas"]], "PerpOrg": [], "Target": [["farm"]], "Victim": [["cerezo"]],
                  "Weapon": []}]
    metrics = score_documents(rows, predicted)["metrics"]
    assert metrics["perpetrator.precision"] == 1.0 and metrics["perpetrator.recall"] == 0.5
    assert metrics["victim.f1"] == 1.0 and metrics["target.precision"] == 0.0
    assert metrics["micro.precision"] == pytest.approx(2 / 3) and metrics["micro.recall"] == pytest.approx(2 / 3)


def test_dev_file_preferred_and_bad_lines_reported(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_documents(tmp_path)
    (tmp_path / "train.jsonl").write_text(json.dumps({"docid": "t", "doctext": "x", "extracts": {}}) + "\n")
    assert load_documents(tmp_path)[0]["docid"] == "t"
    (tmp_path / "dev.jsonl").write_text("{not json\n")
    with pytest.raises(ValueError, match="dev.jsonl:1"):
        load_documents(tmp_path)


@pytest.mark.shared
@pytest.mark.integration
def test_adapter_runs_on_twenty_dev_documents() -> None:
    if not (SHARED_MUC / "dev.jsonl").exists():
        pytest.skip(f"{SHARED_MUC} not found: the shared dev gold sets are not beside this checkout")
    result = evaluate(SHARED_MUC, limit=20)
    assert result["dataset"] == "muc4" and result["records"] == 20
    assert {"perpetrator.f1", "target.f1", "victim.f1", "weapon.f1", "micro.f1"} <= set(result["metrics"])
