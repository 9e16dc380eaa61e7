package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/cekloker/cekloker/internal/memory"
)

// MemoryEntries returns the remembered (not forgotten) scams, the
// forgotten keys and the memory version. It implements memory.Source.
func (s *Store) MemoryEntries(ctx context.Context) ([]memory.Entry, []string, int64, error) {
	var version int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM memory_log`).Scan(&version); err != nil {
		return nil, nil, 0, fmt.Errorf("store: memory entries: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, source, confirmed_at, reports, last_report_at, signature, contacts
		FROM memory_entries WHERE forgotten_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("store: memory entries: %w", err)
	}
	defer rows.Close()
	var out []memory.Entry
	for rows.Next() {
		var (
			e         memory.Entry
			conf, lst int64
			sig       []byte
			cs        string
		)
		if err := rows.Scan(&e.ID, &e.Source, &conf, &e.Reports, &lst, &sig, &cs); err != nil {
			return nil, nil, 0, fmt.Errorf("store: memory entries: %w", err)
		}
		e.Confirmed, e.LastReport = fromMillis(conf), fromMillis(lst)
		if len(sig) == memory.Bins {
			copy(e.Sig[:], sig)
			e.HasSig = true
		}
		if err := json.Unmarshal([]byte(cs), &e.Contacts); err != nil {
			return nil, nil, 0, fmt.Errorf("store: memory entry %d: %w", e.ID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, 0, fmt.Errorf("store: memory entries: %w", err)
	}
	keys, err := s.strings(ctx, `SELECT key FROM memory_forgotten ORDER BY key`)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("store: memory entries: %w", err)
	}
	return out, keys, version, nil
}

func (s *Store) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// Forget removes from memory what key names: "entry:ID" (a stored entry,
// or a known template when ID < 0) or a contact key ("phone:+855…"),
// which is then ignored in every entry. Forgetting is audited.
func (s *Store) Forget(ctx context.Context, key string, adminID int64) error {
	now := millis(s.now())
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		if n, _ := fmt.Sscanf(key, "entry:%d", &id); n == 1 && id > 0 && strings.HasPrefix(key, "entry:") {
			res, err := tx.ExecContext(ctx, `UPDATE memory_entries SET forgotten_at = ? WHERE id = ? AND forgotten_at IS NULL`, now, id)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return ErrNotFound
			}
		} else if _, err := tx.ExecContext(ctx, `INSERT INTO memory_forgotten (key, forgotten_at, admin_id) VALUES (?, ?, ?)
			ON CONFLICT (key) DO NOTHING`, key, now, adminID); err != nil {
			return err
		}
		return logMemory(ctx, tx, now, fmt.Sprint(adminID), "forget", key)
	})
	if err != nil {
		return fmt.Errorf("store: forget %s: %w", key, err)
	}
	return nil
}

// ImportMemory adds entries (from another deployment's export) to memory
// in one transaction, with source prefixed by "import: ".
func (s *Store) ImportMemory(ctx context.Context, entries []memory.Entry, actor, file string) error {
	now := millis(s.now())
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, e := range entries {
			var sig []byte
			if e.HasSig {
				sig = e.Sig[:]
			}
			cs, _ := json.Marshal(nonNilContacts(e.Contacts))
			conf := e.Confirmed
			if conf.IsZero() {
				conf = fromMillis(now)
			}
			src := e.Source
			if !strings.HasPrefix(src, "import") {
				src = "import: " + src
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO memory_entries (source, confirmed_at, reports, last_report_at, signature, contacts)
				VALUES (?, ?, ?, ?, ?, ?)`, src, millis(conf), e.Reports, millis(e.LastReport), sig, string(cs)); err != nil {
				return err
			}
		}
		return logMemory(ctx, tx, now, actor, "import", fmt.Sprintf("%d entries from %s", len(entries), file))
	})
	if err != nil {
		return fmt.Errorf("store: import memory: %w", err)
	}
	return nil
}

// RecordMemoryHits notes which memory entries raised a screening, and by
// how much (for /forget's preview). With a Unit in ctx the rows are
// written when the unit commits, after its screenings.
func (s *Store) RecordMemoryHits(ctx context.Context, screeningID int64, weights map[int64]int) error {
	if u := s.unitOf(ctx); u != nil {
		for id, w := range weights {
			u.memHits = append(u.memHits, unitMemHit{screeningID, id, w})
		}
		return nil
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for id, w := range weights {
			if err := insertMemoryHit(ctx, tx, screeningID, id, w); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: record memory hits: %w", err)
	}
	return nil
}

func insertMemoryHit(ctx context.Context, tx *sql.Tx, screeningID, entryID int64, weight int) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO memory_hits (screening_id, entry_id, weight) VALUES (?, ?, ?)
		ON CONFLICT DO UPDATE SET weight = excluded.weight`, screeningID, entryID, weight)
	return err
}

// MemoryHit is a screening that memory entries raised.
type MemoryHit struct {
	ScreeningID int64
	Time        time.Time
	ChatType    string
	Level       string
	Score       int
	// Weight is what the given entries added to the score.
	Weight int
}

// MemoryHits returns the kept screenings that the given entries raised,
// newest first, with the weight those entries added.
func (s *Store) MemoryHits(ctx context.Context, entryIDs []int64) ([]MemoryHit, error) {
	if len(entryIDs) == 0 {
		return nil, nil
	}
	ids, _ := json.Marshal(entryIDs)
	return queryAll(ctx, s.db, "memory hits", func(r scanner) (MemoryHit, error) {
		var h MemoryHit
		var at int64
		err := r.Scan(&h.ScreeningID, &at, &h.ChatType, &h.Level, &h.Score, &h.Weight)
		h.Time = fromMillis(at)
		return h, err
	}, `SELECT s.id, s.screened_at, s.chat_type, s.level, s.score, sum(h.weight)
		FROM memory_hits h JOIN screenings s ON s.id = h.screening_id
		WHERE h.entry_id IN (SELECT value FROM json_each(?))
		GROUP BY s.id ORDER BY s.screened_at DESC, s.id DESC`, string(ids))
}
