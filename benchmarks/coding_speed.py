"""Speed of the coding stage alone (parse excluded): sentences per second of Coder.code_doc on pre-parsed text.

    /tmp/venvtest/bin/python benchmarks/coding_speed.py [--repeat 5]

Texts: the cleaned articles of the bundled demo corpus (written for the project), parsed once with the project's
spaCy pipeline; then each repetition codes every parsed Doc with a fresh pass of Coder.code_doc (one core, no store)
and counts the sentences it walked. Reports the median of the repetitions (the machine is shared, so single
timings are noisy) and the events coded. The issue's target: >= 2,000 sentences/s; PETRARCH-2 does 400-760 on its
own parse trees (../shared/eval/petrarch2_gsr/README.md).
"""

from __future__ import annotations

import argparse
import statistics
import time

from corpus import DEMO_CORPUS  # noqa: E402  (benchmarks/ is on sys.path when run)
from flashpoint.coding import Coder
from flashpoint.extract import extract_article
from flashpoint.nlp import parse_texts
from flashpoint.records import Article, Dropped
from flashpoint.settings import DEFAULT_MODEL, Settings
from flashpoint.sources import read_documents

PUBLISHED = "2020-01-15"


def demo_texts() -> list[str]:
    """Return the cleaned text of every article the demo corpus yields (inputs that are dropped are skipped)."""
    settings = Settings()
    texts = []
    for doc in read_documents([str(DEMO_CORPUS)], settings=settings):
        result = doc if isinstance(doc, Dropped) else extract_article(doc, settings=settings)
        if isinstance(result, Article):
            texts.append(result.text)
    return texts


def time_coding(coder: Coder, docs: list) -> tuple[float, int, int]:
    """Return (seconds, sentences, events) for coding every parsed Doc once."""
    start = time.perf_counter()
    events = sum(len(coder.code_doc(doc, article_id=str(i), published=PUBLISHED, model=DEFAULT_MODEL))
                 for i, doc in enumerate(docs))
    seconds = time.perf_counter() - start
    return seconds, sum(1 for doc in docs for _ in doc.sents), events


def main() -> None:
    """Parse the demo articles once, code them --repeat times and print the median rate."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=5, help="repeat the demo texts to get a longer run")
    args = parser.parse_args()
    texts = demo_texts() * args.copies
    docs = list(parse_texts(texts, model=DEFAULT_MODEL, batch_size=32))
    coder = Coder()
    time_coding(coder, docs[:5])  # warm caches (lexicons load on first use)
    runs = [time_coding(coder, docs) for _ in range(args.repeat)]
    rates = [sentences / seconds for seconds, sentences, _ in runs]
    _, sentences, events = runs[0]
    print(f"coding only: {len(docs)} articles, {sentences:,} sentences, {events:,} events per pass; "
          f"median {statistics.median(rates):,.0f} sentences/s (runs {', '.join(f'{r:,.0f}' for r in rates)})")


if __name__ == "__main__":
    main()
