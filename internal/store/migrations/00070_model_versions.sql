-- Versions of the text model, like rule_versions: the newest is active.
-- model is the whole model file as written by `bot train` (its short id is
-- the first 12 hex digits of sha256).

-- +goose Up
CREATE TABLE model_versions (
    version    INTEGER PRIMARY KEY CHECK (version > 0),
    model      BLOB    NOT NULL,
    sha256     TEXT    NOT NULL,
    author     TEXT    NOT NULL,
    summary    TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

-- +goose Down
DROP TABLE model_versions;
