-- Blocklist feeds an operator subscribes to (hangup feeds add), and the phone
-- numbers websites showed when their pages were checked. Feeds: each feed,
-- the validators and outcome of its last fetch, and the names of its last
-- good copy with the time each was first seen there, so verdicts can say
-- "listed by NAME since DATE" and a failed fetch keeps the old copy. The
-- one-row feed_state counts changes, so a node reloads feeds only when
-- something changed.
CREATE TABLE feeds (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    url           TEXT NOT NULL,
    format        TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    checked_at    TEXT,
    updated_at    TEXT,
    entries       INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE feed_entries (
    feed_id    INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (feed_id, name)
);

CREATE TABLE feed_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO feed_state (id, version) VALUES (1, 0);

-- Phone numbers that websites showed when their pages were checked
-- (serve --fetch-pages): the link from a site to the numbers it advertises.
CREATE TABLE site_numbers (
    host       TEXT NOT NULL,
    number     TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    PRIMARY KEY (host, number)
);
CREATE INDEX site_numbers_by_number ON site_numbers (number, last_seen);
