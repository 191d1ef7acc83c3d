-- The change feed between nodes (see changes.go). NOTIFY wakes the other
-- nodes at once, but a notice sent while a node's listening connection was
-- down is lost; each topic's version counter lets a periodic poll catch
-- what NOTIFY missed.
CREATE TABLE change_versions (
    topic   text PRIMARY KEY,
    version bigint NOT NULL
);
