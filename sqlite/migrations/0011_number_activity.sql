-- What people do about a number that is not evidence: open its page
-- (lookup, one per browser a day) or say "this number called me" (called,
-- one per network a day). visitor is a keyed hash, never a browser id or
-- an address. Rows older than a year are dropped as new ones arrive.
CREATE TABLE number_activity (
    number  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    day     TEXT NOT NULL,
    visitor TEXT NOT NULL,
    PRIMARY KEY (number, kind, day, visitor)
);
