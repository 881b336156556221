"""Event clustering: reports of the same real-world event grouped into one event (issue #6).

Pure logic over report records: ``build_report`` turns a stored record into a ClusterReport, ``assign_events``
places new reports against stored ones (blocking keys keep the cost linear), ``summarize_event`` builds the
event-level record and ``score_clusters`` measures clusters against a gold grouping.
"""

from flashpoint.clustering.assign import Link, assign_events
from flashpoint.clustering.blocking import build_block_keys
from flashpoint.clustering.reports import ClusterReport, build_report
from flashpoint.clustering.rules import match_reports
from flashpoint.clustering.scoring import ClusterScore, score_clusters
from flashpoint.clustering.summary import summarize_event

__all__ = ["ClusterReport", "ClusterScore", "Link", "assign_events", "build_block_keys",
           "build_report", "match_reports", "score_clusters", "summarize_event"]
