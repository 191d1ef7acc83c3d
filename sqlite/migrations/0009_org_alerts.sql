-- The organisation portal: public alerts about scams using an
-- organisation's name, reviewed by an analyst before they are public, and
-- the organisation's notifications (webhooks and email) with their
-- delivery log.
--
-- An alert's author and reviewer are account emails: shown to the author's
-- organisation and analysts, never published. organisation_id is a
-- registry id without a foreign key: a registry import can replace the
-- organisations, and the alerts and their history must survive it.
CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    title           TEXT NOT NULL,
    text            TEXT NOT NULL,
    author          TEXT NOT NULL,
    author_kind     TEXT NOT NULL,
    status          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    published_at    TEXT,
    expires_at      TEXT NOT NULL,
    reviewed_by     TEXT NOT NULL DEFAULT '',
    review_note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alerts_org ON alerts (organisation_id, id);
CREATE INDEX alerts_status ON alerts (status, expires_at);

-- Every step of an alert, for the audit trail: who wrote, published,
-- rejected or withdrew it, when and why.
CREATE TABLE alert_events (
    id          INTEGER PRIMARY KEY,
    alert_id    INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alert_events_alert ON alert_events (alert_id, id);

-- Where an organisation wants to be told: a webhook URL (signed with
-- secret, HMAC-SHA256) or an email address. threshold is how many reports
-- naming the organisation within a day trigger a notice.
CREATE TABLE org_webhooks (
    id              INTEGER PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    kind            TEXT NOT NULL,
    target          TEXT NOT NULL,
    secret          TEXT NOT NULL DEFAULT '',
    threshold       INTEGER NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX org_webhooks_org ON org_webhooks (organisation_id, id);

-- One row per notice and destination: (webhook_id, event_key) is unique,
-- so every node may find the same event and only one notice goes out.
-- Pending rows are retried with backoff until delivered or failed.
CREATE TABLE org_webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    webhook_id      INTEGER NOT NULL REFERENCES org_webhooks (id) ON DELETE CASCADE,
    event_key       TEXT NOT NULL,
    event           TEXT NOT NULL,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_attempt_at TEXT,
    response_status INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    UNIQUE (webhook_id, event_key)
);
CREATE INDEX org_webhook_deliveries_due ON org_webhook_deliveries (status, next_attempt_at);
