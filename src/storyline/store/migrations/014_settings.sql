-- The settings a store was built with (storyline and spaCy model versions, the options that
-- change results), recorded by its first build: later builds, loads and servers run with
-- them unless told otherwise, and say which differ (storyline/settings.py).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL                         -- JSON
);
