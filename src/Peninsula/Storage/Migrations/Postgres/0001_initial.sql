-- The record on PostgreSQL: the same concepts as the SQLite schema, with native types. Korean
-- dates (UTC+9) are `date`; instants are `timestamptz`. Laid out for Citus (docs/scaling.md):
-- every unique key of a table that can be distributed includes its distribution column, and the
-- only foreign keys join tables on that column (events.id = event_actors/event_sources.event_id).
CREATE TABLE events (
    id              text PRIMARY KEY,
    kind            text NOT NULL,
    class           text,
    korean_date     date NOT NULL,
    date_precision  text NOT NULL CHECK (date_precision IN ('day', 'month')),
    end_date        date,
    utc_instant     timestamptz,
    people          jsonb,             -- array of names
    system_id       text,
    system_name     text,
    system_aliases  jsonb,             -- array of strings
    site_name       text,
    site_lat        double precision,
    site_lon        double precision,
    number_fired    bigint,
    apogee_km       double precision,
    range_km        double precision,
    yield_kt        double precision,
    yield_kt_low    double precision,
    yield_kt_high   double precision,
    magnitude       double precision,
    outcome         text,
    title           text NOT NULL,
    summary         text,
    -- Full-text search over titles, summaries, weapon-system names (with aliases) and people. The
    -- 'simple' configuration keeps words as written (no stemming, no stop words), as FTS5 does.
    search          tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig,
                        title || ' ' || coalesce(summary, '') || ' ' || coalesce(system_id, '') || ' ' || coalesce(system_name, '') || ' ' ||
                        coalesce(system_aliases::text, '') || ' ' || coalesce(people::text, ''))) STORED,
    version         bigint NOT NULL DEFAULT 1,   -- bumped on every change (optimistic concurrency)
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    deleted_at      timestamptz                  -- soft delete: the row stays for the audit trail
);

CREATE INDEX ix_events_date ON events (korean_date);
CREATE INDEX ix_events_kind ON events (kind, class, korean_date);
CREATE INDEX ix_events_search ON events USING gin (search);

CREATE TABLE event_actors (
    event_id  text NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    actor     text NOT NULL,
    PRIMARY KEY (event_id, position)
);

CREATE INDEX ix_event_actors_actor ON event_actors (actor, event_id);

CREATE TABLE event_sources (
    event_id        text NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position        integer NOT NULL,
    name            text NOT NULL,
    url             text,
    source_date     text,
    original_label  text,
    dataset         text,
    record          text,
    importer        text,
    PRIMARY KEY (event_id, position)
);

-- Every insert, update and delete. The key leads with entity_id so that the table can be
-- distributed (and colocated with events) on it; sequence alone orders the trail.
CREATE TABLE audit (
    sequence     bigint GENERATED ALWAYS AS IDENTITY,
    at           timestamptz NOT NULL,
    operation    text NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
    entity       text NOT NULL,
    entity_id    text NOT NULL,
    origin       text NOT NULL,
    before_json  text,
    after_json   text,
    PRIMARY KEY (entity_id, sequence)
);

CREATE INDEX ix_audit_sequence ON audit (sequence);

CREATE TABLE settings (
    key    text PRIMARY KEY,
    value  text NOT NULL
);

CREATE TABLE documents (
    id            text PRIMARY KEY,
    korean_date   date,
    published_at  timestamptz,
    title         text NOT NULL,
    body          text NOT NULL,
    links         jsonb NOT NULL,
    topics        jsonb NOT NULL,
    source        text NOT NULL,
    importer      text NOT NULL,
    dataset       text NOT NULL,
    record        text NOT NULL,
    search        tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title || ' ' || body)) STORED,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE INDEX ix_documents_date ON documents (korean_date);
CREATE INDEX ix_documents_search ON documents USING gin (search);

CREATE TABLE media_signals (
    global_event_id   bigint PRIMARY KEY,
    day               date NOT NULL,
    date_added        timestamptz,
    actor1_country    text,
    actor2_country    text,
    action_country    text,
    event_code        text NOT NULL,
    event_root_code   text NOT NULL,
    quad_class        integer NOT NULL,
    goldstein         double precision,
    num_mentions      bigint,
    avg_tone          double precision,
    source_url        text,
    importer          text NOT NULL,
    dataset           text NOT NULL,
    record            text NOT NULL
);

CREATE INDEX ix_media_signals_day ON media_signals (day);

CREATE TABLE signal_days (
    day              date NOT NULL,
    event_root_code  text NOT NULL,
    quad_class       integer NOT NULL,
    signals          bigint NOT NULL,
    mentions         bigint NOT NULL,
    mean_tone        double precision,
    PRIMARY KEY (day, event_root_code, quad_class)
);

CREATE TABLE conflicts (
    event_id        text NOT NULL,
    field           text NOT NULL,
    kept_value      text,
    kept_source     text NOT NULL,
    other_value     text NOT NULL,
    other_source    text NOT NULL,
    rule            text NOT NULL,
    first_seen      timestamptz NOT NULL,
    PRIMARY KEY (event_id, field, other_source, other_value)
);

CREATE TABLE watches (
    name            text PRIMARY KEY,
    url             text NOT NULL UNIQUE,
    every_seconds   bigint NOT NULL,
    etag            text,
    last_modified   text,
    last_polled_at  timestamptz,
    next_poll_at    timestamptz,
    failures        bigint NOT NULL DEFAULT 0,
    last_status     text,
    created_at      timestamptz NOT NULL
);

CREATE TABLE watch_log (
    sequence   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL,
    name       text NOT NULL,
    message    text NOT NULL
);
