-- Failed sign-ins per account and client network (IPv4 /24, IPv6 /48), so
-- that password guessing is slowed across restarts, while the right
-- password from another network still works and an administrator can see
-- and clear throttles (docs/security.md). Emails of accounts that don't
-- exist are counted too: the answer must never reveal which exist.
CREATE TABLE signin_failures (
    account  TEXT NOT NULL,
    network  TEXT NOT NULL,
    failures INTEGER NOT NULL,
    first_at TEXT NOT NULL,
    last_at  TEXT NOT NULL,
    PRIMARY KEY (account, network)
);
CREATE INDEX signin_failures_network ON signin_failures (network, last_at);
CREATE INDEX signin_failures_last ON signin_failures (last_at);
