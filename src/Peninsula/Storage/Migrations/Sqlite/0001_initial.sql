-- The record. Dates are Korean dates (UTC+9) as YYYY-MM-DD text; instants are ISO 8601 UTC text.
CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    class           TEXT,
    korean_date     TEXT NOT NULL,
    date_precision  TEXT NOT NULL CHECK (date_precision IN ('day', 'month')),
    end_date        TEXT,
    utc_instant     TEXT,
    people          TEXT,            -- JSON array of names
    system_id       TEXT,
    system_name     TEXT,
    system_aliases  TEXT,            -- JSON array of strings
    site_name       TEXT,
    site_lat        REAL,
    site_lon        REAL,
    number_fired    INTEGER,
    apogee_km       REAL,
    range_km        REAL,
    yield_kt        REAL,
    yield_kt_low    REAL,
    yield_kt_high   REAL,
    magnitude       REAL,
    outcome         TEXT,
    title           TEXT NOT NULL,
    summary         TEXT,
    version         INTEGER NOT NULL DEFAULT 1,   -- bumped on every update (optimistic concurrency)
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT                           -- soft delete: the row stays for the audit trail
);

CREATE INDEX ix_events_date ON events (korean_date);
CREATE INDEX ix_events_kind ON events (kind, class, korean_date);

CREATE TABLE event_actors (
    event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
);

CREATE INDEX ix_event_actors_actor ON event_actors (actor, event_id);

CREATE TABLE event_sources (
    event_id        TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    url             TEXT,
    source_date     TEXT,
    original_label  TEXT,
    dataset         TEXT,
    record          TEXT,
    PRIMARY KEY (event_id, position)
);

-- Full-text search over titles, summaries and weapon-system names (with aliases).
CREATE VIRTUAL TABLE events_fts USING fts5 (
    id UNINDEXED, title, summary, systems, people,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Every insert, update and delete, with the event before and after in the project's JSON form.
CREATE TABLE audit (
    sequence     INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT NOT NULL,
    operation    TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    origin       TEXT NOT NULL,
    before_json  TEXT,
    after_json   TEXT
);

CREATE INDEX ix_audit_entity ON audit (entity, entity_id);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
