-- The record's own order (Korean date, UTC instant, id): pages of the newest or oldest events read
-- the index in order and stop, instead of sorting every event of a date.
CREATE INDEX ix_events_order ON events (korean_date, utc_instant, id);
