"""Score coded events against PETRARCH-2's GSR validation records (../shared/eval/petrarch2_gsr, MIT, OEDA 2016).

The file is read at evaluation time only. It is not well-formed XML (a ``<Sentence .../>`` is self-closed and then
closed again), so records are cut out with regular expressions: each ``<Sentence ...>`` opening starts a record
holding its ``<EventCoding .../>`` lines and its ``<Text>``; the CoNLL-U ``<Parse>`` is ignored (we parse ourselves).

Every event coded in a sentence yields (source, target, CAMEO) triples, one per actor x recipient pair; the set of
a sentence's predicted triples is compared with its gold set:

* an event with several actors and no recipient yields every ordered pair of its actors (reciprocal events);
* ``triple_root.*``: (source country, target country, CAMEO root), where a country is the first three letters of a
  CAMEO actor code ("---" when the code or our actor has none, so an empty side matches "---").
* ``triple_full.*``: (joined actor code, joined actor code, full CAMEO code), our code being country + sector
  (``USA`` + ``GOV`` -> ``USAGOV``, no country -> ``---REB``).
* precision / recall / F1 are micro-averaged over all triples; a triple coded in a sentence that must yield no
  event (``noevents="True"``) is a false positive. ``triple_root_dyadic.*`` counts only our events that have both
  an actor and a recipient (or several actors), as PETRARCH-2 itself only emits events with both sides coded.
* ``sentence.exact_root`` is the share of sentences whose root triple set equals the gold set;
  ``no_event.accuracy`` the share of no-event sentences where we code nothing.

PETRARCH-2 scores root-triple P 0.773, R 0.689, F1 0.729 on this file (README of the set); its gold was seeded from
PETRARCH-2's own output, so the comparison favours it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from ..settings import DEFAULT_MODEL
from .harness import code_sentences, find_data_file, read_data_text
from .plover_gsr import prf

NAME = "petrarch2_gsr"
FILE = "PETR2_GSR_validation.xml"
NO_COUNTRY = "---"
PETRARCH2_ROOT_F1 = 0.729
SENTENCE = re.compile(r"<Sentence\s([^>]*?)/?>(.*?)(?=<Sentence\s|</Sentences>|\Z)", re.S)
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
EVENT_CODING = re.compile(r"<EventCoding\s([^>]*?)/?>")
TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
# Misses listed in the details.
TOP_MISSES = 15


def parse_record(attributes: str, body: str) -> dict[str, Any] | None:
    """Return one sentence record (id, date, text, gold triples, no_event flag), or None when it has no text."""
    text = TEXT.search(body)
    if text is None:
        return None
    attrs = dict(ATTRIBUTE.findall(attributes))
    codings = [dict(ATTRIBUTE.findall(found)) for found in EVENT_CODING.findall(body)]
    triples = {(c.get("sourcecode", NO_COUNTRY), c.get("targetcode", NO_COUNTRY), c["eventcode"])
               for c in codings if c.get("eventcode")}
    return {"id": attrs.get("id", ""), "date": as_iso(attrs.get("date", "")), "text": " ".join(text.group(1).split()),
            "gold": triples, "no_event": any(c.get("noevents", "").lower() == "true" for c in codings)}


def as_iso(yyyymmdd: str) -> str | None:
    """Return YYYY-MM-DD from the set's YYYYMMDD dates, or None for the odd short one."""
    if len(yyyymmdd) != 8 or not yyyymmdd.isdigit():
        return None
    return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:]}"


def load_petrarch2_gsr(folder: Path) -> list[dict[str, Any]]:
    """Return the sentence records of the validation file (every record found, whatever its category)."""
    path = find_data_file(Path(folder), FILE)
    records = [parse_record(attrs, body) for attrs, body in SENTENCE.findall(read_data_text(path))]
    records = [r for r in records if r is not None and (r["gold"] or r["no_event"])]
    if not records:
        raise ValueError(f"{path}: no <Sentence> with <Text> and <EventCoding> found")
    return records


def actor_code(actor: dict[str, Any]) -> str:
    """Return the joined CAMEO actor code of one of our actors: country (or ---) then sector."""
    return (actor.get("country") or NO_COUNTRY) + (actor.get("sector") or "")


def event_triples(event: dict[str, Any]) -> set[tuple[str, str, str]]:
    """Return the full-code (source, target, CAMEO) triples of one coded event; an empty side is "---".

    An event with several actors and no recipient (a meeting of all parties, design.md's reciprocal dyads) gives each
    ordered pair of different actors, as PETRARCH-2's gold writes "The US, Russia, and Switzerland met" (six triples).
    """
    if not event.get("cameo"):
        return set()
    sources = [actor_code(a) for a in event["actor"]] or [NO_COUNTRY]
    targets = [actor_code(r) for r in event["recipient"]] or [NO_COUNTRY]
    if not event["recipient"] and len(set(sources)) > 1:
        return {(s, t, event["cameo"]) for s in sources for t in sources if s != t}
    return {(s, t, event["cameo"]) for s in sources for t in targets}


def to_root(triples: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """Return the (source country, target country, CAMEO root) form of full-code triples."""
    return {(s[:3] or NO_COUNTRY, t[:3] or NO_COUNTRY, code[:2]) for s, t, code in triples}


def sentence_triples(records: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    """Return the union of the full-code triples of a sentence's coded events."""
    return set().union(*(event_triples(e) for e in records)) if records else set()


def is_dyadic(event: dict[str, Any]) -> bool:
    """Return True for an event with both sides coded: an actor and a recipient, or several actors (reciprocal)."""
    return bool(event["actor"]) and (bool(event["recipient"]) or len(event["actor"]) > 1)


def score_petrarch2_gsr(rows: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """Return the harness result (root and full triple P/R/F1, sentence exact, no-event accuracy) for coded rows."""
    counts = {"triple_root": Counter(), "triple_full": Counter(), "triple_root_dyadic": Counter()}
    exact, quiet, misses = 0, 0, []
    for row, records in zip(rows, predictions):
        full = sentence_triples(records)
        dyadic = to_root(sentence_triples([e for e in records if is_dyadic(e)]))
        root = to_root(row["gold"])
        for key, gold, pred in (("triple_full", row["gold"], full), ("triple_root", root, to_root(full)),
                                ("triple_root_dyadic", root, dyadic)):
            counts[key].update(tp=len(gold & pred), gold=len(gold), pred=len(pred))
        exact += to_root(row["gold"]) == to_root(full)
        quiet += row["no_event"] and not full
        if to_root(row["gold"]) != to_root(full):
            misses.append(f"{row['id']}: gold {sorted(to_root(row['gold']))} got {sorted(to_root(full))}")
    n, n_quiet = len(rows), sum(r["no_event"] for r in rows)
    metrics: dict[str, float] = {}
    for key, c in counts.items():
        metrics.update(prf(c["tp"], c["gold"], c["pred"], key))
    metrics["sentence.exact_root"] = exact / n if n else 0.0
    metrics["no_event.accuracy"] = quiet / n_quiet if n_quiet else 0.0
    details = {"triples": {key: dict(c) for key, c in counts.items()}, "no_event_sentences": n_quiet,
               "petrarch2_triple_root_f1": PETRARCH2_ROOT_F1, "misses": misses[:TOP_MISSES]}
    return {"dataset": NAME, "records": n, "metrics": metrics, "details": details}


def evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Code each validation sentence of ``data`` (a folder holding the XML file) and score its triples."""
    rows = load_petrarch2_gsr(Path(data))[:limit]
    predictions = code_sentences([r["text"] for r in rows], [r["date"] for r in rows], model=model)
    return score_petrarch2_gsr(rows, predictions)
