"""Event clustering at scale without the NLP: time and peak memory over synthetic reports.

Usage: python benchmarks/event_clustering_scale.py [--sizes 100000 1000000] [--runs 1]

Each size runs in a fresh subprocess (clean peak RSS). Synthetic reports keep a constant density per blocking
key: N/3 real-world events spread over N/100 days, 16 types and 60 countries, each event reported 1-5 times
with the noise the coder produces (a missing actor or place, a day off, publication or month precision). The
run clusters all reports with ``assign_events`` (blocking included) and scores the clusters against the
synthetic truth. Linear cost means 10x the reports take at most about 11x the time.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date

from flashpoint.clustering import ClusterReport, assign_events, score_clusters
from flashpoint.clustering.reports import PlaceKey

TYPES = ("ASSAULT", "COERCE", "PROTEST", "CONSULT", "AGREE", "ACCUSE", "THREATEN", "SANCTION", "AID", "REQUEST",
         "REJECT", "MOBILIZE", "SUPPORT", "COOPERATE", "RETREAT", "CONCEDE")
COUNTRIES = tuple(f"C{n:02d}" for n in range(60))
SECTORS = ("GOV", "MIL", "REB", "CVL", None)
EVENTS_PER_REPORT = 1 / 3
DAYS_PER_REPORT = 1 / 100
START = date(2015, 1, 1).toordinal()
SEED = 20201


def make_event(rng: random.Random, n_days: int) -> dict:
    """Return one synthetic real-world event: type, dyad, place and day."""
    actor, recipient = rng.sample(COUNTRIES, 2)
    where = rng.choice((actor, recipient))
    return {"kind": rng.choice(TYPES), "actor": (actor, rng.choice(SECTORS), None),
            "recipient": (recipient, rng.choice(SECTORS), None), "day": START + rng.randrange(n_days),
            "place": PlaceKey(where, None, f"town{rng.randrange(50)}-{where}", rng.uniform(-60, 60),
                              rng.uniform(-170, 170), rng.choice((1, 1, 2, 3)))}


def make_report(rng: random.Random, event: dict, rid: str, seen: int) -> ClusterReport:
    """Return one noisy report of a synthetic event."""
    roll = rng.random()
    day = event["day"] + (rng.choice((0, 1)) if roll < 0.7 else 0)
    if roll < 0.7:
        start, end = day, day
    elif roll < 0.9:  # publication precision: published that day or the next
        start, end = day, day + 1
    else:
        first = date.fromordinal(day).replace(day=1).toordinal()
        start, end = first, first + 27
    actors = () if rng.random() < 0.15 else (event["actor"],)
    place = None if rng.random() < 0.3 else event["place"]
    return ClusterReport(id=rid, kind=event["kind"], is_real=True, historical=False, start=start, end=end,
                         actors=actors, recipients=(event["recipient"],), place=place,
                         seen=(seen, rid), sentence=(rid, 0))


def make_reports(n_reports: int) -> tuple[list[ClusterReport], dict[str, str]]:
    """Return n synthetic reports and their true event labels."""
    rng = random.Random(SEED)
    n_days = max(30, int(n_reports * DAYS_PER_REPORT))
    events = [make_event(rng, n_days) for _ in range(int(n_reports * EVENTS_PER_REPORT))]
    reports, truth = [], {}
    while len(reports) < n_reports:
        index = rng.randrange(len(events))
        rid = f"r{len(reports):08d}"
        reports.append(make_report(rng, events[index], rid, len(reports)))
        truth[rid] = f"e{index}"
    return reports, truth


def run_one(n_reports: int) -> dict:
    """Cluster n synthetic reports in this process; return time, peak memory and quality."""
    reports, truth = make_reports(n_reports)
    started = time.perf_counter()
    links, _ = assign_events([], reports)
    seconds = time.perf_counter() - started
    score = score_clusters(truth, {link.report_id: link.event_id for link in links})
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"reports": n_reports, "seconds": round(seconds, 2), "reports_per_second": round(n_reports / seconds),
            "peak_rss_mb": round(peak_mb), **{k: round(getattr(score, k), 3) for k in ("f1", "purity")}}


def run_isolated(n_reports: int) -> dict:
    """Run one size in a fresh Python process and return its result."""
    output = subprocess.run([sys.executable, __file__, "--one", str(n_reports)], check=True, capture_output=True,
                            text=True).stdout
    return json.loads(output)


def main() -> None:
    """Run the sizes, print a markdown table and the time ratio between consecutive sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    results = [run_isolated(n) for n in args.sizes]
    print("| reports | seconds | reports/s | peak RSS (MB) | pairwise F1 | purity |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['reports']:,} | {r['seconds']} | {r['reports_per_second']:,} | {r['peak_rss_mb']:,} | "
              f"{r['f1']} | {r['purity']} |")
    for small, big in zip(results, results[1:]):
        print(f"\n{big['reports'] // small['reports']}x reports -> {big['seconds'] / small['seconds']:.2f}x time, "
              f"{big['peak_rss_mb'] / small['peak_rss_mb']:.2f}x peak memory")


if __name__ == "__main__":
    main()
