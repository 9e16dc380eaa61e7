package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestSecondOpenIsRefusedWithAClearMessage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bot.db")
	s := openAt(t, path, Options{})
	_, err := Open(ctx, path, Options{})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path+".lock") || !strings.Contains(err.Error(), "pid") {
		t.Fatalf("second Open: %v, want ErrLocked naming the lock file and the pid", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path, Options{})
	s.Close()
}

func TestFilesArePrivate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bot.db")
	s := openAt(t, path, Options{})
	defer s.Close()
	if err := s.SetOffset(ctx, 3); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", path + ".lock"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if m := fi.Mode().Perm(); m != 0o600 {
			t.Errorf("%s has mode %o, want 600", filepath.Base(p), m)
		}
	}
}

func TestUnitCommitsEverythingOrNothing(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t, Options{StoreText: true})
	u := s.Unit(42)
	uctx := WithUnit(ctx, u)
	sid, err := s.RecordScreening(uctx, Screening{ChatType: "private", Source: "message", Level: "high",
		RuleIDs: []string{"a", "b"}, TextHash: sha("x"), Text: strings.Repeat("é", MaxStoredText)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordAnswer(uctx, 5, 7, sha("x"), 9); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `SELECT count(*) FROM screenings`); n != 0 {
		t.Fatalf("%d screenings written before the commit", n)
	}
	// The disk fills up: nothing of the unit is written.
	var pages int
	if err := s.wdb.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.wdb.Exec(`PRAGMA max_page_count = ` + itoa(pages)); err != nil {
		t.Fatal(err)
	}
	err = u.Commit(ctx)
	if err == nil || !strings.Contains(err.Error(), "is full") {
		t.Fatalf("commit on a full disk: %v, want it to say the disk is full", err)
	}
	if done, _ := s.IsHandled(ctx, 42); done {
		t.Fatal("update marked handled although its writes failed")
	}
	if _, err := s.wdb.Exec(`PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	if err := u.Commit(ctx); err != nil {
		t.Fatalf("commit after space came back: %v", err)
	}
	sc, err := s.Screening(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Text) > MaxStoredText || !strings.HasPrefix(strings.Repeat("é", MaxStoredText), sc.Text) || len(sc.Text) < MaxStoredText-1 {
		t.Errorf("stored text of %d bytes, want it cut to %d on a character boundary", len(sc.Text), MaxStoredText)
	}
	if done, _ := s.IsHandled(ctx, 42); !done {
		t.Error("update not marked handled")
	}
	if _, ok, _ := s.Answered(ctx, 5, 7, sha("x")); !ok {
		t.Error("answer not written")
	}
}

func TestWriteCheckReportsADeletedDatabase(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t, Options{})
	if err := s.WriteCheck(ctx); err != nil {
		t.Fatalf("write check on a good database: %v", err)
	}
	if err := os.Remove(s.path); err != nil {
		t.Fatal(err)
	}
	err := s.WriteCheck(ctx)
	if err == nil || !strings.Contains(err.Error(), "was deleted") {
		t.Fatalf("write check after deletion: %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
