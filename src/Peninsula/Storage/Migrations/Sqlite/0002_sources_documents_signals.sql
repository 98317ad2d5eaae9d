-- Provenance: the importer (and its version) that read each source record.
ALTER TABLE event_sources ADD COLUMN importer TEXT;

-- Texts from state media archives and feeds, stored once however many topics or links carry them.
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,          -- content hash of date, title and body (or the feed item's GUID)
    korean_date   TEXT,                      -- YYYY-MM-DD, the date the source gives (Korean date for KCNA)
    published_at  TEXT,                      -- ISO 8601 UTC instant where the source gives one
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    links         TEXT NOT NULL,             -- JSON array of every link the text was found under
    topics        TEXT NOT NULL,             -- JSON array of every topic or category
    source        TEXT NOT NULL,             -- the archive or feed (e.g. 'kcna', or the feed's name)
    importer      TEXT NOT NULL,             -- importer and version, e.g. 'kcna/1'
    dataset       TEXT NOT NULL,             -- the file or URL it came from first
    record        TEXT NOT NULL,             -- which record of it (e.g. 'item 3')
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE INDEX ix_documents_date ON documents (korean_date);

CREATE VIRTUAL TABLE documents_fts USING fts5 (
    id UNINDEXED, title, body,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- GDELT media signals: machine-coded news events that involve North Korea. Not verified events.
CREATE TABLE media_signals (
    global_event_id   INTEGER PRIMARY KEY,
    day               TEXT NOT NULL,         -- SQLDATE of the event as GDELT codes it (YYYY-MM-DD)
    date_added        TEXT,                  -- DATEADDED (UTC) where the layout has it
    actor1_country    TEXT,
    actor2_country    TEXT,
    action_country    TEXT,                  -- ActionGeo_CountryCode (FIPS 10-4: KN is North Korea)
    event_code        TEXT NOT NULL,         -- CAMEO event code
    event_root_code   TEXT NOT NULL,         -- CAMEO root (two digits)
    quad_class        INTEGER NOT NULL,      -- 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    goldstein         REAL,
    num_mentions      INTEGER,
    avg_tone          REAL,
    source_url        TEXT,
    importer          TEXT NOT NULL,
    dataset           TEXT NOT NULL,
    record            TEXT NOT NULL
);

CREATE INDEX ix_media_signals_day ON media_signals (day);

-- Daily aggregates of the signals for the forecasting models: rebuilt for every day an import touches.
CREATE TABLE signal_days (
    day              TEXT NOT NULL,
    event_root_code  TEXT NOT NULL,
    quad_class       INTEGER NOT NULL,
    signals          INTEGER NOT NULL,
    mentions         INTEGER NOT NULL,
    mean_tone        REAL,
    PRIMARY KEY (day, event_root_code, quad_class)
);

-- Where two sources disagree on a field of the same event: kept and shown, never overwritten silently.
CREATE TABLE conflicts (
    event_id        TEXT NOT NULL,
    field           TEXT NOT NULL,
    kept_value      TEXT,
    kept_source     TEXT NOT NULL,
    other_value     TEXT,
    other_source    TEXT NOT NULL,
    rule            TEXT NOT NULL,           -- why the kept value was kept (e.g. 'precedence: reference-missiles over cns')
    first_seen      TEXT NOT NULL,
    PRIMARY KEY (event_id, field, other_source, other_value)
);

-- Feeds that `peninsula watch` polls.
CREATE TABLE watches (
    name            TEXT PRIMARY KEY,
    url             TEXT NOT NULL UNIQUE,
    every_seconds   INTEGER NOT NULL,
    etag            TEXT,
    last_modified   TEXT,
    last_polled_at  TEXT,
    next_poll_at    TEXT,
    failures        INTEGER NOT NULL DEFAULT 0,
    last_status     TEXT,
    created_at      TEXT NOT NULL
);

CREATE TABLE watch_log (
    sequence   INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    name       TEXT NOT NULL,
    message    TEXT NOT NULL
);
