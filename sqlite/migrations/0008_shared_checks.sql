-- Check results kept for a short link (/c/ID) for 30 days, so a person can
-- come back to an answer or show it to someone they trust. body is the JSON
-- of the request without the person's notes and of the result without the
-- analysis of those notes: no personal data. Rows past expires_at are never
-- shown and are deleted as new ones are saved.
CREATE TABLE shared_checks (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    body       TEXT NOT NULL
);
CREATE INDEX shared_checks_expiry ON shared_checks (expires_at);

-- One vocabulary: a report's answers to "what happened" take the words the
-- call check uses for the same things (install, website, payment); the API
-- still reads the older words.
UPDATE reports SET happened = replace(replace(replace(happened, 'installed_software', 'install'), 'visited_site', 'website'), 'paid', 'payment')
WHERE happened <> '';
