-- Initial schema of the cekloker store. Times are Unix milliseconds (UTC).

-- +goose Up
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;

-- Salt for the HMAC of Telegram user and chat ids; never leaves the file.
INSERT INTO meta (key, value) VALUES ('id_salt', randomblob(32));

CREATE TABLE poll_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    next_offset INTEGER NOT NULL
) STRICT;

INSERT INTO poll_state (id, next_offset) VALUES (1, 0);

CREATE TABLE handled_updates (
    update_id  INTEGER PRIMARY KEY,
    handled_at INTEGER NOT NULL
) STRICT;

CREATE INDEX handled_updates_handled_at ON handled_updates (handled_at);

CREATE TABLE answers (
    chat_key         TEXT    NOT NULL, -- salted hash of the chat id
    message_id       INTEGER NOT NULL,
    text_hash        TEXT    NOT NULL,
    reply_message_id INTEGER NOT NULL,
    answered_at      INTEGER NOT NULL,
    PRIMARY KEY (chat_key, message_id, text_hash)
) STRICT;

CREATE INDEX answers_answered_at ON answers (answered_at);

CREATE TABLE group_settings (
    chat_id     INTEGER PRIMARY KEY CHECK (chat_id < 0),
    auto_screen INTEGER NOT NULL,
    min_level   TEXT    NOT NULL CHECK (min_level IN ('low', 'medium', 'high')),
    lang        TEXT    NOT NULL CHECK (lang IN ('auto', 'id', 'en')),
    delete_high INTEGER NOT NULL,
    intro_sent  INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE screenings (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    screened_at   INTEGER NOT NULL,
    chat_type     TEXT    NOT NULL CHECK (chat_type IN ('private', 'group', 'supergroup', 'cli')),
    chat_id       INTEGER NOT NULL,
    source        TEXT    NOT NULL CHECK (source IN ('message', 'edit', 'cek', 'caption', 'forward')),
    level         TEXT    NOT NULL,
    score         INTEGER NOT NULL,
    is_job_ad     INTEGER NOT NULL,
    rule_ids      TEXT    NOT NULL, -- JSON array, in verdict order
    text_hash     TEXT    NOT NULL,
    text          TEXT,             -- NULL unless BOT_STORE_TEXT=1
    rules_version INTEGER NOT NULL,
    CHECK (chat_type IN ('group', 'supergroup') OR chat_id = 0)
) STRICT;

CREATE INDEX screenings_screened_at ON screenings (screened_at);

CREATE TABLE screening_hits (
    screening_id INTEGER NOT NULL REFERENCES screenings (id) ON DELETE CASCADE,
    rule_id      TEXT    NOT NULL,
    PRIMARY KEY (screening_id, rule_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX screening_hits_rule_id ON screening_hits (rule_id, screening_id);

CREATE TABLE verdicts (
    token        TEXT    PRIMARY KEY,
    screening_id INTEGER NOT NULL REFERENCES screenings (id) ON DELETE CASCADE,
    verdict      BLOB    NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX verdicts_expires_at ON verdicts (expires_at);
CREATE INDEX verdicts_screening_id ON verdicts (screening_id);

CREATE TABLE feedback (
    screening_id INTEGER NOT NULL REFERENCES screenings (id) ON DELETE CASCADE,
    user_hash    TEXT    NOT NULL, -- salted hash of the user id
    vote         TEXT    NOT NULL CHECK (vote IN ('helpful', 'wrong')),
    voted_at     INTEGER NOT NULL,
    PRIMARY KEY (screening_id, user_hash)
) STRICT;

CREATE INDEX feedback_voted_at ON feedback (voted_at);

CREATE TABLE rule_versions (
    version    INTEGER PRIMARY KEY CHECK (version > 0),
    yaml       BLOB    NOT NULL,
    sha256     TEXT    NOT NULL,
    author     TEXT    NOT NULL,
    summary    TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE admin_actions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at INTEGER NOT NULL,
    user_id    INTEGER,          -- NULL when the command was refused
    user_hash  TEXT    NOT NULL, -- salted hash of the user id
    command    TEXT    NOT NULL,
    allowed    INTEGER NOT NULL
) STRICT;

-- +goose Down
DROP TABLE admin_actions;
DROP TABLE rule_versions;
DROP TABLE feedback;
DROP TABLE verdicts;
DROP TABLE screening_hits;
DROP TABLE screenings;
DROP TABLE group_settings;
DROP TABLE answers;
DROP TABLE handled_updates;
DROP TABLE poll_state;
DROP TABLE meta;
