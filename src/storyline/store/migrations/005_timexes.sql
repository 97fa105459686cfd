-- Normalized temporal expressions of each article, tied to their sentence: what the
-- timeline is built from.
CREATE TABLE timexes (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT NOT NULL,
    value      TEXT NOT NULL,
    sentence   INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX timexes_value ON timexes (value);
