package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// LatestAnswer returns the most recent reply to the message and the hash
// of the text it answered, so that an edited message is screened afresh
// whenever its text differs from the last text answered (even a text that
// was answered before).
func (s *Store) LatestAnswer(ctx context.Context, chatID int64, messageID int) (replyID int, textHash string, ok bool, err error) {
	err = s.db.QueryRowContext(ctx,
		`SELECT reply_message_id, text_hash FROM answers
		 WHERE chat_key = ? AND message_id = ?
		 ORDER BY answered_at DESC, rowid DESC LIMIT 1`,
		s.idHash("chat", chatID), messageID).Scan(&replyID, &textHash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", false, nil
	}
	if err != nil {
		return 0, "", false, fmt.Errorf("store: latest answer: %w", err)
	}
	return replyID, textHash, true, nil
}
