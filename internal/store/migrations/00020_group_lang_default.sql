-- The group's reply language is a group setting, Indonesian by default; the
-- poster's language ("auto") is no longer used. Existing "auto" groups
-- become Indonesian.

-- +goose Up
UPDATE group_settings SET lang = 'id' WHERE lang = 'auto';

-- +goose Down
SELECT 1;
