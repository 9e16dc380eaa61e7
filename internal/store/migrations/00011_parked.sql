-- Updates whose handling takes long (a hung send, a slow file) are parked
-- here, raw, so that the getUpdates offset can move past them and other
-- chats are not held up; a parked update is handled after a restart too.
-- The row goes in the same transaction that marks the update handled.

-- +goose Up
CREATE TABLE parked_updates (
    update_id INTEGER PRIMARY KEY,
    raw       BLOB    NOT NULL,
    parked_at INTEGER NOT NULL
) STRICT;

-- +goose Down
DROP TABLE parked_updates;
