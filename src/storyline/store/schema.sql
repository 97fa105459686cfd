-- Storyline store, schema version 1.
-- A fresh store runs this file, then every file in migrations/ numbered above 1, in order;
-- an older store runs the migrations above its version. One path for both, so a migrated
-- store and a fresh one cannot drift apart.

CREATE TABLE schema_version (
    version INTEGER NOT NULL
);
INSERT INTO schema_version (version) VALUES (1);

-- One row per article; id = hash of the raw input, so re-ingesting is a no-op.
CREATE TABLE articles (
    id                   TEXT PRIMARY KEY,
    source               TEXT NOT NULL,
    format               TEXT NOT NULL CHECK (format IN ('text', 'html')),
    raw                  BLOB NOT NULL,           -- the input exactly as read
    text                 TEXT NOT NULL,           -- clean text: title and body
    url                  TEXT,
    title                TEXT,
    site                 TEXT,
    author               TEXT,
    language             TEXT,
    published_hint       TEXT,                    -- date string as given with the input
    published_date       TEXT,                    -- YYYY, YYYY-MM or YYYY-MM-DD
    published_source     TEXT,                    -- metadata | url | dateline | text | story
    published_confidence REAL,
    duplicate_of         TEXT REFERENCES articles (id),
    story_id             TEXT
);

-- Every piece of the input left out of the clean text, with the reason.
CREATE TABLE removed (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    label      TEXT NOT NULL,
    sentence   INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX entities_label_text ON entities (label, text);

-- Story-level results. The list-valued results (summary, timeline, actors, quotes,
-- figures, events) are stored as JSON in the dossier schema's own shape.
CREATE TABLE stories (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    span_start TEXT,
    span_end   TEXT,
    results    TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE story_articles (
    story_id   TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, article_id)
);
