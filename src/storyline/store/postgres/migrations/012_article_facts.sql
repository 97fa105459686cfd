-- See store/migrations/012_article_facts.sql.
CREATE TABLE article_facts (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind       TEXT COLLATE "C" NOT NULL,
    seq        INTEGER NOT NULL,
    data       TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, kind, seq)
);
ALTER TABLE articles ADD COLUMN facts_kept INTEGER;
INSERT INTO store_tasks (name) SELECT 'article_facts' WHERE EXISTS (SELECT 1 FROM articles);
