-- The record's own order (Korean date, UTC instant first where unknown, id in byte order): pages
-- of the newest or oldest events read the index forwards or backwards and stop.
CREATE INDEX ix_events_order ON events (korean_date, utc_instant NULLS FIRST, id COLLATE "C");
