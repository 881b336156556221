"""Extraction stage: markdown and plain-text exports (with web chrome) -> cleaned Article."""

from flashpoint.extract.article import extract_article

__all__ = ["extract_article"]
