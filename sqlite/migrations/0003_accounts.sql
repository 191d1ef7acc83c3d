-- Accounts for administrators, analysts and organisation members; their
-- signed-in sessions (only token hashes are stored); and server secrets that
-- every node and restart must share.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL,
    organisation_id TEXT NOT NULL DEFAULT '',
    password_hash   TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    disabled        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE secrets (
    name       TEXT PRIMARY KEY,
    value      BLOB NOT NULL,
    created_at TEXT NOT NULL
);
