"""The PETRARCH-2 GSR reader and triple scorer on hand-built records."""

from pathlib import Path

import pytest

from flashpoint.evaluate.petrarch2_gsr import event_triples, load_petrarch2_gsr, score_petrarch2_gsr, to_root

# Not well-formed, like the real file: the first <Sentence .../> is self-closed and then closed again.
XML = """<Validation>
# a comment block that mentions <EventCoding...> outside any sentence
<Sentences>
<Sentence category="AFP" date="20080806" id="A1" evaluate="true"/>
<EventCoding eventcode="031" sourcecode="BRA" targetcode="USA" />
<EventCoding eventcode="031" sourcecode="USA" targetcode="BRA" />
<Text>
Brazil and the United States
are seeking a partnership.
</Text>
<Parse>
1	Brazil	Brazil	PROPN	NNP	_	0	root	_	_
</Parse></Sentence>
<Sentence category="TEST" date="121108" id="A2" evaluate="true">
<EventCoding noevents="True" />
<Text>Nothing happened.</Text>
</Sentence>
</Sentences>
</Validation>"""


def event(cameo: str, actors: list[tuple], recipients: list[tuple]) -> dict:
    return {"cameo": cameo, "actor": [{"country": c, "sector": s} for c, s in actors],
            "recipient": [{"country": c, "sector": s} for c, s in recipients]}


def test_reads_sentences_from_the_malformed_file(tmp_path: Path) -> None:
    (tmp_path / "PETR2_GSR_validation.xml").write_text(XML, encoding="utf-8")
    rows = load_petrarch2_gsr(tmp_path)
    assert [r["id"] for r in rows] == ["A1", "A2"]
    assert rows[0]["text"] == "Brazil and the United States are seeking a partnership."
    assert rows[0]["gold"] == {("BRA", "USA", "031"), ("USA", "BRA", "031")} and not rows[0]["no_event"]
    assert rows[0]["date"] == "2008-08-06" and rows[1]["date"] is None
    assert rows[1]["gold"] == set() and rows[1]["no_event"]


def test_a_file_without_sentences_is_a_value_error(tmp_path: Path) -> None:
    (tmp_path / "PETR2_GSR_validation.xml").write_text("<Validation></Validation>", encoding="utf-8")
    with pytest.raises(ValueError, match="no <Sentence>"):
        load_petrarch2_gsr(tmp_path)


def test_event_triples_join_country_and_sector_and_fill_empty_sides() -> None:
    triples = event_triples(event("190", [(None, "REB")], [("SYR", "GOV")]))
    assert triples == {("---REB", "SYRGOV", "190")}
    assert to_root(triples) == {("---", "SYR", "19")}
    assert to_root(event_triples(event("173", [("SYR", "GOV")], []))) == {("SYR", "---", "17")}


def test_several_actors_without_a_recipient_give_every_ordered_pair() -> None:
    triples = event_triples(event("040", [("USA", None), ("RUS", None), ("CHE", None)], []))
    assert len(triples) == 6 and ("CHE", "USA", "040") in triples and ("USA", "CHE", "040") in triples
    assert event_triples(event("190", [(None, "REB"), (None, "REB")], [])) == {("---REB", "---", "190")}


def test_scores_root_and_full_triples_and_no_event_sentences() -> None:
    rows = [{"id": "A1", "gold": {("USAGOV", "IRN", "111"), ("GEOOPP", "GEOGOV", "140")}, "no_event": False},
            {"id": "A2", "gold": set(), "no_event": True},
            {"id": "A3", "gold": set(), "no_event": True}]
    predictions = [[event("112", [("USA", None)], [("IRN", None)]), event("140", [("GEO", "OPP")], [("GEO", "GOV")])],
                   [event("040", [("FRA", None)], [])],  # codes an event where none is due: a false positive
                   []]
    result = score_petrarch2_gsr(rows, predictions)
    metrics = result["metrics"]
    assert result["records"] == 3
    assert metrics["triple_root.precision"] == pytest.approx(2 / 3) and metrics["triple_root.recall"] == 1.0
    assert metrics["triple_root.f1"] == pytest.approx(0.8)
    assert metrics["triple_full.precision"] == pytest.approx(1 / 3) and metrics["triple_full.recall"] == 0.5
    assert metrics["triple_root_dyadic.precision"] == 1.0  # the monadic false positive is left out
    assert metrics["sentence.exact_root"] == pytest.approx(2 / 3)
    assert metrics["no_event.accuracy"] == 0.5
