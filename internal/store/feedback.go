package store

import (
	"context"
	"fmt"
	"time"
)

// Feedback votes.
const (
	VoteHelpful = "helpful"
	VoteWrong   = "wrong"
)

// RecordFeedback stores the user's vote on a screening. A user has one
// vote per screening: a second vote replaces the first. changed is true
// when the vote is new or differs from the stored one. The user id is
// stored only as a salted hash. An unknown screening gives an error
// wrapping [ErrNotFound].
func (s *Store) RecordFeedback(ctx context.Context, screeningID int64, userID int64, vote string) (changed bool, err error) {
	if vote != VoteHelpful && vote != VoteWrong {
		return false, fmt.Errorf("store: record feedback: invalid vote %q", vote)
	}
	res, err := s.db.ExecContext(ctx,
		`INSERT INTO feedback (screening_id, user_hash, vote, voted_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (screening_id, user_hash) DO UPDATE SET
		   vote = excluded.vote, voted_at = excluded.voted_at
		 WHERE vote <> excluded.vote`,
		screeningID, s.idHash("user", userID), vote, millis(s.now()))
	if isForeignKeyErr(err) {
		return false, fmt.Errorf("store: record feedback: screening %d: %w", screeningID, ErrNotFound)
	}
	if err != nil {
		return false, fmt.Errorf("store: record feedback: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: record feedback: %w", err)
	}
	return n > 0, nil
}

// FeedbackCounts returns the number of votes of each kind ("helpful",
// "wrong") cast or changed at or after since.
func (s *Store) FeedbackCounts(ctx context.Context, since time.Time) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT vote, count(*) FROM feedback WHERE voted_at >= ? GROUP BY vote`, millis(since))
	if err != nil {
		return nil, fmt.Errorf("store: feedback counts: %w", err)
	}
	defer rows.Close()
	out := make(map[string]int)
	for rows.Next() {
		var vote string
		var n int
		if err := rows.Scan(&vote, &n); err != nil {
			return nil, fmt.Errorf("store: feedback counts: %w", err)
		}
		out[vote] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: feedback counts: %w", err)
	}
	return out, nil
}

// WrongFeedback returns the latest "wrong" votes with their screenings,
// newest first, at most limit of them (limit <= 0: no limit).
func (s *Store) WrongFeedback(ctx context.Context, limit int) ([]Review, error) {
	return queryAll(ctx, s.db, "wrong feedback", func(r scanner) (Review, error) {
		var voted int64
		sc, err := scanScreening(r, &voted)
		return Review{Voted: fromMillis(voted), Screening: sc}, err
	}, `SELECT `+screeningCols+`, f.voted_at
		 FROM feedback f JOIN screenings s ON s.id = f.screening_id
		 WHERE f.vote = ?
		 ORDER BY f.voted_at DESC, f.rowid DESC LIMIT ?`,
		VoteWrong, sqlLimit(limit))
}
