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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import DEMO_CORPUS, build_corpus  # noqa: E402  (benchmarks/ is on sys.path when run)
from throughput_report import describe_machine, format_report, keep_findings, profile_lines  # noqa: E402

MAIN_WORKERS = 1
REPO_ROOT = DEMO_CORPUS.parents[2]
# Rows of the profile table: flashpoint functions with the most time.
PROFILE_ROWS = 12
COMPARED_WORKERS = 2


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


def run_profile(articles: int, scratch: Path) -> dict:
    """Build a smaller corpus and profile one ingest of it (after the timed runs, so it never disturbs them)."""
    corpus = scratch / "profile-corpus"
    build_corpus(corpus, articles)
    return spawn_measurement("profile", corpus, db=scratch / "profile.duckdb")


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
