-- How many articles and distinct sources each story has, kept with the story when it is
-- saved, so that listing stories reads one row per story.
ALTER TABLE stories ADD COLUMN article_count INTEGER;
ALTER TABLE stories ADD COLUMN source_count INTEGER;
UPDATE stories SET article_count =
    (SELECT count(*) FROM story_articles WHERE story_articles.story_id = stories.id);
-- source_count needs web hosts parsed from addresses: filled when a story is next saved
-- (until then the listing counts sources on the fly).
