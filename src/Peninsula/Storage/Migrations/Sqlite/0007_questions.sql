-- Forecasting questions (issue 20): a window of Korean dates (YYYY-MM-DD, UTC+9, inclusive) and
-- a target or an event filter; the resolution from the record; forecasts, one per question,
-- forecaster and Korean date (the model's under the name 'model').
CREATE TABLE questions (
    id              TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    target          TEXT,
    filter          TEXT,
    opens           TEXT NOT NULL,
    closes          TEXT NOT NULL,
    url             TEXT,
    outcome         INTEGER,
    resolved_on     TEXT,
    resolving_event TEXT,
    CHECK ((target IS NULL) <> (filter IS NULL))
);

CREATE TABLE question_forecasts (
    question_id TEXT NOT NULL REFERENCES questions (id),
    forecaster  TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    probability REAL NOT NULL CHECK (probability >= 0 AND probability <= 1),
    url         TEXT,
    PRIMARY KEY (question_id, forecaster, as_of)
);
