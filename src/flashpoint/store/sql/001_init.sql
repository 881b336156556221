-- flashpoint event store, schema version 1.
-- Portable types (VARCHAR, INTEGER, DOUBLE, BOOLEAN, DATE, TIMESTAMP, JSON) so a PostgreSQL backend can run
-- the same file. Nested parts of the event record (context, attribution, location, weapon, tags) are JSON
-- text; actors and recipients live in event_participants so filters and dyads can query them.
-- The migration runner (store/migrate.py) runs this inside a transaction and records it in schema_version.

CREATE TABLE schema_version (
    version     INTEGER PRIMARY KEY,
    applied_at  TIMESTAMP NOT NULL
);

-- One row per cleaned article; id is the content hash of text, so re-ingesting the same text adds nothing.
CREATE TABLE articles (
    id           VARCHAR PRIMARY KEY,
    source       VARCHAR NOT NULL,
    format       VARCHAR NOT NULL,
    title        VARCHAR,
    author       VARCHAR,
    published    DATE,
    url          VARCHAR,
    site         VARCHAR,
    tags         JSON,
    language     VARCHAR,
    text         VARCHAR NOT NULL,
    ingested_at  TIMESTAMP NOT NULL
);

-- Inputs that produced no article. Current state, not history: one row per input locator, replaced when the
-- input is dropped again and deleted when a later run ingests an article from the same locator.
CREATE TABLE dropped_inputs (
    id       VARCHAR PRIMARY KEY,
    source   VARCHAR NOT NULL,
    code     VARCHAR NOT NULL,
    detail   VARCHAR NOT NULL,
    seen_at  TIMESTAMP NOT NULL
);

-- One row per coded report. Dates are ISO text rather than DATE because month- and year-precision dates
-- ("2020-01", "2020") must round-trip exactly; ISO text still orders and compares correctly.
CREATE TABLE events (
    id              VARCHAR PRIMARY KEY,
    event_id        VARCHAR NOT NULL,
    article_id      VARCHAR REFERENCES articles (id),
    source_dataset  VARCHAR,
    source_id       VARCHAR,
    event           VARCHAR,
    mode            VARCHAR,
    context         JSON NOT NULL,
    cameo           VARCHAR NOT NULL,
    cameo_root      VARCHAR NOT NULL,
    goldstein       DOUBLE,
    quad_class      INTEGER NOT NULL,
    quad_rule       VARCHAR NOT NULL,
    status          VARCHAR NOT NULL CHECK (status IN ('asserted', 'negated', 'future', 'hypothetical')),
    historical      BOOLEAN NOT NULL,
    attribution     JSON,
    event_date      VARCHAR,
    end_date        VARCHAR,
    date_precision  VARCHAR NOT NULL,
    location        JSON,
    dead            INTEGER,
    injured         INTEGER,
    arrested        INTEGER,
    weapon          JSON,
    trigger_text    VARCHAR NOT NULL,
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER NOT NULL,
    sentence        VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    confidence      DOUBLE NOT NULL,
    coder           VARCHAR NOT NULL,
    model           VARCHAR,
    pattern         VARCHAR
);

-- Actors and recipients of each event, in their original order (idx).
CREATE TABLE event_participants (
    event_id    VARCHAR NOT NULL REFERENCES events (id),
    role        VARCHAR NOT NULL CHECK (role IN ('actor', 'recipient')),
    idx         INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    name        VARCHAR,
    country     VARCHAR,
    sector      VARCHAR,
    wikidata    VARCHAR,
    span_start  INTEGER,
    span_end    INTEGER,
    PRIMARY KEY (event_id, role, idx)
);
