-- See store/migrations/011_story_revision.sql.
ALTER TABLE stories ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
