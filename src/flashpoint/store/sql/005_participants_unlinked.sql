-- flashpoint event store, schema version 5: event_participants without its foreign key to events.
-- DuckDB checks a foreign key against the rows as they were when the transaction began, so a report could not be
-- replaced in one transaction (its participants deleted, then the report itself): `flashpoint recode` must do
-- exactly that. The store writes and deletes a report and its participants in the same transaction, which keeps
-- them consistent without the constraint. Same columns and primary key as in schema 1.
CREATE TABLE event_participants_v5 (
    event_id    VARCHAR NOT NULL,
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
INSERT INTO event_participants_v5 SELECT * FROM event_participants;
DROP TABLE event_participants;
ALTER TABLE event_participants_v5 RENAME TO event_participants;
