"""Stories in the store: copies link to the first-seen article's story, across batches, runs and reopenings."""

from __future__ import annotations

from types import SimpleNamespace

import duckdb
import numpy
import pandas
import pytest

from flashpoint.errors import StoreError
from flashpoint.extract.fingerprints import COPY_SIMILARITY, fingerprint_article
from flashpoint.store import open_store
from flashpoint.store.stories import MAX_CANDIDATES, BandFilter, registered, stored_candidates

from store_builders import build_article

PARAGRAPHS = [
    "Unknown attackers fired six rockets at Erbil International Airport, where troops of the US-led coalition "
    "are based, on Wednesday evening, the Kurdistan Region's interior ministry said.",
    "No one was hurt, and the rockets landed in open ground near the airport perimeter.",
    "The ministry said the rockets had been launched from a vehicle parked in neighbouring Nineveh province.",
    "Kurdish officials blamed an armed faction operating in that area, without naming it.",
    "The federal government in Baghdad ordered an investigation into the attack.",
    "The attack came two days after a rocket aimed at Baghdad airport killed five members of one family.",
]
ORIGINAL = "\n\n".join(PARAGRAPHS)
COPY = "Republished from Northern Mesopotamia Wire.\n\n" + "\n\n".join(PARAGRAPHS[:5])
EDITED = "\n\n".join(PARAGRAPHS[:4]).replace(" said", " stated") + "\n\nShare this article."
UNRELATED = ("Thousands of Iraqis marched in Baghdad and several southern cities on Sunday to mark a year since "
             "the start of the protest movement, waving flags and carrying pictures of the demonstrators killed.")


def link(store, *articles):
    """Link articles (one batch) with their real fingerprints; return the links."""
    return store.link_stories([(a, fingerprint_article(a)) for a in articles], min_similarity=COPY_SIMILARITY)


def test_a_copy_linked_later_joins_the_first_articles_story(store) -> None:
    original = build_article(ORIGINAL, site="Northern Mesopotamia Wire", published="2020-10-01")
    copy = build_article(COPY, site="Kurdistan Repost", published="2020-10-08")
    [first] = link(store, original)
    [second] = link(store, copy)
    assert (first.story_id, first.similarity, first.matched_id, first.is_copy) == (original.id, 1.0, None, False)
    assert second.story_id == original.id and second.matched_id == original.id and second.is_copy
    assert COPY_SIMILARITY <= second.similarity < 1.0


def test_stories_list_copies_with_sites_dates_and_similarity(store) -> None:
    original = build_article(ORIGINAL, site="Northern Mesopotamia Wire", published="2020-10-01")
    copy = build_article(COPY, site="Kurdistan Repost", published="2020-10-08")
    unrelated = build_article(UNRELATED, site="Rights Observatory", published="2020-10-26")
    link(store, original, unrelated)
    link(store, copy)
    [story] = store.stories()
    assert story["story_id"] == original.id and story["n_copies"] == 2 and story["n_sites"] == 2
    assert (story["first_published"], story["last_published"]) == ("2020-10-01", "2020-10-08")
    assert [m["article_id"] for m in story["members"]] == [original.id, copy.id]
    assert [m["site"] for m in story["members"]] == ["Northern Mesopotamia Wire", "Kurdistan Repost"]
    assert story["members"][0]["similarity"] == 1.0
    assert len(store.stories(min_copies=1)) == 2 and store.stories(min_copies=3) == []


def test_linking_an_article_again_is_a_no_op(store) -> None:
    original = build_article(ORIGINAL)
    link(store, original)
    assert link(store, original) == [] and link(store, original, original) == []
    assert store.conn.execute("SELECT COUNT(*) FROM story_members").fetchone()[0] == 1
    assert store.conn.execute("SELECT COUNT(DISTINCT article_key) FROM fingerprint_bands").fetchone()[0] == 1


def test_copies_in_one_batch_link_together_and_a_copy_of_a_copy_measures_to_the_first(store) -> None:
    original, copy, edited = build_article(ORIGINAL), build_article(COPY), build_article(EDITED)
    links = link(store, original, copy, edited)
    assert {l.story_id for l in links} == {original.id}
    assert links[2].matched_id in (original.id, copy.id)
    expected = store.conn.execute("SELECT similarity FROM story_members WHERE article_id = ?", [edited.id]).fetchone()
    assert expected[0] == links[2].similarity


def test_the_index_persists_so_a_copy_links_after_reopening(db_path: str) -> None:
    original = build_article(ORIGINAL)
    with open_store(db_path) as store:
        link(store, original)
    with open_store(db_path) as store:
        [copy] = link(store, build_article(EDITED))
    assert copy.story_id == original.id
    with open_store(db_path, read_only=True) as reader:
        assert reader.stories()[0]["n_copies"] == 2


def test_a_different_report_starts_its_own_story(store) -> None:
    link(store, build_article(ORIGINAL))
    [other] = link(store, build_article(UNRELATED))
    assert not other.is_copy and store.stories() == []


def test_unlinked_articles_are_the_stored_ones_without_fingerprints(store) -> None:
    first, second = build_article(ORIGINAL, title="Rockets"), build_article(UNRELATED, tags=("protest",))
    store.write_articles([(first, []), (second, [])])
    assert sorted(store.unlinked_articles(), key=lambda a: a.id) == sorted([first, second], key=lambda a: a.id)
    link(store, *store.unlinked_articles())
    assert store.unlinked_articles() == []
    titles = {s["story_id"]: s["title"] for s in store.stories(min_copies=1)}
    assert titles == {first.id: "Rockets", second.id: None}


def test_a_read_only_store_refuses_to_link(db_path: str) -> None:
    open_store(db_path).close()
    with open_store(db_path, read_only=True) as reader, pytest.raises(StoreError, match="read-only"):
        link(reader, build_article(ORIGINAL))


def test_a_failed_batch_links_nothing(store) -> None:
    good, bad = build_article(ORIGINAL), build_article(UNRELATED)
    fp = fingerprint_article(bad)
    # A band key beyond 64 bits fails after the batch's signatures were inserted: the rollback must undo them.
    broken = fp.__class__(article_id=bad.id, signature=fp.signature, bands=(2**70,))
    with pytest.raises(OverflowError):
        store.link_stories([(good, fingerprint_article(good)), (bad, broken)], min_similarity=COPY_SIMILARITY)
    for table in ("article_fingerprints", "fingerprint_bands", "story_members"):
        assert store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    assert link(store, good)[0].story_id == good.id


def test_the_band_filter_never_hides_a_stored_key() -> None:
    band_filter = BandFilter(bits=12)  # a small filter, so many keys share bits
    keys = numpy.random.default_rng(3).integers(-2**63, 2**63 - 1, 2_000, dtype=numpy.int64)
    band_filter.add(keys[:1_000])
    assert band_filter.rows == 1_000
    assert set(band_filter.select(keys[:1_000].tolist())) == set(keys[:1_000].tolist())
    missing = set(band_filter.select(keys[1_000:].tolist()))
    assert len(missing) < 1_000  # some missing keys are filtered out; a set bit can still let one through
    assert BandFilter(bits=12).select(keys.tolist()) == []


def test_a_copy_links_through_rows_another_connection_added(db_path: str) -> None:
    # Two stores on one file in one process share the database: the first's band filter must see the second's rows.
    with open_store(db_path) as first, open_store(db_path) as second:
        link(first, build_article(UNRELATED))  # builds the first store's filter
        original = build_article(ORIGINAL)
        link(second, original)
        [copy] = link(first, build_article(EDITED))
    assert copy.story_id == original.id


def test_a_failed_staged_insert_reports_its_own_error_not_the_aborted_transaction() -> None:
    # CI once saw Ctrl-C inside DuckDB reported as "Current transaction is aborted": unregistering the staged frame
    # after the failure raised again and hid the interrupt, so the CLI exited 2 instead of 130.
    conn = duckdb.connect()
    conn.execute("CREATE TABLE t (a INTEGER PRIMARY KEY)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.execute("BEGIN TRANSACTION")
    with pytest.raises(duckdb.ConstraintException):
        with registered(conn, "staged", pandas.DataFrame({"a": [1]})):
            conn.execute("INSERT INTO t SELECT a FROM staged")
    conn.execute("ROLLBACK")
    conn.close()


def test_article_keys_that_collide_are_redrawn_and_found_again(store, monkeypatch) -> None:
    from flashpoint.store import stories

    real = stories.article_key
    # Every id hashes to the same key on its first attempt: each later article must take another attempt's key.
    monkeypatch.setattr(stories, "article_key", lambda article_id, attempt=0: 7 if attempt == 0 else real(article_id, attempt))
    original, copy, other = build_article(ORIGINAL), build_article(COPY), build_article(UNRELATED)
    [first] = link(store, original)
    second, third = link(store, other, copy)
    assert not first.is_copy and not second.is_copy and third.story_id == original.id
    assert link(store, original, copy) == [] and link(store, other) == []
    keys = dict(store.conn.execute("SELECT article_id, article_key FROM article_fingerprints").fetchall())
    assert len(set(keys.values())) == 3 and keys[original.id] == 7
    assert store.conn.execute("SELECT COUNT(*) FROM story_members").fetchone()[0] == 3
    [edited] = link(store, build_article(EDITED))
    assert edited.story_id == original.id


def test_candidates_are_the_stored_articles_sharing_the_most_band_keys() -> None:
    new = SimpleNamespace(bands=[1, 2, 3, 4])
    matches = {1: [10, 11, 12], 2: [10, 11], 3: [10], 4: [13] + list(range(100, 100 + MAX_CANDIDATES))}
    ranked = stored_candidates(new, matches)
    assert ranked[:3] == [10, 11, 12]  # 3, 2 and 1 shared keys; ties go to the lower key
    assert len(ranked) == MAX_CANDIDATES and ranked[3] == 13


def test_a_new_copy_of_a_story_with_many_members_still_joins_it(store) -> None:
    members = [build_article(ORIGINAL.replace("six", word), site=f"Repost {i}")
               for i, word in enumerate(["6", "several", "at least six", "a volley of", "numerous", "two", "three",
                                          "four", "five", "seven", "eight", "nine", "ten", "eleven", "twelve"])]
    first = link(store, *members)
    assert len({l.story_id for l in first}) == 1
    late = link(store, build_article(COPY, site="Late Repost"))
    assert late[0].story_id == first[0].story_id and late[0].is_copy
