"""Gazetteer load time, peak memory and toponym resolution speed on one core (issue #5: >= 5,000 toponyms/s).

Run from the repository root:

    /tmp/venvtest/bin/python benchmarks/geocoding_speed.py [--data ../shared/eval/geocoding] [--repeat 3]

The load is timed in a fresh child process (the script runs itself with ``--child``), so its peak RSS (VmHWM
from /proc/self/status) is the gazetteer's own plus the interpreter's. Resolution is timed on the gold toponyms
of the geocoding dev sets, read at run time and never copied (two passes per article, as the scorer does: alone,
then with the article's focus and places); without ../shared it falls back to a short built-in list of names.
Python runs on one core, so toponyms/s is a one-core figure. Prints a markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "geocoding"
SETS = ("gwn", "lgl", "trnews", "geovirus")
# Used only when the shared gold sets are absent: common news toponyms, several of them ambiguous.
FALLBACK_NAMES = ("Erbil", "Georgia", "Springfield", "Paris", "Basra province", "Mosul", "London", "Tehran",
                  "Kirkuk", "Aleppo", "Anbar", "Laurel County", "U.S.", "Iraqi", "Kan.", "Alexandria")


def read_peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure_load() -> dict:
    """Load the gazetteer once in this (fresh) process; return seconds, rows, name keys and peak RSS."""
    sys.path.insert(0, str(REPO / "src"))
    started = time.perf_counter()
    from flashpoint.reference.gazetteer import GAZETTEER_KEY, load_gazetteer

    gazetteer = load_gazetteer()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": len(gazetteer), "keys": len(gazetteer._index),
            "peak_rss_mb": read_peak_rss_mb(), "key": GAZETTEER_KEY}


def run_child_load() -> dict:
    """Run ``measure_load`` in a child process and return its numbers."""
    out = subprocess.run([sys.executable, __file__, "--child"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def gold_workload(data: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Return (text, mentions) per gold article of every set found under ``data``, or the fallback names."""
    from flashpoint.evaluate.geocoding import find_set_file, load_gold

    work = []
    for name in SETS:
        try:
            articles = load_gold(find_set_file(data, name))
        except FileNotFoundError:
            continue
        work += [(a.text, [(t.start, t.end, t.name) for t in a.toponyms]) for a in articles]
    if not work:
        text = " ".join(FALLBACK_NAMES)
        work = [(text, [(0, 0, n) for n in FALLBACK_NAMES])] * 200
    return work


def measure_resolution(work, repeat: int) -> dict:
    """Return the median toponyms/s over ``repeat`` runs of two-pass resolution over the workload."""
    from flashpoint.evaluate.geocoding import resolve_mentions
    from flashpoint.reference.gazetteer import load_gazetteer

    load_gazetteer()
    resolutions = 2 * sum(len(m) for _, m in work)  # resolve_mentions resolves each mention twice
    rates = []
    for _ in range(repeat):
        started = time.perf_counter()
        for text, mentions in work:
            resolve_mentions(text, mentions)
        rates.append(resolutions / (time.perf_counter() - started))
    return {"toponyms": resolutions, "per_s": statistics.median(rates), "runs": repeat}


def format_table(load: dict, resolution: dict) -> str:
    """Return the markdown table for docs/benchmarks.md."""
    return "\n".join([
        f"Gazetteer {load['key']}: {load['rows']:,} rows, {load['keys']:,} name keys.",
        "",
        "| measure | value | issue #5 budget |",
        "|---|---|---|",
        f"| load time (fresh process, gunzip + index) | {load['seconds']:.2f} s | ≤ 1 s |",
        f"| peak RSS after load (interpreter included) | {load['peak_rss_mb']:.0f} MB | ≤ 300 MB |",
        f"| toponym resolution, one core (median of {resolution['runs']}, "
        f"{resolution['toponyms']:,} resolutions) | {resolution['per_s']:,.0f} toponyms/s | ≥ 5,000/s |",
    ])


def main() -> None:
    """Measure load (child process) and resolution speed, then print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_load()))
        return
    load = run_child_load()
    sys.path.insert(0, str(REPO / "src"))
    print(format_table(load, measure_resolution(gold_workload(args.data), args.repeat)))


if __name__ == "__main__":
    main()
