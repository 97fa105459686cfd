-- What the per-article fact steps found in each article (quotes with their frames, figures,
-- date hints), one JSON record per fact, so that the story stage resolves them without
-- reading the text again. `facts_kept` tells an article stored before this version; the
-- next build finds its facts (and its event clauses, if those are missing too) once.
CREATE TABLE article_facts (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,                   -- quote | figure | date_hint
    seq        INTEGER NOT NULL,
    data       TEXT NOT NULL,
    PRIMARY KEY (article_id, kind, seq)
);
ALTER TABLE articles ADD COLUMN facts_kept INTEGER;
INSERT INTO store_tasks (name) SELECT 'article_facts' WHERE EXISTS (SELECT 1 FROM articles);
