"""The rule coder: parsed article -> event reports in the design's record (PLOVER v2 + CAMEO)."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Actor, Article, Event, Evidence, hash_text
from ..reference.cameo import cameo_code, quad_class_for
from ..reference.plover import plover_for_cameo
from .actors import ActorContext, find_country, resolve_actors
from .dates import is_historical, resolve_event_date
from .factuality import NEGATING_GOVERNORS, classify_status, find_attribution
from .lexicon import ActorLexicon, AgentLexicon, VerbLexicon
from .places import PlaceContext, event_location
from .roles import has_unresolvable_subject, find_noun_roles, find_verb_roles
from .triggers import Trigger, find_triggers

CODER_KEY = "flashpoint.plover.v1"
# Heuristic confidence, not yet calibrated (calibration is part of "Event coding analysts can trust").
BASE_CONFIDENCE = 0.5
PATTERN_BONUS = 0.15      # a specific dictionary pattern matched, not just the verb's default code
DYAD_BONUS = 0.2          # both an actor and a recipient resolved
NOMINAL_PENALTY = 0.15    # noun triggers are more often background mentions
# CAMEO root 01 ("make public statement") is the reporting verb itself, not an event of interest.
SKIPPED_ROOTS = frozenset({"01"})
# CAMEO root 02 (appeals) is kept only when addressed to someone.
NEEDS_RECIPIENT_ROOTS = frozenset({"02"})
# Governors whose complement carries the event ("voted to expel", "plans to visit"); they only set its status.
TRANSPARENT_GOVERNORS = frozenset({
    "expect", "plan", "prepare", "intend", "schedule", "decide", "begin", "start", "continue", "try",
    "attempt", "seek", "want", "aim", "hope", "move", "set", "go", "keep", "resume", "appear", "seem", "likely",
})
# Material-conflict roots whose uncoded target takes the country it is in (CAMEO 18 assault, 19 fight, 20 mass violence).
PLACED_TARGET_ROOTS = frozenset({"18", "19", "20"})
LOCATION_PREPS = frozenset({"in", "near", "at", "outside", "inside", "across", "around", "north", "south"})


@dataclass(frozen=True)
class CodingContext:
    """Per-article facts every report in it shares."""

    article_id: str | None
    published: str | None
    model: str | None
    actors: ActorContext


class Coder:
    """Holds the loaded lexicons (state that outlives a call) and codes parsed docs."""

    key = CODER_KEY

    def __init__(self, *, actors_override: str | None = None) -> None:
        self.verbs = VerbLexicon.load()
        self.actor_lexicon = ActorLexicon.load(actors_override)
        self.agents = AgentLexicon.load()

    def code_doc(self, doc, *, article_id: str | None, published: str | None, model: str | None,
                 max_sentence_chars: int = 1000) -> list[Event]:
        """Return every event report coded from a parsed spaCy Doc."""
        events: list[Event] = []
        focus = find_article_focus_country(doc)
        for index, sent in enumerate(doc.sents):
            if len(sent.text) > max_sentence_chars:
                continue
            ctx = CodingContext(article_id, published, model, ActorContext(
                on_date=published, actors=self.actor_lexicon, agents=self.agents,
                fallback_country=find_sentence_country(sent, focus)))
            events.extend(self.code_sentence(sent, index, ctx))
        return events

    def code_article(self, article: Article, doc, *, model: str | None, max_sentence_chars: int = 1000) -> list[Event]:
        """Return the event reports of one article whose text ``doc`` is the parse of."""
        return self.code_doc(doc, article_id=article.id, published=article.published, model=model,
                             max_sentence_chars=max_sentence_chars)

    def code_sentence(self, sent, index: int, ctx: CodingContext) -> list[Event]:
        """Return the event reports of one sentence: verbs first, then nouns no coded verb already carries."""
        triggers = find_triggers(sent, self.verbs)
        verbal = {t.token.i: t for t in triggers if not t.nominal}
        events: dict[int, Event] = {}
        for trig in sorted(triggers, key=lambda t: t.nominal):
            if is_subsumed(trig, verbal) or (trig.nominal and is_subject_of_coded_verb(trig.token, events)):
                continue
            event = build_event(trig, sent, index, ctx)
            if event is not None:
                events[trig.token.i] = event
        return [events[i] for i in sorted(events)]


def is_subject_of_coded_verb(noun, events: dict[int, Event]) -> bool:
    """Return True for "a drone strike killed X" when the verb's event was coded: the strike is that event."""
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i in events


def governing_predicate(noun):
    """Return the verb or adjective a nominal trigger hangs from ("strikes ... are likely" -> "are")."""
    tok = noun
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX", "ADJ"):
        tok = tok.head
    return tok


def complement_governor(tok, verbal: dict[int, Trigger]) -> Trigger | None:
    """Return the coded verb that governs ``tok`` through an xcomp/ccomp link, if any."""
    if tok.dep_ in ("xcomp", "ccomp") and tok.head.i in verbal:
        return verbal[tok.head.i]
    if tok.dep_ == "advcl" and tok.head.i in verbal and any(c.lower_ == "to" for c in tok.children):
        return verbal[tok.head.i]  # "voted on Sunday to expel": an infinitive of purpose is the act's content
    return None


def is_subsumed(trig: Trigger, verbal: dict[int, Trigger]) -> bool:
    """Return True when another trigger carries this one's event.

    A noun object of a coded verb ("launched an attack"); a transparent governor whose complement is coded
    ("voted to expel", "is expected to meet"); or the content of a coded speech act ("threatened to close",
    "urged Baghdad to reconsider", "warned that ... would"): the threat or appeal is the event, not its content.
    Reporting verbs (CAMEO 01, "said") are not speech-act events: their complements stay events.
    """
    tok = trig.token
    if trig.nominal:
        return tok.head.i in verbal and tok.dep_ == "dobj"
    if tok.lemma_.lower() in TRANSPARENT_GOVERNORS:
        return any(c.dep_ in ("xcomp", "ccomp") and c.i in verbal for c in tok.children)
    governor = complement_governor(tok, verbal)
    return (governor is not None and governor.code[:2] not in SKIPPED_ROOTS
            and governor.token.lemma_.lower() not in TRANSPARENT_GOVERNORS | NEGATING_GOVERNORS)


def place_country(ent) -> str | None:
    """Return the ISO3 of a place entity that names a country, demonym or capital, else None."""
    kept = [t for t in ent if t.lower_ != "the"]
    iso3, _ = find_country([t.lower_ for t in kept], [t.text for t in kept])
    return iso3


def find_located_places(span) -> list:
    """Return place entities introduced by a location preposition ("in Baghdad", "near Kirkuk")."""
    return [e for e in span.ents if e.label_ in ("GPE", "LOC", "FAC")
            and e.root.dep_ == "pobj" and e.root.head.lower_ in LOCATION_PREPS]


def find_sentence_country(sent, article_country: str | None = None) -> str | None:
    """Return the country where the sentence's action is placed ("in Baghdad"), else the article's focus."""
    for ent in find_located_places(sent):
        iso3 = place_country(ent)
        if iso3:
            return iso3
    return article_country


def find_article_focus_country(doc) -> str | None:
    """Return the country most often named as a location in the article ("in Iraq", "in Baghdad"), if any."""
    counts: dict[str, int] = {}
    for ent in find_located_places(doc):
        iso3 = place_country(ent)
        if iso3:
            counts[iso3] = counts.get(iso3, 0) + 1
    return max(sorted(counts), key=counts.get) if counts else None


def code_roles(trig: Trigger, ctx: CodingContext) -> tuple[list[Actor], list[Actor]]:
    """Return resolved (actors, recipients): all actor conjuncts, and the first recipient candidate that resolves."""
    actor_heads, recipient_heads = find_noun_roles(trig.token) if trig.nominal else find_verb_roles(trig.token)
    actors = [a for h in actor_heads for a in resolve_actors(h, ctx.actors)]
    actor_spans = {a.span for a in actors}
    for head in recipient_heads:
        recipients = [r for r in resolve_actors(head, ctx.actors) if r.span not in actor_spans]
        if recipients:
            return actors, recipients
    return actors, located_target(trig, recipient_heads)


def located_target(trig: Trigger, heads: list) -> list[Actor]:
    """For material conflict, code an uncoded target by the country it is in ("shelled villages in Iraq")."""
    if trig.code[:2] not in PLACED_TARGET_ROOTS or not heads:
        return []
    head = heads[0]
    tokens = [t for t in head.subtree]
    iso3, _ = find_country([t.lower_ for t in tokens], [t.text for t in tokens])
    if iso3 is None:
        places = [e for e in find_located_places(head.sent) if e.root.head.head.i in (trig.token.i, head.i)]
        iso3 = next((c for c in map(place_country, places) if c), None)
    if iso3 is None:
        return []
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = head.doc[tokens[0].i:tokens[-1].i + 1].text
    return [Actor(text=text, name=None, country=iso3, sector=None, span=(start, end))]


def build_event(trig: Trigger, sent, index: int, ctx: CodingContext) -> Event | None:
    """Return the Event for a trigger, or None when it has no codable actor or its code is skipped."""
    code = trig.code
    root = code[:2]
    info = cameo_code(code) or cameo_code(code[:3])
    if info is None or root in SKIPPED_ROOTS:
        return None
    actors, recipients = code_roles(trig, ctx)
    if not actors and not recipients or (root in NEEDS_RECIPIENT_ROOTS and not recipients):
        return None
    if not trig.nominal and has_unresolvable_subject(trig.token, actors):
        return None
    status_token = governing_predicate(trig.token) if trig.nominal else trig.token
    status = classify_status(status_token)
    date, precision = resolve_event_date(trig.token, published=ctx.published, future=status == "future")
    plover = plover_for_cameo(info.code)
    tok = trig.token
    return Event(
        id=hash_text(ctx.article_id or "", str(index), str(tok.idx), info.code),
        article_id=ctx.article_id,
        event=plover.event if plover else None,
        mode=plover.mode if plover else None,
        context=tuple(plover.context) if plover else (),
        cameo=info.code, cameo_root=root, goldstein=info.goldstein, quad_class=quad_class_for(info.code),
        status=status, actor=tuple(actors), recipient=tuple(recipients),
        trigger=Evidence(tok.text, (tok.idx, tok.idx + len(tok.text))),
        sentence=sent.text.strip(), sentence_index=index,
        confidence=score_confidence(trig, actors, recipients), coder=CODER_KEY, model=ctx.model,
        attribution=find_attribution(status_token), date=date, date_precision=precision,
        historical=is_historical(date, ctx.published, precision), pattern=trig.pattern,
        location=event_location(tok, context=PlaceContext(
            actor_countries=frozenset(a.country for a in actors + recipients if a.country))),
    )


def score_confidence(trig: Trigger, actors: list[Actor], recipients: list[Actor]) -> float:
    """Return a heuristic 0..1 confidence from how much of the report was resolved."""
    score = BASE_CONFIDENCE
    if trig.pattern not in ("default",) and not trig.nominal:
        score += PATTERN_BONUS
    if actors and recipients:
        score += DYAD_BONUS
    if trig.nominal:
        score -= NOMINAL_PENALTY
    return round(max(0.0, min(1.0, score)), 2)
