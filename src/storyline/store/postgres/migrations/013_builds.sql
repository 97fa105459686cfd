-- See store/migrations/013_builds.sql.
CREATE TABLE builds (
    id          BIGSERIAL PRIMARY KEY,
    kind        TEXT COLLATE "C" NOT NULL,
    started     TEXT COLLATE "C" NOT NULL,
    seconds     DOUBLE PRECISION NOT NULL,
    built       INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    rejected    INTEGER NOT NULL,
    stories     INTEGER NOT NULL,
    interrupted INTEGER NOT NULL,
    steps       TEXT COLLATE "C" NOT NULL
);
CREATE TABLE rejected (
    build_id BIGINT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    source   TEXT COLLATE "C" NOT NULL,
    step     TEXT COLLATE "C",
    reason   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (build_id, seq)
);
