"""Event dates against the publication date: weekdays, months, years and the historical flag."""

from datetime import date

import pytest

from flashpoint.coding.dates import is_historical, resolve_weekday, truncate_to

SUNDAY = "2020-12-20"


@pytest.mark.parametrize("text, future, expected", [
    ("Sunday", False, "2020-12-20"),        # published on a Sunday: "on Sunday" is that day
    ("last Sunday", False, "2020-12-13"),
    ("Friday", False, "2020-12-18"),
    ("Tuesday", True, "2020-12-22"),
    ("next Sunday", False, "2020-12-27"),
    ("Sunday evening", False, None),        # left to dateparser
])
def test_weekdays_resolve_to_the_nearest_day(text: str, future: bool, expected) -> None:
    resolved = resolve_weekday(text, SUNDAY, future)
    assert (resolved.isoformat() if resolved else None) == expected


def test_month_and_year_dates_do_not_claim_a_day() -> None:
    assert truncate_to("year", date(2011, 9, 14)) == date(2011, 1, 1)
    assert truncate_to("month", date(2020, 1, 14)) == date(2020, 1, 1)


def test_historical_means_more_than_three_weeks_before_publication() -> None:
    assert is_historical("2020-01-03", "2020-07-22", "day")
    assert not is_historical("2020-07-01", "2020-07-22", "day")
    assert not is_historical("2020-07-22", "2020-07-22", "publication")
