-- The screenings table's CHECKs on chat_type and source, as comparisons
-- joined by OR instead of IN lists. Same rule, but SQLite builds an IN list
-- of more than two values into a temporary b-tree on every insert (a pager
-- and a page cache created and freed each time, with the memory trimmed
-- back to the system): that was most of the cost of storing a screening.
--
-- SQLite cannot alter a CHECK, so the table is rebuilt (the procedure of
-- https://sqlite.org/lang_altertable.html#otheralter): foreign keys are off
-- meanwhile, so dropping the old table neither cascades to the rows that
-- refer to it (hits, verdicts, feedback, memory hits) nor rewrites their
-- references; the AUTOINCREMENT counter is carried over, so no id is ever
-- handed out twice. One transaction: a crash leaves the old table as it
-- was, and the migration, not yet recorded, runs again.

-- +goose NO TRANSACTION
-- +goose Up
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TABLE screenings_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    screened_at   INTEGER NOT NULL,
    chat_type     TEXT    NOT NULL CHECK (chat_type = 'private' OR chat_type = 'group'
                                          OR chat_type = 'supergroup' OR chat_type = 'cli'),
    chat_id       INTEGER NOT NULL,
    source        TEXT    NOT NULL CHECK (source = 'message' OR source = 'edit' OR source = 'cek'
                                          OR source = 'caption' OR source = 'forward'),
    level         TEXT    NOT NULL,
    score         INTEGER NOT NULL,
    is_job_ad     INTEGER NOT NULL,
    rule_ids      TEXT    NOT NULL, -- JSON array, in verdict order
    text_hash     TEXT    NOT NULL,
    text          TEXT,             -- NULL unless BOT_STORE_TEXT=1
    rules_version INTEGER NOT NULL,
    CHECK (chat_type = 'group' OR chat_type = 'supergroup' OR chat_id = 0)
) STRICT;

INSERT INTO screenings_new (id, screened_at, chat_type, chat_id, source, level, score,
    is_job_ad, rule_ids, text_hash, text, rules_version)
SELECT id, screened_at, chat_type, chat_id, source, level, score,
    is_job_ad, rule_ids, text_hash, text, rules_version
FROM screenings ORDER BY id;

-- The counter: at least the old table's (ids of pruned rows stay used).
DELETE FROM sqlite_sequence WHERE name = 'screenings_new';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'screenings_new', max(
    coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'screenings'), 0),
    coalesce((SELECT max(id) FROM screenings_new), 0));

DROP TABLE screenings;
ALTER TABLE screenings_new RENAME TO screenings;
CREATE INDEX screenings_screened_at ON screenings (screened_at);

COMMIT;

PRAGMA foreign_keys = ON;

-- +goose Down
-- The CHECKs above say the same as the old ones: nothing to undo.
SELECT 1;
