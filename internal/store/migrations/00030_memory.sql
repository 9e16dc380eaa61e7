-- Reports, review decisions and the memory of confirmed scams.
-- Times are Unix milliseconds (UTC).

-- +goose Up
-- One reported ad. Its contacts are the recruiter's published contacts;
-- the text is kept only with BOT_STORE_TEXT=1.
CREATE TABLE report_items (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ad_key     TEXT    NOT NULL UNIQUE, -- SHA-256 of the reported text
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
    skipped_at INTEGER NOT NULL,        -- 0, or when an admin last skipped it
    level      TEXT    NOT NULL,
    score      INTEGER NOT NULL,
    rule_ids   TEXT    NOT NULL,        -- JSON array
    signature  BLOB,                    -- 64-byte near-duplicate signature, or NULL
    contacts   TEXT    NOT NULL,        -- JSON array of {kind, value, raw}
    text       TEXT                     -- NULL unless BOT_STORE_TEXT=1
) STRICT;

CREATE INDEX report_items_queue ON report_items (status, skipped_at, created_at);

-- Who reported it: a salted hash of the reporter, and the group (title)
-- it was reported in (chat_id 0 for private chats). One row per reporter.
CREATE TABLE reports (
    item_id       INTEGER NOT NULL REFERENCES report_items (id) ON DELETE CASCADE,
    reporter_hash TEXT    NOT NULL,
    reported_at   INTEGER NOT NULL,
    chat_id       INTEGER NOT NULL,
    chat_title    TEXT    NOT NULL,
    PRIMARY KEY (item_id, reporter_hash)
) STRICT;

CREATE INDEX reports_reporter ON reports (reporter_hash, reported_at);

-- Every review decision: who (a bot admin's id), when, what.
CREATE TABLE review_decisions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id    INTEGER NOT NULL,
    admin_id   INTEGER NOT NULL,
    decided_at INTEGER NOT NULL,
    decision   TEXT    NOT NULL CHECK (decision IN ('scam', 'not_scam', 'skip'))
) STRICT;

-- Confirmed scams (from reports or imports).
CREATE TABLE memory_entries (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    source         TEXT    NOT NULL,
    confirmed_at   INTEGER NOT NULL,
    reports        INTEGER NOT NULL,
    last_report_at INTEGER NOT NULL,
    signature      BLOB,
    contacts       TEXT    NOT NULL,
    item_id        INTEGER,          -- the report item it was confirmed from
    forgotten_at   INTEGER           -- set by /forget
) STRICT;

CREATE INDEX memory_entries_item ON memory_entries (item_id);

-- Forgotten contact keys ("phone:+855...") and known templates ("entry:-N").
CREATE TABLE memory_forgotten (
    key          TEXT    PRIMARY KEY,
    forgotten_at INTEGER NOT NULL,
    admin_id     INTEGER NOT NULL
) STRICT;

-- Every change of memory; the memory version is the largest id.
CREATE TABLE memory_log (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     INTEGER NOT NULL,
    actor  TEXT    NOT NULL,
    action TEXT    NOT NULL,
    detail TEXT    NOT NULL
) STRICT;

-- Which screenings memory entries raised, and by how much.
CREATE TABLE memory_hits (
    screening_id INTEGER NOT NULL REFERENCES screenings (id) ON DELETE CASCADE,
    entry_id     INTEGER NOT NULL,
    weight       INTEGER NOT NULL,
    PRIMARY KEY (screening_id, entry_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX memory_hits_entry ON memory_hits (entry_id);

-- +goose Down
DROP TABLE memory_hits;
DROP TABLE memory_log;
DROP TABLE memory_forgotten;
DROP TABLE memory_entries;
DROP TABLE review_decisions;
DROP TABLE reports;
DROP TABLE report_items;
