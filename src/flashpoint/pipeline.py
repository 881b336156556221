"""The only module that knows stage order: sources -> extract -> nlp -> coding -> store."""

from __future__ import annotations

import multiprocessing
import sys
import time
from datetime import date
from collections import Counter, deque
from dataclasses import asdict, dataclass, field
from typing import Callable, Iterable, Iterator, Mapping

from .clustering import assign_events, build_block_keys, build_report, summarize_event
from .coding import Coder
from .coding.places import Home
from .errors import InputError
from .extract import extract_article
from .extract.fingerprints import COPY_SIMILARITY, fingerprint_article
from .nlp import load_nlp, model_label, parse_texts
from .records import Article, Document, Dropped, Event, hash_text
from .settings import Settings
from .sources import read_documents
from .store import EventFilter, Store

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
    articles_undated: int = 0  # new articles with no publication date: their reports are dated by the ingest day
    events: int = 0
    reports_joined: int = 0
    events_merged: int = 0
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
            "articles_undated": self.articles_undated, "dropped": self.dropped, "drops": dict(self.drops),
            "drop_details": self.drop_details,
            "events": self.events, "reports_joined": self.reports_joined, "events_merged": self.events_merged,
            "events_by_type": dict(self.events_by_type),
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
    link_stories(store.unlinked_articles(), store=store)  # catch up a cut-short run or an older database
    cluster_events(store=store, report=report)
    articles = new_articles(paths, store=store, settings=settings, report=report, on_item=on_item)
    homes = site_homes(store, settings)
    for coded in coded_batches(batched(articles, settings.batch_size), settings, homes):
        report.timings["parse"] += coded.parse_seconds
        report.timings["code"] += coded.code_seconds
        for dropped in coded.failures:
            record_drop(dropped, store=store, report=report)
        store_articles(coded.results, store=store, report=report)
    return report


@dataclass(frozen=True)
class CodedBatch:
    """A batch of articles with their events, those that could not be coded, and the time it took."""

    results: list[tuple[Article, list[Event]]]
    failures: list[Dropped]
    parse_seconds: float
    code_seconds: float


def site_homes(store: Store, settings: Settings) -> dict[str, Home]:
    """Return the home regions of every site the store knows well enough (coding/places.Home), read once per run
    so a run's results do not depend on the order of its inputs; nothing when settings.site_home is off."""
    if not settings.site_home:
        return {}
    homes = {site: Home.from_counts(counts) for site, counts in store.site_regions().items()}
    return {site: home for site, home in homes.items() if home is not None}


def batch_homes(batch: list[Article], homes: Mapping[str, Home]) -> dict[str, Home]:
    """Return the homes of the sites of a batch's articles (what a worker process needs, no more)."""
    return {key: homes[key] for key in (a.site_key for a in batch) if key in homes}


def code_batch(batch: list[Article], settings: Settings, homes: Mapping[str, Home] | None = None) -> CodedBatch:
    """Parse a batch with nlp.pipe and code each article; runs in the main process or in a worker.

    If the batch fails to parse, its articles are parsed one by one so a single bad article is dropped (D301)
    and the rest are coded. ``homes`` gives the home regions of the articles' sites (site_homes).
    """
    homes = homes or {}
    start = time.perf_counter()
    try:
        docs = list(parse_texts([a.text for a in batch], model=settings.model, batch_size=settings.batch_size))
    except Exception:  # noqa: BLE001 -- isolate the article that breaks the parser; never lose the batch
        if len(batch) == 1:
            return CodedBatch([], [coding_failure(batch[0], "parse")], time.perf_counter() - start, 0.0)
        return merge_batches([code_batch([article], settings, homes) for article in batch])
    parsed = time.perf_counter()
    results, failures = [], []
    for article, doc in zip(batch, docs):
        try:
            results.append((article, code_parsed(article, doc, settings, homes.get(article.site_key or ""))))
        except Exception:  # noqa: BLE001 -- a coder error on one article must not end the run
            failures.append(coding_failure(article, "code"))
    return CodedBatch(results, failures, parsed - start, time.perf_counter() - parsed)


def code_parsed(article: Article, doc, settings: Settings, home: Home | None = None) -> list[Event]:
    """Return the events the (cached) coder finds in one parsed article."""
    coder = get_coder(settings.actors_override, settings.calibrated_confidence)
    return coder.code_article(article, doc, model=model_label(settings.model),
                              max_sentence_chars=settings.max_sentence_chars, home=home)


def coding_failure(article: Article, stage: str) -> Dropped:
    """Return the D301 drop for an article whose parse or coding raised, naming the error."""
    kind, error = sys.exc_info()[:2]
    reason = " ".join(str(error).split())[:200]
    return Dropped(article.source, "D301", f"{article.source}: could not {stage} ({kind.__name__}: {reason}); "
                                           "please report this article")


def merge_batches(parts: list[CodedBatch]) -> CodedBatch:
    """Return one CodedBatch holding the results, failures and time of several."""
    return CodedBatch([r for p in parts for r in p.results], [f for p in parts for f in p.failures],
                      sum(p.parse_seconds for p in parts), sum(p.code_seconds for p in parts))


def coded_batches(batches: Iterable[list[Article]], settings: Settings,
                  homes: Mapping[str, Home] | None = None) -> Iterator[CodedBatch]:
    """Yield coded batches in input order, using ``settings.workers`` local processes when more than one.

    Batches are pulled (so inputs read, extracted and de-duplicated) in the main process, which alone touches the
    store; at most PENDING_PER_WORKER batches per worker are in flight, so memory stays bounded.
    """
    if settings.workers <= 1:
        yield from (code_batch(batch, settings, homes) for batch in batches)
        return
    with multiprocessing.get_context("spawn").Pool(settings.workers) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(code_batch, (batch, settings, batch_homes(batch, homes or {}))))
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
            result = item if isinstance(item, Dropped) else check_length(extract_article(item, settings=settings),
                                                                         settings)
        if on_item is not None:
            on_item(item.locator if isinstance(item, Document) else item.source)
        if isinstance(result, Dropped):
            record_drop(result, store=store, report=report)
        elif result.id in seen or store.has_article(result.id):
            report.articles_existing += 1
        else:
            seen.add(result.id)
            yield result


def check_length(result: Article | Dropped, settings: Settings) -> Article | Dropped:
    """Return the article, or D109 when it is longer than the parser should take (max_article_chars)."""
    if isinstance(result, Article) and len(result.text) > settings.max_article_chars:
        return Dropped(result.source, "D109", f"{result.source}: {len(result.text)} characters of text is over the "
                                              f"{settings.max_article_chars}-character limit; split it or raise "
                                              "--max-article-chars")
    return result


def record_drop(dropped: Dropped, *, store: Store, report: RunReport) -> None:
    """Count a dropped input and store it with its reason (every producer names the input in the reason)."""
    report.drops[dropped.code] += 1
    report.drop_details.append(f"{dropped.code} {dropped.detail}")
    with Timer(report, "store"):
        store.write_dropped(dropped)


def store_articles(results: list[tuple[Article, list[Event]]], *, store: Store, report: RunReport) -> None:
    """Write a coded batch (one transaction) and count which articles were new and which already stored."""
    with Timer(report, "store"):
        written = store.write_articles(results) if results else []
        link_stories([article for (article, _), is_new in zip(results, written) if is_new], store=store)
        cluster_events([article.id for (article, _), is_new in zip(results, written) if is_new], store=store,
                       report=report)
    for (article, events), is_new in zip(results, written):
        if is_new:
            count_events(report, events)
            report.articles_new += 1
            report.articles_undated += not article.published
        else:
            report.articles_existing += 1


def link_stories(articles: Iterable[Article], *, store: Store) -> None:
    """Fingerprint articles and link each to the story of its nearest stored copy, or start a new story."""
    pairs = [(article, fingerprint_article(article)) for article in articles]
    if pairs:
        store.link_stories(pairs, min_similarity=COPY_SIMILARITY)


def cluster_events(article_ids: list[str] | None = None, *, store: Store,
                   report: RunReport | RecodeReport | None = None) -> None:
    """Cluster the not-yet-clustered reports (of these articles, else all) against stored events in their blocks."""
    if article_ids is not None and not article_ids:
        return
    ids = store.unclustered_report_ids(article_ids)
    if not ids:
        return
    new = [build_report(record) for record in store.report_records(ids)]
    keys = sorted({key for item in new for key in build_block_keys(item)})
    fresh = set(ids)
    stored = [build_report(record, event_id=record["event_id"]) for record in store.candidate_records(keys)
              if record["id"] not in fresh]
    links, merges = assign_events(stored, new)
    store.write_event_links([{"report_id": link.report_id, "event_id": link.event_id, "matched_id": link.matched_id,
                              "matched_fields": link.matched_fields, "block_keys": link.block_keys}
                             for link in links], merges)
    if report is not None:
        report.reports_joined += sum(1 for link in links if link.matched_id is not None)
        report.events_merged += len(merges)


def query_events(store: Store, flt: EventFilter = EventFilter(), *, unit: str = "events") -> list[dict]:
    """Return event records: one per real-world event (unit "events") or one per report (unit "reports")."""
    if unit == "reports":
        return store.event_records(flt)
    if unit != "events":
        raise InputError(f"unit {unit!r} is not one of: events, reports")
    grouped: dict[str, list[dict]] = {}
    for record in store.event_report_records(flt):
        grouped.setdefault(record["event_id"], []).append(record)
    return [summarize_event(event_id, reports) for event_id, reports in grouped.items()]


@dataclass
class RecodeReport:
    """What a recode run changed: articles recoded, reports kept/added/removed/changed, clustering, failures."""

    articles: int = 0
    kept: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    reports_joined: int = 0
    events_merged: int = 0
    failures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Return the report as a JSON-ready dict."""
        return asdict(self)


def recode(*, store: Store, settings: Settings) -> RecodeReport:
    """Code every stored article again with the current coder and dictionaries; replace what changed.

    Articles are read from the store in id order, a batch at a time; each batch's replacement is one transaction,
    so an interrupted recode leaves whole articles, old or new, and running it again finishes the job. Unchanged
    reports keep their event; new and changed ones are clustered. An article the coder fails on keeps its reports.
    """
    report, after, homes = RecodeReport(), None, site_homes(store, settings)
    while batch := store.stored_articles(after=after, limit=settings.batch_size):
        after = batch[-1].id
        coded = code_batch(batch, settings, homes)
        report.failures += [f"{d.source}: {d.detail}" for d in coded.failures]
        for key, value in store.replace_events(coded.results).items():
            setattr(report, key, getattr(report, key) + value)
        report.articles += len(coded.results)
        cluster_events([article.id for article, _ in coded.results], store=store, report=report)
    return report


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
    coder = get_coder(settings.actors_override, settings.calibrated_confidence)
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


_CODERS: dict[tuple[str | None, bool], Coder] = {}


def get_coder(override: str | None, calibrated: bool = True) -> Coder:
    """Return a Coder for this override file (and confidence calibration), built once per process."""
    if (override, calibrated) not in _CODERS:
        _CODERS[override, calibrated] = Coder(actors_override=override, calibrated=calibrated)
    return _CODERS[override, calibrated]
