"""Killing or interrupting a real ingest leaves only whole articles, and re-running finishes without duplicates."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flashpoint.store import open_store

pytestmark = pytest.mark.integration
FLASHPOINT = shutil.which("flashpoint") or str(Path(sys.executable).with_name("flashpoint"))
DEMO_TEXT = Path(__file__).resolve().parents[2] / "src" / "flashpoint" / "demo_corpus" / "text"
COPIES = 40  # copies of each demo text file: enough that an ingest runs for many seconds
WAL_BYTES_BEFORE_KILL = 64_000  # wait until the writer has committed something before killing it
MAX_WAIT_SECONDS = 120


def make_corpus(folder: Path) -> int:
    """Write COPIES perturbed copies of every demo text article (each copy's content differs); return the count."""
    folder.mkdir()
    count = 0
    for source in sorted(DEMO_TEXT.glob("*.txt")):
        text = source.read_text("utf-8")
        for n in range(COPIES):
            note = f"Officials counted {n + 2} separate statements about the events described below. "
            body = text.replace("\n\n", "\n\n" + note, 1)  # opens the first body paragraph: every copy differs
            (folder / f"{source.stem}-{n:03d}.txt").write_text(body, "utf-8")
            count += 1
    return count


def start_ingest(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([FLASHPOINT, "ingest", str(corpus), "--db", str(db)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"})


def wait_for_commits(proc: subprocess.Popen, db: Path) -> None:
    wal = Path(str(db) + ".wal")
    deadline = time.monotonic() + MAX_WAIT_SECONDS
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > WAL_BYTES_BEFORE_KILL:
            return
        time.sleep(0.05)
    pytest.fail("the ingest finished or stalled before it could be interrupted; raise COPIES")


def stored_counts(db: Path) -> tuple[int, dict[str, int]]:
    store = open_store(str(db), read_only=True)
    try:
        frame = store.articles(include_dropped=False)
        return len(frame), dict(zip(frame["id"], frame["n_events"]))
    finally:
        store.close()


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory) -> tuple[Path, int, dict[str, int]]:
    root = tmp_path_factory.mktemp("interrupt")
    total = make_corpus(root / "corpus")
    db = root / "clean.duckdb"
    subprocess.run([FLASHPOINT, "ingest", str(root / "corpus"), "--db", str(db)], check=True,
                   capture_output=True, timeout=900)
    n_articles, events = stored_counts(db)
    assert n_articles == total
    return root / "corpus", total, events


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_interrupted_ingest_is_whole_and_rerun_finishes(clean_run, tmp_path: Path, sig) -> None:
    corpus, total, clean_events = clean_run
    db = tmp_path / "fp.duckdb"
    proc = start_ingest(corpus, db)
    wait_for_commits(proc, db)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "interrupted" in stderr and "Traceback" not in stderr, stderr
    n_partial, partial = stored_counts(db)
    assert 0 < n_partial < total
    assert all(partial[a] == clean_events[a] for a in partial)  # every stored article has all its events
    rerun = subprocess.run([FLASHPOINT, "ingest", str(corpus), "--db", str(db)], capture_output=True, text=True,
                           timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    n_final, final = stored_counts(db)
    assert n_final == total and final == clean_events
