"""Measure plain trafilatura with several option sets on both shared extraction benchmarks.

This is the measurement behind the trafilatura options flashpoint's HTML stage uses (docs/accuracy.md).
It calls the trafilatura library directly (not flashpoint's stage) and scores with flashpoint.evaluate.extraction.

    /tmp/venvtest/bin/python benchmarks/extraction_options.py --data ../shared/eval/extraction --workers 2

``--flashpoint`` adds a row for flashpoint's own HTML stage (``extract_article`` on a ``format="html"`` Document).
"""

from __future__ import annotations

import argparse
import time
from functools import partial
from pathlib import Path

import trafilatura

from flashpoint.evaluate.extraction import evaluate_extraction, extract_with_flashpoint

# Option sets measured; "defaults" is the library's own defaults (comments kept), every other row starts
# from include_comments=False, which both benchmarks' gold treats as boilerplate.
BASE = {"include_comments": False}
OPTION_SETS = {
    "defaults": {},
    "no_comments": BASE,
    "favor_precision": {**BASE, "favor_precision": True},
    "favor_recall": {**BASE, "favor_recall": True},
    "no_tables": {**BASE, "include_tables": False},
    "fast": {**BASE, "fast": True},  # trafilatura 2.x name of no_fallback (skip the fallback extractors)
    "favor_precision+fast": {**BASE, "favor_precision": True, "fast": True},
}
SETS = ("scrapinghub", "trafilatura")


def extract_with_options(html: bytes, source: str, *, options: tuple[tuple[str, bool], ...]) -> str | None:
    """Return trafilatura's plain-text extraction of one page with the given options."""
    return trafilatura.extract(html, **dict(options))


def measure_row(name: str, extractor, data: Path, workers: int, limit: int | None, english_only: bool) -> list[str]:
    """Return one table row: the option set and both sets' scores."""
    cells = [name]
    for set_name in SETS:
        started = time.perf_counter()
        scores = evaluate_extraction(set_name, data, extractor=extractor, workers=workers, limit=limit,
                                     english_only=english_only)
        wall = time.perf_counter() - started
        cells += [str(scores["documents"]), f"{scores['precision']:.3f}", f"{scores['recall']:.3f}",
                  f"**{scores['f1']:.3f}**", f"{scores['accuracy']:.3f}", str(scores["no_output"]),
                  f"{scores['median_ms']:.0f}", f"{wall:.0f}"]
    return cells


def main() -> None:
    """Print the options table as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="../shared/eval/extraction (holds both sets)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set by sorted id")
    parser.add_argument("--only", nargs="*", default=None, help="option-set names to run (default: all)")
    parser.add_argument("--flashpoint", action="store_true", help="also score flashpoint's own HTML stage")
    parser.add_argument("--english-only", action="store_true",
                        help="score only pages whose visible text passes flashpoint's English check")
    args = parser.parse_args()
    print(f"trafilatura {trafilatura.__version__}; workers={args.workers}; limit={args.limit}; "
          f"english_only={args.english_only}")
    print("| options | SH docs | SH P | SH R | SH F1 | SH acc | SH no output | SH ms/page | SH wall s "
          "| TE docs | TE P | TE R | TE F1 | TE acc | TE no output | TE ms/page | TE wall s |")
    print("|---" * 17 + "|")
    for name in args.only or OPTION_SETS:
        extractor = partial(extract_with_options, options=tuple(OPTION_SETS[name].items()))
        print("| " + " | ".join(measure_row(name, extractor, args.data, args.workers, args.limit, args.english_only)) + " |", flush=True)
    if args.flashpoint:
        row = measure_row("flashpoint extract_article", extract_with_flashpoint, args.data, args.workers, args.limit,
                          args.english_only)
        print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
