-- Which text model took part in a verdict: the short id of the model
-- (the first 12 hex digits of its file's SHA-256, as in model_versions),
-- NULL when the bot screened with the rules alone (BOT_MODEL=off) and for
-- the screenings made before this column. Adding a column with no default
-- does not rewrite the table.

-- +goose Up
ALTER TABLE screenings ADD COLUMN model_version TEXT;

-- +goose Down
ALTER TABLE screenings DROP COLUMN model_version;
