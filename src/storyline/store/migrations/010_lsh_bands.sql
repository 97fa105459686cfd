-- Near-duplicate lookup by LSH band (pipeline/clean/dedup.py: 32 bands of 4 MinHash values,
-- each hashed to a 64-bit key): a new article's candidates are the stored articles sharing
-- one of its keys, found by index, without loading every signature.
CREATE TABLE lsh_bands (
    key        INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
-- One-off work a migration cannot do in SQL, done by the next build (here: the band keys of
-- signatures stored before this version).
CREATE TABLE store_tasks (name TEXT PRIMARY KEY);
INSERT INTO store_tasks (name) SELECT 'lsh_bands' WHERE EXISTS (SELECT 1 FROM minhashes);
