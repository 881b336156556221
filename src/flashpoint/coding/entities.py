"""The named entities of a sentence, read from the Doc once.

spaCy's ``Span.ents`` builds a Span for every entity of the whole Doc on each call; the coder asks for a sentence's
entities several times per event (places, dates, named actors), so on long articles that walk dominated coding time
(benchmarks/coding_speed.py). ``sentence_entities`` groups the Doc's entities by sentence once per Doc and keeps them
in ``Doc.user_data`` (spaCy's place for user state), keyed by this module's name.
"""

from __future__ import annotations

CACHE_KEY = "flashpoint.coding.entities"


def sentence_entities(span) -> tuple:
    """Return the entities inside ``span`` (a sentence, or any span within one sentence), in text order."""
    doc = span.doc
    by_sentence = doc.user_data.get(CACHE_KEY)
    if by_sentence is None:  # a parsed Doc's entities do not change: group them once
        by_sentence = doc.user_data[CACHE_KEY] = group_by_sentence(doc)
    ents = by_sentence.get(span.sent.start, ())
    return tuple(e for e in ents if span.start <= e.start and e.end <= span.end)


def group_by_sentence(doc) -> dict[int, tuple]:
    """Return the Doc's entities grouped by the start token of their sentence."""
    groups: dict[int, list] = {}
    for ent in doc.ents:
        groups.setdefault(ent.sent.start, []).append(ent)
    return {start: tuple(ents) for start, ents in groups.items()}


def containing_entity(tok):
    """Return the entity of ``tok``'s sentence that contains the token, or None."""
    return next((e for e in sentence_entities(tok.sent) if e.start <= tok.i < e.end), None)
