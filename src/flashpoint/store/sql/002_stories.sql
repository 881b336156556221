-- flashpoint event store, schema version 2: stories (near-duplicate articles: copies, cross-posts, edited versions).
-- An article's MinHash signature and its LSH band keys are kept so a copy ingested later links to an article
-- stored earlier by equality lookups on band_key (no all-pairs comparison); see extract/fingerprints.py.
-- BYTEA is DuckDB's alias of BLOB and PostgreSQL's binary type, so this file stays portable.

-- One row per fingerprinted article: its signature (little-endian uint32 values) under a versioned scheme.
CREATE TABLE article_fingerprints (
    article_id  VARCHAR PRIMARY KEY,
    scheme      VARCHAR NOT NULL,
    signature   BYTEA NOT NULL
);

-- One row per (article, LSH band): a signed 64-bit hash of the scheme, the band number and the band's values.
-- Two articles are candidate copies when they share any band_key.
CREATE TABLE fingerprint_bands (
    band_key    BIGINT NOT NULL,
    article_id  VARCHAR NOT NULL
);
CREATE INDEX fingerprint_bands_key ON fingerprint_bands (band_key);

-- Story membership: every article is in exactly one story; story_id is the id of the story's first-seen
-- article, so it never changes when copies arrive. similarity is the estimated Jaccard similarity of word
-- shingles to that first article (1.0 for the first article itself); matched_id is the stored article the
-- copy was linked through (its most similar candidate). site, source and published repeat the article's.
CREATE TABLE story_members (
    article_id  VARCHAR PRIMARY KEY,
    story_id    VARCHAR NOT NULL,
    similarity  DOUBLE NOT NULL,
    matched_id  VARCHAR,
    site        VARCHAR,
    source      VARCHAR,
    published   DATE,
    linked_at   TIMESTAMP NOT NULL
);
CREATE INDEX story_members_story ON story_members (story_id);
