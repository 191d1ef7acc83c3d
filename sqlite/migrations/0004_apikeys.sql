-- API keys for call-screening clients (PBXs, SBCs, carriers). Only a SHA-256
-- hash of each secret is kept: the keys are 256-bit random, so a fast hash is
-- enough and lets every screening request be checked from memory. Each key
-- carries its customer's policy thresholds, rate limit and allow and deny
-- lists. version rises with every change so that servers notice keys made or
-- edited by another process with one cheap query.
CREATE TABLE api_keys (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    prefix      TEXT NOT NULL,
    hash        BLOB NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    disabled    INTEGER NOT NULL DEFAULT 0,
    rate_limit  REAL NOT NULL DEFAULT 0,
    rate_burst  INTEGER NOT NULL DEFAULT 0,
    label_at    INTEGER NOT NULL,
    warn_at     INTEGER NOT NULL,
    block_at    INTEGER NOT NULL,
    version     INTEGER NOT NULL
);

CREATE TABLE api_key_numbers (
    key_id INTEGER NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    list   TEXT NOT NULL CHECK (list IN ('allow', 'deny')),
    number TEXT NOT NULL,
    PRIMARY KEY (key_id, list, number)
);
