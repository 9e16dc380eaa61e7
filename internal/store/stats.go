package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// LevelCounts returns the number of screenings made at or after since,
// by chat type and then by level.
func (s *Store) LevelCounts(ctx context.Context, since time.Time) (map[string]map[string]int, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT chat_type, level, count(*) FROM screenings
		 WHERE screened_at >= ? GROUP BY chat_type, level`, millis(since))
	if err != nil {
		return nil, fmt.Errorf("store: level counts: %w", err)
	}
	defer rows.Close()
	out := make(map[string]map[string]int)
	for rows.Next() {
		var chatType, level string
		var n int
		if err := rows.Scan(&chatType, &level, &n); err != nil {
			return nil, fmt.Errorf("store: level counts: %w", err)
		}
		if out[chatType] == nil {
			out[chatType] = make(map[string]int)
		}
		out[chatType][level] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: level counts: %w", err)
	}
	return out, nil
}

// RuleHitCounts returns, per rule id, the number of screenings made at or
// after since in which the rule matched.
func (s *Store) RuleHitCounts(ctx context.Context, since time.Time) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT h.rule_id, count(*) FROM screening_hits h
		 JOIN screenings s ON s.id = h.screening_id
		 WHERE s.screened_at >= ? GROUP BY h.rule_id`, millis(since))
	if err != nil {
		return nil, fmt.Errorf("store: rule hit counts: %w", err)
	}
	defer rows.Close()
	out := make(map[string]int)
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("store: rule hit counts: %w", err)
		}
		out[id] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: rule hit counts: %w", err)
	}
	return out, nil
}

// RuleHits returns the number of screenings made at or after since in
// which the rule matched.
func (s *Store) RuleHits(ctx context.Context, ruleID string, since time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx,
		`SELECT count(*) FROM screening_hits h
		 JOIN screenings s ON s.id = h.screening_id
		 WHERE h.rule_id = ? AND s.screened_at >= ?`, ruleID, millis(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: rule hits %q: %w", ruleID, err)
	}
	return n, nil
}

// Prune applies the retention periods relative to now: it removes
// handled-update ids older than [HandledUpdateRetention], expired
// verdicts, answers older than [AnswerRetention], and screenings older
// than [ScreeningRetention] together with their rule hits, feedback and
// verdicts. Rule versions, group settings and the admin audit log are
// kept.
func (s *Store) Prune(ctx context.Context, now time.Time) error {
	steps := []struct {
		query string
		arg   int64
	}{
		{`DELETE FROM handled_updates WHERE handled_at < ?`, millis(now.Add(-HandledUpdateRetention))},
		{`DELETE FROM parked_updates WHERE parked_at < ?`, millis(now.Add(-HandledUpdateRetention))},
		{`DELETE FROM verdicts WHERE expires_at <= ?`, millis(now)},
		{`DELETE FROM answers WHERE answered_at < ?`, millis(now.Add(-AnswerRetention))},
		// Hits, feedback and verdicts go by ON DELETE CASCADE.
		{`DELETE FROM screenings WHERE screened_at < ?`, millis(now.Add(-ScreeningRetention))},
		// Reports: rejected ads, and who reported decided ads (memory keeps the count).
		{`DELETE FROM report_items WHERE status = 'rejected' AND updated_at < ?`, millis(now.Add(-ReportRetention))},
		{`DELETE FROM reports WHERE reported_at < ? AND item_id IN (SELECT id FROM report_items WHERE status <> 'pending')`, millis(now.Add(-ReportRetention))},
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, st := range steps {
			if _, err := tx.ExecContext(ctx, st.query, st.arg); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: prune: %w", err)
	}
	return nil
}
