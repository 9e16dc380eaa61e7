-- Whether a group's admins let the bot read the text in images posted in
-- the group (off unless a row says otherwise).

-- +goose Up
CREATE TABLE group_images (
    chat_id     INTEGER PRIMARY KEY CHECK (chat_id < 0),
    read_images INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

-- +goose Down
DROP TABLE group_images;
