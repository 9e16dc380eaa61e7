package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ReadImages reports whether the group's admins turned on reading the
// text in images posted in the group. It is off by default.
func (s *Store) ReadImages(ctx context.Context, chatID int64) (bool, error) {
	var on bool
	err := s.db.QueryRowContext(ctx, `SELECT read_images FROM group_images WHERE chat_id = ?`, chatID).Scan(&on)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: read images setting: %w", err)
	}
	return on, nil
}

// SetReadImages turns reading images in a group on or off. chatID must
// be a group id (negative).
func (s *Store) SetReadImages(ctx context.Context, chatID int64, on bool) error {
	if chatID >= 0 {
		return fmt.Errorf("store: set read images: chat id %d is not a group id", chatID)
	}
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO group_images (chat_id, read_images, updated_at) VALUES (?, ?, ?)
		 ON CONFLICT (chat_id) DO UPDATE SET read_images = excluded.read_images, updated_at = excluded.updated_at`,
		chatID, on, millis(s.now()))
	if err != nil {
		return fmt.Errorf("store: set read images: %w", err)
	}
	return nil
}
