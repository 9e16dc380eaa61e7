-- The group's reply language may be any language the bot has (a catalog
-- and texts in the rules), not only 'auto', 'id' and 'en': the CHECK on
-- group_settings.lang goes, and the store checks the language in Go
-- against Options.Languages. SQLite cannot drop a CHECK, so the table is
-- rebuilt with its rows. Down puts the CHECK back; a group whose language
-- it would refuse falls back to Indonesian.

-- +goose Up
CREATE TABLE group_settings_new (
    chat_id     INTEGER PRIMARY KEY CHECK (chat_id < 0),
    auto_screen INTEGER NOT NULL,
    min_level   TEXT    NOT NULL CHECK (min_level IN ('low', 'medium', 'high')),
    lang        TEXT    NOT NULL,
    delete_high INTEGER NOT NULL,
    intro_sent  INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;
INSERT INTO group_settings_new
    (chat_id, auto_screen, min_level, lang, delete_high, intro_sent, title, updated_at)
    SELECT chat_id, auto_screen, min_level, lang, delete_high, intro_sent, title, updated_at
    FROM group_settings;
DROP TABLE group_settings;
ALTER TABLE group_settings_new RENAME TO group_settings;

-- +goose Down
CREATE TABLE group_settings_old (
    chat_id     INTEGER PRIMARY KEY CHECK (chat_id < 0),
    auto_screen INTEGER NOT NULL,
    min_level   TEXT    NOT NULL CHECK (min_level IN ('low', 'medium', 'high')),
    lang        TEXT    NOT NULL CHECK (lang IN ('auto', 'id', 'en')),
    delete_high INTEGER NOT NULL,
    intro_sent  INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;
INSERT INTO group_settings_old
    (chat_id, auto_screen, min_level, lang, delete_high, intro_sent, title, updated_at)
    SELECT chat_id, auto_screen, min_level,
           CASE WHEN lang IN ('auto', 'id', 'en') THEN lang ELSE 'id' END,
           delete_high, intro_sent, title, updated_at
    FROM group_settings;
DROP TABLE group_settings;
ALTER TABLE group_settings_old RENAME TO group_settings;
