"""The only module that knows stage order: sources -> extract -> nlp -> coding -> store."""

from __future__ import annotations

import multiprocessing
import time
from datetime import date
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .coding import Coder
from .errors import InputError
from .extract import extract_article
from .nlp import load_nlp, model_label, parse_texts
from .records import Article, Document, Dropped, Event, hash_text
from .settings import Settings
from .sources import read_documents
from .store import Store

STAGES = ("read", "extract", "parse", "code", "store")
# Batches in flight per worker process: enough to keep each busy while the main process writes, and no more.
PENDING_PER_WORKER = 2


@dataclass
class RunReport:
    """Counts per stage, drops by reason code, timings (seconds) and the model used, for one run."""

    db: str
    model: str = ""
    coder: str = Coder.key
    inputs: int = 0
    articles_new: int = 0
    articles_existing: int = 0
    events: int = 0
    drops: Counter = field(default_factory=Counter)
    drop_details: list[str] = field(default_factory=list)
    events_by_type: Counter = field(default_factory=Counter)
    events_by_status: Counter = field(default_factory=Counter)
    timings: dict[str, float] = field(default_factory=lambda: {stage: 0.0 for stage in STAGES})

    @property
    def dropped(self) -> int:
        """Return the number of inputs dropped in this run."""
        return sum(self.drops.values())

    def to_dict(self) -> dict:
        """Return the report as a JSON-ready dict."""
        return {
            "db": self.db, "model": self.model, "coder": self.coder, "inputs": self.inputs,
            "articles_new": self.articles_new, "articles_existing": self.articles_existing,
            "dropped": self.dropped, "drops": dict(self.drops), "drop_details": self.drop_details,
            "events": self.events, "events_by_type": dict(self.events_by_type),
            "events_by_status": dict(self.events_by_status),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }


class Timer:
    """Adds the wall time of a ``with`` block to one stage of a RunReport."""

    def __init__(self, report: RunReport, stage: str) -> None:
        self.report, self.stage = report, stage

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc) -> None:
        self.report.timings[self.stage] += time.perf_counter() - self.start


def ingest(paths: list[str], *, store: Store, settings: Settings,
           on_item: Callable[[str], None] | None = None) -> RunReport:
    """Ingest files and folders into the store; return the run's report. Bad inputs are dropped, never fatal."""
    report = RunReport(db=store.path, model=model_label(settings.model))
    articles = new_articles(paths, store=store, settings=settings, report=report, on_item=on_item)
    for coded in coded_batches(batched(articles, settings.batch_size), settings):
        report.timings["parse"] += coded.parse_seconds
        report.timings["code"] += coded.code_seconds
        for article, events in coded.results:
            store_article(article, events, store=store, report=report)
    return report


@dataclass(frozen=True)
class CodedBatch:
    """A batch of articles with their events, and the parse and code time it took (in whichever process)."""

    results: list[tuple[Article, list[Event]]]
    parse_seconds: float
    code_seconds: float


def code_batch(batch: list[Article], settings: Settings) -> CodedBatch:
    """Parse a batch with nlp.pipe and code each article; runs in the main process or in a worker."""
    model = model_label(settings.model)
    coder = cached_coder(settings.actors_override)
    start = time.perf_counter()
    docs = list(parse_texts([a.text for a in batch], model=settings.model, batch_size=settings.batch_size))
    parsed = time.perf_counter()
    results = [(article, coder.code_article(article, doc, model=model, max_sentence_chars=settings.max_sentence_chars))
               for article, doc in zip(batch, docs)]
    return CodedBatch(results, parsed - start, time.perf_counter() - parsed)


def coded_batches(batches: Iterable[list[Article]], settings: Settings) -> Iterator[CodedBatch]:
    """Yield coded batches in input order, using ``settings.workers`` local processes when more than one.

    Batches are pulled (so inputs read, extracted and de-duplicated) in the main process, which alone touches the
    store; at most PENDING_PER_WORKER batches per worker are in flight, so memory stays bounded.
    """
    if settings.workers <= 1:
        yield from (code_batch(batch, settings) for batch in batches)
        return
    with multiprocessing.get_context("spawn").Pool(settings.workers) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(code_batch, (batch, settings)))
            if len(pending) >= settings.workers * PENDING_PER_WORKER:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def new_articles(paths, *, store: Store, settings: Settings, report: RunReport,
                 on_item: Callable[[str], None] | None) -> Iterator[Article]:
    """Yield articles not yet in the store; record drops and already-stored articles in the report."""
    seen: set[str] = set()
    documents = read_documents(paths, settings=settings)
    while True:
        with Timer(report, "read"):
            item = next(documents, None)
        if item is None:
            return
        report.inputs += 1
        with Timer(report, "extract"):
            result = item if isinstance(item, Dropped) else extract_article(item, settings=settings)
        if on_item is not None:
            on_item(item.locator if isinstance(item, Document) else item.source)
        if isinstance(result, Dropped):
            record_drop(result, store=store, report=report)
        elif result.id in seen or store.has_article(result.id):
            report.articles_existing += 1
        else:
            seen.add(result.id)
            yield result


def record_drop(dropped: Dropped, *, store: Store, report: RunReport) -> None:
    """Count a dropped input and store it with its reason."""
    report.drops[dropped.code] += 1
    report.drop_details.append(f"{dropped.code} {dropped.detail}")
    with Timer(report, "store"):
        store.write_dropped(dropped)


def store_article(article: Article, events: list[Event], *, store: Store, report: RunReport) -> None:
    """Write one article with its events in one transaction and count the outcome."""
    with Timer(report, "store"):
        written = store.write_article(article, events)
    if written:
        count_events(report, events)
        report.articles_new += 1
    else:
        report.articles_existing += 1


def count_events(report: RunReport, events: Iterable[Event]) -> None:
    """Add events to the report's totals by PLOVER type and status."""
    for event in events:
        report.events += 1
        report.events_by_type[event.event or f"CAMEO {event.cameo_root}"] += 1
        report.events_by_status[event.status] += 1


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Yield lists of up to ``size`` items, preserving order."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def code_text(text: str, *, published: str | None = None, settings: Settings = Settings()) -> list[Event]:
    """Return the events coded from one raw text (no chrome removal, nothing stored)."""
    check_published(published)
    nlp = load_nlp(settings.model)
    doc = nlp(text)
    coder = cached_coder(settings.actors_override)
    return coder.code_doc(doc, article_id=hash_text(text), published=published,
                          model=model_label(settings.model), max_sentence_chars=settings.max_sentence_chars)


def check_published(published: str | None) -> None:
    """Raise InputError unless ``published`` is None or an ISO date (YYYY-MM-DD)."""
    if published is None:
        return
    try:
        date.fromisoformat(published)
    except (TypeError, ValueError):
        raise InputError(f"published={published!r} is not an ISO date; pass YYYY-MM-DD or None") from None


_CODERS: dict[str | None, Coder] = {}


def cached_coder(override: str | None) -> Coder:
    """Return a Coder for this override file, built once per process."""
    if override not in _CODERS:
        _CODERS[override] = Coder(actors_override=override)
    return _CODERS[override]
