"""Where the bundled demo corpus's articles are."""

from __future__ import annotations

from pathlib import Path

# The demo corpus's article folders and files (its README.md describes the corpus and is not an article).
# html/ comes before the WARC, whose captures repeat three html/ pages: the first-seen copy names the article.
DEMO_PARTS = ("markdown", "text", "wire.jsonl", "html", "feed.rss", "archive.warc.gz")


def demo_inputs(root: Path) -> list[str]:
    """Return the input paths of the bundled demo corpus under ``root``."""
    return [str(root / part) for part in DEMO_PARTS]
