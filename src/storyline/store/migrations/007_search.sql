-- Full-text search over articles (SQLite FTS5). The index keeps its own copy of title and
-- text keyed by article id, rather than pointing at articles' rowid, which VACUUM may
-- renumber. Triggers keep it in step with the articles table, so every writer (build, web
-- ingest) indexes what it stores, in the same transaction.
CREATE VIRTUAL TABLE article_search USING fts5(
    article_id UNINDEXED,
    title,
    text,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO article_search (article_id, title, text)
    SELECT id, coalesce(title, ''), text FROM articles;
CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_search (article_id, title, text)
        VALUES (new.id, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN
    DELETE FROM article_search WHERE article_id = old.id;
END;
-- Filters of the search page and API: articles naming an actor, articles of a date range.
CREATE INDEX entities_text ON entities (text, article_id);
CREATE INDEX articles_published ON articles (published_date);
CREATE INDEX articles_story ON articles (story_id);
