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

// Migration 00060 drops the CHECK on the group language and keeps the
// rows; the store checks the language against Options.Languages instead.
func TestGroupLangAnyMigration(t *testing.T) {
	s, _ := openTest(t, Options{Languages: []string{"id", "en", "tl"}})
	ctx := context.Background()
	p, err := newProvider(s.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 50); err != nil {
		t.Fatal(err)
	}
	insert := func(id int64, lang string) error {
		_, err := s.db.ExecContext(ctx, `INSERT INTO group_settings
			(chat_id, auto_screen, min_level, lang, delete_high, intro_sent, title, updated_at)
			VALUES (?, 0, 'high', ?, 1, 1, 'Pekerja Migran', 5)`, id, lang)
		return err
	}
	if err := insert(-400, "en"); err != nil {
		t.Fatal(err)
	}
	if err := insert(-401, "tl"); err == nil {
		t.Fatal("before 00060 the database took lang 'tl'")
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	want := GroupSettings{ChatID: -400, MinLevel: "high", Lang: "en", DeleteHigh: true, IntroSent: true, Title: "Pekerja Migran"}
	if gs, err := s.GroupSettings(ctx, -400); err != nil || gs != want {
		t.Errorf("after 00060: %+v (%v), want %+v", gs, err, want)
	}
	if err := s.SaveGroupSettings(ctx, GroupSettings{ChatID: -401, Lang: "tl"}); err != nil {
		t.Errorf("a language of Options.Languages: %v", err)
	}
	if err := s.SaveGroupSettings(ctx, GroupSettings{ChatID: -402, Lang: "fr"}); err == nil {
		t.Error("a language outside Options.Languages was stored")
	}
	if _, err := p.DownTo(ctx, 50); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	for id, lang := range map[int64]string{-400: "en", -401: "id"} { // down has no tl
		if gs, err := s.GroupSettings(ctx, id); err != nil || gs.Lang != lang {
			t.Errorf("after down and up: group %d lang %q (%v), want %q", id, gs.Lang, err, lang)
		}
	}
}
