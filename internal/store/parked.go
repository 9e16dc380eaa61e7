package store

import (
	"context"
	"fmt"
)

// Park keeps the raw update until it is handled (see [Unit.Unpark]), so
// that the polling offset can move past it.
func (s *Store) Park(ctx context.Context, updateID int, raw []byte) error {
	if _, err := s.wexec(ctx,
		`INSERT INTO parked_updates (update_id, raw, parked_at) VALUES (?, ?, ?)
		 ON CONFLICT (update_id) DO NOTHING`, updateID, raw, millis(s.now())); err != nil {
		return fmt.Errorf("store: park update %d: %w", updateID, err)
	}
	return nil
}

// ParkedUpdate is a parked raw update.
type ParkedUpdate struct {
	ID  int
	Raw []byte
}

// Parked returns the parked updates, oldest first.
func (s *Store) Parked(ctx context.Context) ([]ParkedUpdate, error) {
	return queryAll(ctx, s.db, "parked updates", func(r scanner) (ParkedUpdate, error) {
		var p ParkedUpdate
		err := r.Scan(&p.ID, &p.Raw)
		return p, err
	}, `SELECT update_id, raw FROM parked_updates ORDER BY update_id`)
}

// Unpark makes the unit's commit remove the update from the parked ones
// (it may have been parked while it was handled).
func (u *Unit) Unpark() { u.parked = true }

// Unpark removes a parked update that needs no handling.
func (s *Store) Unpark(ctx context.Context, updateID int) error {
	if _, err := s.wexec(ctx, `DELETE FROM parked_updates WHERE update_id = ?`, updateID); err != nil {
		return fmt.Errorf("store: unpark update %d: %w", updateID, err)
	}
	return nil
}
