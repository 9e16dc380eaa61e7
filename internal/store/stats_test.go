package store

import (
	"context"
	"reflect"
	"strconv"
	"testing"
	"time"
)

func TestStats(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t, Options{})
	rows := []struct {
		age      time.Duration
		chatType string
		level    string
		rules    []string
	}{
		{time.Hour, "private", "high", []string{"passport_held", "fee_upfront"}},
		{2 * time.Hour, "private", "high", []string{"passport_held"}},
		{3 * time.Hour, "private", "low", nil},
		{time.Hour, "supergroup", "medium", []string{"fee_upfront", "fee_upfront"}}, // duplicate counted once
		{time.Hour, "cli", "high", []string{"passport_held"}},
		{48 * time.Hour, "group", "high", []string{"passport_held"}}, // before "since"
	}
	for i, r := range rows {
		_, err := s.RecordScreening(ctx, Screening{
			Time: t0.Add(-r.age), ChatType: r.chatType, ChatID: -9, Source: "message",
			Level: r.level, RuleIDs: r.rules, TextHash: sha(strconv.Itoa(i)),
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	since := t0.Add(-24 * time.Hour)

	levels, err := s.LevelCounts(ctx, since)
	if err != nil {
		t.Fatal(err)
	}
	wantLevels := map[string]map[string]int{
		"private":    {"high": 2, "low": 1},
		"supergroup": {"medium": 1},
		"cli":        {"high": 1},
	}
	if !reflect.DeepEqual(levels, wantLevels) {
		t.Errorf("LevelCounts = %v, want %v", levels, wantLevels)
	}

	hits, err := s.RuleHitCounts(ctx, since)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"passport_held": 3, "fee_upfront": 2}; !reflect.DeepEqual(hits, want) {
		t.Errorf("RuleHitCounts = %v, want %v", hits, want)
	}
	all, _ := s.RuleHitCounts(ctx, time.Time{})
	if all["passport_held"] != 4 {
		t.Errorf("RuleHitCounts(all)[passport_held] = %d, want 4", all["passport_held"])
	}

	for _, tc := range []struct {
		rule  string
		since time.Time
		want  int
	}{
		{"passport_held", since, 3},
		{"passport_held", time.Time{}, 4},
		{"passport_held", t0.Add(-90 * time.Minute), 2},
		{"fee_upfront", since, 2},
		{"unknown", since, 0},
	} {
		if got, err := s.RuleHits(ctx, tc.rule, tc.since); err != nil || got != tc.want {
			t.Errorf("RuleHits(%s, %v) = %d, %v; want %d", tc.rule, tc.since, got, err, tc.want)
		}
	}
}

func TestPrune(t *testing.T) {
	ctx := context.Background()
	s, clk := openTest(t, Options{})
	now := t0.Add(200 * 24 * time.Hour)

	// Handled updates at several ages around the 7-day boundary.
	handled := []struct {
		id   int
		age  time.Duration
		kept bool
	}{
		{1, HandledUpdateRetention + time.Hour, false},
		{2, HandledUpdateRetention + time.Millisecond, false},
		{3, HandledUpdateRetention, true},
		{4, time.Hour, true},
	}
	for _, h := range handled {
		clk.Set(now.Add(-h.age))
		if err := s.MarkHandled(ctx, h.id); err != nil {
			t.Fatal(err)
		}
	}

	// Screenings around the 90-day boundary, each with hits, feedback,
	// a verdict (long ttl) and an answer of the same age.
	screenings := []struct {
		age  time.Duration
		kept bool
	}{
		{ScreeningRetention + time.Hour, false},
		{ScreeningRetention - time.Hour, true},
		{time.Hour, true},
	}
	ids := make([]int64, len(screenings))
	for i, sc := range screenings {
		at := now.Add(-sc.age)
		clk.Set(at)
		id, err := s.RecordScreening(ctx, Screening{Time: at, ChatType: "group", ChatID: -1,
			Source: "message", Level: "high", RuleIDs: []string{"r"}, TextHash: sha(strconv.Itoa(i))})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
		if _, err := s.RecordFeedback(ctx, id, 7, VoteWrong); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveVerdict(ctx, id, []byte(`{}`), 365*24*time.Hour); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordAnswer(ctx, -1, i, sha(strconv.Itoa(i)), 100+i); err != nil {
			t.Fatal(err)
		}
	}
	// One short-lived verdict on a kept screening, expired by now.
	clk.Set(now.Add(-2 * time.Hour))
	if _, err := s.SaveVerdict(ctx, ids[2], []byte(`{}`), time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddVersion(ctx, RuleVersions, []byte("r: 1\n"), "file", "kept"); err != nil {
		t.Fatal(err)
	}

	if err := s.Prune(ctx, now); err != nil {
		t.Fatal(err)
	}

	for _, h := range handled {
		if ok, _ := s.IsHandled(ctx, h.id); ok != h.kept {
			t.Errorf("handled update %d (age %v): kept = %v, want %v", h.id, h.age, ok, h.kept)
		}
	}
	for i, sc := range screenings {
		id := ids[i]
		_, err := s.Screening(ctx, id)
		if (err == nil) != sc.kept {
			t.Errorf("screening age %v: kept = %v, want %v", sc.age, err == nil, sc.kept)
		}
		want := 0
		if sc.kept {
			want = 1
		}
		for _, table := range []string{"screening_hits", "feedback", "verdicts"} {
			if n := count(t, s, `SELECT count(*) FROM `+table+` WHERE screening_id = ?`, id); n != want {
				t.Errorf("screening age %v: %d %s rows, want %d", sc.age, n, table, want)
			}
		}
		_, answered, _ := s.Answered(ctx, -1, i, sha(strconv.Itoa(i)))
		if answered != sc.kept {
			t.Errorf("answer age %v: kept = %v, want %v", sc.age, answered, sc.kept)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM rule_versions`); n != 1 {
		t.Errorf("rule versions after Prune = %d, want 1", n)
	}
	if hits, _ := s.RuleHits(ctx, "r", time.Time{}); hits != 2 {
		t.Errorf("RuleHits after Prune = %d, want 2", hits)
	}
}
