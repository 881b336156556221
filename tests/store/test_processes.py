"""Several processes on one DuckDB file: a clear lock error, and a killed writer leaves only whole articles."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import flashpoint.store
from flashpoint.errors import StoreError
from flashpoint.store import open_store
from store_builders import build_article

SRC_DIR = Path(flashpoint.store.__file__).resolve().parents[2]
TESTS_DIR = Path(__file__).resolve().parent
EVENTS_PER_ARTICLE = 3
WHOLE_ARTICLES = 3

HOLDER = """
import sys
from flashpoint.store import open_store
store = open_store(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
store.close()
"""

# Writes WHOLE_ARTICLES articles, then dies (os._exit, no cleanup) inside the next article's transaction,
# after its article and event rows are inserted and before its participants and COMMIT.
KILLED_WRITER = """
import os, sys
from store_builders import build_actor, build_article, build_event
from flashpoint.store import open_store

class DieOnParticipants:
    def __init__(self, conn):
        self.conn = conn
    def __getattr__(self, name):
        return getattr(self.conn, name)
    def execute(self, sql, *args):
        if sql.startswith("INSERT INTO event_participants"):
            os._exit(1)
        return self.conn.execute(sql, *args)

store = open_store(sys.argv[1])
whole, per_article = int(sys.argv[2]), int(sys.argv[3])
for n in range(whole + 1):
    article = build_article(f"Article number {n} of the killed writer.")
    events = [build_event(article, k, actors=(build_actor("IRQ"),)) for k in range(per_article)]
    if n == whole:
        store._conn = DieOnParticipants(store._conn)
    store.write_article(article, events)
print("not killed", flush=True)
"""


def run_env() -> dict[str, str]:
    """Return an environment whose PYTHONPATH finds flashpoint and the test builders."""
    paths = [str(SRC_DIR), str(TESTS_DIR), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


@pytest.fixture()
def holder(db_path):
    """Yield a subprocess that holds the store open for writing until its stdin gets a line."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, db_path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env=run_env(),
    )
    assert proc.stdout.readline().strip() == "ready"
    yield proc
    proc.communicate("done\n", timeout=30)


def test_second_writer_gets_a_clear_lock_error(db_path, holder):
    with pytest.raises(StoreError, match="database is locked by another process") as caught:
        open_store(db_path)
    assert "\n" not in str(caught.value) and db_path in str(caught.value)


def test_reader_while_a_writer_holds_the_file_gets_the_lock_error(db_path, holder):
    with pytest.raises(StoreError, match="database is locked by another process"):
        open_store(db_path, read_only=True)


def test_readers_work_when_nobody_writes(db_path):
    open_store(db_path).close()
    first = open_store(db_path, read_only=True)
    second = open_store(db_path, read_only=True)
    assert first.summary()["articles"] == second.summary()["articles"] == 0
    first.close()
    second.close()


def test_killed_writer_leaves_only_whole_articles(db_path):
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_WRITER), db_path, str(WHOLE_ARTICLES), str(EVENTS_PER_ARTICLE)],
        capture_output=True, text=True, env=run_env(), timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "not killed" not in result.stdout and "Traceback" not in result.stderr
    with open_store(db_path, read_only=True) as reader:
        summary = reader.summary()
        assert summary["articles"] == WHOLE_ARTICLES
        assert summary["events"] == WHOLE_ARTICLES * EVENTS_PER_ARTICLE
        per_article = reader.articles()["n_events"].tolist()
        assert per_article == [EVENTS_PER_ARTICLE] * WHOLE_ARTICLES
        assert all(len(record["actor"]) == 1 for record in reader.event_records())
    with open_store(db_path) as writer:  # and it takes new writes afterwards
        assert writer.write_article(build_article("After the crash."), []) is True
