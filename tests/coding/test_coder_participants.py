"""Who takes part: coordination the small parser misreads (real spaCy model; sentences written here)."""

import pytest

import flashpoint

pytestmark = pytest.mark.integration
PUBLISHED = "2015-06-09"


def meeting_countries(sentence: str) -> list[str]:
    events = [e for e in flashpoint.code_text(sentence, published=PUBLISHED) if e.cameo_root == "04"]
    assert events, sentence
    return sorted(a.country for a in events[0].actor if a.country)


def test_a_list_of_countries_read_as_an_apposition_keeps_every_member() -> None:
    # The parser hangs "Japan" off "UK" as an apposition and "Canada" as the conjunct.
    assert meeting_countries("The UK, Japan, and Canada met yesterday.") == ["CAN", "GBR", "JPN"]


def test_a_split_name_keeps_the_person_coordinated_with_it() -> None:
    # The parser makes "Barack" the subject with "Obama" under it, so "Putin" is Obama's conjunct, not Barack's.
    countries = meeting_countries("Barack Obama and Vladimir Putin will meet in Geneva to discuss trade.")
    assert countries == ["RUS", "USA"]


def test_a_place_and_its_country_stay_one_place() -> None:
    events = flashpoint.code_text("Police arrested two men in Erbil, Iraq.", published=PUBLISHED)
    assert [e.cameo for e in events] == ["173"]
    assert [a.country for a in events[0].recipient] == ["IRQ"]
