-- Keys for writes through the web API. Only the SHA-256 of each secret is kept.
CREATE TABLE api_keys (
    name        TEXT PRIMARY KEY,
    hash        TEXT NOT NULL UNIQUE,
    prefix      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);
