-- The organisation registry. Each organisation is stored whole as a JSON
-- document, as in SQLite: the registry is read into memory in one piece and
-- written in all-or-nothing imports, so child tables would buy nothing but
-- joins. The id is the stable slug used in URLs.
CREATE TABLE organisations (
    id         text PRIMARY KEY,
    body       jsonb NOT NULL,
    updated_at timestamptz NOT NULL
);
