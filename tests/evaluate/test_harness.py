"""`flashpoint evaluate NAME` through the harness: tiny gold folders in each set's layout, JSON shape, errors."""

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import flashpoint
from flashpoint.cli.evaluate import evaluate_app
from flashpoint.evaluate import harness
from flashpoint.evaluate.harness import ADAPTERS, code_sentences, find_data_file, read_data_text
from flashpoint.settings import DEFAULT_MODEL

PLOVER_ROWS = [
    {"id": "g1", "date": "2000-01-01", "event": "FIGHT", "text": "Israeli troops attacked Palestinian gunmen in Gaza.",
     "source": [{"code": "ISR", "sector": "MIL"}], "target": [{"code": "PSE"}], "textInfo": {"markup": ""}},
    {"id": "g2", "date": "2000-01-01", "event": "DISAPPROVE", "text": "France criticized Russia on Monday.",
     "source": [{"code": "FRA"}], "target": [{"code": "RUS"}], "textInfo": {"markup": ""}},
]
PETRARCH_XML = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
<Sentences>
<Sentence category="TEST" date="20080806" id="T1" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="ISRMIL" targetcode="PSE" />
<Text>
Israeli troops attacked Palestinian gunmen in Gaza.
</Text>
<Parse>
1	Israeli	Israeli	ADJ	JJ	_	2	amod	_	_
</Parse></Sentence>
<Sentence category="TEST" date="20080806" id="T2" evaluate="true">
<EventCoding noevents="True" />
<Text>
The weather was mild on Tuesday.
</Text>
</Sentence>
</Sentences>
</Validation>
"""
CLASS_TSV = "Israeli troops attacked Palestinian gunmen in Gaza.\t4\nFrance criticized Russia on Monday.\t3\n"
NER_TXT = ("Israeli B-S\ntroops I-S\nattacked O\nPalestinian B-T\ngunmen I-T\nin O\nGaza O\n. O\n\n"
           "France B-S\ncriticized O\nRussia B-T\n. O\n")
METRICS = {
    "plover_gsr": {"event_type.accuracy", "event_type.macro_f1", "actor_country.f1", "actor_country.precision",
                   "actor_country.recall", "recipient_country.f1", "recipient_country.precision",
                   "recipient_country.recall"},
    "petrarch2_gsr": {"triple_root.f1", "triple_root.precision", "triple_root.recall", "triple_full.f1",
                      "triple_full.precision", "triple_full.recall"},
    "cameo_pentaclass": {"quad.accuracy", "quad.macro_f1", "source_span.f1", "target_span.f1"},
}


def write_gold(folder: Path, name: str, *, gz: bool = False) -> Path:
    """Write a two-record gold folder in ``name``'s layout (optionally gzipped) and return it."""
    files = {"plover_gsr": {"gsr.jsonl": "".join(json.dumps(r) + "\n" for r in PLOVER_ROWS)},
             "petrarch2_gsr": {"PETR2_GSR_validation.xml": PETRARCH_XML},
             "cameo_pentaclass": {"class_train.tsv": CLASS_TSV, "ner_train.txt": NER_TXT}}[name]
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, text in files.items():
        if gz:
            (folder / f"{file_name}.gz").write_bytes(gzip.compress(text.encode("utf-8")))
        else:
            (folder / file_name).write_text(text, encoding="utf-8")
    return folder


def invoke(*args: str):
    return CliRunner().invoke(evaluate_app, list(args))


@pytest.mark.integration
@pytest.mark.parametrize("name", sorted(METRICS))
def test_json_holds_the_dataset_records_and_named_metrics(tmp_path: Path, name: str) -> None:
    folder = write_gold(tmp_path / name, name, gz=name == "cameo_pentaclass")
    out = tmp_path / "scores.json"
    result = invoke(name, "--data", str(folder), "--json", "--output", str(out))
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert set(printed) == {"dataset", "records", "metrics"}
    assert printed["dataset"] == name and printed["records"] == 2
    assert METRICS[name] <= set(printed["metrics"])
    assert all(0.0 <= value <= 1.0 for value in printed["metrics"].values())
    assert json.loads(out.read_text(encoding="utf-8")) == printed


@pytest.mark.integration
def test_table_output_names_each_metric(tmp_path: Path) -> None:
    result = invoke("plover_gsr", "--data", str(write_gold(tmp_path / "p", "plover_gsr")), "--limit", "1")
    assert result.exit_code == 0, result.output
    assert "event_type.accuracy" in result.stdout and "1 records" in result.stdout


@pytest.mark.integration
def test_old_plover_gsr_spelling_still_works(tmp_path: Path) -> None:
    result = invoke("plover-gsr", "--data", str(write_gold(tmp_path / "p", "plover_gsr")), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["dataset"] == "plover_gsr"


@pytest.mark.parametrize("name", sorted(METRICS))
def test_a_missing_data_folder_exits_2_with_one_line(tmp_path: Path, name: str) -> None:
    result = invoke(name, "--data", str(tmp_path / "nowhere"), "--json")
    assert result.exit_code == 2
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    assert "nowhere" in result.stderr


def test_a_folder_without_the_gold_file_exits_2(tmp_path: Path) -> None:
    result = invoke("petrarch2_gsr", "--data", str(tmp_path), "--json")
    assert result.exit_code == 2
    assert "PETR2_GSR_validation.xml" in result.stderr


def test_bad_records_exit_2_naming_the_line(tmp_path: Path) -> None:
    (tmp_path / "class_train.tsv").write_text("a sentence with no label\n", encoding="utf-8")
    (tmp_path / "ner_train.txt").write_text(NER_TXT, encoding="utf-8")
    result = invoke("cameo_pentaclass", "--data", str(tmp_path), "--json")
    assert result.exit_code == 2
    assert "line 1" in result.stderr


def test_an_adapter_that_is_not_installed_is_reported(monkeypatch) -> None:
    monkeypatch.setitem(ADAPTERS, "ghost", ("flashpoint.evaluate.no_such_adapter", "."))
    with pytest.raises(harness.AdapterMissing, match="evaluate ghost: adapter not installed"):
        harness.run_adapter("ghost")


def test_every_gold_set_has_a_command() -> None:
    names = {command.name for command in evaluate_app.registered_commands}
    assert set(ADAPTERS) <= names
    assert {"demo", "markdown", "extraction", "geocoding"} <= names


def test_data_files_may_be_gzipped(tmp_path: Path) -> None:
    (tmp_path / "gsr.jsonl.gz").write_bytes(gzip.compress("héllo\n".encode("utf-8")))
    assert read_data_text(find_data_file(tmp_path, "gsr.jsonl")) == "héllo\n"
    with pytest.raises(FileNotFoundError, match="other.txt"):
        find_data_file(tmp_path, "other.txt")


@pytest.mark.integration
def test_code_sentences_matches_code_text_sentence_by_sentence() -> None:
    texts = [row["text"] for row in PLOVER_ROWS] + ["Nothing happened."]
    dates = ["2000-01-01", None, "not a date"]
    batched = code_sentences(texts, dates, model=DEFAULT_MODEL)
    one_by_one = [[e.to_dict() for e in flashpoint.code_text(t, published=harness.as_iso_date(d))]
                  for t, d in zip(texts, dates)]
    depths = [[record.pop("clause_depth") for record in records] for records in batched]
    assert batched == one_by_one
    assert batched[0] and batched[0][0]["event"] == "ASSAULT"
    assert all(isinstance(d, int) and 0 <= d < 99 for sentence in depths for d in sentence)


def test_clause_depth_is_zero_for_the_main_verb_and_grows_in_subordinate_clauses() -> None:
    text = "Police arrested ten men who had attacked a checkpoint in Basra."
    records = code_sentences([text], ["2020-01-05"], model=DEFAULT_MODEL)[0]
    depth = {record["trigger"]["text"]: record["clause_depth"] for record in records}
    assert depth["arrested"] == 0 and depth["attacked"] >= 2


def test_code_sentences_needs_one_date_per_text() -> None:
    with pytest.raises(ValueError, match="2 texts but 1 dates"):
        code_sentences(["a", "b"], [None], model=DEFAULT_MODEL)


def test_older_scorers_print_the_same_json_layout() -> None:
    gold = Path(__file__).resolve().parents[1] / "golden" / "extraction"
    result = invoke("markdown", "--data", str(gold), "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["dataset"] == "markdown" and printed["records"] >= 1
    assert {"overall.f1", "overall.title_exact"} <= set(printed["metrics"])
