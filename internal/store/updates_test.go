package store

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestOffsetAndHandled(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t, Options{})

	if off, err := s.Offset(ctx); err != nil || off != 0 {
		t.Fatalf("initial Offset = %d, %v; want 0", off, err)
	}
	for range 2 { // idempotent
		if err := s.MarkHandled(ctx, 5); err != nil {
			t.Fatalf("MarkHandled: %v", err)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM handled_updates`); n != 1 {
		t.Errorf("handled rows = %d, want 1", n)
	}

	steps := []struct {
		name      string
		update    int
		next      int
		set       int // SetOffset before, if > 0
		want      int
		handledID int
	}{
		{name: "advance", update: 9, next: 10, want: 10, handledID: 9},
		{name: "late handler does not go back", update: 7, next: 8, want: 10, handledID: 7},
		{name: "again same id", update: 9, next: 10, want: 10, handledID: 9},
		{name: "SetOffset sets exactly", set: 3, update: 11, next: 2, want: 3, handledID: 11},
	}
	for _, st := range steps {
		if st.set > 0 {
			if err := s.SetOffset(ctx, st.set); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.MarkHandledAndAdvance(ctx, st.update, st.next); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if off, err := s.Offset(ctx); err != nil || off != st.want {
			t.Errorf("%s: Offset = %d, %v; want %d", st.name, off, err, st.want)
		}
		if ok, err := s.IsHandled(ctx, st.handledID); err != nil || !ok {
			t.Errorf("%s: IsHandled(%d) = %v, %v", st.name, st.handledID, ok, err)
		}
	}
	if ok, err := s.IsHandled(ctx, 8); err != nil || ok {
		t.Errorf("IsHandled(8) = %v, %v; want false", ok, err)
	}
}

func TestAnswersDedupe(t *testing.T) {
	ctx := context.Background()
	s, clk := openTest(t, Options{})
	const chat, other int64 = 987654321, -100123
	h1, h2 := sha("lowongan kerja v1"), sha("lowongan kerja v2")

	if _, ok, err := s.Answered(ctx, chat, 10, h1); err != nil || ok {
		t.Fatalf("Answered before any answer = %v, %v", ok, err)
	}
	if _, ok, err := s.LastAnswer(ctx, chat, 10); err != nil || ok {
		t.Fatalf("LastAnswer before any answer = %v, %v", ok, err)
	}
	if err := s.RecordAnswer(ctx, chat, 10, h1, 100); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Minute)
	if err := s.RecordAnswer(ctx, chat, 10, h2, 101); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordAnswer(ctx, chat, 10, "not a hash", 102); err == nil {
		t.Error("RecordAnswer accepted a malformed hash")
	}

	tests := []struct {
		name  string
		chat  int64
		msg   int
		hash  string
		reply int
		ok    bool
	}{
		{"first text", chat, 10, h1, 100, true},
		{"edited text", chat, 10, h2, 101, true},
		{"upper-case hash", chat, 10, strings.ToUpper(h2), 101, true},
		{"new text", chat, 10, sha("v3"), 0, false},
		{"other message", chat, 11, h1, 0, false},
		{"other chat", other, 10, h1, 0, false},
	}
	for _, tc := range tests {
		reply, ok, err := s.Answered(ctx, tc.chat, tc.msg, tc.hash)
		if err != nil || ok != tc.ok || reply != tc.reply {
			t.Errorf("%s: Answered = %d, %v, %v; want %d, %v", tc.name, reply, ok, err, tc.reply, tc.ok)
		}
	}
	if reply, ok, err := s.LastAnswer(ctx, chat, 10); err != nil || !ok || reply != 101 {
		t.Errorf("LastAnswer = %d, %v, %v; want 101", reply, ok, err)
	}
	// Same message and text recorded again (e.g. after an edit back): latest wins.
	clk.Advance(time.Minute)
	if err := s.RecordAnswer(ctx, chat, 10, h1, 103); err != nil {
		t.Fatal(err)
	}
	if reply, _, _ := s.LastAnswer(ctx, chat, 10); reply != 103 {
		t.Errorf("LastAnswer after re-record = %d, want 103", reply)
	}
	if n := count(t, s, `SELECT count(*) FROM answers`); n != 2 {
		t.Errorf("answers rows = %d, want 2", n)
	}
	// The private chat id is not stored raw.
	if n := count(t, s, `SELECT count(*) FROM answers WHERE instr(chat_key, ?) > 0`,
		strconv.FormatInt(chat, 10)); n != 0 {
		t.Errorf("%d answers rows contain the raw chat id", n)
	}
}

func TestGroupSettings(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t, Options{})

	got, err := s.GroupSettings(ctx, -1001)
	if err != nil {
		t.Fatal(err)
	}
	if want := (GroupSettings{ChatID: -1001, AutoScreen: true, MinLevel: "medium", Lang: "id"}); got != want {
		t.Errorf("defaults = %+v, want %+v", got, want)
	}

	tests := []struct {
		name    string
		in      GroupSettings
		want    GroupSettings
		wantErr bool
	}{
		{
			name: "all fields",
			in:   GroupSettings{ChatID: -1001, AutoScreen: false, MinLevel: "high", Lang: "id", DeleteHigh: true, IntroSent: true, Title: "Pekerja Migran"},
			want: GroupSettings{ChatID: -1001, AutoScreen: false, MinLevel: "high", Lang: "id", DeleteHigh: true, IntroSent: true, Title: "Pekerja Migran"},
		},
		{
			name: "empty level and lang become defaults",
			in:   GroupSettings{ChatID: -1002, AutoScreen: true, Title: "B"},
			want: GroupSettings{ChatID: -1002, AutoScreen: true, MinLevel: "medium", Lang: "id", Title: "B"},
		},
		{
			name: "overwrite",
			in:   GroupSettings{ChatID: -1001, MinLevel: "low", Lang: "en", Title: "Renamed"},
			want: GroupSettings{ChatID: -1001, MinLevel: "low", Lang: "en", Title: "Renamed"},
		},
		{name: "bad level", in: GroupSettings{ChatID: -1003, MinLevel: "extreme"}, wantErr: true},
		{name: "bad lang", in: GroupSettings{ChatID: -1003, Lang: "fr"}, wantErr: true},
		{name: "private chat id", in: GroupSettings{ChatID: 42}, wantErr: true},
	}
	for _, tc := range tests {
		err := s.SaveGroupSettings(ctx, tc.in)
		if tc.wantErr {
			if err == nil {
				t.Errorf("%s: SaveGroupSettings succeeded", tc.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got, err := s.GroupSettings(ctx, tc.in.ChatID); err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
	groups, err := s.Groups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 2 || groups[0].ChatID != -1002 || groups[1].Title != "Renamed" {
		t.Errorf("Groups = %+v, want -1002 then -1001 (Renamed)", groups)
	}
}

func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t, Options{})
	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*3)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				id := w*each + i + 1
				if err := s.MarkHandledAndAdvance(ctx, id, id+1); err != nil {
					errs <- err
				}
				if _, err := s.RecordScreening(ctx, Screening{ChatType: "group", ChatID: -5, Source: "message",
					Level: "low", TextHash: sha(strconv.Itoa(id)), RuleIDs: []string{"r1"}}); err != nil {
					errs <- err
				}
				if _, err := s.IsHandled(ctx, id); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if off, _ := s.Offset(ctx); off != workers*each+1 {
		t.Errorf("Offset = %d, want %d", off, workers*each+1)
	}
	if n := count(t, s, `SELECT count(*) FROM handled_updates`); n != workers*each {
		t.Errorf("handled = %d, want %d", n, workers*each)
	}
	if n, _ := s.RuleHits(ctx, "r1", time.Time{}); n != workers*each {
		t.Errorf("RuleHits = %d, want %d", n, workers*each)
	}
}
