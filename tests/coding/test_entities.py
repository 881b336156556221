"""A sentence's entities, grouped once per Doc, are exactly what spaCy's Span.ents gives (real model)."""

import pytest

from flashpoint.coding.entities import CACHE_KEY, sentence_entities
from flashpoint.nlp import load_nlp
from flashpoint.settings import DEFAULT_MODEL

pytestmark = pytest.mark.integration
TEXT = ("Turkish troops shelled positions near Kobani on Monday. Iraq's prime minister met Iran's president "
        "in Tehran on 21 July 2020. Nothing happened here.")


def test_sentence_entities_equal_span_ents_for_sentences_and_parts() -> None:
    doc = load_nlp(DEFAULT_MODEL)(TEXT)
    sentences = list(doc.sents)
    assert [sentence_entities(s) for s in sentences] == [tuple(s.ents) for s in sentences]
    second = sentences[1]
    part = doc[second.start:second.start + 6]
    assert sentence_entities(part) == tuple(part.ents)
    assert sentence_entities(sentences[2]) == ()
    assert CACHE_KEY in doc.user_data  # grouped once, then read from the Doc
