-- The clustering state of each story (its weighted names and words, size and date range),
-- so that a new build assigns new articles without recomputing the stories already made.
ALTER TABLE stories ADD COLUMN profile TEXT;
