package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"

	"github.com/mattn/go-sqlite3"
)

// WriteCheck proves that the database can be written: it writes a row
// in one transaction. It reports a deleted database file, a read-only one
// and a full disk as such.
func (s *Store) WriteCheck(ctx context.Context) error {
	if _, err := os.Stat(s.path); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("store: the database file %s was deleted", s.path)
	}
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO meta (key, value) VALUES ('write_check', ?)
		 ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
		[]byte(strconv.FormatInt(millis(s.now()), 10)))
	if err != nil {
		return describeWriteErr(s.path, err)
	}
	return nil
}

// describeWriteErr says plainly what a failed write means.
func describeWriteErr(path string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrReadonly:
			return fmt.Errorf("store: the database %s is read-only: %w", path, err)
		case sqlite3.ErrFull:
			return fmt.Errorf("store: the disk holding %s is full: %w", path, err)
		case sqlite3.ErrIoErr, sqlite3.ErrCantOpen:
			return fmt.Errorf("store: cannot write %s (deleted, moved or unreadable?): %w", path, err)
		}
	}
	return fmt.Errorf("store: write check: %w", err)
}
