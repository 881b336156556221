"""Input sources: each yields Documents (or Dropped inputs) for the pipeline."""

from .files import read_documents

SOURCES = {"files": read_documents}

__all__ = ["SOURCES", "read_documents"]
