package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/cekloker/cekloker/internal/memory"
)

// Report limits.
const (
	// ReportLimit is how many reports one user may make per ReportWindow.
	ReportLimit  = 10
	ReportWindow = time.Hour
	// ReportRetention is how long rejected reports, and the reporters of
	// decided ones, are kept (see Prune).
	ReportRetention = 90 * 24 * time.Hour
)

var (
	// ErrRateLimited is returned by [Store.AddReport] when the user has
	// reported too much lately.
	ErrRateLimited = errors.New("store: too many reports")
	// ErrDecided is returned (wrapped) by [Store.DecideReport] when the
	// item was decided already.
	ErrDecided = errors.New("store: report already decided")
)

// Report item statuses and review decisions.
const (
	StatusPending   = "pending"
	StatusConfirmed = "confirmed"
	StatusRejected  = "rejected"

	DecisionScam    = "scam"
	DecisionNotScam = "not_scam"
	DecisionSkip    = "skip"
)

// NewReport is one user's report of an ad.
type NewReport struct {
	// AdKey identifies the ad (the hash of its text).
	AdKey     string
	Level     string
	Score     int
	RuleIDs   []string
	Signature *memory.Signature
	Contacts  []memory.Contact
	// Text is stored only when the store keeps text.
	Text       string
	ReporterID int64
	// ChatID is the group it was reported in (0 for a private chat).
	ChatID    int64
	ChatTitle string
}

// ReportResult says what a report did.
type ReportResult struct {
	ItemID int64
	// Duplicate is set when this user had reported the ad already: it
	// counts once.
	Duplicate bool
	// Reporters is the number of people who reported the ad.
	Reporters int
	Status    string
}

// AddReport records a report. A user's repeated reports of the same ad
// count once; a user who made ReportLimit reports in the last
// ReportWindow gets ErrRateLimited and nothing is stored. A report of an
// ad that is already confirmed raises the remembered report count.
func (s *Store) AddReport(ctx context.Context, r NewReport) (ReportResult, error) {
	var res ReportResult
	if !validSHA256Hex(r.AdKey) {
		return res, fmt.Errorf("store: add report: bad ad key")
	}
	now := millis(s.now())
	who := s.idHash("reporter", r.ReporterID)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var recent int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM reports WHERE reporter_hash = ? AND reported_at >= ?`,
			who, now-ReportWindow.Milliseconds()).Scan(&recent); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `SELECT id, status FROM report_items WHERE ad_key = ?`, r.AdKey).Scan(&res.ItemID, &res.Status)
		if errors.Is(err, sql.ErrNoRows) {
			if recent >= ReportLimit {
				return ErrRateLimited
			}
			ids, _ := json.Marshal(nonNil(r.RuleIDs))
			contacts, _ := json.Marshal(nonNilContacts(r.Contacts))
			var sig []byte
			if r.Signature != nil {
				sig = r.Signature[:]
			}
			var text sql.NullString
			if s.storeText && r.Text != "" {
				text = sql.NullString{String: r.Text, Valid: true}
			}
			err = tx.QueryRowContext(ctx, `INSERT INTO report_items
				(ad_key, created_at, updated_at, status, skipped_at, level, score, rule_ids, signature, contacts, text)
				VALUES (?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?) RETURNING id`,
				r.AdKey, now, now, r.Level, r.Score, string(ids), sig, string(contacts), text).Scan(&res.ItemID)
			res.Status = StatusPending
		}
		if err != nil {
			return err
		}
		var dup int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM reports WHERE item_id = ? AND reporter_hash = ?`, res.ItemID, who).Scan(&dup); err != nil {
			return err
		}
		if dup > 0 {
			res.Duplicate = true
		} else {
			if recent >= ReportLimit {
				return ErrRateLimited
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO reports (item_id, reporter_hash, reported_at, chat_id, chat_title) VALUES (?, ?, ?, ?, ?)`,
				res.ItemID, who, now, r.ChatID, r.ChatTitle); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE report_items SET updated_at = ? WHERE id = ?`, now, res.ItemID); err != nil {
				return err
			}
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM reports WHERE item_id = ?`, res.ItemID).Scan(&res.Reporters); err != nil {
			return err
		}
		if res.Status == StatusConfirmed && !res.Duplicate {
			up, err := tx.ExecContext(ctx, `UPDATE memory_entries SET reports = reports + 1, last_report_at = ? WHERE item_id = ? AND forgotten_at IS NULL`,
				now, res.ItemID)
			if err != nil {
				return err
			}
			if n, _ := up.RowsAffected(); n > 0 {
				return logMemory(ctx, tx, now, "reporter", "report", fmt.Sprintf("item %d: %d reports", res.ItemID, res.Reporters))
			}
		}
		return nil
	})
	if errors.Is(err, ErrRateLimited) {
		return res, ErrRateLimited
	}
	if err != nil {
		return res, fmt.Errorf("store: add report: %w", err)
	}
	return res, nil
}

// ReportItem is a reported ad, as the review queue shows it.
type ReportItem struct {
	ID        int64
	Created   time.Time
	Status    string
	Level     string
	Score     int
	RuleIDs   []string
	Signature *memory.Signature
	Contacts  []memory.Contact
	Text      string // "" unless stored
	// Reporters is the number of people who reported it, Private how
	// many of them in a private chat, Groups the titles of the groups.
	Reporters  int
	Private    int
	Groups     []string
	LastReport time.Time
}

const itemCols = `id, created_at, status, level, score, rule_ids, signature, contacts, text`

// ReportQueue returns the next pending report (least recently skipped,
// then oldest) and the number pending; ok is false when none is.
func (s *Store) ReportQueue(ctx context.Context) (it ReportItem, pending int, ok bool, err error) {
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM report_items WHERE status = 'pending'`).Scan(&pending); err != nil {
		return it, 0, false, fmt.Errorf("store: report queue: %w", err)
	}
	var id int64
	err = s.db.QueryRowContext(ctx, `SELECT id FROM report_items WHERE status = 'pending'
		ORDER BY skipped_at, created_at, id LIMIT 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return it, 0, false, nil
	}
	if err != nil {
		return it, 0, false, fmt.Errorf("store: report queue: %w", err)
	}
	it, err = s.ReportItem(ctx, id)
	return it, pending, err == nil, err
}

// ReportItem returns one reported ad with its reporters' groups.
func (s *Store) ReportItem(ctx context.Context, id int64) (ReportItem, error) {
	var (
		it       ReportItem
		created  int64
		ids, cs  string
		sig      []byte
		text     sql.NullString
		lastMsec sql.NullInt64
	)
	err := s.db.QueryRowContext(ctx, `SELECT `+itemCols+` FROM report_items WHERE id = ?`, id).
		Scan(&it.ID, &created, &it.Status, &it.Level, &it.Score, &ids, &sig, &cs, &text)
	if errors.Is(err, sql.ErrNoRows) {
		return it, fmt.Errorf("store: report item %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return it, fmt.Errorf("store: report item %d: %w", id, err)
	}
	it.Created, it.Text = fromMillis(created), text.String
	if err := json.Unmarshal([]byte(ids), &it.RuleIDs); err != nil {
		return it, fmt.Errorf("store: report item %d: %w", id, err)
	}
	if err := json.Unmarshal([]byte(cs), &it.Contacts); err != nil {
		return it, fmt.Errorf("store: report item %d: %w", id, err)
	}
	if len(sig) == memory.Bins {
		it.Signature = new(memory.Signature)
		copy(it.Signature[:], sig)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(chat_id = 0), 0), max(reported_at) FROM reports WHERE item_id = ?`, id).
		Scan(&it.Reporters, &it.Private, &lastMsec); err != nil {
		return it, fmt.Errorf("store: report item %d: %w", id, err)
	}
	if lastMsec.Valid {
		it.LastReport = fromMillis(lastMsec.Int64)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT chat_title FROM reports WHERE item_id = ? AND chat_id <> 0 ORDER BY chat_title`, id)
	if err != nil {
		return it, fmt.Errorf("store: report item %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return it, fmt.Errorf("store: report item %d: %w", id, err)
		}
		it.Groups = append(it.Groups, t)
	}
	return it, rows.Err()
}

// DecideReport records an admin's decision on a pending report: "scam"
// confirms it and remembers it (entryID is the new memory entry),
// "not_scam" rejects it, "skip" sends it to the back of the queue. Every
// decision is kept in review_decisions. A decided item gives ErrDecided.
func (s *Store) DecideReport(ctx context.Context, itemID, adminID int64, decision string) (entryID int64, err error) {
	if decision != DecisionScam && decision != DecisionNotScam && decision != DecisionSkip {
		return 0, fmt.Errorf("store: decide report: invalid decision %q", decision)
	}
	now := millis(s.now())
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM report_items WHERE id = ?`, itemID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if status != StatusPending {
			return ErrDecided
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO review_decisions (item_id, admin_id, decided_at, decision) VALUES (?, ?, ?, ?)`,
			itemID, adminID, now, decision); err != nil {
			return err
		}
		switch decision {
		case DecisionSkip:
			_, err = tx.ExecContext(ctx, `UPDATE report_items SET skipped_at = ? WHERE id = ?`, now, itemID)
			return err
		case DecisionNotScam:
			_, err = tx.ExecContext(ctx, `UPDATE report_items SET status = 'rejected', updated_at = ? WHERE id = ?`, now, itemID)
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE report_items SET status = 'confirmed', updated_at = ? WHERE id = ?`, now, itemID); err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO memory_entries (source, confirmed_at, reports, last_report_at, signature, contacts, item_id)
			SELECT 'report', ?, (SELECT count(*) FROM reports WHERE item_id = i.id),
			       coalesce((SELECT max(reported_at) FROM reports WHERE item_id = i.id), ?), i.signature, i.contacts, i.id
			FROM report_items i WHERE i.id = ? RETURNING id`, now, now, itemID).Scan(&entryID)
		if err != nil {
			return err
		}
		return logMemory(ctx, tx, now, fmt.Sprint(adminID), "confirm", fmt.Sprintf("item %d -> entry %d", itemID, entryID))
	})
	switch {
	case errors.Is(err, ErrNotFound), errors.Is(err, ErrDecided):
		return 0, fmt.Errorf("store: decide report %d: %w", itemID, err)
	case err != nil:
		return 0, fmt.Errorf("store: decide report %d: %w", itemID, err)
	}
	return entryID, nil
}

// Decision is one audited review decision.
type Decision struct {
	ItemID   int64
	AdminID  int64
	Time     time.Time
	Decision string
}

// ReviewDecisions returns the latest decisions, newest first.
func (s *Store) ReviewDecisions(ctx context.Context, limit int) ([]Decision, error) {
	return queryAll(ctx, s.db, "review decisions", func(r scanner) (Decision, error) {
		var d Decision
		var at int64
		err := r.Scan(&d.ItemID, &d.AdminID, &at, &d.Decision)
		d.Time = fromMillis(at)
		return d, err
	}, `SELECT item_id, admin_id, decided_at, decision FROM review_decisions ORDER BY id DESC LIMIT ?`, sqlLimit(limit))
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilContacts(c []memory.Contact) []memory.Contact {
	if c == nil {
		return []memory.Contact{}
	}
	return c
}

func logMemory(ctx context.Context, tx *sql.Tx, now int64, actor, action, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO memory_log (at, actor, action, detail) VALUES (?, ?, ?, ?)`, now, actor, action, detail)
	return err
}
