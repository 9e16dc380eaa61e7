package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Notes are small durable values other packages keep across restarts
// (e.g. an Apply in progress), stored in the meta table under "note:".

// SetNote stores value under key.
func (s *Store) SetNote(ctx context.Context, key string, value []byte) error {
	if _, err := s.db.ExecContext(ctx,
		`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
		"note:"+key, value); err != nil {
		return fmt.Errorf("store: set note %s: %w", key, err)
	}
	return nil
}

// Note returns the value stored under key; ok is false when none is.
func (s *Store) Note(ctx context.Context, key string) (value []byte, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, "note:"+key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store: note %s: %w", key, err)
	}
	return value, true, nil
}

// DeleteNote removes the value stored under key.
func (s *Store) DeleteNote(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM meta WHERE key = ?`, "note:"+key); err != nil {
		return fmt.Errorf("store: delete note %s: %w", key, err)
	}
	return nil
}
