-- The organisation portal (docs/registry.md, "Facts an organisation
-- publishes").
--
-- The "member" role is now org_member; org_admin manages one organisation.
UPDATE users SET role = 'org_member' WHERE role = 'member';

-- API keys can belong to one organisation (scope "org"): its own systems
-- keep its published facts in step through /api/v1/org/.
ALTER TABLE api_keys ADD COLUMN organisation_id TEXT NOT NULL DEFAULT '';

-- A claim to speak for an organisation, proven by control of a domain.
-- Only the hash of the emailed link's token is kept; the password hash is
-- the account's, made when the claim is verified.
CREATE TABLE org_claims (
    id                INTEGER PRIMARY KEY,
    organisation_id   TEXT NOT NULL,
    organisation_name TEXT NOT NULL DEFAULT '',
    domain            TEXT NOT NULL,
    email             TEXT NOT NULL,
    password_hash     TEXT NOT NULL,
    status            TEXT NOT NULL,
    queue_reason      TEXT NOT NULL DEFAULT '',
    token_hash        BLOB NOT NULL UNIQUE,
    challenge         TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    verified_at       TEXT,
    method            TEXT NOT NULL DEFAULT '',
    decided_by        TEXT NOT NULL DEFAULT '',
    user_id           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX org_claims_org ON org_claims (organisation_id, status);
CREATE INDEX org_claims_status ON org_claims (status, id);

-- Facts an organisation published. A number or domain can be verified for
-- one organisation only: the partial unique index is the last word when two
-- organisations race for the same one.
CREATE TABLE org_facts (
    id              INTEGER PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    kind            TEXT NOT NULL,
    value           TEXT NOT NULL,
    number          TEXT NOT NULL DEFAULT '',
    role            TEXT NOT NULL DEFAULT '',
    text            TEXT NOT NULL DEFAULT '',
    callback        INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL,
    method          TEXT NOT NULL DEFAULT '',
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    verified_at     TEXT,
    verified_by     TEXT NOT NULL DEFAULT '',
    code_hash       BLOB,
    code_expires    TEXT NOT NULL DEFAULT '',
    code_attempts   INTEGER NOT NULL DEFAULT 0,
    codes_sent      INTEGER NOT NULL DEFAULT 0,
    code_window     TEXT NOT NULL DEFAULT '',
    challenge       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX org_facts_org ON org_facts (organisation_id, id);
CREATE UNIQUE INDEX org_facts_one_owner ON org_facts (kind, value) WHERE status = 'verified' AND kind IN ('number', 'domain');

-- Every claim step, refusal and change to published facts: who, when, why.
CREATE TABLE org_audit (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL,
    subject         TEXT NOT NULL,
    detail          TEXT NOT NULL
);
CREATE INDEX org_audit_org ON org_audit (organisation_id, id);
