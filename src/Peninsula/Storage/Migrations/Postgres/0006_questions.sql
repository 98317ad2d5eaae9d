-- Forecasting questions (issue 20): a window of Korean dates (UTC+9, inclusive) and a target or an
-- event filter; the resolution from the record; forecasts, one per question, forecaster and Korean
-- date (the model's under the name 'model').
CREATE TABLE questions (
    id              text PRIMARY KEY,
    title           text NOT NULL,
    target          text,
    filter          text,
    opens           date NOT NULL,
    closes          date NOT NULL,
    url             text,
    outcome         boolean,
    resolved_on     date,
    resolving_event text,
    CHECK ((target IS NULL) <> (filter IS NULL))
);

CREATE TABLE question_forecasts (
    question_id text NOT NULL REFERENCES questions (id),
    forecaster  text NOT NULL,
    as_of       date NOT NULL,
    probability double precision NOT NULL CHECK (probability >= 0 AND probability <= 1),
    url         text,
    PRIMARY KEY (question_id, forecaster, as_of)
);
