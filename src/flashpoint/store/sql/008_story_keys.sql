-- flashpoint event store, schema version 8: integer article keys for the story tables (issue #6, copy detection at
-- scale). Each fingerprinted article gets a 63-bit article_key derived from its id (store/stories.py, article_key:
-- a hash of the id, re-drawn with a counter on the rare collision, so the key is unique in the store). The band
-- index and the two primary keys become BIGINT instead of VARCHAR: smaller indexes, cheaper probes and inserts.
-- The id columns stay, unindexed, for readers (listing stories, unlinked articles). A fingerprint row also
-- carries its article's story (it never changes), so linking reads only article_fingerprints and
-- fingerprint_bands, and story_members (written once per article, read only by listings) needs no index.
-- This file creates the new tables; the upgrade's fill (store/stories.py, move_story_tables) copies the rows of
-- the schema-7 tables with their keys, drops those tables and renames these, in the same transaction.
CREATE TABLE article_fingerprints_v8 (
    article_key BIGINT PRIMARY KEY,
    article_id  VARCHAR NOT NULL,
    story_key   BIGINT NOT NULL,
    story_id    VARCHAR NOT NULL,
    scheme      VARCHAR NOT NULL,
    signature   BYTEA NOT NULL
);

CREATE TABLE fingerprint_bands_v8 (
    band_key    BIGINT NOT NULL,
    article_key BIGINT NOT NULL
);

-- story_key is the article_key of the story's first article (story_id's key).
CREATE TABLE story_members_v8 (
    article_key BIGINT NOT NULL,
    story_key   BIGINT NOT NULL,
    article_id  VARCHAR NOT NULL,
    story_id    VARCHAR NOT NULL,
    similarity  DOUBLE NOT NULL,
    matched_id  VARCHAR,
    site        VARCHAR,
    source      VARCHAR,
    published   DATE,
    linked_at   TIMESTAMP NOT NULL
);
