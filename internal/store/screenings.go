package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Screening is one screened message.
type Screening struct {
	// ID is assigned by [Store.RecordScreening].
	ID int64
	// Time is when the message was screened; zero means now.
	Time time.Time
	// ChatType is "private", "group", "supergroup" or "cli".
	ChatType string
	// ChatID is the group id for groups and supergroups. It is always 0
	// for private chats and the CLI: private user/chat ids are not stored.
	ChatID int64
	// Source is what triggered the screening: "message", "edit", "cek",
	// "caption" or "forward".
	Source string
	// Level is the verdict's risk level.
	Level string
	// Score is the verdict's score.
	Score int
	// IsJobAd reports whether the text looked like a job ad.
	IsJobAd bool
	// RuleIDs are the ids of the rules that matched, in verdict order.
	// Empty is returned as nil.
	RuleIDs []string
	// TextHash is the hex SHA-256 of the screened text.
	TextHash string
	// Text is the screened text. It is stored only when
	// [Options.StoreText] is set; otherwise it is stored as NULL and read
	// back as "".
	Text string
	// RulesVersion is the rule version that produced the verdict.
	RulesVersion int
	// ModelVersion is the short id of the text model joined into the
	// verdict; "" when the rules screened alone (stored as NULL).
	ModelVersion string
}

// Review is a "wrong" feedback vote with the screening it is about.
type Review struct {
	// Voted is when the vote was cast (or last changed).
	Voted time.Time
	// Screening is the screening voted on (Text only if stored).
	Screening Screening
}

// RecordScreening stores the screening and its rule hits and returns its
// id. The text is dropped unless [Options.StoreText] is set (and then cut
// to [MaxStoredText]), and ChatID is forced to 0 unless ChatType is
// "group" or "supergroup". With a [Unit] in ctx the write waits for the
// unit's commit.
func (s *Store) RecordScreening(ctx context.Context, sc Screening) (int64, error) {
	x, err := s.prepareScreening(sc)
	if err != nil {
		return 0, fmt.Errorf("store: record screening: %w", err)
	}
	if u := s.unitOf(ctx); u != nil {
		u.screenings = append(u.screenings, x)
		return x.sc.ID, nil
	}
	tmp := &Unit{s: s, screenings: []unitScreening{x}}
	err = s.tx(ctx, func(tx *sql.Tx) error { return tmp.writeScreenings(ctx, tx) })
	if err != nil {
		return 0, fmt.Errorf("store: record screening: %w", err)
	}
	return x.sc.ID, nil
}

func validateScreening(sc Screening) error {
	switch sc.ChatType {
	case "private", "group", "supergroup", "cli":
	default:
		return fmt.Errorf("invalid chat type %q", sc.ChatType)
	}
	switch sc.Source {
	case "message", "edit", "cek", "caption", "forward":
	default:
		return fmt.Errorf("invalid source %q", sc.Source)
	}
	if sc.Level == "" {
		return errors.New("empty level")
	}
	// A strict check also keeps raw text from slipping in as a "hash".
	if !validSHA256Hex(sc.TextHash) {
		return fmt.Errorf("text hash %q is not a hex sha256", sc.TextHash)
	}
	for _, r := range sc.RuleIDs {
		if r == "" {
			return errors.New("empty rule id")
		}
	}
	return nil
}

// Screening returns the screening with this id, or an error wrapping
// [ErrNotFound].
func (s *Store) Screening(ctx context.Context, id int64) (Screening, error) {
	sc, err := scanScreening(s.db.QueryRowContext(ctx, selectScreenings+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Screening{}, fmt.Errorf("store: screening %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Screening{}, fmt.Errorf("store: screening %d: %w", id, err)
	}
	return sc, nil
}

// RecentScreenings returns the screenings made at or after since, newest
// first, at most limit of them (limit <= 0: no limit).
func (s *Store) RecentScreenings(ctx context.Context, since time.Time, limit int) ([]Screening, error) {
	return queryAll(ctx, s.db, "recent screenings", func(r scanner) (Screening, error) { return scanScreening(r) },
		selectScreenings+` WHERE screened_at >= ? ORDER BY screened_at DESC, id DESC LIMIT ?`,
		millis(since), sqlLimit(limit))
}

const screeningCols = `s.id, s.screened_at, s.chat_type, s.chat_id, s.source, s.level, s.score,
	s.is_job_ad, s.rule_ids, s.text_hash, s.text, s.rules_version, s.model_version`

const selectScreenings = `SELECT ` + screeningCols + ` FROM screenings s`

// scanScreening scans the screeningCols columns, followed by extra.
func scanScreening(r scanner, extra ...any) (Screening, error) {
	var (
		sc    Screening
		at    int64
		ids   string
		text  sql.NullString
		model sql.NullString
	)
	dest := append([]any{&sc.ID, &at, &sc.ChatType, &sc.ChatID, &sc.Source, &sc.Level,
		&sc.Score, &sc.IsJobAd, &ids, &sc.TextHash, &text, &sc.RulesVersion, &model}, extra...)
	if err := r.Scan(dest...); err != nil {
		return Screening{}, err
	}
	sc.Time = fromMillis(at)
	sc.Text = text.String
	sc.ModelVersion = model.String
	if err := json.Unmarshal([]byte(ids), &sc.RuleIDs); err != nil {
		return Screening{}, fmt.Errorf("decode rule ids of screening %d: %w", sc.ID, err)
	}
	if len(sc.RuleIDs) == 0 {
		sc.RuleIDs = nil
	}
	return sc, nil
}

// SaveVerdict stores the verdict JSON of a screening for ttl and returns
// a new random token (22 characters of A-Za-z0-9_-, usable as a Telegram
// deep-link start parameter). The JSON is stored as given: with
// StoreText off, callers must not put message text in it. With a [Unit]
// in ctx the write waits for the unit's commit.
func (s *Store) SaveVerdict(ctx context.Context, screeningID int64, verdictJSON []byte, ttl time.Duration) (string, error) {
	v, err := s.verdictRow(screeningID, verdictJSON, ttl)
	if err != nil {
		return "", fmt.Errorf("store: save verdict: %w", err)
	}
	if u := s.unitOf(ctx); u != nil {
		u.verdicts = append(u.verdicts, v)
		return v.token, nil
	}
	_, err = s.st.verdict.ExecContext(ctx, v.token, v.screeningID, v.data, v.created, v.exp)
	if isForeignKeyErr(err) {
		return "", fmt.Errorf("store: save verdict: screening %d: %w", screeningID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("store: save verdict: %w", err)
	}
	return v.token, nil
}

// Verdict returns the screening id and verdict JSON saved under token.
// ok is false when the token is unknown or expired.
func (s *Store) Verdict(ctx context.Context, token string) (screeningID int64, verdictJSON []byte, ok bool, err error) {
	err = s.db.QueryRowContext(ctx,
		`SELECT screening_id, verdict FROM verdicts WHERE token = ? AND expires_at > ?`,
		token, millis(s.now())).Scan(&screeningID, &verdictJSON)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, false, nil
	}
	if err != nil {
		return 0, nil, false, fmt.Errorf("store: verdict: %w", err)
	}
	return screeningID, verdictJSON, true, nil
}
