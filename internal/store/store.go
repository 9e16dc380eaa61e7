// Package store keeps the bot's durable state in a SQLite database: the
// polling offset, handled updates, answered messages, group settings,
// screenings and their rule hits, deep-link verdicts, feedback, rule
// versions and the admin audit log.
//
// The schema is versioned with goose migrations embedded in the binary
// (migrations/*.sql) and applied by [Open]. A Store is safe for concurrent
// use by several goroutines.
//
// Privacy: message text is stored only when [Options.StoreText] is set.
// Private chat ids are never stored with screenings, chat ids in the answer
// log and user ids of feedback voters are kept only as salted HMAC-SHA256
// values.
package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Retention periods applied by [Store.Prune].
const (
	// HandledUpdateRetention is how long the ids of handled Telegram
	// updates are kept to skip redelivered updates.
	HandledUpdateRetention = 7 * 24 * time.Hour
	// ScreeningRetention is how long screenings are kept, together with
	// their rule hits, feedback votes and verdicts.
	ScreeningRetention = 90 * 24 * time.Hour
	// AnswerRetention is how long the log of answered messages (used to
	// avoid answering an edited message twice) is kept.
	AnswerRetention = 90 * 24 * time.Hour
)

// busyTimeout is how long a connection waits for a lock held by another
// connection before failing with SQLITE_BUSY.
const busyTimeout = 5 * time.Second

// stmtCacheSize is how many prepared statements each connection keeps
// for reuse (the driver's cache, keyed by the query text): the queries of
// the hot path are parsed and planned once per connection, not per call.
const stmtCacheSize = 64

// maxOpenConns bounds the connection pool.
const maxOpenConns = 8

var (
	// ErrNotFound is returned (wrapped) when a requested row does not
	// exist, e.g. an unknown screening id or rule version.
	ErrNotFound = errors.New("store: not found")
	// ErrConflict is returned (wrapped) by [Store.AddVersionIfBase]
	// when the newest version is not the expected base version.
	ErrConflict = errors.New("store: rule version conflict")
)

// Options configures a Store.
type Options struct {
	// StoreText enables storing message text with screenings (operator
	// opt-in, BOT_STORE_TEXT=1). When false no message text is ever
	// written to the database.
	StoreText bool
	// Now returns the current time; nil means time.Now. Tests set it to
	// get deterministic timestamps.
	Now func() time.Time
	// Languages are the language codes a group's reply language may be
	// (the bot's catalogs); empty means DefaultLanguages.
	Languages []string
}

// Store is the bot's durable state. Create it with [Open] and release it
// with [Store.Close].
type Store struct {
	db *sql.DB
	// wdb is the one connection write transactions use: its page cache
	// stays warm, and writers queue in Go instead of in SQLite's busy
	// handler.
	wdb       *sql.DB
	path      string
	storeText bool
	now       func() time.Time
	languages []string // a group's reply language is one of these
	salt      []byte
	lock      *os.File // the single-instance lock, held while open
	st        stmts
	sidMu     sync.Mutex
	lastSID   int64
	// wmu lets one write transaction at a time in: waiting here is
	// cheaper than SQLite's busy-retry sleeps.
	wmu        sync.Mutex
	commits    chan *commitReq
	commitOnce sync.Once
	quit       chan struct{} // closed by Close: the committer stops

	closeOnce sync.Once
	closeErr  error
}

// Open opens (creating if needed) the SQLite database at path and applies
// the embedded migrations. The parent folder is created with mode 0o750
// when missing; the database (and so its -wal and -shm files) has mode
// 0600. Only one process may have the database open: Open takes the lock
// file path+".lock" and fails with [ErrLocked] when another holds it. The database runs in WAL mode with a 5 s busy timeout,
// foreign keys on and synchronous=NORMAL.
//
// Open refuses, without modifying the file, a file that is not a SQLite
// database and a database whose schema version is newer than the newest
// embedded migration.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: open: empty database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return nil, fmt.Errorf("store: open %s: create folder: %w", path, err)
	}
	exists, err := checkHeader(abs)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if exists {
		// Read-only look at the schema version before anything can write.
		if err := preflight(ctx, abs); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
	}

	lock, err := lockFile(abs)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := createPrivate(abs); err != nil {
		lock.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db, err := sql.Open("sqlite3", dsn(abs, false))
	if err != nil {
		lock.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(maxOpenConns)
	db.SetMaxIdleConns(maxOpenConns)

	s := &Store{db: db, path: abs, storeText: opts.StoreText, now: opts.Now, lock: lock,
		commits: make(chan *commitReq, maxGroup), quit: make(chan struct{})}
	if s.now == nil {
		s.now = time.Now
	}
	s.languages = slices.Clone(opts.Languages)
	if len(s.languages) == 0 {
		s.languages = DefaultLanguages
	}
	if err := s.init(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("store: open %s: %w", path, err), db.Close(), lock.Close())
	}
	if s.wdb, err = sql.Open("sqlite3", dsn(abs, false)); err == nil {
		s.wdb.SetMaxOpenConns(1)
		s.wdb.SetMaxIdleConns(1)
		s.wdb.SetConnMaxLifetime(0)
		s.wdb.SetConnMaxIdleTime(0)
		// A bigger cache (4 MB; 16 MB was no faster) and fewer
		// checkpoints for the writer; readers keep 1 MB each.
		if _, err = s.wdb.ExecContext(ctx, `PRAGMA cache_size = -4000`); err == nil {
			_, err = s.wdb.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 4000`)
		}
		if err == nil {
			err = s.prepare(ctx)
		}
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("store: open %s: %w", path, err), db.Close(), lock.Close())
	}
	return s, nil
}

// init checks the journal mode, migrates and loads the id salt.
func (s *Store) init(ctx context.Context) error {
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return err
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("journal mode is %q, want wal", mode)
	}
	if err := migrate(ctx, s.db); err != nil {
		return err
	}
	if err := s.db.QueryRowContext(ctx,
		`SELECT value FROM meta WHERE key = 'id_salt'`).Scan(&s.salt); err != nil {
		return fmt.Errorf("load id salt: %w", err)
	}
	if len(s.salt) < 16 {
		return errors.New("load id salt: salt too short")
	}
	return nil
}

// dsn builds the SQLite URI for path. The pragmas are set by the driver on
// every new connection of the pool.
func dsn(abs string, readOnly bool) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(abs)
	q := "_busy_timeout=" + strconv.FormatInt(busyTimeout.Milliseconds(), 10) +
		"&_stmt_cache_size=" + strconv.Itoa(stmtCacheSize) + "&_cache_size=-1000"
	if readOnly {
		return "file:" + esc + "?mode=ro&" + q
	}
	return "file:" + esc + "?" + q +
		"&_journal_mode=WAL&_foreign_keys=on&_synchronous=NORMAL&_txlock=immediate"
}

// Close checkpoints the WAL into the database file and closes the pool.
// Calling Close more than once returns the first result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		var cpErr error
		close(s.quit)
		if s.wdb != nil {
			cpErr = s.wdb.Close()
		}
		if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			cpErr = fmt.Errorf("store: close: checkpoint: %w", err)
		}
		defer s.lock.Close()
		if err := s.db.Close(); err != nil {
			s.closeErr = errors.Join(cpErr, fmt.Errorf("store: close: %w", err))
			return
		}
		s.closeErr = cpErr
	})
	return s.closeErr
}

// tx runs fn in one write transaction (BEGIN IMMEDIATE) and commits it
// when fn returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, ignoreDone(tx.Rollback()))
	}
	return tx.Commit()
}

// wexec runs one statement on the writer connection (in a transaction of
// its own). The frequent writes outside units go here: a write on another
// connection makes the writer drop its whole page cache at its next
// transaction and read every page again.
func (s *Store) wexec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.wdb.ExecContext(ctx, query, args...)
}

func ignoreDone(err error) error {
	if errors.Is(err, sql.ErrTxDone) {
		return nil
	}
	return err
}

// idHash returns the salted HMAC-SHA256 (hex) of an id in a domain such
// as "user" or "chat", so raw Telegram ids are not stored.
func (s *Store) idHash(domain string, id int64) string {
	m := hmac.New(sha256.New, s.salt)
	m.Write([]byte(domain))
	m.Write([]byte{0})
	m.Write([]byte(strconv.FormatInt(id, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

// millis converts t to the stored form: Unix milliseconds.
func millis(t time.Time) int64 { return t.UnixMilli() }

// fromMillis converts a stored Unix-milliseconds value to a UTC time.
func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// sqlLimit maps limit <= 0 ("no limit") to SQLite's -1.
func sqlLimit(limit int) int {
	if limit <= 0 {
		return -1
	}
	return limit
}

// scanner is a row to scan: *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// queryAll runs query on db and returns every row as scan reads it. Its
// errors say "store: " and what the rows are.
func queryAll[T any](ctx context.Context, db *sql.DB, what string, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}

// isForeignKeyErr reports whether err is a foreign key violation.
func isForeignKeyErr(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintForeignKey
}

// validSHA256Hex reports whether h looks like a hex SHA-256 digest.
func validSHA256Hex(h string) bool {
	if len(h) != 64 {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }
