"""Score coded events on the Multi-CoPED CAMEO pentaclass and actor-span sets (../shared/eval/cameo_pentaclass).

Internal evaluation only (see the set's README): the files are read at evaluation time and nothing is copied.

**Class** (``class_train.tsv``, ``sentence<TAB>label``): each sentence is coded and its main event (picked as in
plover_gsr) gives the class from its CAMEO root: 01-02 (statements, appeals) and no event -> 0, 03-05 -> 1,
06-08 -> 2, 09-13 -> 3, 14-20 -> 4. ``quad.accuracy`` and ``quad.macro_f1`` (over the classes seen in gold or
prediction, as sklearn does) compare it with the label.

**Spans** (``ner_train.txt``, CoNLL ``token TAG`` with B/I-S source, B/I-T target, B/I-R reciprocal): the tokens
are joined back into text (no space before closing punctuation and around hyphens and apostrophes), the text is
coded, and a token is *predicted* in the source role when it overlaps a character span of the main event's actors
(the target role: its recipients). ``source_span.*`` and ``target_span.*`` are token-level precision / recall / F1,
micro-averaged over all sentences, of the predicted tokens against the gold tokens of that role, where:

* an S (T) token is gold for the source (target) role only;
* an R token is gold for whichever role it is predicted in (so it is a hit in either role), and when predicted in
  neither role it is a miss in both, since a reciprocal actor belongs on both sides.

Token-level scoring credits partly right spans ("the Croatian government" against gold "Croatian government 's
request"), which exact-span seqeval scoring would not; both choose the main event only, so a sentence with several
events is scored on one of them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..settings import DEFAULT_MODEL
from .harness import code_sentences, find_data_file, read_data_text
from .plover_gsr import macro_f1, main_event, prf

NAME = "cameo_pentaclass"
CLASS_FILE = "class_train.tsv"
NER_FILE = "ner_train.txt"
# Quad classes by CAMEO root (README table); roots 01-02 (statements, appeals) are class 0 like "no event".
CLASS_BY_ROOT = {**{f"{r:02d}": 0 for r in (1, 2)}, **{f"{r:02d}": 1 for r in (3, 4, 5)},
                 **{f"{r:02d}": 2 for r in (6, 7, 8)}, **{f"{r:02d}": 3 for r in range(9, 14)},
                 **{f"{r:02d}": 4 for r in range(14, 21)}}
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "n't", "’", "´", "'", "-", "”"}
NO_SPACE_AFTER = {"(", "[", "$", "€", "£", "’", "´", "'", "-", "“"}
TOP_CONFUSIONS = 10


def load_classes(folder: Path) -> list[tuple[str, int]]:
    """Return the (sentence, label 0-4) rows of class_train.tsv(.gz)."""
    path = find_data_file(folder, CLASS_FILE)
    rows = []
    for number, line in enumerate(read_data_text(path).splitlines(), 1):
        if not line.strip():
            continue
        text, _, label = line.rpartition("\t")
        if not text or label.strip() not in {"0", "1", "2", "3", "4"}:
            raise ValueError(f"{path} line {number}: expected 'sentence<TAB>label 0-4'")
        rows.append((text, int(label)))
    return rows


def load_spans(folder: Path) -> list[list[tuple[str, str]]]:
    """Return the sentences of ner_train.txt(.gz) as lists of (token, BIO tag)."""
    path = find_data_file(folder, NER_FILE)
    sentences, current = [], []
    for number, line in enumerate(read_data_text(path).splitlines(), 1):
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, _, tag = line.rstrip().rpartition(" ")
        if not token or not (tag == "O" or tag[:2] in ("B-", "I-")):
            raise ValueError(f"{path} line {number}: expected 'token TAG' (O, B-X or I-X)")
        current.append((token, tag))
    return sentences + ([current] if current else [])


def is_glued(previous: str, token: str) -> bool:
    """Return True when no space belongs between two tokens (closing punctuation, hyphens, split accents)."""
    if token in NO_SPACE_BEFORE or previous in NO_SPACE_AFTER:
        return True
    return any(len(t) == 1 and t.isalpha() and not t.isascii() for t in (previous, token))


def join_tokens(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Return the text rebuilt from tokens and each token's character span in it."""
    text, spans = "", []
    for index, token in enumerate(tokens):
        if index and not is_glued(tokens[index - 1], token):
            text += " "
        spans.append((len(text), len(text) + len(token)))
        text += token
    return text, spans


def event_class(event: dict[str, Any] | None) -> int:
    """Return the pentaclass of a main event: by its CAMEO root, 0 for none or a statement/appeal."""
    if event is None:
        return 0
    root = event.get("cameo_root") or (event.get("cameo") or "")[:2]
    return CLASS_BY_ROOT.get(root, event.get("quad_class") or 0)


def covered_tokens(actors: list[dict[str, Any]], spans: list[tuple[int, int]]) -> set[int]:
    """Return the indexes of tokens overlapping any actor's character span."""
    ranges = [a["span"] for a in actors if a.get("span")]
    return {i for i, (start, end) in enumerate(spans) if any(start < e and s < end for s, e in ranges)}


def span_counts(tags: list[str], predicted: dict[str, set[int]]) -> dict[str, Counter]:
    """Return tp/gold/pred token counts per role ("source", "target") for one sentence (R rule in the docstring)."""
    reciprocal = {i for i, tag in enumerate(tags) if tag.endswith("-R")}
    unfound = reciprocal - predicted["source"] - predicted["target"]
    counts = {}
    for role, letter in (("source", "S"), ("target", "T")):
        gold = {i for i, tag in enumerate(tags) if tag.endswith(f"-{letter}")}
        gold |= (reciprocal & predicted[role]) | unfound
        counts[role] = Counter(tp=len(gold & predicted[role]), gold=len(gold), pred=len(predicted[role]))
    return counts


def score_classes(labels: list[int], predictions: list[list[dict[str, Any]]]) -> tuple[dict, Counter]:
    """Return quad accuracy / macro-F1 and the confusion counts for class rows and their coded events."""
    pairs = [(str(gold), str(event_class(main_event(records)))) for gold, records in zip(labels, predictions)]
    # sklearn's macro-F1 averages over every label seen in gold or prediction, not only the gold ones.
    seen = {g for g, _ in pairs} | {p for _, p in pairs}
    accuracy = sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0
    confusion = Counter(f"{g} -> {p}" for g, p in pairs if g != p)
    return {"quad.accuracy": accuracy, "quad.macro_f1": macro_f1(pairs, seen)}, confusion


def score_spans(sentences: list[list[tuple[str, str]]], predictions: list[list[dict[str, Any]]],
                spans: list[list[tuple[int, int]]]) -> dict[str, float]:
    """Return token-level source / target span P/R/F1 of the main events against the BIO gold."""
    totals = {"source": Counter(), "target": Counter()}
    for tokens, records, token_spans in zip(sentences, predictions, spans):
        event = main_event(records)
        predicted = {"source": covered_tokens(event["actor"], token_spans) if event else set(),
                     "target": covered_tokens(event["recipient"], token_spans) if event else set()}
        for role, counts in span_counts([tag for _, tag in tokens], predicted).items():
            totals[role].update(counts)
    metrics: dict[str, float] = {}
    for role, c in totals.items():
        metrics.update(prf(c["tp"], c["gold"], c["pred"], f"{role}_span"))
    return metrics


def evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Code the class sentences and the span sentences of ``data`` (first ``limit`` of each) and score both."""
    rows = load_classes(Path(data))[:limit]
    sentences = load_spans(Path(data))[:limit]
    class_events = code_sentences([text for text, _ in rows], [None] * len(rows), model=model)
    joined = [join_tokens([token for token, _ in tokens]) for tokens in sentences]
    span_events = code_sentences([text for text, _ in joined], [None] * len(joined), model=model)
    metrics, confusion = score_classes([label for _, label in rows], class_events)
    metrics.update(score_spans(sentences, span_events, [token_spans for _, token_spans in joined]))
    details = {"span_sentences": len(sentences), "gold_classes": sorted(Counter(l for _, l in rows).items()),
               "top_confusions": confusion.most_common(TOP_CONFUSIONS)}
    return {"dataset": NAME, "records": len(rows), "metrics": metrics, "details": details}
