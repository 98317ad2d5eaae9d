-- How long multi-day events (exercises, visits, summits) last. A "since" filter keeps an event
-- that started before the date but runs past it; with the longest span read from this index
-- (one entry), the filter can also seek the date indexes from "since minus the longest span"
-- instead of reading every matching event from the first one (bench/results/stores.md).
CREATE INDEX ix_events_span ON events ((julianday(end_date) - julianday(korean_date))) WHERE end_date IS NOT NULL;
