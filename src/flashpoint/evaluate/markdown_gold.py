"""Score the markdown/text extraction gold set: body word and shingle overlap, metadata exact match.

Gold files live in tests/golden/extraction as NAME.md or NAME.txt plus NAME.expected.json with
{"title", "author", "published", "tags", "body"}. Body scores are bag-of-words precision/recall/F1
(lower-cased word multisets) and word 4-gram (shingle) F1, which also punishes dropped or added
sentences that share common words with the body.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from flashpoint.extract import extract_article
from flashpoint.records import Article, Document
from flashpoint.settings import Settings

SHINGLE_SIZE = 4
WORST_COUNT = 5
INPUT_SUFFIXES = {".md": "markdown", ".txt": "text"}
META_FIELDS = ("title", "author", "published", "tags")
WORD = re.compile(r"\w+(?:['’]\w+)*")


def tokenize(text: str) -> list[str]:
    """Return the lower-cased words of text."""
    return [w.lower() for w in WORD.findall(text or "")]


def shingles(words: list[str], size: int = SHINGLE_SIZE) -> Counter:
    """Return the multiset of word n-grams of the given size."""
    return Counter(tuple(words[i : i + size]) for i in range(max(0, len(words) - size + 1)))


def overlap_scores(predicted: Counter, expected: Counter) -> tuple[float, float, float]:
    """Return (precision, recall, F1) of two multisets."""
    common = sum((predicted & expected).values())
    precision = common / sum(predicted.values()) if predicted else (1.0 if not expected else 0.0)
    recall = common / sum(expected.values()) if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_file(path: Path, expected: dict[str, Any], *, settings: Settings) -> dict[str, Any]:
    """Return the scores of one gold file against its expected record."""
    doc = Document(source=str(path), text=path.read_text(encoding="utf-8"), format=INPUT_SUFFIXES[path.suffix])
    result = extract_article(doc, settings=settings)
    got: dict[str, Any] = result.to_dict() if isinstance(result, Article) else {"text": "", "tags": []}
    got_words, want_words = tokenize(got.get("text", "")), tokenize(expected["body"])
    precision, recall, f1 = overlap_scores(Counter(got_words), Counter(want_words))
    shingle_f1 = overlap_scores(shingles(got_words), shingles(want_words))[2]
    record = {"file": path.name, "precision": precision, "recall": recall, "f1": f1, "shingle_f1": shingle_f1,
              "dropped": None if isinstance(result, Article) else result.code}
    for name in META_FIELDS:
        want = expected.get(name) if name != "tags" else list(expected.get("tags") or [])
        record[f"{name}_match"] = got.get(name) == want
        if not record[f"{name}_match"]:
            record[f"{name}_got"] = got.get(name)
    return record


def list_gold(gold_dir: Path) -> list[tuple[Path, Path]]:
    """Return (input file, expected json) pairs in a gold directory, sorted by name."""
    pairs = []
    for path in sorted(gold_dir.iterdir()):
        if path.suffix in INPUT_SUFFIXES and not path.name.endswith(".expected.json"):
            expected = path.with_name(path.stem + ".expected.json")
            if expected.exists():
                pairs.append((path, expected))
    return pairs


def score_markdown_gold(gold_dir: Path, *, settings: Settings) -> dict[str, Any]:
    """Return per-file and overall body P/R/F1, shingle F1, metadata exact-match rates and the worst files."""
    files = [
        score_file(path, json.loads(expected.read_text(encoding="utf-8")), settings=settings)
        for path, expected in list_gold(Path(gold_dir))
    ]
    count = len(files) or 1
    overall = {key: sum(f[key] for f in files) / count for key in ("precision", "recall", "f1", "shingle_f1")}
    for name in META_FIELDS:
        overall[f"{name}_exact"] = sum(f[f"{name}_match"] for f in files) / count
    worst = sorted(files, key=lambda f: (f["shingle_f1"], f["f1"]))[:WORST_COUNT]
    return {"files": files, "overall": overall, "count": len(files), "worst": [f["file"] for f in worst]}
