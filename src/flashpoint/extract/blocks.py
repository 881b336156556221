"""Block-level chrome rules: runs of lines that are chrome together though not every line says so.

Each rule takes the lines and their current labels (None = body) and returns new labels.
"""

from __future__ import annotations

from typing import Callable

from flashpoint.extract import patterns as P
from flashpoint.extract.lines import TERMINAL_RULES
from flashpoint.extract.markdown import Line

# A newsletter or appeal box is a few short lines between horizontal rules; a boxed pull-quote or
# section of body is rarely this short *and* holds a chrome line. tests/golden/extraction.
BOX_MAX_LINES = 8
BOX_LINE_MAX_CHARS = 240
# Lines in a box that no line rule caught (a box heading, an author bio) are short; the longest in the
# gold set is 101 chars. A longer unlabelled line is body, and the run is not a box.
BOX_PLAIN_LINE_MAX_CHARS = 150
# After a copyright, unsubscribe or comments line, a footer is made of short lines (menus, addresses).
FOOTER_LINE_MAX_CHARS = 120
NOT_CHROME = (None, "meta", "tags")

Labels = list[str | None]
BlockRule = Callable[[list[Line], Labels], Labels]


def drop_boxes(lines: list[Line], labels: Labels) -> Labels:
    """Label as "box" every short run between horizontal rules (or a rule and the end) that is mostly chrome."""
    labels = list(labels)
    rules = [i for i, line in enumerate(lines) if line.kind == "rule"]
    for start, end in zip(rules, rules[1:] + [len(lines)]):
        inside = [i for i in range(start + 1, end) if lines[i].kind != "blank"]
        if not inside or len(inside) > BOX_MAX_LINES:
            continue
        if any(len(lines[i].plain) > BOX_LINE_MAX_CHARS for i in inside):
            continue
        plain = [i for i in inside if labels[i] in NOT_CHROME]
        if any(len(lines[i].plain) > BOX_PLAIN_LINE_MAX_CHARS for i in plain):
            continue  # a body paragraph between rules is not part of a box, even next to a footer
        if len(plain) * 2 <= len(inside):
            for i in inside:
                labels[i] = labels[i] if labels[i] in ("meta", "tags") else "box"
    return labels


def drop_footer(lines: list[Line], labels: Labels) -> Labels:
    """Label as "footer" the short lines after the first terminal chrome line (copyright, unsubscribe)."""
    labels = list(labels)
    for first in (i for i, label in enumerate(labels) if label in TERMINAL_RULES):
        rest = [i for i in range(first + 1, len(lines)) if lines[i].kind != "blank"]
        if all(labels[i] not in NOT_CHROME or len(lines[i].plain) <= FOOTER_LINE_MAX_CHARS for i in rest):
            for i in rest:
                labels[i] = labels[i] if labels[i] in ("meta", "tags") else "footer"
            return labels
    return labels


def drop_listed_chrome(lines: list[Line], labels: Labels) -> Labels:
    """Label as "list" the list items right after a chrome label ("Most popular", "Notes to editors:")."""
    labels = list(labels)
    for i, label in enumerate(labels):
        if label in NOT_CHROME or label in ("blank", "rule", "title", "pretitle"):
            continue
        if not (lines[i].plain.endswith(":") or P.RELATED_LABEL.match(lines[i].plain)):
            continue
        for j in range(i + 1, len(lines)):
            if lines[j].kind == "blank":
                continue
            if lines[j].kind != "list":
                break
            labels[j] = "list"
    return labels


BLOCK_RULES: dict[str, BlockRule] = {
    "listed": drop_listed_chrome,
    "box": drop_boxes,
    "footer": drop_footer,
}


def apply_block_rules(lines: list[Line], labels: Labels) -> Labels:
    """Return the labels after every block rule has run, in registry order."""
    for rule in BLOCK_RULES.values():
        labels = rule(lines, labels)
    return labels
