"""MinHash fingerprints: stable across processes, close for copies, far for different texts."""

from __future__ import annotations

import subprocess
import sys

import numpy

from flashpoint.extract.fingerprints import (
    COPY_SIMILARITY,
    NUM_PERM,
    SHINGLE_WORDS,
    band_layout,
    estimate_similarity,
    fingerprint_article,
    fingerprint_text,
    normalize_words,
    shingle_words,
)
from flashpoint.records import Article, hash_text

ORIGINAL = (
    "A Turkish drone strike on a vehicle in the Sidakan area of Iraqi Kurdistan killed two senior officers of "
    "Iraq's border guards and their driver on Tuesday, Iraqi officials said.\n\n"
    "The Iraqi military condemned the strike as a flagrant aggression against the country.\n\n"
    "Iraq's foreign ministry said it had cancelled a visit to Baghdad by Turkish Defence Minister Hulusi Akar "
    "that had been planned for Thursday.\n\n"
    "The ministry also summoned Turkey's ambassador to hand him a letter of protest.\n\n"
    "Iraqi President Barham Salih called the strike a dangerous violation of Iraqi sovereignty."
)
# The same event, written independently (another outlet's own report).
OTHER_REPORT = (
    "Two commanders of Iraq's frontier force and the man driving them died on Tuesday when a Turkish unmanned "
    "aircraft hit their car near Sidakan, according to officials in Baghdad. The armed forces described the "
    "attack as blatant aggression, and the government called off a trip by Hulusi Akar, Ankara's defence "
    "minister. Turkey's envoy was called in to receive a formal complaint."
)


def test_words_are_lowercased_without_punctuation_or_markup() -> None:
    assert normalize_words("**Iraq's** parliament — voted, 170-0!") == ["iraq", "s", "parliament", "voted", "170", "0"]


def test_shingles_are_word_windows_and_a_short_text_is_one_shingle() -> None:
    words = "one two three four five six".split()
    assert shingle_words(words, 5) == {b"one two three four five", b"two three four five six"}
    assert shingle_words(["only", "three", "words"], SHINGLE_WORDS) == {b"only three words"}


def test_signature_has_num_perm_values_and_one_key_per_band() -> None:
    fp = fingerprint_text(ORIGINAL, "a1")
    bands, rows = band_layout()
    assert len(fp.signature) == 4 * NUM_PERM and len(fp.bands) == bands and bands * rows <= NUM_PERM
    assert fp.article_id == "a1" and fp.scheme.startswith("flashpoint.minhash.")


def test_fingerprint_is_the_same_in_another_process() -> None:
    # Stored signatures must compare with next week's: no per-process hash seeds.
    code = ("from flashpoint.extract.fingerprints import fingerprint_text; import sys; "
            "fp = fingerprint_text(sys.argv[1], 'x'); print(fp.signature.hex(), fp.bands)")
    out = subprocess.run([sys.executable, "-c", code, ORIGINAL], capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "123"}).stdout.split(" ", 1)
    fp = fingerprint_text(ORIGINAL, "x")
    assert out[0] == fp.signature.hex() and out[1].strip() == str(fp.bands)


def test_copies_score_above_the_copy_threshold_and_other_reports_below() -> None:
    original = fingerprint_text(ORIGINAL, "o")
    paragraphs = ORIGINAL.split("\n\n")
    trimmed = fingerprint_text("\n\n".join(paragraphs[:3]), "t")
    reposted = fingerprint_text("Republished with permission.\n\n" + ORIGINAL.replace(" said", " stated"), "r")
    reordered = fingerprint_text("\n\n".join(paragraphs[::-1]), "b")
    assert estimate_similarity(original, fingerprint_text(ORIGINAL, "same")) == 1.0
    for copy in (trimmed, reposted, reordered):
        assert estimate_similarity(original, copy) >= COPY_SIMILARITY
    assert estimate_similarity(original, fingerprint_text(OTHER_REPORT, "x")) < 0.1


def test_identical_texts_share_every_band_and_unrelated_texts_none() -> None:
    first, again = fingerprint_text(ORIGINAL, "a"), fingerprint_text(ORIGINAL, "b")
    assert first.bands == again.bands
    assert not set(first.bands) & set(fingerprint_text(OTHER_REPORT, "c").bands)


def test_fingerprint_article_uses_the_article_id_and_text() -> None:
    article = Article(id=hash_text(ORIGINAL), text=ORIGINAL, source="x.md", format="markdown")
    fp = fingerprint_article(article)
    assert fp.article_id == article.id
    assert numpy.array_equal(numpy.frombuffer(fp.signature, "<u4"),
                             numpy.frombuffer(fingerprint_text(ORIGINAL, "y").signature, "<u4"))
