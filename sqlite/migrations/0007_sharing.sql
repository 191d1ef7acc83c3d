-- Sharing what Hangup knows (docs/sharing.md).
--
-- API keys get scopes, so that a key for reading the blocklist cannot screen
-- calls and a PBX's screening key cannot download the list (least
-- privilege). Keys made before keep what they could do: screening.
ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT 'screen';

-- The published blocklist and its change log, in the database so that every
-- node serves the same list, versions and changes. Each change takes the
-- next version; blocklist_state holds the current version, the evidence
-- mark the list was computed from (a node with older evidence must not undo
-- a newer publication) and the floor below which the log was pruned.
CREATE TABLE blocklist (
    number  TEXT PRIMARY KEY,
    label   TEXT NOT NULL,
    version INTEGER NOT NULL
);

CREATE TABLE blocklist_changes (
    version INTEGER PRIMARY KEY,
    number  TEXT NOT NULL,
    op      TEXT NOT NULL,
    label   TEXT NOT NULL DEFAULT '',
    at      TEXT NOT NULL
);
CREATE INDEX blocklist_changes_at ON blocklist_changes (at);

CREATE TABLE blocklist_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    as_of   INTEGER NOT NULL,
    floor   INTEGER NOT NULL
);

-- Listings pulled from central Hangups (hangup sync): local screening keeps
-- blocking them while the central service is out of reach. generation rises
-- whenever a source's listings change, so nodes reload them only then.
CREATE TABLE sync_sources (
    source     TEXT PRIMARY KEY,
    version    INTEGER NOT NULL,
    synced_at  TEXT NOT NULL,
    generation INTEGER NOT NULL
);

CREATE TABLE synced_listings (
    source TEXT NOT NULL REFERENCES sync_sources (source) ON DELETE CASCADE,
    number TEXT NOT NULL,
    label  TEXT NOT NULL,
    PRIMARY KEY (source, number)
);
CREATE INDEX synced_listings_number ON synced_listings (number);
