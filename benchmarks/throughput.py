"""Throughput and peak memory of ingest against extraction + spaCy alone, on perturbed copies of the demo corpus.

    /tmp/venvtest/bin/python benchmarks/throughput.py --articles 2000 --repeat 3 --out docs/benchmarks.md

One run builds the corpus in a temporary folder (never in the repository), then measures, each repetition in a
fresh child process so peak RSS is that run's own: ingest into a fresh DuckDB file (workers=1), the same texts
through reading + extraction + the same spaCy components (nlp.pipe, same batch size) with no coding and no store,
and ingest with workers=2. Runs are interleaved so machine noise falls on both sides of each ratio.
The script re-runs itself with ``--child`` for each measurement; top-level imports stay stdlib-only because
spawned pool workers re-import this module.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

DEMO_CORPUS = Path(__file__).resolve().parents[1] / "src" / "flashpoint" / "demo_corpus"
TEXT_SUFFIXES = {".md": "markdown", ".txt": "text"}
WIRE_FILE = "wire.jsonl"
# Records per generated JSON Lines file: several records per file, like a real wire dump.
WIRE_RECORDS_PER_FILE = 50
# Paragraphs shorter than this are headings, captions or chrome, never perturbed.
BODY_MIN_CHARS = 100
# A paragraph counts as body when its first KEY_CHARS letters and digits appear in the extracted base article.
KEY_CHARS = 60
NOT_ALNUM = re.compile(r"[^a-z0-9]+")
TAG = re.compile(r"<[^>]+>")
# A count followed by a lower-case word ("500 people"), not a day of the month ("14 June").
COUNT_NUMBER = re.compile(r"\b(\d{1,3})(?= [a-z])")
HTML_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
PEOPLE = ("Omar Saleh", "Hana Kareem", "Ali Jassim", "Noor Haddad", "Karim Aziz", "Leila Mansour", "Yasin Talib",
          "Sara Nouri", "Hussein Abbas", "Dana Rashid", "Mahmoud Faris", "Zainab Hamid", "Bilal Yousef")
ROLES = ("local council member", "police spokesman", "tribal elder", "provincial official", "hospital director",
         "rights monitor", "school teacher")
PLACES = ("Mosul", "Kirkuk", "Najaf", "Karbala", "Ramadi", "Samarra", "Nasiriyah", "Hilla", "Kut", "Tikrit",
          "Amarah", "Fallujah")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SENTENCES = (
    "{person}, a {role} in {place}, said {n} families had left their homes by {day}.",
    "In {place}, {person} told reporters that {n} people had gathered near the main square on {day}.",
    "{person}, a {role}, said about {n} vehicles were checked at roadblocks outside {place} on {day}.",
    "Officials in {place} said on {day} that {n} men had been detained, according to {person}, a {role}.",
)
# The inserted sentence's count starts here and grows with the variant number, so variants never coincide.
FIRST_COUNT = 7
MAIN_WORKERS = 1
REPO_ROOT = DEMO_CORPUS.parents[2]
# Rows of the profile table: flashpoint functions with the most time.
PROFILE_ROWS = 12
# Hand-written analysis below this line in the --out file is kept when the numbers are regenerated.
FINDINGS_MARKER = "<!-- findings: kept when benchmarks/throughput.py regenerates this file -->"
# Issue 3's target: end to end at least this fraction of extraction + spaCy throughput.
TARGET_RATIO = 0.80
COMPARED_WORKERS = 2


# ---------------------------------------------------------------- corpus

def load_bases() -> list[dict]:
    """Return the demo corpus inputs used as templates: markdown, text, wire records and HTML pages."""
    bases = []
    for folder in ("markdown", "text"):
        for path in sorted((DEMO_CORPUS / folder).iterdir()):
            if path.suffix in TEXT_SUFFIXES:
                bases.append({"format": TEXT_SUFFIXES[path.suffix], "name": path.stem, "text": path.read_text()})
    for index, line in enumerate((DEMO_CORPUS / WIRE_FILE).read_text().splitlines()):
        if line.strip():
            bases.append({"format": "jsonl", "name": f"wire{index}", "record": json.loads(line)})
    for path in sorted((DEMO_CORPUS / "html").glob("*.html")):
        bases.append({"format": "html", "name": path.stem, "text": path.read_text()})
    return bases


def make_sentence(variant: int) -> str:
    """Return a varied body sentence, unique per variant number."""
    template = SENTENCES[variant % len(SENTENCES)]
    return template.format(person=PEOPLE[variant % len(PEOPLE)], role=ROLES[variant % len(ROLES)],
                           place=PLACES[variant % len(PLACES)], day=DAYS[variant % len(DAYS)],
                           n=FIRST_COUNT + variant)


def normalize_text(text: str) -> str:
    """Return text lower-cased with tags, markup and everything but letters and digits removed."""
    return NOT_ALNUM.sub("", TAG.sub("", text).lower())


def is_body_paragraph(text: str, kept: str) -> bool:
    """Return True for a long paragraph whose opening survives extraction of the base (so it is article prose)."""
    key = normalize_text(text)[:KEY_CHARS]
    return len(text.strip()) >= BODY_MIN_CHARS and len(key) == KEY_CHARS and key in kept


def extracted_body(base: dict) -> str:
    """Return the normalized body flashpoint extracts from an unperturbed base (what the cleaner keeps)."""
    from flashpoint.extract import extract_article
    from flashpoint.records import Document
    from flashpoint.settings import Settings

    if base["format"] == "jsonl":
        record = base["record"]
        meta = {k: v for k, v in record.items() if k != "text" and isinstance(v, str)}
        doc = Document(source=base["name"], text=record["text"], format="jsonl", meta=meta)
    else:
        doc = Document(source=base["name"], text=base["text"], format=base["format"])
    article = extract_article(doc, settings=Settings())
    if not hasattr(article, "text"):
        raise ValueError(f"demo input {base['name']} is dropped by extraction: {article}")
    return normalize_text(article.text)


def perturb_paragraphs(paragraphs: list[str], body: list[int], variant: int) -> list[str]:
    """Return paragraphs with middle body paragraphs rotated, counts varied and a varied sentence inserted.

    The first body paragraph (lead or wire dateline) and the last (often an author bio) stay where they are.
    """
    out = list(paragraphs)
    middle = body[1:-1]
    if len(middle) >= 2:
        shift = variant % len(middle)
        rotated = [paragraphs[i] for i in middle[shift:] + middle[:shift]]
        for index, text in zip(middle, rotated):
            out[index] = text
    targets = middle or body
    counted = targets[(variant + 1) % len(targets)]
    out[counted] = COUNT_NUMBER.sub(lambda m: str(int(m.group(1)) + 1 + variant % 9), out[counted])
    inserted = targets[variant % len(targets)]
    out[inserted] = out[inserted].rstrip() + " " + make_sentence(variant)
    return out


def perturb_text(text: str, variant: int, kept: str) -> str:
    """Return a markdown or plain-text article perturbed inside its body paragraphs."""
    paragraphs = text.split("\n\n")
    body = [i for i, p in enumerate(paragraphs) if is_body_paragraph(p, kept)]
    if not body:
        raise ValueError("no body paragraph to perturb")
    return "\n\n".join(perturb_paragraphs(paragraphs, body, variant))


def perturb_html(page: str, variant: int, kept: str) -> str:
    """Return an HTML page perturbed inside its plain <p> body paragraphs."""
    matches = list(HTML_PARAGRAPH.finditer(page))
    inner = [m.group(1) for m in matches]
    body = [i for i, text in enumerate(inner) if is_body_paragraph(text, kept)]
    if not body:
        raise ValueError("no body paragraph to perturb")
    changed = perturb_paragraphs(inner, body, variant)
    pieces, last = [], 0
    for match, text in zip(matches, changed):
        pieces += [page[last:match.start()], f"<p>{text}</p>"]
        last = match.end()
    return "".join(pieces) + page[last:]


def build_corpus(folder: Path, articles: int) -> dict[str, int]:
    """Write ``articles`` perturbed inputs under folder (bases in turn); return how many of each format."""
    bases = load_bases()
    kept = [extracted_body(base) for base in bases]
    counts: dict[str, int] = {}
    wire: list[str] = []
    for folder_name in ("markdown", "text", "html", "wire"):
        (folder / folder_name).mkdir(parents=True, exist_ok=True)
    for number in range(articles):
        index, variant = number % len(bases), number // len(bases)
        base = bases[index]
        counts[base["format"]] = counts.get(base["format"], 0) + 1
        if base["format"] == "jsonl":
            record = dict(base["record"], text=perturb_text(base["record"]["text"], variant, kept[index]))
            wire.append(json.dumps(record, ensure_ascii=False))
            continue
        perturb = perturb_html if base["format"] == "html" else perturb_text
        perturbed = perturb(base["text"], variant, kept[index])
        suffix = {"markdown": ".md", "text": ".txt", "html": ".html"}[base["format"]]
        (folder / base["format"] / f"{number:05d}-{base['name']}{suffix}").write_text(perturbed)
    for start in range(0, len(wire), WIRE_RECORDS_PER_FILE):
        chunk = wire[start:start + WIRE_RECORDS_PER_FILE]
        (folder / "wire" / f"wire-{start // WIRE_RECORDS_PER_FILE:03d}.jsonl").write_text("\n".join(chunk) + "\n")
    return counts


# ---------------------------------------------------------------- child measurements

def read_peak_rss_mb() -> float:
    """Return this process's peak resident set size (VmHWM) in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def read_children_peak_rss_mb() -> float:
    """Return the largest peak RSS among this process's finished children (pool workers), in MiB."""
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measure_ingest(corpus: str, db: str, workers: int) -> dict:
    """Run flashpoint.pipeline.ingest into a fresh DuckDB file; return wall times, report and peak RSS."""
    from flashpoint.nlp import load_nlp
    from flashpoint.pipeline import ingest
    from flashpoint.settings import Settings
    from flashpoint.store import open_store

    settings = Settings(db=db, workers=workers)
    start = time.perf_counter()
    if workers == 1:
        load_nlp(settings.model)  # loaded before timing, as in the baseline; pool workers load their own
    loaded = time.perf_counter()
    store = open_store(db)
    report = ingest([corpus], store=store, settings=settings)
    store.close()
    done = time.perf_counter()
    return {"load_seconds": loaded - start, "seconds": done - loaded, "articles": report.articles_new,
            "existing": report.articles_existing, "dropped": report.dropped, "events": report.events,
            "timings": report.timings, "peak_rss_mb": read_peak_rss_mb(),
            "workers_peak_rss_mb": read_children_peak_rss_mb() if workers > 1 else 0.0, "load": os.getloadavg()[0]}


def extracted_texts(corpus: str, settings, stats: dict):
    """Yield the text of each extracted article, timing reading and extraction per input format into stats."""
    from flashpoint.extract import extract_article
    from flashpoint.records import Dropped
    from flashpoint.sources import read_documents

    documents = read_documents([corpus], settings=settings)
    while True:
        start = time.perf_counter()
        item = next(documents, None)
        read = time.perf_counter() - start
        if item is None:
            return
        if isinstance(item, Dropped):
            stats["dropped"] += 1
            continue
        start = time.perf_counter()
        article = extract_article(item, settings=settings)
        seconds = time.perf_counter() - start
        row = stats["formats"].setdefault(item.format, {"pages": 0, "read_seconds": 0.0, "extract_seconds": 0.0})
        row["pages"] += 1
        row["read_seconds"] += read
        row["extract_seconds"] += seconds
        if isinstance(article, Dropped):
            stats["dropped"] += 1
            continue
        stats["ids"].append(article.id)
        yield article.text


def measure_baseline(corpus: str) -> dict:
    """Read + extract the corpus and run it through the same spaCy components, no coding and no store."""
    from flashpoint.nlp import load_nlp
    from flashpoint.settings import Settings

    settings = Settings()
    start = time.perf_counter()
    nlp = load_nlp(settings.model)
    loaded = time.perf_counter()
    stats: dict = {"dropped": 0, "formats": {}, "ids": []}
    sentences = tokens = 0
    for doc in nlp.pipe(extracted_texts(corpus, settings, stats), batch_size=settings.batch_size):
        sentences += sum(1 for _ in doc.sents)
        tokens += len(doc)
    done = time.perf_counter()
    ids = stats.pop("ids")
    return {"load_seconds": loaded - start, "seconds": done - loaded, "articles": len(ids),
            "unique_ids": len(set(ids)), "sentences": sentences, "tokens": tokens, **stats,
            "components": list(nlp.pipe_names), "peak_rss_mb": read_peak_rss_mb(), "load": os.getloadavg()[0]}


def measure_spawn(corpus: str) -> dict:
    """Time one spawned worker from start to its first coded article (import, model load, coder build)."""
    import multiprocessing

    from flashpoint.extract import extract_article
    from flashpoint.pipeline import code_batch
    from flashpoint.records import Document
    from flashpoint.settings import Settings
    from flashpoint.sources import read_documents

    settings = Settings()
    first = next(d for d in read_documents([corpus], settings=settings) if isinstance(d, Document))
    article = extract_article(first, settings=settings)
    start = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pool.apply(code_batch, ([article], settings))
        ready = time.perf_counter()
    return {"first_result_seconds": ready - start}


def profile_ingest(corpus: str, db: str) -> dict:
    """Run ingest (workers=1) under cProfile; return flashpoint's own functions with the most time."""
    import cProfile
    import pstats

    from flashpoint.nlp import load_nlp
    from flashpoint.pipeline import ingest
    from flashpoint.settings import Settings
    from flashpoint.store import open_store

    settings = Settings(db=db)
    load_nlp(settings.model)
    store = open_store(db)
    profiler = cProfile.Profile()
    report = profiler.runcall(ingest, [corpus], store=store, settings=settings)
    store.close()
    stats = pstats.Stats(profiler).stats
    source = str(REPO_ROOT / "src")
    rows = [{"where": f"{Path(file).relative_to(REPO_ROOT)}:{line}", "function": name, "calls": calls,
             "self_seconds": own, "total_seconds": total}
            for (file, line, name), (_, calls, own, total, _) in stats.items() if file.startswith(source)]
    return {"articles": report.articles_new, "timings": report.timings,
            "by_self": sorted(rows, key=lambda r: -r["self_seconds"])[:PROFILE_ROWS],
            "by_total": sorted(rows, key=lambda r: -r["total_seconds"])[:PROFILE_ROWS]}


def run_child(args: argparse.Namespace) -> None:
    """Run one measurement in this (child) process and print its result as one JSON line."""
    if args.child == "ingest":
        result = measure_ingest(args.corpus, args.db, args.workers)
    elif args.child == "profile":
        result = profile_ingest(args.corpus, args.db)
    elif args.child == "baseline":
        result = measure_baseline(args.corpus)
    else:
        result = measure_spawn(args.corpus)
    print(json.dumps(result))


# ---------------------------------------------------------------- orchestration

def spawn_measurement(kind: str, corpus: Path, *, db: Path | None = None, workers: int = 1) -> dict:
    """Run one measurement in a fresh Python process and return its JSON result."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--corpus", str(corpus),
               "--workers", str(workers)]
    if db is not None:
        command += ["--db", str(db)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_ingest(corpus: Path, scratch: Path, workers: int, label: str) -> dict:
    """Run one ingest measurement into a new DuckDB file under scratch and delete the file afterwards."""
    db = scratch / f"{label}.duckdb"
    try:
        return spawn_measurement("ingest", corpus, db=db, workers=workers)
    finally:
        for path in scratch.glob(f"{label}.duckdb*"):
            path.unlink()


def check_baseline(result: dict, articles: int) -> None:
    """Stop the benchmark when the corpus lost inputs or holds duplicates."""
    if result["dropped"] or result["articles"] != articles or result["unique_ids"] != articles:
        raise SystemExit(f"corpus check failed: {result['articles']} articles, {result['unique_ids']} unique ids, "
                         f"{result['dropped']} dropped; expected {articles} unique")


def check_ingest(result: dict, articles: int) -> None:
    """Stop the benchmark when ingest did not store every article exactly once."""
    if result["articles"] != articles or result["dropped"] or result["existing"]:
        raise SystemExit(f"ingest check failed: {result['articles']} new, {result['existing']} existing, "
                         f"{result['dropped']} dropped; expected {articles} new")


def run_benchmark(args: argparse.Namespace, corpus: Path, scratch: Path) -> dict:
    """Run all repetitions (baseline and ingest interleaved, then workers=2) and return the raw results."""
    runs: dict[str, list[dict]] = {"baseline": [], "ingest1": [], "ingest2": [], "spawn": []}
    for rep in range(args.repeat):
        runs["baseline"].append(spawn_measurement("baseline", corpus))
        check_baseline(runs["baseline"][-1], args.articles)
        runs["ingest1"].append(run_ingest(corpus, scratch, MAIN_WORKERS, f"w1-{rep}"))
        check_ingest(runs["ingest1"][-1], args.articles)
        log(f"rep {rep + 1}/{args.repeat}: baseline {runs['baseline'][-1]['seconds']:.1f}s, "
            f"ingest {runs['ingest1'][-1]['seconds']:.1f}s")
    for rep in range(args.workers_repeat):
        runs["ingest2"].append(run_ingest(corpus, scratch, COMPARED_WORKERS, f"w2-{rep}"))
        check_ingest(runs["ingest2"][-1], args.articles)
        runs["spawn"].append(spawn_measurement("spawn", corpus))
        log(f"workers=2 rep {rep + 1}/{args.workers_repeat}: ingest {runs['ingest2'][-1]['seconds']:.1f}s")
    return runs


def log(message: str) -> None:
    """Print a progress line to stderr."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median_of(rows: list[dict], key) -> float:
    """Return the median of key(row) over rows (key is a field name or a function)."""
    return statistics.median(row[key] if isinstance(key, str) else key(row) for row in rows)


def summarize(runs: dict, articles: int) -> dict:
    """Return the medians and ratios reported in docs/benchmarks.md."""
    base, one, two = runs["baseline"], runs["ingest1"], runs["ingest2"]
    sentences = base[0]["sentences"]
    e2e, ref = median_of(one, "seconds"), median_of(base, "seconds")
    read_extract = lambda row: sum(f["read_seconds"] + f["extract_seconds"] for f in row["formats"].values())
    summary = {
        "articles": articles, "sentences": sentences, "tokens": base[0]["tokens"], "events": one[0]["events"],
        "e2e_seconds": e2e, "baseline_seconds": ref,
        "baseline_parse_seconds": median_of(base, lambda r: r["seconds"] - read_extract(r)),
        "ratio_of_medians": ref / e2e,
        "ratio_median_paired": statistics.median(b["seconds"] / i["seconds"] for b, i in zip(base, one)),
        "load_seconds": median_of(base, "load_seconds"),
        "stages": {stage: median_of(one, lambda r, s=stage: r["timings"][s]) for stage in one[0]["timings"]},
        "e2e_rss_mb": median_of(one, "peak_rss_mb"), "baseline_rss_mb": median_of(base, "peak_rss_mb"),
        "formats": summarize_formats(base),
    }
    summary["untimed_seconds"] = e2e - sum(summary["stages"].values())
    if two:
        summary.update(summarize_workers(one, two, runs["spawn"]))
    return summary


def summarize_formats(base: list[dict]) -> dict:
    """Return per-format page counts and median read and extraction cost in ms per page."""
    formats = {}
    for name, row in base[0]["formats"].items():
        pages = row["pages"]
        formats[name] = {"pages": pages,
                         "read_ms": 1000 * median_of(base, lambda r: r["formats"][name]["read_seconds"]) / pages,
                         "extract_ms": 1000 * median_of(base, lambda r: r["formats"][name]["extract_seconds"]) / pages}
    return formats


def summarize_workers(one: list[dict], two: list[dict], spawn: list[dict]) -> dict:
    """Return the workers=2 medians and speed-ups over workers=1 (with and without model load)."""
    one_wall = median_of(one, lambda r: r["load_seconds"] + r["seconds"])
    two_wall = median_of(two, "seconds")
    return {"w2_seconds": two_wall, "w1_wall_seconds": one_wall, "speedup": one_wall / two_wall,
            "speedup_steady": median_of(one, "seconds") / two_wall,
            "spawn_seconds": median_of(spawn, "first_result_seconds"),
            "w2_main_rss_mb": median_of(two, "peak_rss_mb"), "w2_worker_rss_mb": median_of(two, "workers_peak_rss_mb"),
            "w2_stages": {stage: median_of(two, lambda r, s=stage: r["timings"][s]) for stage in two[0]["timings"]}}


# ---------------------------------------------------------------- report

def describe_machine() -> dict:
    """Return CPU model, core count, memory, load and library versions for the report."""
    import duckdb
    import spacy
    import trafilatura

    from flashpoint.nlp import model_label
    from flashpoint.settings import Settings

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": int(memory) / 1024 ** 2,
            "load": os.getloadavg(), "os": platform.platform(), "python": platform.python_version(),
            "spacy": spacy.__version__, "duckdb": duckdb.__version__, "trafilatura": trafilatura.__version__,
            "model": model_label(Settings().model), "batch_size": Settings().batch_size}


def format_report(summary: dict, runs: dict, args: argparse.Namespace, machine: dict, counts: dict,
                  minutes: float) -> str:
    """Return docs/benchmarks.md: headline numbers, stage timings, extraction, memory, workers and raw runs."""
    s, n = summary, summary["articles"]
    met = "met" if s["ratio_of_medians"] >= TARGET_RATIO else "NOT met"
    lines = [
        "# Benchmarks: throughput and memory", "",
        f"Generated by `benchmarks/throughput.py` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC "
        f"(whole run {minutes:.1f} min). Regenerate with:", "",
        "```", f"/tmp/venvtest/bin/python benchmarks/throughput.py --articles {args.articles} "
        f"--repeat {args.repeat} --workers-repeat {args.workers_repeat} --profile-articles {args.profile_articles} "
        "--out docs/benchmarks.md", "```", "",
        *machine_lines(machine), "", *corpus_lines(s, counts), "",
        "## End to end against extraction + spaCy", "",
        f"Medians of {args.repeat} repetitions, each in a fresh process, the two kinds interleaved. The spaCy model "
        f"is loaded before timing in both (load: {s['load_seconds']:.1f} s).", "",
        "| run | seconds | articles/s | sentences/s | peak RSS (MiB) |", "|---|---:|---:|---:|---:|",
        rate_row("ingest, workers=1 (read, extract, parse, code, store into a fresh DuckDB file)",
                 s["e2e_seconds"], n, s["sentences"], s["e2e_rss_mb"]),
        rate_row("extraction + spaCy alone (read, extract, nlp.pipe)", s["baseline_seconds"], n, s["sentences"],
                 s["baseline_rss_mb"]),
        rate_row("spaCy alone (nlp.pipe part of the line above)", s["baseline_parse_seconds"], n, s["sentences"],
                 None), "",
        f"**Ratio end to end / (extraction + spaCy): {s['ratio_of_medians']:.2f}** (median of per-repetition "
        f"ratios {s['ratio_median_paired']:.2f}). Target ≥ {TARGET_RATIO:.2f}: **{met}**.", "",
        *stage_lines(s), "", *extraction_lines(s), "", *worker_lines(s, args), "", *raw_lines(runs), "",
    ]
    return "\n".join(lines)


def rate_row(label: str, seconds: float, articles: int, sentences: int, rss: float | None) -> str:
    """Return one markdown table row of time, rates and peak RSS."""
    memory = f"{rss:.0f}" if rss is not None else "–"
    return f"| {label} | {seconds:.1f} | {articles / seconds:.1f} | {sentences / seconds:.0f} | {memory} |"


def machine_lines(m: dict) -> list[str]:
    """Return the machine and versions section."""
    load = ", ".join(f"{x:.2f}" for x in m["load"])
    return ["## Machine", "",
            f"- {m['cpu']}, {m['cores']} cores (shared virtual machine: absolute times are noisy, ratios less so), "
            f"{m['memory_gb']:.0f} GB RAM; load average when the report was written {load}",
            f"- {m['os']}; Python {m['python']}, spaCy {m['spacy']}, DuckDB {m['duckdb']}, "
            f"trafilatura {m['trafilatura']}",
            f"- model {m['model']}, batch_size {m['batch_size']} (the default setting)"]


def corpus_lines(s: dict, counts: dict) -> list[str]:
    """Return the corpus section."""
    mix = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
    return ["## Corpus", "",
            f"{s['articles']} articles ({mix}) written to a temporary folder from the bundled demo corpus "
            "(markdown/, text/, wire.jsonl, html/), copies perturbed inside body paragraphs: middle paragraphs "
            "rotated, counts in one paragraph changed, one varied sentence (names, places, a count unique to the "
            "copy) added. After extraction every article id (content hash) is distinct and nothing is dropped; "
            "the benchmark stops otherwise.",
            f"They hold {s['sentences']} sentences and {s['tokens']} tokens as spaCy splits them; ingest codes "
            f"{s['events']} events from them."]


def stage_lines(s: dict) -> list[str]:
    """Return the RunReport stage timings (medians, workers=1) with each stage's share of the run."""
    rows = ["## Where the time goes (RunReport stages, workers=1, medians)", "",
            "| stage | seconds | share | ms per article |", "|---|---:|---:|---:|"]
    total = s["e2e_seconds"]
    untimed = "untimed (coder build once, store look-ups, de-duplication, batching)"
    stages = {**s["stages"], untimed: s["untimed_seconds"]}
    for stage, seconds in stages.items():
        rows.append(f"| {stage} | {seconds:.1f} | {seconds / total:.0%} | {1000 * seconds / s['articles']:.1f} |")
    overhead = s["stages"]["code"] + s["stages"]["store"] + s["untimed_seconds"]
    rows += ["", f"Coding, storing and the untimed rest take {overhead:.1f} s of {total:.1f} s "
             f"({overhead / total:.0%}): that is flashpoint's own overhead on top of extraction and spaCy."]
    return rows


def extraction_lines(s: dict) -> list[str]:
    """Return extraction's own cost per page by input format."""
    rows = ["## Extraction cost per page (medians, from the extraction + spaCy runs)", "",
            "Reading covers file I/O and decoding (HTML: charset detection); extraction is `extract_article` "
            "(markdown/text/jsonl: flashpoint's line and block rules; HTML: trafilatura with metadata).", "",
            "| format | pages | read ms/page | extract ms/page |", "|---|---:|---:|---:|"]
    for name, row in sorted(s["formats"].items()):
        rows.append(f"| {name} | {row['pages']} | {row['read_ms']:.2f} | {row['extract_ms']:.2f} |")
    return rows


def worker_lines(s: dict, args: argparse.Namespace) -> list[str]:
    """Return the workers=2 against workers=1 section."""
    if "w2_seconds" not in s:
        return ["## Workers", "", "Not measured in this run (--workers-repeat 0)."]
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in s["w2_stages"].items())
    return ["## workers=2 against workers=1", "",
            f"Medians of {args.workers_repeat} workers=2 runs (fewer than the main comparison, to keep the run "
            f"short). Wall times include start-up: workers=1 loads the model in the main process, workers=2 "
            "spawns two processes that each import flashpoint and load the model.", "",
            "| run | wall seconds | articles/s | peak RSS (MiB) |", "|---|---:|---:|---:|",
            f"| workers=1 (model load + ingest) | {s['w1_wall_seconds']:.1f} | "
            f"{s['articles'] / s['w1_wall_seconds']:.1f} | {s['e2e_rss_mb']:.0f} |",
            f"| workers=2 | {s['w2_seconds']:.1f} | {s['articles'] / s['w2_seconds']:.1f} | "
            f"main {s['w2_main_rss_mb']:.0f} + 2 × worker {s['w2_worker_rss_mb']:.0f} |", "",
            f"**Speed-up of 2 workers over 1: {s['speedup']:.2f}×** ({s['speedup_steady']:.2f}× against workers=1 "
            "without its model load).",
            f"Spawn start-up: one spawned worker takes {s['spawn_seconds']:.1f} s from pool creation to its first "
            "coded article (interpreter start, imports, model load, coder build); two workers pay it in parallel.",
            f"Stage times with workers=2 (parse and code summed over both workers, read/extract/store in the main "
            f"process): {stages}."]


def raw_lines(runs: dict) -> list[str]:
    """Return every repetition's raw numbers."""
    rows = ["## Raw runs", "", "Load is the machine's 1-minute load average when the run ended (2 cores: above 2, "
            "other processes were competing for the CPU).", "",
            "| run | seconds | model load s | peak RSS MiB | load | read | extract | parse | code | store |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for rep, row in enumerate(runs["baseline"], 1):
        read = sum(f["read_seconds"] for f in row["formats"].values())
        extract = sum(f["extract_seconds"] for f in row["formats"].values())
        rows.append(f"| extraction + spaCy #{rep} | {row['seconds']:.1f} | {row['load_seconds']:.1f} | "
                    f"{row['peak_rss_mb']:.0f} | {row['load']:.1f} | {read:.1f} | {extract:.1f} | – | – | – |")
    for key, label in (("ingest1", "ingest workers=1"), ("ingest2", "ingest workers=2")):
        for rep, row in enumerate(runs[key], 1):
            t = row["timings"]
            rows.append(f"| {label} #{rep} | {row['seconds']:.1f} | {row['load_seconds']:.1f} | "
                        f"{row['peak_rss_mb']:.0f} | {row['load']:.1f} | {t['read']:.1f} | {t['extract']:.1f} | "
                        f"{t['parse']:.1f} | {t['code']:.1f} | {t['store']:.1f} |")
    return rows


def run_profile(articles: int, scratch: Path) -> dict:
    """Build a smaller corpus and profile one ingest of it (after the timed runs, so it never disturbs them)."""
    corpus = scratch / "profile-corpus"
    build_corpus(corpus, articles)
    return spawn_measurement("profile", corpus, db=scratch / "profile.duckdb")


def profile_lines(profile: dict | None, args: argparse.Namespace) -> list[str]:
    """Return the profile section: flashpoint functions by own time and by total time."""
    if not profile:
        return []
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in profile["timings"].items())
    rows = [f"## Profile of ingest (cProfile, {profile['articles']} articles, workers=1)", "",
            f"`--profile-articles {args.profile_articles}`; cProfile slows Python code more than spaCy's compiled "
            f"code, so shares are indicative. Stages under the profiler: {stages}.", ""]
    for key, title in (("by_total", "total time (with callees)"), ("by_self", "own time")):
        rows += [f"By {title}:", "", "| where | function | calls | own s | total s |", "|---|---|---:|---:|---:|"]
        rows += [f"| {r['where']} | {escape_cell(r['function'])} | {r['calls']} | {r['self_seconds']:.2f} | "
                 f"{r['total_seconds']:.2f} |" for r in profile[key]]
        rows.append("")
    return rows


def escape_cell(text: str) -> str:
    """Return text safe in a markdown table cell ("<genexpr>" would read as an HTML tag)."""
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def keep_findings(path: Path) -> str:
    """Return the hand-written findings (from the marker on) of an existing report, or a fresh marker."""
    if path.exists():
        text = path.read_text()
        if FINDINGS_MARKER in text:
            return text[text.index(FINDINGS_MARKER):]
    return FINDINGS_MARKER + "\n\n## Findings\n\n(Write the analysis of these numbers here.)\n"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Return the command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="perturbed articles to build")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of ingest and of extraction + spaCy")
    parser.add_argument("--workers-repeat", type=int, default=2, help="repetitions of the workers=2 ingest")
    parser.add_argument("--out", help="markdown file to write (e.g. docs/benchmarks.md)")
    parser.add_argument("--json", help="also write the raw runs and summary as JSON here")
    parser.add_argument("--profile-articles", type=int, default=0,
                        help="after the timed runs, profile one ingest of this many articles (0 = no profile)")
    parser.add_argument("--keep-corpus", action="store_true", help="keep (and print) the temporary corpus folder")
    parser.add_argument("--child", choices=("ingest", "baseline", "spawn", "profile"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Build the corpus, run every measurement, print the summary and write the report."""
    args = parse_args(argv)
    if args.child:
        run_child(args)
        return
    started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="flashpoint-bench-"))
    try:
        counts = build_corpus(scratch / "corpus", args.articles)
        log(f"built {args.articles} articles in {scratch / 'corpus'}: {counts}")
        runs = run_benchmark(args, scratch / "corpus", scratch)
        summary = summarize(runs, args.articles)
        profile = run_profile(args.profile_articles, scratch) if args.profile_articles else None
        report = format_report(summary, runs, args, describe_machine(), counts, (time.perf_counter() - started) / 60)
        report += "\n".join(profile_lines(profile, args))
    finally:
        if args.keep_corpus:
            log(f"corpus kept in {scratch / 'corpus'}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": summary, "runs": runs, "profile": profile}, indent=1))
    if args.out:
        Path(args.out).write_text(report + "\n" + keep_findings(Path(args.out)))
    print(report)


if __name__ == "__main__":
    main()
