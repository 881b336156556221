"""`flashpoint evaluate ...`: score the coder and the cleaner on gold sets and print (or save) the numbers.

Every gold set of the harness registry (flashpoint.evaluate.harness.ADAPTERS) gets one command of the same shape,
``flashpoint evaluate NAME [--data DIR] [--limit N] [--json] [--output FILE] [--model M]``, registered in the loop
at the bottom of this module. ``demo``, ``markdown``, ``extraction`` and ``geocoding`` keep their own options.
"""

from __future__ import annotations

import csv
import json
import tempfile
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..clustering import score_clusters
from ..evaluate.demo_gold import load_gold, locator_key, score_demo_gold
from ..evaluate.harness import ADAPTERS, AdapterMissing, run_adapter, summarize_result
from ..pipeline import ingest
from ..settings import DEFAULT_MODEL, Settings
from ..store import open_store
from .demo import demo_inputs

evaluate_app = typer.Typer(help="Measure accuracy on gold sets.", no_args_is_help=True)
console = Console()
err = Console(stderr=True)
DEFAULT_DEMO_GOLD = "tests/golden/demo_events.jsonl"
DEFAULT_MARKDOWN_GOLD = "tests/golden/extraction"
# Detail entries longer than this are cut in the people's table (the JSON file keeps metrics only).
DETAIL_ROWS = 15


def print_result(result: dict, output: str | None) -> None:
    """Print the result as JSON, and write it to ``output`` when given."""
    text = json.dumps(result, indent=2, ensure_ascii=False)
    console.print_json(text)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")


def flatten_metrics(result: dict[str, Any], prefix: str = "") -> dict[str, float]:
    """Return the numeric (non-bool) values of a nested score dict under dotted names."""
    metrics: dict[str, float] = {}
    for key, value in result.items():
        if isinstance(value, dict):
            metrics.update(flatten_metrics(value, f"{prefix}{key}."))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            metrics[f"{prefix}{key}"] = value
    return metrics


def emit_json(summary: dict[str, Any], output: str | None) -> None:
    """Print exactly one JSON object on stdout, and write it to ``output`` when given."""
    text = json.dumps(summary, ensure_ascii=False)
    typer.echo(text)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")


def emit_legacy(dataset: str, result: dict[str, Any], as_json: bool, output: str | None,
                records_key: str) -> None:
    """Print an older scorer's result: the harness JSON layout with --json, else its full JSON as before."""
    if not as_json:
        print_result(result, output)
        return
    metrics = {key: round(value, 4) for key, value in flatten_metrics(result).items() if key != records_key}
    emit_json({"dataset": dataset, "records": result.get(records_key, 0), "metrics": metrics}, output)


def render_table(result: dict[str, Any]) -> None:
    """Print a result for people: a metrics table, then one table or line per detail."""
    table = Table(title=f"{result['dataset']}: {result.get('records', 0)} records")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in result.get("metrics", {}).items():
        table.add_row(name, f"{value:.3f}" if isinstance(value, float) else str(value))
    console.print(table)
    for name, value in (result.get("details") or {}).items():
        render_detail(name, value)


def render_detail(name: str, value: Any) -> None:
    """Print one detail entry: a two-column table for dicts and lists of pairs, else one line."""
    if isinstance(value, dict):
        value = list(value.items())
    if isinstance(value, list) and all(isinstance(v, (list, tuple)) and len(v) == 2 for v in value):
        table = Table(title=name, show_header=False)
        for key, count in value[:DETAIL_ROWS]:
            table.add_row(str(key), str(count))
        console.print(table)
    elif isinstance(value, list):
        console.print(f"[bold]{name}[/]")
        for item in value[:DETAIL_ROWS]:
            console.print(f"  {item}", markup=False, highlight=False)
    else:
        console.print(f"[bold]{name}:[/] {value}")


def print_error(message: str) -> None:
    """Print a one-line error on stderr (never wrapped, markup in the message shown as is)."""
    err.print(f"[red]error:[/] {escape(' '.join(message.split()))}", soft_wrap=True)


def evaluate_gold_set(name: str, data: str | None, limit: int | None, as_json: bool, output: str | None,
                      model: str) -> None:
    """Run one registered gold set's adapter and print its result; bad data or a missing adapter exit 2."""
    try:
        result = run_adapter(name, None if data is None else Path(data), limit=limit, model=model)
    except AdapterMissing as exc:
        print_error(str(exc))
        raise typer.Exit(2)
    except (FileNotFoundError, ValueError) as exc:
        print_error(f"evaluate {name}: {exc}")
        raise typer.Exit(2)
    summary = summarize_result(result)
    if as_json:
        emit_json(summary, output)
        return
    render_table(result)
    if output:
        Path(output).write_text(json.dumps(summary, ensure_ascii=False) + "\n", encoding="utf-8")


def make_gold_command(name: str) -> Callable[..., None]:
    """Return the typer command for one registered gold set."""
    default = ADAPTERS[name][1]

    def command(data: Optional[str] = typer.Option(None, help=f"gold folder or file (default {default})"),
                limit: Optional[int] = typer.Option(None, min=1, help="score only the first N records"),
                as_json: bool = typer.Option(False, "--json", help="print one JSON object instead of tables"),
                output: Optional[str] = typer.Option(None, help="also write the JSON to this file"),
                model: str = typer.Option(DEFAULT_MODEL, help="installed spaCy pipeline")) -> None:
        evaluate_gold_set(name, data, limit, as_json, output, model)

    command.__doc__ = f"Score the coder on the {name} gold set (default data {default})."
    command.__name__ = f"evaluate_{name}"
    return command


def code_corpus(corpus: Path, settings: Settings, *, demo: bool = False) -> tuple[list[dict], dict[str, str]]:
    """Ingest a corpus into a fresh temporary store; return its event records and article id -> gold file key."""
    inputs = demo_inputs(corpus) if demo else [str(corpus)]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "eval.duckdb"))
        try:
            ingest(inputs, store=store, settings=replace(settings, db=store.path))
            records = store.event_records()
            frame = store.articles(include_dropped=False)
        finally:
            store.close()
    return records, {row.id: locator_key(row.source, str(corpus)) for row in frame.itertuples()}


def score_corpus(corpus: Path, gold_path: Path, model: str, *, demo: bool = False) -> dict:
    """Ingest a corpus into a fresh temporary store and score its events against the gold file."""
    records, sources = code_corpus(corpus, Settings(model=model), demo=demo)
    return score_demo_gold(load_gold(gold_path), records, sources)


@evaluate_app.command("demo")
def evaluate_demo(gold: str = typer.Option(DEFAULT_DEMO_GOLD, help="expected events (JSON Lines)"),
                  data: Optional[str] = typer.Option(None, help="corpus folder (default: the bundled demo corpus)"),
                  model: str = typer.Option(DEFAULT_MODEL, help="installed spaCy pipeline"),
                  as_json: bool = typer.Option(False, "--json", help="print one JSON object in the harness layout"),
                  output: Optional[str] = typer.Option(None, help="also write the scores to this JSON file")) -> None:
    """Code the demo corpus and score it against its hand-coded expected events."""
    if not Path(gold).is_file():
        print_error(f"{gold}: gold file not found (run from the checkout or pass --gold)")
        raise typer.Exit(2)
    if data is None:
        with resources.as_file(resources.files("flashpoint") / "demo_corpus") as corpus:
            result = score_corpus(corpus, Path(gold), model, demo=True)
    else:
        result = score_corpus(Path(data), Path(gold), model)
    emit_legacy("demo", result, as_json, output, "gold_events")


@evaluate_app.command("markdown")
def evaluate_markdown(
        data: str = typer.Option(DEFAULT_MARKDOWN_GOLD, help="folder of exports + .expected.json"),
        as_json: bool = typer.Option(False, "--json", help="print one JSON object in the harness layout"),
        output: Optional[str] = typer.Option(None, help="also write the scores to this JSON file")) -> None:
    """Score the markdown/text cleaner on a gold folder (body word and 4-gram F1, metadata exact match)."""
    from ..evaluate.markdown_gold import score_markdown_gold

    if not Path(data).is_dir():
        print_error(f"{data}: gold folder not found")
        raise typer.Exit(2)
    emit_legacy("markdown", score_markdown_gold(Path(data), settings=Settings()), as_json, output, "count")


DEFAULT_CLUSTER_GOLD = "tests/golden/event_clusters"


def load_cluster_gold(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Return {article url: gold event} and {gold event: PLOVER type} of an event-cluster gold folder."""
    with (folder / "events.tsv").open(encoding="utf-8") as handle:
        types = {row["gold_event"]: row["type"] for row in csv.DictReader(handle, delimiter="\t")}
    lines = (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    by_url = {record["url"]: record["gold_event"] for record in map(json.loads, lines) if record}
    return by_url, types


def score_cluster_gold(folder: Path, db_path: str, model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Ingest the gold articles into a new store; return purity, pairwise P/R/F1 and the coder's coverage.

    Each gold article reports one real-world event; its coded reports of the gold PLOVER type carry that event's
    label, other reports are not scored. Coverage = share of gold articles with a report of the gold type.
    """
    by_url, types = load_cluster_gold(folder)
    store = open_store(db_path)
    try:
        ingest([str(folder / "articles.jsonl")], store=store, settings=Settings(db=db_path, model=model))
        urls = {row.id: row.url for row in store.articles(include_dropped=False).itertuples()}
        records = store.event_records()
    finally:
        store.close()
    gold, predicted, covered = {}, {}, set()
    for record in records:
        label = by_url.get(urls.get(record["article_id"]))
        if label and record["event"] == types[label]:
            gold[record["id"]], predicted[record["id"]] = label, record["event_id"]
            covered.add(record["article_id"])
    score = score_clusters(gold, predicted).to_dict()
    score["coverage"] = round(len(covered) / len(by_url), 4) if by_url else 0.0
    return score


@evaluate_app.command("clusters")
def evaluate_clusters(data: str = typer.Option(DEFAULT_CLUSTER_GOLD, help="folder with events.tsv + articles.jsonl"),
                      model: str = typer.Option(DEFAULT_MODEL, help="installed spaCy pipeline"),
                      as_json: bool = typer.Option(False, "--json", help="print one JSON object in the harness layout"),
                      output: Optional[str] = typer.Option(None, help="also write the scores to this JSON file")) -> None:
    """Ingest the event-clustering gold articles and score clusters: purity, pairwise P/R/F1, coverage."""
    folder = Path(data)
    if not (folder / "events.tsv").is_file() or not (folder / "articles.jsonl").is_file():
        print_error(f"{data}: no events.tsv and articles.jsonl there (the gold set is tests/golden/event_clusters)")
        raise typer.Exit(2)
    with tempfile.TemporaryDirectory() as tmp:
        score = score_cluster_gold(folder, str(Path(tmp) / "clusters.duckdb"), model)
    metrics = {f"pairwise.{k}": score[k] for k in ("precision", "recall", "f1")}
    metrics |= {"purity": score["purity"], "coverage": score["coverage"]}
    result = {"dataset": "event_clusters", "records": score["reports"], "metrics": metrics,
              "details": {k: score[k] for k in ("gold_events", "predicted_events")}}
    if as_json:
        emit_json({k: result[k] for k in ("dataset", "records", "metrics")}, output)
    else:
        render_table(result)
        if output:
            Path(output).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


DEFAULT_EXTRACTION = "../shared/eval/extraction"


@evaluate_app.command("extraction")
def evaluate_extraction_sets(
        set_name: str = typer.Option("scrapinghub", "--set", help="scrapinghub | trafilatura"),
        data: str = typer.Option(DEFAULT_EXTRACTION, help="the set's folder, or the eval/extraction folder above it"),
        mode: str = typer.Option("main-text", help="main-text: the extractor on every page; ingest: what ingest keeps"),
        english_only: bool = typer.Option(False, help="score only pages whose visible text is English"),
        limit: Optional[int] = typer.Option(None, help="score only the first N pages (sorted by id)"),
        workers: int = typer.Option(1, min=1, help="local processes"),
        as_json: bool = typer.Option(False, "--json", help="print one JSON object in the harness layout"),
        output: Optional[str] = typer.Option(None, help="also write the scores to this JSON file")) -> None:
    """Score HTML extraction on the ScrapingHub benchmark or trafilatura's evaluation set (read from --data)."""
    from ..evaluate.extraction import EXTRACTORS, evaluate_extraction

    if set_name not in ("scrapinghub", "trafilatura") or mode not in EXTRACTORS:
        print_error(f"--set {set_name!r} / --mode {mode!r}: choose scrapinghub|trafilatura and "
                    f"{'|'.join(EXTRACTORS)}")
        raise typer.Exit(2)
    try:
        scores = evaluate_extraction(set_name, Path(data), extractor=EXTRACTORS[mode], limit=limit, workers=workers,
                                     english_only=english_only)
    except (FileNotFoundError, ValueError) as exc:
        print_error(f"{data}: {exc}")
        raise typer.Exit(2)
    emit_legacy(f"extraction.{set_name}", scores, as_json, output, "documents")


DEFAULT_GEOCODING = "../shared/eval/geocoding"


@evaluate_app.command("geocoding")
def evaluate_geocoding_set(
        set_name: str = typer.Option("gwn", "--set", help="gwn | lgl | trnews | geovirus"),
        data: str = typer.Option(DEFAULT_GEOCODING, help="the geocoding eval folder (or its gritta-corpora folder)"),
        limit: Optional[int] = typer.Option(None, help="score only the first N articles"),
        as_json: bool = typer.Option(False, "--json", help="print one JSON object in the harness layout"),
        output: Optional[str] = typer.Option(None, help="also write the scores to this JSON file"),
        mode: str = typer.Option("gold", "--mode", help="gold (oracle spans) | end-to-end (own recognition)")) -> None:
    """Score toponym resolution: acc@161km, median error and the gazetteer's ceiling (end-to-end: e2e.* too)."""
    from ..evaluate.geocoding import evaluate_geocoding

    try:
        scores = evaluate_geocoding(Path(data), set_name, limit=limit, mode=mode)
    except (FileNotFoundError, ValueError, KeyError) as exc:
        print_error(f"{data} --set {set_name}: {exc}")
        raise typer.Exit(2)
    emit_legacy(f"geocoding.{set_name}", scores, as_json, output, "toponyms")


# The gold-set commands, one per registered adapter; "plover-gsr" stays as a hidden alias of the old spelling.
for _name in ADAPTERS:
    evaluate_app.command(_name)(make_gold_command(_name))
evaluate_app.command("plover-gsr", hidden=True)(make_gold_command("plover_gsr"))
