"""Near-duplicate fingerprints: a MinHash signature of an article's cleaned text and its LSH band keys.

A copy, cross-post or lightly edited version of an article shares most of its word shingles, so the MinHash
signatures agree in most positions; an independently written report of the same event shares almost none.
The band keys let the store find candidate copies by equality lookups (locality-sensitive hashing), so linking
a new article costs the same however many articles are stored: no all-pairs comparison.

Every number below was chosen on tests/golden/syndication (the demo corpus, variations of it, and the corpus's
independently written articles on the same events); docs/accuracy.md has the sweep.
"""

from __future__ import annotations

import functools
import hashlib
import re
import struct
from dataclasses import dataclass

import numpy
from datasketch import MinHash, MinHashLSH

from flashpoint.records import Article

# Versioned key of the fingerprint scheme; it is mixed into every band key, so signatures made with other
# parameters never become candidates of these. Change it whenever a constant below changes.
FINGERPRINT_SCHEME = "flashpoint.minhash.v1"
# Words per shingle. With 5, independently written reports of one event share almost nothing (highest exact
# Jaccard 0.028 over the set's 23 same-event pairs) while copies keep much (median 0.47). In the sweep (128
# permutations, COPY_SIMILARITY 0.25) 3 and 4 words let different articles that carry the same boilerplate merge
# (pair precision 0.989 / 0.998, recall 0.952 / 0.904) and 7 lost edited copies (recall 0.902); docs/accuracy.md.
SHINGLE_WORDS = 5
# Permutations: 128 estimates a similarity near COPY_SIMILARITY with a standard error of ~0.04; 64 cost 1 point
# of precision and 6 of recall in the sweep.
NUM_PERM = 128
# Jaccard similarity the LSH bands are tuned for; datasketch picks 28 bands of 2 rows, so a copy at similarity
# 0.25 becomes a candidate with probability 0.84, at 0.3 with 0.93 and at 0.4 with 0.99. 0.15 (51 bands) found
# no more copies in the sweep and stores nearly twice the band rows; 0.3 (37 x 3) finds a copy at 0.25 with
# probability 0.44 only.
LSH_THRESHOLD = 0.2
# Estimated Jaccard similarity from which a candidate counts as a copy. Different articles reach 0.19 only when
# two short texts carry the same added boilerplate; 0.25 keeps a margin over that (pair precision 1.000, recall
# 0.972 on tests/golden/syndication) where 0.2 gains 2-3 points of recall with no margin and 0.3 loses 10.
COPY_SIMILARITY = 0.25
# Seed of the MinHash permutations: fixed, so signatures stored last week compare with today's.
PERMUTATION_SEED = 1
# datasketch's permutation scheme: 32-bit values, collision-free permutations (its default since 2.0).
MINHASH_SCHEME = "affine32"

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """An article's MinHash signature (NUM_PERM little-endian uint32) and its LSH band keys (signed int64)."""

    article_id: str
    signature: bytes
    bands: tuple[int, ...]
    scheme: str = FINGERPRINT_SCHEME


def normalize_words(text: str) -> list[str]:
    """Return the text's words, lower-cased, without punctuation or markup."""
    return WORD.findall(text.lower())


def shingle_words(words: list[str], size: int = SHINGLE_WORDS) -> set[bytes]:
    """Return the set of ``size``-word shingles (the whole text as one shingle when it is shorter)."""
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def hash_shingle(shingle: bytes) -> int:
    """Return a stable 32-bit hash of a shingle (blake2b: stable across processes, faster than sha1)."""
    return int.from_bytes(hashlib.blake2b(shingle, digest_size=4).digest(), "little")


@functools.lru_cache(maxsize=1)
def load_permutations() -> tuple[numpy.ndarray, numpy.ndarray]:
    """Return the MinHash permutations, built once per process (building them costs more than hashing)."""
    return MinHash(num_perm=NUM_PERM, seed=PERMUTATION_SEED, scheme=MINHASH_SCHEME).permutations


@functools.lru_cache(maxsize=1)
def band_layout() -> tuple[int, int]:
    """Return (bands, rows per band) that datasketch's LSH picks for LSH_THRESHOLD and NUM_PERM."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def sign_text(text: str) -> numpy.ndarray:
    """Return the MinHash signature (NUM_PERM uint32 values) of a text's word shingles."""
    minhash = MinHash(num_perm=NUM_PERM, seed=PERMUTATION_SEED, hashfunc=hash_shingle,
                      permutations=load_permutations(), scheme=MINHASH_SCHEME)
    minhash.update_batch(list(shingle_words(normalize_words(text), SHINGLE_WORDS)))
    return minhash.hashvalues.astype("<u4")


@functools.lru_cache(maxsize=1)
def scheme_salt() -> bytes:
    """Return 16 bytes standing for FINGERPRINT_SCHEME (blake2b salts are at most 16 bytes)."""
    return hashlib.blake2b(FINGERPRINT_SCHEME.encode("utf-8"), digest_size=16).digest()


def band_keys(signature: numpy.ndarray) -> tuple[int, ...]:
    """Return one signed 64-bit key per LSH band: a hash of the scheme, the band's number and its values."""
    bands, rows = band_layout()
    keys = []
    for band in range(bands):
        chunk = signature[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=struct.pack("<H", band), salt=scheme_salt()).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return tuple(keys)


def fingerprint_text(text: str, article_id: str) -> Fingerprint:
    """Return the fingerprint of a cleaned text under the given article id."""
    signature = sign_text(text)
    return Fingerprint(article_id=article_id, signature=signature.tobytes(), bands=band_keys(signature))


def fingerprint_article(article: Article) -> Fingerprint:
    """Return the fingerprint of an article's cleaned text."""
    return fingerprint_text(article.text, article.id)


def estimate_similarity(first: Fingerprint, second: Fingerprint) -> float:
    """Return the estimated Jaccard similarity of two fingerprints' shingle sets (share of equal positions)."""
    a = numpy.frombuffer(first.signature, dtype="<u4")
    b = numpy.frombuffer(second.signature, dtype="<u4")
    return float(numpy.count_nonzero(a == b)) / len(a)
