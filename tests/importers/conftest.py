"""Fixtures for the importer tests: the shared event streams (skipped when absent) and their first rows."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
STREAMS = SHARED / "data" / "eventstreams"
SAMPLE_ROWS = 50


def shared_file(relative: str) -> Path:
    """Return a file under ../shared/data, skipping the test when it is absent."""
    path = SHARED / "data" / relative
    if not path.is_file():
        pytest.skip(f"shared data not found at {path} (needs ../shared beside the checkout)")
    return path


@pytest.fixture()
def shared_path():
    """Return shared_file, for tests that read a shared file whole."""
    return shared_file


@pytest.fixture()
def head_of(tmp_path: Path):
    """Return a function that copies the first lines of a shared gz file to a temporary plain file."""

    def copy_head(relative: str, n_lines: int = SAMPLE_ROWS + 1) -> Path:
        source = shared_file(relative)
        target = tmp_path / (source.name.removesuffix(".gz"))
        with gzip.open(source, "rt", encoding="utf-8", newline="") as handle:
            lines = [line for _, line in zip(range(n_lines), handle)]
        target.write_text("".join(lines), encoding="utf-8", newline="")
        return target

    return copy_head
