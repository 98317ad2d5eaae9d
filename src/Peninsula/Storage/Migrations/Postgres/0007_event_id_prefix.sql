-- The ids an event numbered after an id could take ("2024-10-31-icbm", "2024-10-31-icbm-2", ...)
-- are read as a range of ids, id || '-' up to id || '.', compared byte by byte: the primary key
-- orders ids by the database's collation, which need not be byte order (en_US puts '-' nowhere in
-- particular), so it cannot serve the range and the query scanned every event. This index orders
-- them byte by byte.
CREATE INDEX ix_events_id_bytes ON events (id COLLATE "C");
