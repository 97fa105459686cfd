-- How many articles carry each short line (hash of its normalized key): a line that many
-- articles share above or below their body is page template.
CREATE TABLE line_counts (
    hash     TEXT PRIMARY KEY,
    articles INTEGER NOT NULL
);
