-- Keys for writes through the web API. Only the SHA-256 of each secret is kept. A small table
-- read by every write: a reference table under Citus (docs/scaling.md).
CREATE TABLE api_keys (
    name        text PRIMARY KEY,
    hash        text NOT NULL UNIQUE,
    prefix      text NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
