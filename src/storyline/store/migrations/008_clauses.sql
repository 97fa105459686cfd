-- Event clauses read off the annotate stage's parse (pipeline/nlp/clauses.py), so that the
-- story stage finds events without parsing again. `clauses_kept` tells an article annotated
-- before this version (NULL: its clauses are found by parsing, once, in the story stage).
CREATE TABLE clauses (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    sentence   INTEGER NOT NULL,
    data       TEXT NOT NULL,                   -- the Clause as JSON
    PRIMARY KEY (article_id, seq)
);
ALTER TABLE articles ADD COLUMN clauses_kept INTEGER;
