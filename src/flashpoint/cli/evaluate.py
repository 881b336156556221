"""`flashpoint evaluate ...`: score the coder and the cleaner on gold sets and print (or save) the numbers."""

from __future__ import annotations

import json
import tempfile
from importlib import resources
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from ..evaluate.demo_gold import load_gold, locator_key, score_demo_gold
from ..pipeline import ingest
from ..settings import DEFAULT_MODEL, Settings
from ..store import open_store
from .demo import demo_inputs

evaluate_app = typer.Typer(help="Measure accuracy on gold sets.", no_args_is_help=True)
console = Console()
err = Console(stderr=True)
DEFAULT_DEMO_GOLD = "tests/golden/demo_events.jsonl"
DEFAULT_MARKDOWN_GOLD = "tests/golden/extraction"


def print_result(result: dict, output: str | None) -> None:
    """Print the result as JSON, and write it to ``output`` when given."""
    text = json.dumps(result, indent=2, ensure_ascii=False)
    console.print_json(text)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")


def score_corpus(corpus: Path, gold_path: Path, model: str, *, demo: bool = False) -> dict:
    """Ingest a corpus into a fresh temporary store and score its events against the gold file."""
    inputs = demo_inputs(corpus) if demo else [str(corpus)]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "eval.duckdb"))
        try:
            ingest(inputs, store=store, settings=Settings(db=store.path, model=model))
            records = store.event_records()
            frame = store.articles(include_dropped=False)
        finally:
            store.close()
    sources = {row.id: locator_key(row.source, str(corpus)) for row in frame.itertuples()}
    return score_demo_gold(load_gold(gold_path), records, sources)


@evaluate_app.command("demo")
def evaluate_demo(gold: str = typer.Option(DEFAULT_DEMO_GOLD, help="expected events (JSON Lines)"),
                  data: Optional[str] = typer.Option(None, help="corpus folder (default: the bundled demo corpus)"),
                  model: str = typer.Option(DEFAULT_MODEL, help="installed spaCy pipeline"),
                  output: Optional[str] = typer.Option(None, help="also write the scores to this JSON file")) -> None:
    """Code the demo corpus and score it against its hand-coded expected events."""
    if not Path(gold).is_file():
        err.print(f"[red]error:[/] {gold}: gold file not found (run from the checkout or pass --gold)")
        raise typer.Exit(2)
    if data is None:
        with resources.as_file(resources.files("flashpoint") / "demo_corpus") as corpus:
            result = score_corpus(corpus, Path(gold), model, demo=True)
    else:
        result = score_corpus(Path(data), Path(gold), model)
    print_result(result, output)


@evaluate_app.command("markdown")
def evaluate_markdown(data: str = typer.Option(DEFAULT_MARKDOWN_GOLD, help="folder of exports + .expected.json"),
                      output: Optional[str] = typer.Option(None, help="also write the scores to this JSON file")) -> None:
    """Score the markdown/text cleaner on a gold folder (body word and 4-gram F1, metadata exact match)."""
    from ..evaluate.markdown_gold import score_markdown_gold

    if not Path(data).is_dir():
        err.print(f"[red]error:[/] {data}: gold folder not found")
        raise typer.Exit(2)
    print_result(score_markdown_gold(Path(data), settings=Settings()), output)


DEFAULT_PLOVER_GSR = "../shared/eval/plover_gsr"


@evaluate_app.command("plover-gsr")
def evaluate_plover_gsr(data: str = typer.Option(DEFAULT_PLOVER_GSR, help="folder holding gsr.jsonl"),
                        model: str = typer.Option(DEFAULT_MODEL, help="installed spaCy pipeline"),
                        output: Optional[str] = typer.Option(None, help="also write the scores to this JSON file")) -> None:
    """Code each PLOVER gold-standard sentence and score event type (main event) and actor codes."""
    from .. import code_text
    from ..evaluate.plover_gsr import load_plover_gsr, score_plover_gsr

    if not (Path(data) / "gsr.jsonl").is_file():
        err.print(f"[red]error:[/] {data}: no gsr.jsonl there (the PLOVER GSR dev set lives in ../shared/eval/plover_gsr)")
        raise typer.Exit(2)
    rows = load_plover_gsr(Path(data))
    predictions = [[e.to_dict() for e in code_text(row["text"], published=row.get("date"), model=model)]
                   for row in rows]
    print_result(score_plover_gsr(rows, predictions), output)


DEFAULT_EXTRACTION = "../shared/eval/extraction"


@evaluate_app.command("extraction")
def evaluate_extraction_sets(
        set_name: str = typer.Option("scrapinghub", "--set", help="scrapinghub | trafilatura"),
        data: str = typer.Option(DEFAULT_EXTRACTION, help="the set's folder, or the eval/extraction folder above it"),
        mode: str = typer.Option("main-text", help="main-text: the extractor on every page; ingest: what ingest keeps"),
        english_only: bool = typer.Option(False, help="score only pages whose visible text is English"),
        limit: Optional[int] = typer.Option(None, help="score only the first N pages (sorted by id)"),
        workers: int = typer.Option(1, min=1, help="local processes"),
        output: Optional[str] = typer.Option(None, help="also write the scores to this JSON file")) -> None:
    """Score HTML extraction on the ScrapingHub benchmark or trafilatura's evaluation set (read from --data)."""
    from ..evaluate.extraction import EXTRACTORS, evaluate_extraction

    if set_name not in ("scrapinghub", "trafilatura") or mode not in EXTRACTORS:
        err.print(f"[red]error:[/] --set {set_name!r} / --mode {mode!r}: choose scrapinghub|trafilatura and "
                  f"{'|'.join(EXTRACTORS)}")
        raise typer.Exit(2)
    try:
        scores = evaluate_extraction(set_name, Path(data), extractor=EXTRACTORS[mode], limit=limit, workers=workers,
                                     english_only=english_only)
    except (FileNotFoundError, ValueError) as exc:
        err.print(f"[red]error:[/] {data}: {exc}")
        raise typer.Exit(2)
    print_result(scores, output)


DEFAULT_GEOCODING = "../shared/eval/geocoding"


@evaluate_app.command("geocoding")
def evaluate_geocoding_set(
        set_name: str = typer.Option("gwn", "--set", help="gwn | lgl | trnews | geovirus"),
        data: str = typer.Option(DEFAULT_GEOCODING, help="the geocoding eval folder (or its gritta-corpora folder)"),
        limit: Optional[int] = typer.Option(None, help="score only the first N articles"),
        output: Optional[str] = typer.Option(None, help="also write the scores to this JSON file")) -> None:
    """Score toponym resolution on gold toponyms: acc@161km, median error, and the gazetteer's ceiling."""
    from ..evaluate.geocoding import evaluate_geocoding

    try:
        scores = evaluate_geocoding(Path(data), set_name, limit=limit)
    except (FileNotFoundError, ValueError, KeyError) as exc:
        err.print(f"[red]error:[/] {data} --set {set_name}: {exc}")
        raise typer.Exit(2)
    print_result(scores, output)
