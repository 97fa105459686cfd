-- The log of builds (build, load, web ingest): what each did, step by step, and the inputs
-- it rejected with the step and the reason, so that they can be listed later
-- (`storyline show --rejected`, /rejected). A log grows with each build; the articles and
-- stories a re-run leaves are unchanged.
CREATE TABLE builds (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,                  -- build | load | ingest
    started     TEXT NOT NULL,                  -- UTC, ISO 8601
    seconds     REAL NOT NULL,
    built       INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    rejected    INTEGER NOT NULL,
    stories     INTEGER NOT NULL,
    interrupted INTEGER NOT NULL,
    steps       TEXT NOT NULL                   -- JSON: per step seen, kept, dropped, seconds
);
CREATE TABLE rejected (
    build_id INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    source   TEXT NOT NULL,
    step     TEXT,
    reason   TEXT NOT NULL,
    PRIMARY KEY (build_id, seq)
);
