"""The one place that builds the spaCy pipeline."""

from .pipeline import load_nlp, model_label, parse_texts

__all__ = ["load_nlp", "model_label", "parse_texts"]
