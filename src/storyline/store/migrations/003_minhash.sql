-- MinHash signatures of the clean texts, for near-duplicate detection across builds.
CREATE TABLE minhashes (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature  BLOB NOT NULL
);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);
