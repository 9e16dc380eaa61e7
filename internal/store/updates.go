package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Offset returns the stored getUpdates offset (0 when none was set).
func (s *Store) Offset(ctx context.Context) (int, error) {
	var off int
	err := s.db.QueryRowContext(ctx, `SELECT next_offset FROM poll_state WHERE id = 1`).Scan(&off)
	if err != nil {
		return 0, fmt.Errorf("store: offset: %w", err)
	}
	return off, nil
}

// SetOffset stores next as the getUpdates offset, exactly as given.
func (s *Store) SetOffset(ctx context.Context, next int) error {
	if _, err := s.wexec(ctx,
		`UPDATE poll_state SET next_offset = ? WHERE id = 1`, next); err != nil {
		return fmt.Errorf("store: set offset: %w", err)
	}
	return nil
}

// IsHandled reports whether the update with this id was marked handled
// (and not yet pruned).
func (s *Store) IsHandled(ctx context.Context, updateID int) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx,
		`SELECT 1 FROM handled_updates WHERE update_id = ?`, updateID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: is handled: %w", err)
	}
	return true, nil
}

// MarkHandled records the update as handled. Marking it again is a no-op.
func (s *Store) MarkHandled(ctx context.Context, updateID int) error {
	if err := markHandled(ctx, execerFunc(s.wexec), updateID, millis(s.now())); err != nil {
		return fmt.Errorf("store: mark handled: %w", err)
	}
	return nil
}

// MarkHandledAndAdvance records the update as handled and raises the
// getUpdates offset to nextOffset in one transaction. The offset never
// moves backwards here, so handlers that finish out of order cannot undo
// a later advance.
func (s *Store) MarkHandledAndAdvance(ctx context.Context, updateID, nextOffset int) error {
	now := millis(s.now())
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := markHandled(ctx, tx, updateID, now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx,
			`UPDATE poll_state SET next_offset = max(next_offset, ?) WHERE id = 1`, nextOffset)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: mark handled and advance: %w", err)
	}
	return nil
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// execerFunc makes a function an execer.
type execerFunc func(ctx context.Context, query string, args ...any) (sql.Result, error)

func (f execerFunc) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return f(ctx, query, args...)
}

func markHandled(ctx context.Context, db execer, updateID int, now int64) error {
	_, err := db.ExecContext(ctx,
		`INSERT INTO handled_updates (update_id, handled_at) VALUES (?, ?)
		 ON CONFLICT (update_id) DO NOTHING`, updateID, now)
	return err
}

// Answered reports whether the message with this text hash was already
// answered in the chat, and with which reply message.
func (s *Store) Answered(ctx context.Context, chatID int64, messageID int, textHash string) (replyID int, ok bool, err error) {
	err = s.db.QueryRowContext(ctx,
		`SELECT reply_message_id FROM answers
		 WHERE chat_key = ? AND message_id = ? AND text_hash = ?`,
		s.idHash("chat", chatID), messageID, strings.ToLower(textHash)).Scan(&replyID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: answered: %w", err)
	}
	return replyID, true, nil
}

// RecordAnswer records that the message (with this text hash) was answered
// by replyMessageID. Recording the same message and hash again replaces
// the reply id. The chat id is stored only as a salted hash. With a
// [Unit] in ctx the write waits for the unit's commit.
func (s *Store) RecordAnswer(ctx context.Context, chatID int64, messageID int, textHash string, replyMessageID int) error {
	if !validSHA256Hex(textHash) {
		return fmt.Errorf("store: record answer: text hash %q is not a hex sha256", textHash)
	}
	a := unitAnswer{chatKey: s.idHash("chat", chatID), messageID: messageID,
		hash: strings.ToLower(textHash), replyID: replyMessageID, at: millis(s.now())}
	if u := s.unitOf(ctx); u != nil {
		u.answers = append(u.answers, a)
		return nil
	}
	if _, err := s.st.answer.ExecContext(ctx, a.chatKey, a.messageID, a.hash, a.replyID, a.at); err != nil {
		return fmt.Errorf("store: record answer: %w", err)
	}
	return nil
}

// LastAnswer returns the most recent reply to the message, whatever its
// text, so the bot can edit that reply when the message text changed.
func (s *Store) LastAnswer(ctx context.Context, chatID int64, messageID int) (replyID int, ok bool, err error) {
	replyID, _, ok, err = s.latestAnswer(ctx, chatID, messageID)
	if err != nil {
		return 0, false, fmt.Errorf("store: last answer: %w", err)
	}
	return replyID, ok, nil
}

// Shown reports whether a message with this text hash was answered in the
// chat (the chat was shown the screening of that text).
func (s *Store) Shown(ctx context.Context, chatID int64, textHash string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx,
		`SELECT 1 FROM answers WHERE chat_key = ? AND text_hash = ? LIMIT 1`,
		s.idHash("chat", chatID), strings.ToLower(textHash)).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: shown: %w", err)
	}
	return true, nil
}

// MaxHandled is the highest update id marked handled (0 when none): no
// update above it needs the IsHandled check.
func (s *Store) MaxHandled(ctx context.Context) (int, error) {
	var n sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT max(update_id) FROM handled_updates`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: max handled: %w", err)
	}
	return int(n.Int64), nil
}
