package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// Migration 00080 rebuilds the screenings table with its CHECKs written
// as OR-ed comparisons: every row, the rows that refer to them, the
// foreign keys and the AUTOINCREMENT counter survive, and storing a
// screening no longer builds a temporary b-tree.
func TestScreeningsChecksMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bot.db")
	old, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	p, err := newProvider(old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 50); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO screenings (id, screened_at, chat_type, chat_id, source, level, score, is_job_ad, rule_ids, text_hash, text, rules_version)
		 VALUES (1, 1000, 'private', 0, 'message', 'high', 9, 1, '["a","b"]', 'h1', NULL, 1),
		        (2, 2000, 'supergroup', -100, 'edit', 'low', 0, 0, '[]', 'h2', 'kept text', 1),
		        (3, 3000, 'cli', 0, 'forward', 'medium', 4, 1, '["a"]', 'h3', NULL, 2),
		        (10, 4000, 'private', 0, 'cek', 'low', 0, 0, '[]', 'h10', NULL, 2)`,
		`DELETE FROM screenings WHERE id = 10`, // the counter stays at 10
		`INSERT INTO screening_hits (screening_id, rule_id) VALUES (1, 'a'), (1, 'b'), (3, 'a')`,
		`INSERT INTO verdicts (token, screening_id, verdict, created_at, expires_at) VALUES ('t1', 1, x'7b7d', 1, 9999999999999)`,
		`INSERT INTO feedback (screening_id, user_hash, vote, voted_at) VALUES (2, 'u', 'wrong', 1)`,
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	s := openAt(t, path, Options{Now: newClock().Now})
	defer s.Close()
	for q, want := range map[string]int{
		`SELECT count(*) FROM screenings`:                                             3,
		`SELECT count(*) FROM screenings WHERE text = 'kept text' AND chat_id = -100`: 1,
		`SELECT count(*) FROM screening_hits`:                                         3,
		`SELECT count(*) FROM verdicts`:                                               1,
		`SELECT count(*) FROM feedback`:                                               1,
		`SELECT seq FROM sqlite_sequence WHERE name = 'screenings'`:                   10,
		`SELECT count(*) FROM sqlite_sequence WHERE name = 'screenings_new'`:          0,
		`SELECT count(*) FROM sqlite_master WHERE name = 'screenings_screened_at'`:    1,
		`SELECT count(*) FROM pragma_foreign_key_check`:                               0,
		`SELECT count(*) FROM pragma_foreign_keys WHERE foreign_keys = 1`:             1,
	} {
		if got := count(t, s, q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
	var schema string
	if err := s.db.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE name = 'screenings'`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(schema, " IN (") {
		t.Errorf("the screenings table still has IN lists: %s", schema)
	}

	// New ids go on from the counter; the CHECKs still hold.
	id, err := s.RecordScreening(ctx, Screening{ChatType: "private", Source: "message", Level: "low", TextHash: sha("x")})
	if err != nil || id != 11 {
		t.Errorf("new screening: id %d, %v; want 11", id, err)
	}
	for _, bad := range []string{
		`INSERT INTO screenings (screened_at, chat_type, chat_id, source, level, score, is_job_ad, rule_ids, text_hash, rules_version)
		 VALUES (1, 'channel', 0, 'message', 'low', 0, 0, '[]', 'h', 1)`,
		`INSERT INTO screenings (screened_at, chat_type, chat_id, source, level, score, is_job_ad, rule_ids, text_hash, rules_version)
		 VALUES (1, 'private', 0, 'poll', 'low', 0, 0, '[]', 'h', 1)`,
		`INSERT INTO screenings (screened_at, chat_type, chat_id, source, level, score, is_job_ad, rule_ids, text_hash, rules_version)
		 VALUES (1, 'private', 5, 'message', 'low', 0, 0, '[]', 'h', 1)`,
		`INSERT INTO screening_hits (screening_id, rule_id) VALUES (99, 'a')`,
	} {
		if _, err := s.db.ExecContext(ctx, bad); err == nil {
			t.Errorf("accepted: %s", bad)
		}
	}
	// The references still cascade.
	if _, err := s.db.ExecContext(ctx, `DELETE FROM screenings WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `SELECT count(*) FROM screening_hits WHERE screening_id = 1`) + count(t, s, `SELECT count(*) FROM verdicts`); n != 0 {
		t.Errorf("%d rows of screening 1 left after deleting it", n)
	}

	// The insert of the hot path builds no temporary b-tree.
	rows, err := s.db.QueryContext(ctx, `EXPLAIN INSERT INTO screenings (id, screened_at, chat_type, chat_id, source, level, score,
		is_job_ad, rule_ids, text_hash, text, rules_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		20, 1, "private", 0, "message", "low", 0, 0, "[]", "h", nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		if op, _ := vals[1].(string); op == "OpenEphemeral" {
			t.Errorf("the screening insert opens a temporary b-tree (instruction %v)", vals[0])
		}
	}
}

// After migration 00090 the admins' rule statistics read the screenings
// of their window and probe the hits' primary key.
func TestRuleHitsPlan(t *testing.T) {
	s, _ := openTest(t, Options{})
	rows, err := s.db.QueryContext(context.Background(), `EXPLAIN QUERY PLAN SELECT count(*) FROM screening_hits h
		 JOIN screenings s ON s.id = h.screening_id
		 WHERE h.rule_id = ? AND s.screened_at >= ?`, "r", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	got := strings.Join(plan, "; ")
	if !strings.Contains(got, "screenings_screened_at") || !strings.Contains(got, "PRIMARY KEY") || strings.Contains(got, "SCAN") {
		t.Errorf("RuleHits plan: %s", got)
	}
}
