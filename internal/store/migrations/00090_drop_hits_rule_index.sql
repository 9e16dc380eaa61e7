-- The index of rule hits by rule is dropped: keeping it cost more than
-- anything else in storing a screening (each of a screening's rules lands
-- in another part of the index, so every screening split and rewrote
-- several of its pages), and the one query that used it (RuleHits, the
-- admins' rule statistics) walked it over all 90 days of a rule's hits.
-- Without it, that query reads the screenings of its window by
-- screenings_screened_at and looks each up in screening_hits' primary key
-- (screening_id, rule_id); RuleHitCounts never used it.

-- +goose Up
DROP INDEX screening_hits_rule_id;

-- +goose Down
CREATE INDEX screening_hits_rule_id ON screening_hits (rule_id, screening_id);
