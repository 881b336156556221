"""Staging pandas frames in DuckDB: a frame registered as a view for one statement, then unregistered.

Shared by the store's writers (store/duckdb.py, stories.py, clusters.py); a module of its own so none of them has to
import another for it.
"""

from __future__ import annotations

from contextlib import contextmanager, suppress
from typing import Any, Iterator

import duckdb
import pandas


@contextmanager
def registered(conn: Any, name: str, frame: pandas.DataFrame) -> Iterator[str]:
    """Register a frame as a view named ``name`` for the block, and unregister it after.

    When the block failed, the transaction may be aborted and unregistering fail too; that second error must not
    hide the first (a Ctrl-C inside DuckDB arrives as "interrupted", which the store turns into KeyboardInterrupt).
    """
    conn.register(name, frame)
    try:
        yield name
    except BaseException:
        with suppress(duckdb.Error):
            conn.unregister(name)
        raise
    conn.unregister(name)
