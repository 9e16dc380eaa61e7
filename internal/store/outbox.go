package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Outgoing is a reply waiting in the outbox (the retry queue).
type Outgoing struct {
	ID int64
	// ChatID is where it goes; MessageID and TextHash name the message it
	// answers (0 and "" when it answers none), so that the answer can be
	// recorded once it is sent.
	ChatID    int64
	MessageID int
	TextHash  string
	// Payload is the message to send (JSON, as the sender encodes it).
	Payload []byte
	// Reason says why it waits: "retry_after", "failing", "group_budget".
	Reason string
	// NotBefore is when it may be sent; Expires when it is dropped.
	NotBefore, Expires time.Time
	Attempts           int
}

// Enqueue puts a reply in the outbox. For a group, at most keepPerChat
// replies wait: older ones are dropped and counted in the result.
func (s *Store) Enqueue(ctx context.Context, o Outgoing, keepPerChat int) (dropped int, err error) {
	now := millis(s.now())
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO outbox (chat_id, message_id, text_hash, payload, reason, not_before, expires_at, created_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			o.ChatID, o.MessageID, strings.ToLower(o.TextHash), o.Payload, o.Reason,
			millis(o.NotBefore), millis(o.Expires), now); err != nil {
			return err
		}
		if keepPerChat <= 0 {
			return nil
		}
		res, err := tx.ExecContext(ctx,
			`DELETE FROM outbox WHERE chat_id = ? AND id NOT IN
			   (SELECT id FROM outbox WHERE chat_id = ? ORDER BY id DESC LIMIT ?)`,
			o.ChatID, o.ChatID, keepPerChat)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		dropped = int(n)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: enqueue reply: %w", err)
	}
	return dropped, nil
}

// Due returns up to limit outbox entries whose time has come (expired
// ones included, for the caller to drop), oldest first.
func (s *Store) Due(ctx context.Context, now time.Time, limit int) ([]Outgoing, error) {
	return queryAll(ctx, s.db, "due replies", func(r scanner) (Outgoing, error) {
		var o Outgoing
		var nb, ex int64
		err := r.Scan(&o.ID, &o.ChatID, &o.MessageID, &o.TextHash, &o.Payload, &o.Reason, &nb, &ex, &o.Attempts)
		o.NotBefore, o.Expires = fromMillis(nb), fromMillis(ex)
		return o, err
	}, `SELECT id, chat_id, message_id, text_hash, payload, reason, not_before, expires_at, attempts
		 FROM outbox WHERE not_before <= ? OR expires_at <= ? ORDER BY id LIMIT ?`,
		millis(now), millis(now), sqlLimit(limit))
}

// Postpone moves an outbox entry to a later time and counts the attempt.
func (s *Store) Postpone(ctx context.Context, id int64, notBefore time.Time) error {
	if _, err := s.db.ExecContext(ctx,
		`UPDATE outbox SET not_before = ?, attempts = attempts + 1 WHERE id = ?`,
		millis(notBefore), id); err != nil {
		return fmt.Errorf("store: postpone reply: %w", err)
	}
	return nil
}

// Unqueue removes an outbox entry (sent or dropped).
func (s *Store) Unqueue(ctx context.Context, id int64) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM outbox WHERE id = ?`, id); err != nil {
		return fmt.Errorf("store: unqueue reply: %w", err)
	}
	return nil
}

// Queued is the number of replies in the outbox.
func (s *Store) Queued(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM outbox`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: queued replies: %w", err)
	}
	return n, nil
}
