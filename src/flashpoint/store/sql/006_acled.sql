-- flashpoint event store, schema version 6: each report's ACLED sub-event type (coding/acled.py), or NULL when no
-- ACLED type describes it. Reports stored before this version keep NULL until `flashpoint recode` codes them again.
ALTER TABLE events ADD COLUMN acled VARCHAR;
