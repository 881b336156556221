-- flashpoint event store, schema version 3: event clusters (reports of the same real-world event, issue #6).
-- events.event_id (schema 1) holds each report's current event; clustering rewrites it when reports join or
-- when a bridging report merges two events (the earliest-seen report's id survives). This file keeps why.

-- One row per clustered report (GDELT's Mentions idea): the event it belongs to, the stored report it was
-- linked through (NULL when it started the event) and the fields that matched, as a JSON object
-- {field: how}. merged_from is the event id the report had before a bridging report merged that event into
-- an older one (NULL if it never moved).
CREATE TABLE event_mentions (
    report_id       VARCHAR PRIMARY KEY,
    event_id        VARCHAR NOT NULL,
    matched_id      VARCHAR,
    matched_fields  JSON NOT NULL,
    merged_from     VARCHAR,
    linked_at       TIMESTAMP NOT NULL
);
CREATE INDEX event_mentions_event ON event_mentions (event_id);

-- Blocking keys (PLOVER type or CAMEO code | country | ISO week number) of each clustered report. A new report
-- is compared only with stored reports sharing a key (indexed equality lookups, no all-pairs comparison).
CREATE TABLE event_blocks (
    block_key  VARCHAR NOT NULL,
    report_id  VARCHAR NOT NULL
);
CREATE INDEX event_blocks_key ON event_blocks (block_key);
