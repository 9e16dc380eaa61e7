package store

import (
	"context"
	"testing"
)

// An edited message whose text goes A → B → A must show A as the latest
// answer, even when all three answers fall in the same millisecond.
func TestLatestAnswerFollowsEdits(t *testing.T) {
	s, _ := openTest(t, Options{}) // the fake clock stands still
	ctx := context.Background()
	if _, _, ok, err := s.LatestAnswer(ctx, -100, 7); ok || err != nil {
		t.Fatalf("before any answer: ok %v, err %v", ok, err)
	}
	for i, h := range []string{sha("A"), sha("B"), sha("A")} {
		if err := s.RecordAnswer(ctx, -100, 7, h, 50); err != nil {
			t.Fatal(err)
		}
		reply, got, ok, err := s.LatestAnswer(ctx, -100, 7)
		if err != nil || !ok || got != h || reply != 50 {
			t.Fatalf("after answer %d: reply %d, hash %s, ok %v, err %v; want hash %s", i, reply, got, ok, err, h)
		}
	}
	if _, _, ok, _ := s.LatestAnswer(ctx, -100, 8); ok {
		t.Error("another message has no answer")
	}
}

// Migration 00020 turns the old "auto" group language into Indonesian.
func TestGroupLangMigration(t *testing.T) {
	s, _ := openTest(t, Options{})
	ctx := context.Background()
	if err := s.SaveGroupSettings(ctx, GroupSettings{ChatID: -300, AutoScreen: true, Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	p, err := newProvider(s.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO group_settings
		(chat_id, auto_screen, min_level, lang, delete_high, intro_sent, title, updated_at)
		VALUES (-301, 1, 'medium', 'auto', 0, 0, '', 0)`); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]string{-300: "en", -301: "id"} {
		gs, err := s.GroupSettings(ctx, id)
		if err != nil || gs.Lang != want {
			t.Errorf("group %d: lang %q (%v), want %q", id, gs.Lang, err, want)
		}
	}
	if gs, _ := s.GroupSettings(ctx, -302); gs.Lang != "id" {
		t.Errorf("a new group's language is %q, want id", gs.Lang)
	}
}
