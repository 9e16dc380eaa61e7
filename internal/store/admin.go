package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// AdminAction is one entry of the admin audit log.
type AdminAction struct {
	// ID orders the entries.
	ID int64
	// Time is when the command was given.
	Time time.Time
	// UserID is the Telegram user id of an allowed (admin) user; it is 0
	// for refused commands, whose senders are not admins and are kept
	// only as UserHash.
	UserID int64
	// UserHash is the salted hash of the sender's user id; equal hashes
	// mean the same sender.
	UserHash string
	// Command is the admin command, e.g. "/rules".
	Command string
	// Allowed reports whether the sender was an admin.
	Allowed bool
}

// LogAdminAction appends an admin command to the audit log. Pass the
// command name, not its arguments. The raw user id is stored only when
// allowed is true (configured admins); a refused sender is stored as a
// salted hash only.
func (s *Store) LogAdminAction(ctx context.Context, userID int64, command string, allowed bool) error {
	var raw sql.NullInt64
	if allowed {
		raw = sql.NullInt64{Int64: userID, Valid: true}
	}
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO admin_actions (created_at, user_id, user_hash, command, allowed)
		 VALUES (?, ?, ?, ?, ?)`,
		millis(s.now()), raw, s.idHash("user", userID), command, allowed)
	if err != nil {
		return fmt.Errorf("store: log admin action: %w", err)
	}
	return nil
}

// AdminActions returns the latest audit log entries, newest first, at
// most limit of them (limit <= 0: no limit).
func (s *Store) AdminActions(ctx context.Context, limit int) ([]AdminAction, error) {
	return queryAll(ctx, s.db, "admin actions", func(r scanner) (AdminAction, error) {
		var (
			a       AdminAction
			created int64
			raw     sql.NullInt64
		)
		err := r.Scan(&a.ID, &created, &raw, &a.UserHash, &a.Command, &a.Allowed)
		a.Time = fromMillis(created)
		a.UserID = raw.Int64
		return a, err
	}, `SELECT id, created_at, user_id, user_hash, command, allowed
		 FROM admin_actions ORDER BY id DESC LIMIT ?`, sqlLimit(limit))
}
