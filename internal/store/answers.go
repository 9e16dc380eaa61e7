package store

import (
	"context"
	"fmt"
)

// LatestAnswer returns the most recent reply to the message and the hash
// of the text it answered, so that an edited message is screened afresh
// whenever its text differs from the last text answered (even a text that
// was answered before).
func (s *Store) LatestAnswer(ctx context.Context, chatID int64, messageID int) (replyID int, textHash string, ok bool, err error) {
	replyID, textHash, ok, err = s.latestAnswer(ctx, chatID, messageID)
	if err != nil {
		return 0, "", false, fmt.Errorf("store: latest answer: %w", err)
	}
	return replyID, textHash, ok, nil
}

// latestAnswer reads the message's answers — one per text it had, so a
// few — and keeps the latest: the newest answered_at, then the highest
// rowid. Picking it here rather than with ORDER BY … LIMIT 1 spares SQLite
// a temporary b-tree for the sort on every update.
//
// It reads on the writer connection (between its transactions, so it sees
// what is committed, like any reader): that connection's page cache holds
// the answers just written, while a pool connection starts every read
// with an emptied cache (each commit invalidates it) and reads the pages
// again. This look-up runs for every message.
func (s *Store) latestAnswer(ctx context.Context, chatID int64, messageID int) (replyID int, textHash string, ok bool, err error) {
	rows, err := s.wdb.QueryContext(ctx,
		`SELECT reply_message_id, text_hash, answered_at, rowid FROM answers
		 WHERE chat_key = ? AND message_id = ?`,
		s.idHash("chat", chatID), messageID)
	if err != nil {
		return 0, "", false, err
	}
	defer rows.Close()
	var bestAt, bestRow int64
	for rows.Next() {
		var reply int
		var hash string
		var at, row int64
		if err := rows.Scan(&reply, &hash, &at, &row); err != nil {
			return 0, "", false, err
		}
		if !ok || at > bestAt || (at == bestAt && row > bestRow) {
			replyID, textHash, bestAt, bestRow, ok = reply, hash, at, row, true
		}
	}
	if err := rows.Err(); err != nil {
		return 0, "", false, err
	}
	return replyID, textHash, ok, nil
}
