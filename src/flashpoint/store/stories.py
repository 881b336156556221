"""Stories: near-duplicate articles (copies, cross-posts, lightly edited versions) linked at ingest.

The store keeps each article's MinHash signature and LSH band keys (tables of sql/002_stories.sql, keyed by 63-bit
integers derived from the article id since sql/008_story_keys.sql: article_key, resolve_keys). Linking a
batch looks up the stored articles that share a band key with a new one (indexed equality lookups, asked only
for the keys an in-memory bit filter says may be stored), estimates the similarity of each candidate from the
signatures, and puts the article in the story of its most similar candidate at or above ``min_similarity``;
otherwise the article starts a story of its own. A story's id is its first-seen article's id, so it never changes.

The fingerprints are computed by extract/fingerprints.py; this module only needs their fields (the Fingerprint
protocol), so the store does not depend on the extraction stage.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Protocol, Sequence

import numpy
import pandas

from flashpoint.records import Article
from flashpoint.store.migrate import now_utc
from flashpoint.store.rows import ARTICLE_COLUMNS, build_article_dict
from flashpoint.store.staging import registered

# Keys or ids per IN (...) lookup: small enough that DuckDB answers from the ART index, not a table scan.
LOOKUP_CHUNK = 500
# Articles indexed per band key. A key shared by more articles comes from text that unrelated articles share
# (reposting boilerplate, templates): without a cap every new article carrying it would be compared with all
# earlier ones, and linking would grow quadratically (benchmarks/syndication_scale.py: 100,000 texts whose
# copies all carry one boilerplate line). A real story past the cap still links through its first members.
MAX_BUCKET = 50
# Stored articles compared per new article: those sharing the most band keys with it. Shared band keys already
# estimate similarity (LSH), so the most similar stored article is among them; without the cap the signatures
# fetched per article grow with the size of the stories it matches (every member of a story shares bands).
MAX_CANDIDATES = 8
# Bits of the in-memory band filter (2**28 bits = 32 MiB). Band keys are hashes, so their low bits index it
# directly; at 2.8 M stored keys (100,000 articles) about 1% of the bits are set, so ~1% of missing keys still
# reach DuckDB, against all of them without the filter.
FILTER_BITS = 28
MEMBER_COLUMNS = ("article_key", "story_key", "article_id", "story_id", "similarity", "matched_id", "site", "source",
                  "published", "linked_at")
# Article keys are 63-bit (non-negative BIGINT) hashes of the article id (schema 8).
KEY_MASK = (1 << 63) - 1


class Fingerprint(Protocol):
    """What the store needs of an article's fingerprint (extract.fingerprints.Fingerprint has these fields)."""

    article_id: str
    signature: bytes
    bands: Sequence[int]
    scheme: str


@dataclass(frozen=True)
class StoryLink:
    """Where one article went: its story, the similarity to the story's first article, and the match used."""

    article_id: str
    story_id: str
    similarity: float
    matched_id: str | None

    @property
    def is_copy(self) -> bool:
        """Return True when the article joined an existing story (it is a copy of an earlier article)."""
        return self.story_id != self.article_id


@dataclass(frozen=True)
class Known:
    """A fingerprinted article as linking needs it: its id, its story (key and id) and its signature."""

    article_id: str
    story_key: int
    story_id: str
    signature: numpy.ndarray


def article_key(article_id: str, attempt: int = 0) -> int:
    """Return the 63-bit key an article id hashes to on the given attempt (attempt > 0 after a collision)."""
    data = article_id if attempt == 0 else f"{attempt}\x1f{article_id}"
    return int.from_bytes(hashlib.blake2b(data.encode("utf-8"), digest_size=8).digest(), "little") & KEY_MASK


def assign_keys(article_ids: Iterable[str]) -> dict[str, int]:
    """Return distinct keys for distinct ids, in order: an id whose key is taken re-draws with the next attempt."""
    keys: dict[str, int] = {}
    taken: set[int] = set()
    for article_id in dict.fromkeys(article_ids):
        attempt = 0
        while (key := article_key(article_id, attempt)) in taken:
            attempt += 1
        keys[article_id] = key
        taken.add(key)
    return keys


def resolve_keys(conn: Any, article_ids: Sequence[str]) -> tuple[dict[str, int], set[str]]:
    """Return each id's key (its stored one, else a free one) and the ids already fingerprinted.

    An id's key is the first attempt whose key is either stored for this id or free (not stored, not claimed by an
    earlier id of the batch); a key stored for another id is a collision and the next attempt is tried. Fingerprint
    rows are never deleted, so an id stored at attempt n still finds attempts 0..n-1 taken.
    """
    keys: dict[str, int] = {}
    stored: set[str] = set()
    claimed: set[int] = set()
    pending = list(dict.fromkeys(article_ids))
    attempt = 0
    sql = "SELECT article_key, article_id FROM article_fingerprints WHERE article_key IN ({marks})"
    while pending:
        tries = {article_id: article_key(article_id, attempt) for article_id in pending}
        owners = dict(select_in(conn, sql, sorted(set(tries.values()))))
        retry = []
        for article_id, key in tries.items():
            owner = owners.get(key)
            if owner == article_id:
                keys[article_id] = key
                stored.add(article_id)
            elif owner is None and key not in claimed:
                keys[article_id] = key
                claimed.add(key)
            else:
                retry.append(article_id)
        pending, attempt = retry, attempt + 1
    return keys, stored


class BandFilter:
    """A fixed-size bit set over the stored band keys: a key whose bit is unset is certainly not stored.

    Most band keys of a new article are in no stored article, and probing DuckDB's on-disk index for each missing
    key is what made linking grow faster than the store (docs/benchmarks.md). The filter answers those probes in
    memory; only keys whose bit is set (stored, or a false positive) go to the database. It never gives a false
    negative while ``rows`` equals the table's row count, which the store checks before every batch.
    """

    def __init__(self, bits: int = FILTER_BITS) -> None:
        self.mask = (1 << bits) - 1
        self.words = numpy.zeros(1 << (bits - 3), dtype=numpy.uint8)
        self.rows = 0

    def add(self, keys: numpy.ndarray) -> None:
        """Set the bits of the given band keys (int64) and count them as stored rows."""
        slots = numpy.asarray(keys, dtype=numpy.int64) & self.mask
        numpy.bitwise_or.at(self.words, slots >> 3, numpy.left_shift(1, slots & 7).astype(numpy.uint8))
        self.rows += len(slots)

    def select(self, keys: Iterable[int]) -> list[int]:
        """Return the distinct keys that may be stored (their bit is set), sorted."""
        unique = numpy.unique(numpy.fromiter(keys, dtype=numpy.int64))
        slots = unique & self.mask
        present = (self.words[slots >> 3] >> (slots & 7).astype(numpy.uint8)) & 1
        return unique[present.astype(bool)].tolist()


def load_band_filter(conn: Any) -> BandFilter:
    """Return a band filter holding every stored band key (one scan of fingerprint_bands)."""
    band_filter = BandFilter()
    keys = conn.execute("SELECT band_key FROM fingerprint_bands").fetchnumpy()["band_key"]
    band_filter.add(numpy.asarray(keys, dtype=numpy.int64))
    return band_filter


def count_band_rows(conn: Any) -> int:
    """Return the number of stored band key rows."""
    return int(conn.execute("SELECT COUNT(*) FROM fingerprint_bands").fetchall()[0][0])


def compare_signatures(first: numpy.ndarray, second: numpy.ndarray) -> float:
    """Return the estimated Jaccard similarity of two MinHash signatures (share of equal positions)."""
    return float(numpy.count_nonzero(first == second)) / len(first)


def read_signature(blob: bytes) -> numpy.ndarray:
    """Return a stored signature as an array of uint32."""
    return numpy.frombuffer(bytes(blob), dtype="<u4")


def chunks(values: Sequence[Any], size: int = LOOKUP_CHUNK) -> Iterable[Sequence[Any]]:
    """Yield consecutive slices of at most ``size`` values."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def select_in(conn: Any, sql: str, values: Sequence[Any]) -> list[tuple]:
    """Run ``sql`` (with one ``{marks}`` placeholder for an IN list) over chunks of values; return all rows."""
    rows: list[tuple] = []
    for chunk in chunks(list(values)):
        rows.extend(conn.execute(sql.format(marks=", ".join("?" for _ in chunk)), list(chunk)).fetchall())
    return rows


def select_band_matches(conn: Any, keys: Iterable[int], band_filter: BandFilter) -> dict[int, list[int]]:
    """Return, per band key, the keys of the stored articles that have it (only keys the filter may hold)."""
    found: dict[int, list[int]] = defaultdict(list)
    sql = "SELECT band_key, article_key FROM fingerprint_bands WHERE band_key IN ({marks})"
    for key, stored_key in select_in(conn, sql, band_filter.select(keys)):
        found[key].append(stored_key)
    return found


def select_known(conn: Any, article_keys: Iterable[int]) -> dict[int, Known]:
    """Return the id, story and signature of each given article key that is fingerprinted."""
    # One primary-key lookup: a fingerprint row carries its article's story (schema 8).
    sql = ("SELECT article_key, article_id, story_key, story_id, signature FROM article_fingerprints "
           "WHERE article_key IN ({marks})")
    return {row[0]: Known(row[1], row[2], row[3], read_signature(row[4]))
            for row in select_in(conn, sql, sorted(set(article_keys)))}


def stored_candidates(fingerprint: Fingerprint, matches: dict[int, list[int]]) -> list[int]:
    """Return the MAX_CANDIDATES stored articles sharing the most band keys with a new one (ties: lower key)."""
    shared = Counter(stored for key in fingerprint.bands for stored in matches.get(key, ()))
    ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
    return [stored for stored, _ in ranked[:MAX_CANDIDATES]]


def load_candidates(conn: Any, fingerprints: Sequence[Fingerprint],
                    band_filter: BandFilter) -> tuple[dict[int, list[int]], dict[int, Known]]:
    """Return the stored band matches of a batch and the ids, stories and signatures of each new article's
    candidates (stored_candidates) and of their stories' first articles."""
    matches = select_band_matches(conn, (key for fp in fingerprints for key in fp.bands), band_filter)
    known = select_known(conn, {stored for fp in fingerprints for stored in stored_candidates(fp, matches)})
    firsts = {k.story_key for k in known.values()} - set(known)
    known.update(select_known(conn, firsts))
    return matches, known


def choose_link(fingerprint: Fingerprint, candidates: set[int], known: dict[int, Known],
                min_similarity: float) -> tuple[StoryLink, int | None]:
    """Return the link to the story of the most similar candidate at or above min_similarity, else a new story.

    Also returns the story's key (None for a new story, whose key is the article's own).
    """
    signature = read_signature(fingerprint.signature)
    best_key, best = None, min_similarity
    # sorted by article id: ties go to the same article on every run
    for candidate in sorted(candidates, key=lambda c: known[c].article_id):
        similarity = compare_signatures(signature, known[candidate].signature)
        if similarity >= best and (best_key is None or similarity > best):
            best_key, best = candidate, similarity
    if best_key is None:
        return StoryLink(fingerprint.article_id, fingerprint.article_id, 1.0, None), None
    matched = known[best_key]
    first = known.get(matched.story_key)
    to_first = compare_signatures(signature, first.signature) if first is not None else best
    return StoryLink(fingerprint.article_id, matched.story_id, round(to_first, 4), matched.article_id), matched.story_key


def plan_links(fingerprints: Sequence[Fingerprint], keys: dict[str, int], matches: dict[int, list[int]],
               known: dict[int, Known], min_similarity: float) -> tuple[list[StoryLink], list[int]]:
    """Link a batch in order; an article may join the story of an earlier article of the same batch.

    Returns the links and each link's story key.
    """
    batch_bands: dict[int, list[int]] = defaultdict(list)
    links, story_keys = [], []
    for fp in fingerprints:
        own = keys[fp.article_id]
        candidates = set(stored_candidates(fp, matches))
        candidates |= {a for key in fp.bands for a in batch_bands.get(key, ())}
        link, story_key = choose_link(fp, candidates, known, min_similarity)
        story_key = own if story_key is None else story_key
        links.append(link)
        story_keys.append(story_key)
        known[own] = Known(fp.article_id, story_key, link.story_id, read_signature(fp.signature))
        for key in fp.bands:
            batch_bands[key].append(own)
    return links, story_keys


def select_band_rows(fingerprints: Sequence[Fingerprint], keys: dict[str, int],
                     matches: dict[int, list[int]]) -> list[tuple[int, int]]:
    """Return the (band_key, article_key) rows to index: each key's first MAX_BUCKET articles only."""
    sizes = Counter({key: len(stored) for key, stored in matches.items()})
    rows = []
    for fp in fingerprints:
        for key in fp.bands:
            if sizes[key] < MAX_BUCKET:
                rows.append((key, keys[fp.article_id]))
                sizes[key] += 1
    return rows


def insert_frame(conn: Any, table: str, frame: pandas.DataFrame) -> None:
    """Insert a typed frame's rows into a table through DuckDB's registered-frame scan."""
    if frame.empty:
        return
    columns = ", ".join(frame.columns)
    with registered(conn, f"staged_{table}", frame) as staged:
        conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staged}")


def insert_links(conn: Any, pairs: Sequence[tuple[Article, Fingerprint]], keys: dict[str, int],
                 links: Sequence[StoryLink], story_keys: Sequence[int], band_rows: Sequence[tuple[int, int]],
                 linked_at: Any) -> None:
    """Insert the batch's fingerprints, band key rows and story memberships."""
    fingerprints = [fp for _, fp in pairs]
    insert_frame(conn, "article_fingerprints", pandas.DataFrame({
        "article_key": numpy.array([keys[fp.article_id] for fp in fingerprints], dtype="int64"),
        "article_id": [fp.article_id for fp in fingerprints],
        "story_key": numpy.array(story_keys, dtype="int64"), "story_id": [link.story_id for link in links],
        "scheme": [fp.scheme for fp in fingerprints],
        "signature": [fp.signature for fp in fingerprints]}))
    insert_frame(conn, "fingerprint_bands", pandas.DataFrame({
        "band_key": numpy.array([key for key, _ in band_rows], dtype="int64"),
        "article_key": numpy.array([stored for _, stored in band_rows], dtype="int64")}))
    members = [(keys[link.article_id], story_key, link.article_id, link.story_id, link.similarity, link.matched_id,
                article.site, article.source, article.published, linked_at)
               for (article, _), link, story_key in zip(pairs, links, story_keys)]
    frame = pandas.DataFrame(members, columns=list(MEMBER_COLUMNS), dtype=object)
    frame["article_key"] = frame["article_key"].astype("int64")
    frame["story_key"] = frame["story_key"].astype("int64")
    frame["similarity"] = frame["similarity"].astype("float64")
    frame["published"] = pandas.to_datetime(frame["published"], errors="coerce").dt.date
    insert_frame(conn, "story_members", frame)


def select_unlinked(conn: Any, pairs: Sequence[tuple[Article, Fingerprint]]
                    ) -> tuple[list[tuple[Article, Fingerprint]], dict[str, int]]:
    """Return the pairs whose article is not fingerprinted yet (first copy only when a batch repeats an id) and
    the article key of every id of the batch."""
    keys, done = resolve_keys(conn, [fp.article_id for _, fp in pairs])
    fresh = []
    for article, fp in pairs:
        if fp.article_id not in done:
            done.add(fp.article_id)
            fresh.append((article, fp))
    return fresh, keys


def link_batch(conn: Any, pairs: Sequence[tuple[Article, Fingerprint]], *, min_similarity: float,
               linked_at: Any, band_filter: BandFilter) -> tuple[list[StoryLink], list[tuple[int, int]]]:
    """Link a batch of new articles to stories and store them (the caller holds the transaction).

    Returns the links and the band key rows inserted (the caller adds them to its filter once committed).
    """
    fresh, keys = select_unlinked(conn, pairs)
    if not fresh:
        return [], []
    fingerprints = [fp for _, fp in fresh]
    matches, known = load_candidates(conn, fingerprints, band_filter)
    links, story_keys = plan_links(fingerprints, keys, matches, known, min_similarity)
    band_rows = select_band_rows(fingerprints, keys, matches)
    insert_links(conn, fresh, keys, links, story_keys, band_rows, linked_at)
    return links, band_rows


def move_story_tables(conn: Any) -> None:
    """Upgrade to schema 8: copy the schema-7 story tables into the keyed ones, then put those in their place.

    Runs inside the migration's transaction (after sql/008_story_keys.sql created the *_v8 tables). Keys are
    assigned in article id order, re-drawn on a collision exactly as linking would find them (resolve_keys).
    """
    ids = [row[0] for row in conn.execute("SELECT article_id FROM article_fingerprints ORDER BY article_id").fetchall()]
    keys = assign_keys(ids)
    frame = pandas.DataFrame({"article_id": list(keys), "article_key": numpy.array(list(keys.values()), dtype="int64")})
    with registered(conn, "story_key_map", frame) as staged:
        conn.execute("INSERT INTO article_fingerprints_v8 (article_key, article_id, story_key, story_id, scheme, "
                     "signature) SELECT k.article_key, f.article_id, s.article_key, m.story_id, f.scheme, f.signature "
                     f"FROM article_fingerprints f JOIN {staged} k ON k.article_id = f.article_id "
                     f"JOIN story_members m ON m.article_id = f.article_id JOIN {staged} s ON s.article_id = m.story_id")
        conn.execute("INSERT INTO fingerprint_bands_v8 (band_key, article_key) SELECT b.band_key, k.article_key "
                     f"FROM fingerprint_bands b JOIN {staged} k ON k.article_id = b.article_id")
        conn.execute(f"INSERT INTO story_members_v8 ({', '.join(MEMBER_COLUMNS)}) "
                     "SELECT k.article_key, s.article_key, m.article_id, m.story_id, m.similarity, m.matched_id, "
                     f"m.site, m.source, m.published, m.linked_at FROM story_members m "
                     f"JOIN {staged} k ON k.article_id = m.article_id JOIN {staged} s ON s.article_id = m.story_id")
    for table in ("article_fingerprints", "fingerprint_bands", "story_members"):
        before = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        after = conn.execute(f"SELECT COUNT(*) FROM {table}_v8").fetchone()[0]
        if before != after:  # a member whose story or article has no fingerprint: never written by link_stories
            raise ValueError(f"{table}: {before} rows but {after} could be keyed")
    for table in ("fingerprint_bands", "story_members", "article_fingerprints"):
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}_v8 RENAME TO {table}")
    conn.execute("CREATE INDEX fingerprint_bands_key ON fingerprint_bands (band_key)")


UNLINKED_SQL = (f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles "
                "WHERE id NOT IN (SELECT article_id FROM article_fingerprints) ORDER BY ingested_at, id")
STORIES_SQL = """
SELECT m.story_id, m.article_id, m.similarity, m.matched_id, m.site, m.source, m.published, a.title
FROM story_members m
JOIN (SELECT story_id, COUNT(*) AS n FROM story_members GROUP BY story_id HAVING COUNT(*) >= ?) s
  ON s.story_id = m.story_id
LEFT JOIN articles a ON a.id = m.article_id
ORDER BY m.story_id, m.article_id <> m.story_id, m.published NULLS LAST, m.linked_at, m.article_id
"""


def build_story(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Return one story record (first article first) from its member rows."""
    dates = sorted(str(r["published"]) for r in rows if r["published"] is not None)
    members = [{"article_id": r["article_id"], "title": r["title"], "site": r["site"], "source": r["source"],
                "published": str(r["published"]) if r["published"] is not None else None,
                "similarity": r["similarity"], "matched_id": r["matched_id"]} for r in rows]
    return {"story_id": rows[0]["story_id"], "title": rows[0]["title"], "n_copies": len(rows),
            "n_sites": len({r["site"] or r["source"] for r in rows}),
            "first_published": dates[0] if dates else None, "last_published": dates[-1] if dates else None,
            "members": members}


def group_stories(rows: list[dict[str, Any]], limit: int | None) -> list[dict[str, Any]]:
    """Return story records from member rows sorted by story, most copies first, then earliest."""
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_story[row["story_id"]].append(row)
    stories = [build_story(members) for members in by_story.values()]
    stories.sort(key=lambda s: (-s["n_copies"], s["first_published"] or "9999", s["story_id"]))
    return stories[:limit] if limit is not None else stories


def build_article(row: dict[str, Any]) -> Article:
    """Return the Article of an articles row."""
    record = build_article_dict({**row, "n_events": 0})
    return Article(**{key: record[key] for key in Article.__dataclass_fields__ if key != "tags"},
                   tags=tuple(record["tags"]))


class StoryMethods:
    """The story methods of a store; DuckDBStore inherits them (they use its conn, _rows and _transaction)."""

    def link_stories(self, pairs: Sequence[tuple[Article, Fingerprint]], *,
                     min_similarity: float) -> list[StoryLink]:
        """Link articles to stories by their fingerprints in one transaction; already linked ones are skipped."""
        self._require_writable()
        with self._transaction(f"cannot link {len(pairs)} articles to stories in {self.path}") as conn:
            band_filter = self._current_band_filter()
            links, band_rows = link_batch(conn, pairs, min_similarity=min_similarity, linked_at=now_utc(),
                                          band_filter=band_filter)
        band_filter.add(numpy.array([key for key, _ in band_rows], dtype=numpy.int64))  # once committed
        return links

    def _current_band_filter(self) -> BandFilter:
        """Return this store's band filter, rebuilt from the table when its row count is not the table's.

        Built on first use; rebuilt when another connection to the same file added band rows (or a failed batch
        left the count behind), so a stale filter never hides a stored key.
        """
        band_filter = getattr(self, "_band_filter", None)
        if band_filter is None or band_filter.rows != count_band_rows(self.conn):
            band_filter = self._band_filter = load_band_filter(self.conn)
        return band_filter

    def unlinked_articles(self) -> list[Article]:
        """Return the stored articles that have no fingerprint yet (stored before stories existed), oldest first."""
        return [build_article(row) for row in self._rows(UNLINKED_SQL)]

    def stories(self, *, min_copies: int = 2, limit: int | None = None) -> list[dict[str, Any]]:
        """Return stories with at least min_copies articles, most copies first, each with its members."""
        return group_stories(self._rows(STORIES_SQL, [min_copies]), limit)
