-- A story's revision, raised each time its results are saved: what a cached page of the
-- story is keyed by, so that adding articles to one story leaves the others' pages cached.
ALTER TABLE stories ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
