"""Event clusters in the store: which reports describe the same real-world event (issue #6)."""

from __future__ import annotations


class EventClusterMethods:
    """Store methods that read candidate reports and write event-cluster assignments (mixed into DuckDBStore)."""
