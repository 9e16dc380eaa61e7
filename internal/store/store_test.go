package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// t0 is the fake clock's start.
var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// fakeClock is a goroutine-safe settable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: t0} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// openAt opens the store at path, or fails the test; the caller closes it.
func openAt(t testing.TB, path string, opts Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, opts)
	if err != nil {
		t.Fatalf("Open %s: %v", path, err)
	}
	return s
}

// openTest opens a store in a fresh temp dir and closes it at cleanup.
func openTest(t *testing.T, opts Options) (*Store, *fakeClock) {
	t.Helper()
	clk := newClock()
	if opts.Now == nil {
		opts.Now = clk.Now
	}
	s := openAt(t, filepath.Join(t.TempDir(), "bot.db"), opts)
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s, clk
}

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func fileHash(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha(string(b))
}

// count runs a count query on the raw tables.
func count(t *testing.T, s *Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestOpenCreatesFolderAndSetsPragmas(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data", "nested")
	path := filepath.Join(dir, "bot.db")
	s := openAt(t, path, Options{})
	defer s.Close()

	info, err := os.Stat(dir)
	if err != nil {
		t.Fatalf("folder not created: %v", err)
	}
	if !info.IsDir() || info.Mode().Perm()&^0o750 != 0 {
		t.Errorf("folder mode = %v, want a directory within 0750", info.Mode())
	}
	// Several connections at once, so more than one pool member is checked.
	conns := make([]*sql.Conn, 3)
	for i := range conns {
		if conns[i], err = s.db.Conn(ctx); err != nil {
			t.Fatal(err)
		}
		defer conns[i].Close()
	}
	for i, c := range conns {
		for _, tc := range []struct{ pragma, want string }{
			{"journal_mode", "wal"},
			{"busy_timeout", "5000"},
			{"foreign_keys", "1"},
			{"synchronous", "1"}, // NORMAL
		} {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+tc.pragma).Scan(&got); err != nil {
				t.Fatalf("conn %d: PRAGMA %s: %v", i, tc.pragma, err)
			}
			if got != tc.want {
				t.Errorf("conn %d: PRAGMA %s = %q, want %q", i, tc.pragma, got, tc.want)
			}
		}
	}
}

func TestReopenKeepsOffsetAndHandled(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bot.db")
	s := openAt(t, path, Options{})
	if err := s.SetOffset(ctx, 41); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkHandled(ctx, 40); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	// Close checkpointed the WAL: nothing is left in a -wal file.
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		t.Errorf("WAL not checkpointed: %d bytes left", fi.Size())
	}

	s = openAt(t, path, Options{})
	defer s.Close()
	if off, err := s.Offset(ctx); err != nil || off != 41 {
		t.Errorf("Offset = %d, %v; want 41", off, err)
	}
	for id, want := range map[int]bool{40: true, 41: false} {
		if got, err := s.IsHandled(ctx, id); err != nil || got != want {
			t.Errorf("IsHandled(%d) = %v, %v; want %v", id, got, err, want)
		}
	}
}

func TestOpenRefusesNonDatabase(t *testing.T) {
	tests := []struct {
		name    string
		content []byte
	}{
		{"text file", []byte("BOT_TOKEN=123:abc\nthis is not a database\n")},
		{"shorter than header", []byte("SQLite")},
		{"other format", []byte("SQLite format 2\x00" + strings.Repeat("x", 100))},
		{"binary", bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 1024)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "bot.db")
			if err := os.WriteFile(path, tc.content, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Open(context.Background(), path, Options{})
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded on a non-database file")
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "not a SQLite database") {
				t.Errorf("error %q should name %s and say it is not a SQLite database", err, path)
			}
			got, _ := os.ReadFile(path)
			if !bytes.Equal(got, tc.content) {
				t.Error("file was modified")
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("folder has %d entries, want only the file", len(entries))
			}
		})
	}
}

func TestOpenAcceptsEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := openAt(t, path, Options{})
	defer s.Close()
	if off, err := s.Offset(context.Background()); err != nil || off != 0 {
		t.Errorf("Offset = %d, %v; want 0", off, err)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	// In a rollback-journal file even switching to WAL would change the
	// header, so the refusal must come before any pragma that writes.
	for _, journal := range []string{"WAL", "DELETE"} {
		t.Run(journal, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "bot.db")
			s := openAt(t, path, Options{})
			if err := s.SetOffset(ctx, 7); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}

			// Pretend a newer binary migrated the file.
			raw, err := sql.Open("sqlite3", path)
			if err != nil {
				t.Fatal(err)
			}
			raw.SetMaxOpenConns(1)
			p, err := newProvider(raw)
			if err != nil {
				t.Fatal(err)
			}
			newest, err := newestEmbedded(p)
			if err != nil {
				t.Fatal(err)
			}
			future := newest + 98
			for _, q := range []string{
				fmt.Sprintf(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (%d, 1)`, future),
				`PRAGMA journal_mode = ` + journal,
			} {
				if _, err := raw.Exec(q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			if err := raw.Close(); err != nil {
				t.Fatal(err)
			}
			before := fileHash(t, path)

			for range 2 { // refused every time, not just once
				s, err = Open(ctx, path, Options{})
				if err == nil {
					s.Close()
					t.Fatal("Open succeeded on a newer schema")
				}
				want := fmt.Sprintf("database schema version %d is newer than this binary knows (%d); upgrade the bot",
					future, newest)
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error = %q, want it to contain %q", err, want)
				}
				if after := fileHash(t, path); after != before {
					t.Fatal("database file was modified by the refused Open")
				}
			}
		})
	}
}

func TestMigrationsDownAndUp(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t, Options{})
	p, err := newProvider(s.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 0); err != nil {
		t.Fatalf("down: %v", err)
	}
	if n := count(t, s, `SELECT count(*) FROM sqlite_master WHERE type = 'table'
		AND name NOT IN ('goose_db_version', 'sqlite_sequence')`); n != 0 {
		t.Errorf("%d tables left after migrating down", n)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatalf("up again: %v", err)
	}
	if _, err := s.Offset(ctx); err != nil {
		t.Errorf("Offset after re-migration: %v", err)
	}
}

func TestOpenEmptyPath(t *testing.T) {
	if _, err := Open(context.Background(), "", Options{}); err == nil {
		t.Error("Open(\"\") succeeded")
	}
}

func TestErrorsWrapSentinels(t *testing.T) {
	s, _ := openTest(t, Options{})
	_, err := s.Screening(context.Background(), 12345)
	if !errors.Is(err, ErrNotFound) || !strings.HasPrefix(err.Error(), "store: ") {
		t.Errorf("Screening(missing) error = %v, want store-prefixed ErrNotFound", err)
	}
}
