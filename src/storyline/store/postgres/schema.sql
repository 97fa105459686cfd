-- Storyline store on PostgreSQL: the same tables, columns and meaning as the SQLite store
-- at the schema version below (store/schema.sql plus store/migrations/), in PostgreSQL's
-- dialect. Text compares byte by byte (COLLATE "C"), as in SQLite, so that every order is
-- the same in both. Full-text search uses a generated tsvector with a GIN index instead of FTS5.
-- Later versions add files to store/postgres/migrations/, numbered like the SQLite ones.

CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES (10);

CREATE TABLE articles (
    rowid                BIGSERIAL UNIQUE,        -- insertion order, as SQLite's rowid
    id                   TEXT COLLATE "C" PRIMARY KEY,
    source               TEXT COLLATE "C" NOT NULL,
    format               TEXT COLLATE "C" NOT NULL CHECK (format IN ('text', 'html')),
    raw                  BYTEA NOT NULL,
    text                 TEXT COLLATE "C" NOT NULL,
    url                  TEXT COLLATE "C",
    title                TEXT COLLATE "C",
    site                 TEXT COLLATE "C",
    author               TEXT COLLATE "C",
    language             TEXT COLLATE "C",
    published_hint       TEXT COLLATE "C",
    published_date       TEXT COLLATE "C",
    published_source     TEXT COLLATE "C",
    published_confidence DOUBLE PRECISION,
    duplicate_of         TEXT COLLATE "C" REFERENCES articles (id),
    story_id             TEXT COLLATE "C",
    clauses_kept         INTEGER,
    search               TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple', text), 'B')
    ) STORED
);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);
CREATE INDEX articles_published ON articles (published_date);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_search ON articles USING GIN (search);

CREATE TABLE removed (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    text       TEXT COLLATE "C" NOT NULL,
    reason     TEXT COLLATE "C" NOT NULL,
    at         INTEGER,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE sentences (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE entities (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT COLLATE "C" NOT NULL,
    label      TEXT COLLATE "C" NOT NULL,
    sentence   INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX entities_label_text ON entities (label, text);
CREATE INDEX entities_text ON entities (text, article_id);

CREATE TABLE timexes (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT COLLATE "C" NOT NULL,
    type       TEXT COLLATE "C" NOT NULL,
    value      TEXT COLLATE "C" NOT NULL,
    sentence   INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX timexes_value ON timexes (value);

CREATE TABLE clauses (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    sentence   INTEGER NOT NULL,
    data       TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE minhashes (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature  BYTEA NOT NULL
);

CREATE TABLE lsh_bands (
    key        BIGINT NOT NULL,
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (key, article_id)
);

CREATE TABLE line_counts (
    hash     TEXT COLLATE "C" PRIMARY KEY,
    articles INTEGER NOT NULL
);

CREATE TABLE stories (
    rowid         BIGSERIAL UNIQUE,
    id            TEXT COLLATE "C" PRIMARY KEY,
    title         TEXT COLLATE "C" NOT NULL,
    span_start    TEXT COLLATE "C",
    span_end      TEXT COLLATE "C",
    results       TEXT COLLATE "C" NOT NULL DEFAULT '{}',
    profile       TEXT COLLATE "C",
    article_count INTEGER,
    source_count  INTEGER
);

CREATE TABLE story_articles (
    story_id   TEXT COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, article_id)
);

CREATE TABLE store_tasks (name TEXT PRIMARY KEY);
