package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/pressly/goose/v3"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// versionTable is the goose version table name.
const versionTable = goose.DefaultTablename

// sqliteHeader starts every SQLite 3 database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// checkHeader reports whether the file at path exists and is non-empty,
// and fails if it does but does not start with the SQLite header. It only
// reads the file.
func checkHeader(path string) (exists bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	buf := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, buf)
	switch {
	case n == 0 && errors.Is(err, io.EOF):
		return false, nil // empty file: SQLite treats it as a new database
	case errors.Is(err, io.ErrUnexpectedEOF) || (err == nil && !bytes.Equal(buf, sqliteHeader)):
		return true, fmt.Errorf("%s is not a SQLite database", path)
	case err != nil:
		return true, err
	}
	return true, nil
}

// newProvider returns a goose provider for the embedded migrations that
// uses no global goose state.
func newProvider(db *sql.DB) (*goose.Provider, error) {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectSQLite3, db, sub,
		goose.WithDisableGlobalRegistry(true),
		goose.WithLogger(goose.NopLogger()),
	)
}

// newestEmbedded returns the version of the newest embedded migration.
func newestEmbedded(p *goose.Provider) (int64, error) {
	src := p.ListSources()
	if len(src) == 0 {
		return 0, errors.New("no embedded migrations")
	}
	return src[len(src)-1].Version, nil
}

// preflight opens the existing database read-only and fails if its
// schema version is newer than the newest embedded migration. It never
// writes to the database file.
func preflight(ctx context.Context, path string) (err error) {
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	db.SetMaxOpenConns(1)

	p, err := newProvider(db)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	newest, err := newestEmbedded(p)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	var n int
	err = db.QueryRowContext(ctx,
		`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`,
		versionTable).Scan(&n)
	if err != nil {
		return fmt.Errorf("read schema: %w", err)
	}
	if n == 0 {
		return nil // never migrated
	}
	var current sql.NullInt64
	err = db.QueryRowContext(ctx, `SELECT max(version_id) FROM `+versionTable).Scan(&current)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	return checkVersion(current.Int64, newest)
}

func checkVersion(current, newest int64) error {
	if current > newest {
		return fmt.Errorf("database schema version %d is newer than this binary knows (%d); upgrade the bot",
			current, newest)
	}
	return nil
}

// migrate applies the pending embedded migrations.
func migrate(ctx context.Context, db *sql.DB) error {
	p, err := newProvider(db)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	newest, err := newestEmbedded(p)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	// Checked again on the read-write pool in case the file changed since
	// the read-only preflight.
	current, err := p.GetDBVersion(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if err := checkVersion(current, newest); err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}
