-- Websites named in reports are evidence, like numbers (docs/reputation.md).
-- Their evidence lives in reputation_evidence with number = 'site:' and the
-- domain, so the same per-reporter check and replay log serve both.

-- A deleted report's evidence is found by its reference, whatever it names.
CREATE INDEX reputation_evidence_report ON reputation_evidence (report_ref) WHERE report_ref <> '';

-- An analyst's standing decision about a website: confirmed (a scam site)
-- or cleared (not one).
CREATE TABLE site_decisions (
    domain   TEXT PRIMARY KEY,
    decision TEXT NOT NULL,
    reason   TEXT NOT NULL,
    actor    TEXT NOT NULL,
    at       TEXT NOT NULL
);

-- Who changed a website's standing, and why.
CREATE TABLE site_changes (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    domain TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX site_changes_domain ON site_changes (domain, id);
