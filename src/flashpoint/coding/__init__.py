"""Event coding: parsed text -> PLOVER v2 + CAMEO event reports."""

from .coder import CODER_KEY, Coder

# Registry of coders by versioned key; the key is written into every event's provenance.
CODERS = {CODER_KEY: Coder}

__all__ = ["CODERS", "CODER_KEY", "Coder"]
