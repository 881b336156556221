-- flashpoint event store, schema version 4: country-level dyads of every report, kept beside the events.
-- One row per (report, country pair) as design.md forms dyads: directed (actor, recipient) country pairs, and for
-- a report with no recipient each unordered pair of its actor countries (source <= target, directed false); no
-- pair twice for one report. The report's analysis columns are repeated here (they never change once a report is
-- written) so weekly series of every dyad over millions of reports aggregate one narrow table without joining
-- events to their participants (docs/benchmarks.md, "Analyses at scale"). The store fills it in the same
-- transaction as the report; a store upgraded to this version is back-filled when it is opened for writing.
CREATE TABLE event_pairs (
    report_id       VARCHAR NOT NULL,
    source          VARCHAR NOT NULL,
    target          VARCHAR NOT NULL,
    directed        BOOLEAN NOT NULL,
    day             DATE,               -- the event date, else the article's publication date (first day of a
                                        -- month- or year-precision date); null when neither is known
    date_precision  VARCHAR NOT NULL,
    event           VARCHAR,
    cameo_root      VARCHAR NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       DOUBLE,
    status          VARCHAR NOT NULL,
    historical      BOOLEAN NOT NULL,
    dead            INTEGER,
    injured         INTEGER
);
