-- Incident reports, kept apart from the personal data of the people who
-- make them (report_contacts), with the links that join reports to each other
-- (numbers, domains, tools, organisations) and their workflow history.
-- Times are UTC text in one fixed-width format so that they sort as text.
CREATE TABLE reports (
    id                   INTEGER PRIMARY KEY,
    reference            TEXT NOT NULL UNIQUE,
    token_hash           BLOB,
    idempotency_key      TEXT,
    source               TEXT NOT NULL,
    source_ref           TEXT,
    status               TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    occurred_at          TEXT,
    country              TEXT NOT NULL DEFAULT '',
    number_shown         TEXT NOT NULL DEFAULT '',
    number_shown_e164    TEXT NOT NULL DEFAULT '',
    callback_number      TEXT NOT NULL DEFAULT '',
    callback_e164        TEXT NOT NULL DEFAULT '',
    claimed_organisation TEXT NOT NULL DEFAULT '',
    organisation_id      TEXT NOT NULL DEFAULT '',
    started              TEXT NOT NULL DEFAULT '',
    happened             TEXT NOT NULL DEFAULT '',
    software             TEXT NOT NULL DEFAULT '',
    website              TEXT NOT NULL DEFAULT '',
    amount               REAL NOT NULL DEFAULT 0,
    currency             TEXT NOT NULL DEFAULT '',
    payment_method       TEXT NOT NULL DEFAULT '',
    story                TEXT NOT NULL DEFAULT '',
    verdict              TEXT NOT NULL DEFAULT '',
    scam_type            TEXT NOT NULL DEFAULT '',
    has_contact          INTEGER NOT NULL DEFAULT 0,
    reporter_key         TEXT NOT NULL DEFAULT '',
    reporter_weight      REAL NOT NULL DEFAULT 0
);
-- Partial indexes: imported rows have no token, idempotency key, callback
-- number or organisation, and should cost nothing in those indexes.
CREATE UNIQUE INDEX reports_token ON reports (token_hash) WHERE token_hash IS NOT NULL;
CREATE UNIQUE INDEX reports_idempotency ON reports (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX reports_source_ref ON reports (source, source_ref) WHERE source_ref IS NOT NULL;
CREATE INDEX reports_number_shown ON reports (number_shown_e164) WHERE number_shown_e164 <> '';
CREATE INDEX reports_callback ON reports (callback_e164) WHERE callback_e164 <> '';
CREATE INDEX reports_organisation ON reports (organisation_id, id) WHERE organisation_id <> '';
CREATE INDEX reports_status ON reports (status, id);
CREATE INDEX reports_created ON reports (created_at);

-- Personal data: one row per report at most, deleted with it, never exported.
CREATE TABLE report_contacts (
    report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    name      TEXT NOT NULL DEFAULT '',
    email     TEXT NOT NULL DEFAULT '',
    phone     TEXT NOT NULL DEFAULT '',
    consent   INTEGER NOT NULL DEFAULT 0
);

-- Links a report names besides its own columns: websites (domain) and
-- remote-access tools. Numbers and the organisation are columns of reports
-- and are indexed there.
CREATE TABLE report_links (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (kind, value, report_id)
);
CREATE INDEX report_links_report ON report_links (report_id);

CREATE TABLE report_events (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_events_report ON report_events (report_id, id);

-- Evidence about numbers. Rows are never deleted: a withdrawn row still
-- blocks the same reporter from casting evidence again within the period.
CREATE TABLE reputation_evidence (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL,
    reporter_key TEXT NOT NULL,
    weight       REAL NOT NULL,
    legit        INTEGER NOT NULL DEFAULT 0,
    category     TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    report_ref   TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    withdrawn    INTEGER NOT NULL DEFAULT 0
);
-- One index serves the per-reporter check and, with the report's numbers
-- and reporter, finding a deleted report's evidence.
CREATE INDEX reputation_evidence_dedup ON reputation_evidence (number, reporter_key, at);

CREATE TABLE allow_list (
    number TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    actor  TEXT NOT NULL,
    at     TEXT NOT NULL
);

CREATE TABLE appeals (
    id         INTEGER PRIMARY KEY,
    number     TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    statement  TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT NOT NULL DEFAULT '',
    decision   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appeals_number ON appeals (number, id);

-- Who changed a number's standing, and why.
CREATE TABLE reputation_changes (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    number TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX reputation_changes_number ON reputation_changes (number, id);
