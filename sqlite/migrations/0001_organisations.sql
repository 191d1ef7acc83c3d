-- The organisation registry. Each organisation is stored whole as a JSON
-- document: the registry is read into memory in one piece and written in
-- all-or-nothing imports, so splitting it into child tables would buy nothing
-- but joins. The id is the stable slug used in URLs.
CREATE TABLE organisations (
    id         TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
