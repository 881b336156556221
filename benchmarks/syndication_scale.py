"""Scale check for copy detection (stories): fingerprint and link N synthetic article texts, no NLP.

Run:  /tmp/venvtest/bin/python benchmarks/syndication_scale.py [--sizes 10000 100000] [--repeats 3] [--batch 32]

Each run happens in a fresh child process (the script runs itself with --child), so its peak RSS (VmHWM from
/proc/self/status, minus the RSS after imports) is its own. A run:
1. generates N synthetic texts before the clock starts: sentences of words drawn from a Zipf-weighted vocabulary
   of VOCABULARY pseudo-words (about ARTICLE_WORDS words each); COPY_SHARE of them are copies of an earlier text
   chosen uniformly from everything before it (so a copy can link to an article stored many batches earlier):
   trimmed, a few words replaced and a line of boilerplate added;
2. fingerprints every text (extract.fingerprints.fingerprint_text) and links it through a fresh DuckDB file
   (Store.link_stories, batches of --batch as the pipeline writes them), timing both;
3. checks the result: planted copies found in their original's story (recall) and texts wrongly linked.
Prints one Markdown table row per run and the median row per size, ready for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy

from flashpoint.extract.fingerprints import COPY_SIMILARITY, fingerprint_text
from flashpoint.records import Article, hash_text
from flashpoint.store import open_store

VOCABULARY = 20_000
ARTICLE_WORDS = 250
SENTENCE_WORDS = 20
COPY_SHARE = 0.1
COPY_KEEP = 0.7  # share of the original a copy keeps (a trimmed wire story)
COPY_EDITS = 0.03  # share of a copy's words replaced (copy-desk edits)
BOILERPLATE = "This article is republished from another site under a Creative Commons licence."
SEED = 7


def build_vocabulary(rng: numpy.random.Generator) -> numpy.ndarray:
    """Return VOCABULARY pseudo-words of 3 to 9 letters."""
    letters = numpy.array(list("abcdefghijklmnopqrstuvwxyz"))
    lengths = rng.integers(3, 10, VOCABULARY)
    return numpy.array(["".join(rng.choice(letters, n)) for n in lengths])


def build_texts(n: int, seed: int = SEED) -> tuple[list[str], dict[int, int]]:
    """Return n synthetic texts and, for each planted copy, the index of the text it copies."""
    rng = numpy.random.default_rng(seed)
    words = build_vocabulary(rng)
    weights = 1.0 / numpy.arange(1, VOCABULARY + 1)
    weights /= weights.sum()
    texts: list[str] = []
    copies: dict[int, int] = {}
    for i in range(n):
        if i > 0 and rng.random() < COPY_SHARE:
            original = int(rng.integers(0, i))
            copies[i] = original
            texts.append(copy_text(texts[original], words, rng))
        else:
            drawn = words[rng.choice(VOCABULARY, ARTICLE_WORDS, p=weights)]
            sentences = [" ".join(drawn[j : j + SENTENCE_WORDS]) + "." for j in range(0, ARTICLE_WORDS, SENTENCE_WORDS)]
            texts.append("\n\n".join(" ".join(sentences[j : j + 3]) for j in range(0, len(sentences), 3)))
    return texts, copies


def copy_text(text: str, words: numpy.ndarray, rng: numpy.random.Generator) -> str:
    """Return a trimmed, lightly edited copy of a text with a boilerplate line added."""
    tokens = text.split(" ")[: int(len(text.split(" ")) * COPY_KEEP)]
    for position in rng.choice(len(tokens), max(1, int(len(tokens) * COPY_EDITS)), replace=False):
        tokens[position] = str(words[rng.integers(0, VOCABULARY)])
    return BOILERPLATE + "\n\n" + " ".join(tokens)


def read_rss_kib(field: str) -> int:
    """Return a memory field of /proc/self/status (VmRSS, VmHWM) in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def run_child(n: int, batch: int) -> dict:
    """Generate n texts, fingerprint and link them into a fresh store; return times, memory and checks."""
    texts, copies = build_texts(n)
    ids = [hash_text(text) for text in texts]  # content-hash ids, as ingest gives articles (random key order)
    base_kib = read_rss_kib("VmRSS")
    fingerprint_s = link_s = 0.0
    story: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "stories.duckdb"))
        for start in range(0, n, batch):
            # Articles are made per batch, as ingest streams them: holding all n Article objects would make Python's
            # garbage collector walk them on every full collection, a cost of this harness, not of linking.
            chunk = [Article(id=ids[i], text=texts[i], source=f"synthetic/{i}", format="text")
                     for i in range(start, min(n, start + batch))]
            began = time.perf_counter()
            pairs = [(a, fingerprint_text(a.text, a.id)) for a in chunk]
            linked = time.perf_counter()
            links = store.link_stories(pairs, min_similarity=COPY_SIMILARITY)
            done = time.perf_counter()
            fingerprint_s += linked - began
            link_s += done - linked
            story.update((link.article_id, link.story_id) for link in links)
        began = time.perf_counter()
        store.close()  # the final checkpoint writes what the batches left in the WAL: part of the cost
        link_s += time.perf_counter() - began
    found = sum(story[ids[c]] == story[ids[o]] for c, o in copies.items())
    wrong = sum(1 for i in range(n) if i not in copies and story[ids[i]] != ids[i])
    return {"n": n, "batch": batch, "fingerprint_s": fingerprint_s, "link_s": link_s,
            "total_s": fingerprint_s + link_s, "peak_mib": (read_rss_kib("VmHWM") - base_kib) / 1024,
            "copies": len(copies), "copies_found": found, "wrongly_linked": wrong}


def format_row(result: dict) -> str:
    """Return one Markdown table row of a run's result."""
    per_article_ms = 1000 * result["total_s"] / result["n"]
    return (f"| {int(result['n']):,} | {result['fingerprint_s']:.1f} | {result['link_s']:.1f} | {result['total_s']:.1f} "
            f"| {per_article_ms:.2f} | {result['peak_mib']:.0f} | {int(result['copies_found'])}/{int(result['copies'])} "
            f"| {int(result['wrongly_linked'])} |")


def measure(sizes: list[int], repeats: int, batch: int) -> None:
    """Run each size ``repeats`` times in fresh child processes and print rows and medians."""
    print("| texts | fingerprint s | link s | total s | ms/text | peak MiB | copies found | wrongly linked |")
    print("|---|---|---|---|---|---|---|---|")
    runs: dict[int, list[dict]] = {n: [] for n in sizes}
    for _ in range(repeats):  # sizes interleaved, so a slow spell of a shared machine hits every size alike
        for n in sizes:
            out = subprocess.run([sys.executable, __file__, "--child", str(n), "--batch", str(batch)],
                                 capture_output=True, text=True, check=True).stdout
            runs[n].append(json.loads(out.strip().splitlines()[-1]))
            print(format_row(runs[n][-1]), flush=True)
    medians = {n: {key: statistics.median(r[key] for r in rs) for key in rs[0]} for n, rs in runs.items()}
    print("\nmedians:")
    for n, result in medians.items():
        print(format_row(result))
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        ratio = medians[large]["total_s"] / medians[small]["total_s"]
        memory = medians[large]["peak_mib"] / max(medians[small]["peak_mib"], 1e-9)
        print(f"\n{large / small:.0f}x input: {ratio:.2f}x time, {memory:.2f}x peak memory")


def main() -> None:
    """Parse arguments and run the benchmark (or one child run)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch", type=int, default=32, help="articles per link_stories call (pipeline batch)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, args.batch)))
    else:
        measure(args.sizes, args.repeats, args.batch)


if __name__ == "__main__":
    main()
