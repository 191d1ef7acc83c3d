-- Check results kept for a short link (/c/ID) for 30 days, as in SQLite's
-- shared_checks migration: body is the JSON of the request without the person's notes and of
-- the result without the analysis of those notes, so no personal data.
-- Rows past expires_at are never shown and are deleted as new ones are
-- saved.
CREATE TABLE shared_checks (
    id         text PRIMARY KEY,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    body       jsonb NOT NULL
);
CREATE INDEX shared_checks_expiry ON shared_checks (expires_at);

-- One vocabulary: a report's answers to "what happened" take the words the
-- call check uses for the same things (install, website, payment).
UPDATE reports SET happened = replace(replace(replace(happened, 'installed_software', 'install'), 'visited_site', 'website'), 'paid', 'payment')
WHERE happened <> '';
