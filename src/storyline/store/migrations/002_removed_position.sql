-- Where each removed piece stood: its offset in the clean text, so that `storyline show`
-- can print the article with removed pieces in place.
ALTER TABLE removed ADD COLUMN at INTEGER;
