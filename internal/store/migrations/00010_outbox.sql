-- Replies that could not be sent at once (Telegram asked to wait longer
-- than a handler may, kept failing, or a group's send budget was spent).
-- They are sent when allowed, or dropped when they expire; rows go as soon
-- as they are sent or dropped, so a reply is kept an hour at most.

-- +goose Up
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL, -- the message answered (0: none)
    text_hash  TEXT    NOT NULL, -- its text hash ('' : not an answer)
    payload    BLOB    NOT NULL, -- the message to send, as JSON
    reason     TEXT    NOT NULL,
    not_before INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX outbox_not_before ON outbox (not_before);
CREATE INDEX outbox_chat ON outbox (chat_id, id);

-- +goose Down
DROP TABLE outbox;
