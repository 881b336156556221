"""Render run reports, event tables and evidence for the terminal with rich."""

from __future__ import annotations

from typing import Any

import pandas
from rich.console import Console
from rich.table import Table
from rich.text import Text

TABLE_COLUMNS = ("id", "date", "event", "cameo", "status", "actor", "recipient", "trigger", "confidence")
UNBROKEN_COLUMNS = ("id", "event_id", "date")  # ids are copied into `flashpoint show`; a folded date misreads
ROLE_STYLES = {"trigger": "bold red", "actor": "bold cyan", "recipient": "bold magenta"}


def render_report(console: Console, report: dict[str, Any], summary: dict[str, Any]) -> None:
    """Print a run report and the store's summary: reads, drops, events by type/status, top pairs, DB path."""
    console.print(f"[bold]Read[/] {report['inputs']} inputs: {report['articles_new']} new articles, "
                  f"{report['articles_existing']} already stored, {report['dropped']} dropped")
    for detail in report["drop_details"]:
        console.print(f"  [yellow]dropped[/] {detail}")
    if report.get("articles_undated"):
        console.print(f"  [yellow]undated[/] {report['articles_undated']} new articles have no publication date: "
                      "their reports carry the ingest day with date_precision unknown (left out of time series)")
    console.print(f"[bold]Coded[/] {report['events']} event reports with {report['model']} ({report['coder']})")
    if report.get("reports_joined") or report.get("events_merged"):
        console.print(f"[bold]Clustered[/] {report['reports_joined']} reports into events already seen; "
                      f"{report['events_merged']} events merged")
    console.print(counter_table("Events in this run by PLOVER type", report["events_by_type"]))
    console.print(counter_table("Events in this run by status", report["events_by_status"]))
    pairs = Table(title="Top actor → recipient pairs (whole store; asserted, non-historical)")
    for col in ("actor", "recipient", "events"):
        pairs.add_column(col)
    for actor, recipient, n in summary.get("top_pairs", []):
        pairs.add_row(str(actor), str(recipient), str(n))
    console.print(pairs)
    timings = ", ".join(f"{k} {v:.2f}s" for k, v in report["timings"].items())
    console.print(f"Timings: {timings}")
    console.print(f"Store: [bold]{report['db']}[/] holds {summary.get('articles', 0)} articles, "
                  f"{summary.get('events', 0)} event reports in {summary.get('real_events', 0)} events, "
                  f"{summary.get('dropped', 0)} dropped inputs")


def counter_table(title: str, counts: dict[str, int]) -> Table:
    """Return a two-column table of counts, largest first."""
    table = Table(title=title, min_width=len(title) + 4)  # a narrow two-column table would wrap its title
    table.add_column("value")
    table.add_column("n", justify="right")
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(str(key), str(n))
    return table


def frame_table(frame: pandas.DataFrame, columns: tuple[str, ...], title: str) -> Table:
    """Return a rich table of the given columns of a frame (missing columns are skipped)."""
    table = Table(title=title)
    present = [c for c in columns if c in frame.columns]
    for col in present:
        table.add_column(col, overflow="fold", no_wrap=col in UNBROKEN_COLUMNS)
    for row in frame[present].itertuples(index=False):
        table.add_row(*("" if is_missing(v) else str(v) for v in row))
    return table


def is_missing(value: Any) -> bool:
    """Return True for None, NaN and pandas' NA (a cell to leave blank)."""
    return value is None or (not isinstance(value, (list, tuple, dict)) and bool(pandas.isna(value)))


def highlighted_sentence(record: dict[str, Any], article_text: str | None) -> Text:
    """Return the event's sentence with the trigger, actor and recipient spans styled."""
    sentence = record["sentence"]
    text = Text(sentence)
    start = sentence_offset(record, article_text)
    if start is None:
        return text
    marks = [("trigger", record["trigger"]["span"])]
    marks += [("actor", a["span"]) for a in record["actor"] if a.get("span")]
    marks += [("recipient", r["span"]) for r in record["recipient"] if r.get("span")]
    for role, span in marks:
        text.stylize(ROLE_STYLES[role], span[0] - start, span[1] - start)
    return text


def sentence_offset(record: dict[str, Any], article_text: str | None) -> int | None:
    """Return where the event's sentence starts in the article text, or None if it cannot be found."""
    if not article_text:
        return None
    trigger_start = record["trigger"]["span"][0]
    # The sentence starts at or before its trigger, so it must end before trigger_start + len(sentence).
    start = article_text.rfind(record["sentence"], 0, trigger_start + len(record["sentence"]))
    return start if 0 <= start <= trigger_start else None


def render_evidence(console: Console, record: dict[str, Any], article: dict[str, Any] | None) -> None:
    """Print an event's evidence: highlighted sentence, coded fields and the article's title/url/date."""
    console.print(highlighted_sentence(record, article.get("text") if article else None))
    console.print("[bold red]trigger[/]  [bold cyan]actor[/]  [bold magenta]recipient[/]")
    actors = "; ".join(describe_actor(a) for a in record["actor"]) or "-"
    recipients = "; ".join(describe_actor(r) for r in record["recipient"]) or "-"
    console.print(f"event {record['event']} mode {record['mode']}  CAMEO {record['cameo']} "
                  f"(Goldstein {record['goldstein']}, quad {record['quad_class']} by {record['quad_rule']})")
    console.print(f"status {record['status']}  historical {record['historical']}  "
                  f"date {record['date']} ({record['date_precision']})  confidence {record['confidence']}")
    if record.get("attribution"):
        console.print(f"attributed to {record['attribution']['source']!r} ({record['attribution']['cue']})")
    console.print(f"actor: {actors}\nrecipient: {recipients}")
    console.print(f"coder {record['coder']}, pattern {record.get('pattern')}, model {record['model']}")
    if article:
        console.print(f"article {article['id']}: {article.get('title')!r} {article.get('url') or article.get('source')} "
                      f"published {article.get('published')}")


def describe_actor(actor: dict[str, Any]) -> str:
    """Return "text -> name [ISO3 SECTOR]" for one actor."""
    codes = " ".join(c for c in (actor.get("country"), actor.get("sector")) if c)
    return f"{actor['text']} -> {actor.get('name')} [{codes}]"
