"""Build synthetic dyad frames (the columns Store.dyads() returns) with known answers for the analysis tests."""

from __future__ import annotations

from datetime import date, timedelta

import pandas

COLUMNS = ("report_id", "event_id", "date", "date_precision", "event", "cameo", "cameo_root", "quad_class",
           "goldstein", "status", "historical", "dead", "injured", "source_dataset", "article_id", "source",
           "source_sector", "target", "target_sector", "directed")
QUAD_OF_ROOT = {r: 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4 for r in range(1, 21)}
ROOT_OF_TYPE = {"CONSULT": 4, "AID": 7, "REQUEST": 10, "ACCUSE": 11, "THREATEN": 13, "MOBILIZE": 15,
                "COERCE": 17, "ASSAULT": 19, None: 2}


def dyad_row(report_id: str, day: str, source: str, target: str, event: str | None = "ASSAULT", **extra) -> dict:
    """Return one dyad-frame row; the CAMEO root, quad class and Goldstein follow from the PLOVER type."""
    root = ROOT_OF_TYPE[event]
    row = {"report_id": report_id, "event_id": report_id, "date": day, "date_precision": "day", "event": event,
           "cameo": f"{root:02d}0", "cameo_root": f"{root:02d}", "quad_class": QUAD_OF_ROOT[root],
           "goldstein": -10.0 if QUAD_OF_ROOT[root] == 4 else 1.0, "status": "asserted", "historical": False,
           "dead": None, "injured": None, "source_dataset": None, "article_id": "a" + report_id, "source": source,
           "source_sector": None, "target": target, "target_sector": None, "directed": True}
    row.update(extra)
    return row


def build_frame(rows: list[dict]) -> pandas.DataFrame:
    """Return a dyad frame from row dicts, with the store's column order and nullable integer fatalities."""
    frame = pandas.DataFrame(rows, columns=list(COLUMNS))
    frame["dead"] = frame["dead"].astype("Int32")
    frame["injured"] = frame["injured"].astype("Int32")
    return frame


def weekly_stream(counts: list[int], source: str = "AAA", target: str = "BBB", event: str = "ASSAULT",
                  start: date = date(2020, 1, 6)) -> pandas.DataFrame:
    """Return a frame with counts[w] reports of ``event`` from source to target in week w (Mondays from start)."""
    rows = []
    for week, n in enumerate(counts):
        day = (start + timedelta(weeks=week)).isoformat()
        rows += [dyad_row(f"{source}{target}{week}-{i}", day, source, target, event) for i in range(n)]
    return build_frame(rows)
