-- The review queue (issue 17): events that detection found in new documents and the record does
-- not hold, waiting for a person to accept, reject or edit them. The proposal is kept whole as
-- JSON (its documents and supporting sentences); date, kind, class and publishers are columns so
-- that a new report finds the pending proposal it adds to. korean_date is the Korean date
-- (UTC+9) of the proposed event.
CREATE TABLE review_queue (
    id           text PRIMARY KEY,
    status       text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    korean_date  date NOT NULL,
    kind         text NOT NULL,
    class        text,
    publishers   integer NOT NULL,
    proposal     text NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    decided_by   text,
    decided_at   timestamptz,
    event_id     text,
    note         text
);
CREATE INDEX ix_review_queue_status ON review_queue (status, korean_date);

-- Documents that have passed through detection, so that a feed polled again is not read again
-- and a rejected proposal does not come back from the documents that made it.
CREATE TABLE detected_documents (
    document_id  text PRIMARY KEY,
    detected_at  timestamptz NOT NULL
);
