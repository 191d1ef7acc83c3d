-- Sharing what Hangup knows, as SQLite's 0006 (docs/sharing.md): API key
-- scopes (keys made before keep screening), the published blocklist with
-- its change log and state (one row, locked by each publication so that
-- nodes publish one at a time and versions never interleave), and the
-- listings pulled from central Hangups by hangup sync.
ALTER TABLE api_keys ADD COLUMN scopes text NOT NULL DEFAULT 'screen';

CREATE TABLE blocklist (
    number  text PRIMARY KEY,
    label   text NOT NULL,
    version bigint NOT NULL
);

CREATE TABLE blocklist_changes (
    version bigint PRIMARY KEY,
    number  text NOT NULL,
    op      text NOT NULL,
    label   text NOT NULL DEFAULT '',
    at      timestamptz NOT NULL
);
CREATE INDEX blocklist_changes_at ON blocklist_changes (at);

CREATE TABLE blocklist_state (
    id      integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL,
    as_of   bigint NOT NULL,
    floor   bigint NOT NULL
);

CREATE TABLE sync_sources (
    source     text PRIMARY KEY,
    version    bigint NOT NULL,
    synced_at  timestamptz NOT NULL,
    generation bigint NOT NULL
);

CREATE TABLE synced_listings (
    source text NOT NULL REFERENCES sync_sources (source) ON DELETE CASCADE,
    number text NOT NULL,
    label  text NOT NULL,
    PRIMARY KEY (source, number)
);
CREATE INDEX synced_listings_number ON synced_listings (number);
